package dev.gojack.internal.elf;

/** One entry of {@code .symtab} or {@code .dynsym}. */
public record ElfSymbol(String name, long value, long size, int type, int binding, int sectionIndex) {
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_TLS = 6;

    public boolean isFunction() {
        return type == STT_FUNC;
    }

    public boolean isObject() {
        return type == STT_OBJECT;
    }

    public boolean isDefined() {
        return sectionIndex != 0;
    }
}
