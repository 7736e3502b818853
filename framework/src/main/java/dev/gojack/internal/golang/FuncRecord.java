package dev.gojack.internal.golang;

/**
 * What the pclntab says about one function. {@code entry} is a virtual address of the file (load base 0);
 * {@code funcOffset} is the file offset of its {@code _func} record, kept for lazily decoded tables.
 */
public record FuncRecord(int index, String name, long entry, long nextEntry, int argsSize, int funcId, int flag,
                         long funcOffset, int npcdata, int nfuncdata, long pcspOffset) {
    public static final int FLAG_ASM = 4;

    public boolean isAssembly() {
        return (flag & FLAG_ASM) != 0;
    }
}
