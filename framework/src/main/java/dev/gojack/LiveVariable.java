package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.nat.ReadableMemory;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A package variable of a loaded library: typed reads, and patches that set it until closed (gomonkey's
 * {@code ApplyGlobalVar} and {@code ApplyFuncVar}). Sizes are checked: an {@code int64} value only goes into
 * an 8-byte variable, a {@code string} into a 16-byte one.
 *
 * <p>Go code may keep writing the variable while it is patched; closing the last open patch of the variable
 * puts back the value it held before the first, whatever Go wrote in between. Nested patches of one variable
 * behave like nested redirects: the newest open patch's value is in the variable, closing a patch below it
 * changes nothing, and they may be closed in any order.
 */
public final class LiveVariable extends GoVariable {
    private final GoLibrary library;

    LiveVariable(GoLibrary library, String name, long fileAddress, long loadBase, long size) {
        super(name, fileAddress, loadBase, size);
        this.library = library;
    }

    private jnr.ffi.Pointer memory() {
        return Native.memory(address());
    }

    private void expectSize(int bytes, String goType) {
        if (size() != bytes) {
            throw Problems.wrongReadSize(name(), library.path(), goType, size(), bytes);
        }
    }

    public long getInt64() {
        expectSize(8, "int64");
        return memory().getLong(0);
    }

    public int getInt32() {
        expectSize(4, "int32");
        return memory().getInt(0);
    }

    public short getInt16() {
        expectSize(2, "int16");
        return memory().getShort(0);
    }

    public byte getInt8() {
        expectSize(1, "int8");
        return memory().getByte(0);
    }

    public boolean getBool() {
        expectSize(1, "bool");
        return memory().getByte(0) != 0;
    }

    public double getFloat64() {
        expectSize(8, "float64");
        return memory().getDouble(0);
    }

    public float getFloat32() {
        expectSize(4, "float32");
        return memory().getFloat(0);
    }

    /** A pointer-sized value: a pointer, map, chan, func value or {@code uintptr}. */
    public long getPointer() {
        expectSize(8, "pointer");
        return memory().getLong(0);
    }

    /**
     * The string's bytes decoded as UTF-8.
     *
     * @throws InvalidArgumentException  if the variable is not 16 bytes, or its length word is no string length
     * @throws UnreadableMemoryException if the variable's data pointer and length do not describe readable
     *                                   memory (the variable is not a string); nothing is read then
     */
    public String getString() {
        expectSize(16, "string");
        long data = memory().getLong(0);
        long length = memory().getLong(8);
        // A length no Java array can hold is no string's; a length that is one is checked against readable memory.
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw Problems.notAString(name(), library.path(), length);
        }
        byte[] bytes = ReadableMemory.read(data, (int) length).orElseThrow(() ->
                Problems.unreadable(name(), library.path(), "a string", "its data pointer "
                        + Problems.notReadable(data, length)));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The variable's raw bytes. */
    public byte[] getBytes() {
        byte[] out = new byte[(int) size()];
        memory().get(0, out, 0, out.length);
        return out;
    }

    /** Sets the variable to {@code value} until the returned patch is closed. */
    public Patch set(GoValue value) {
        Objects.requireNonNull(value, "value");
        if (value.kind().size() != size()) {
            throw Problems.variableSizeMismatch(name(), library.path(), size(), value, value.kind().goName(),
                    value.kind().size());
        }
        return write(library.patcher().memoryImage(value), "= " + value);
    }

    /** Makes this func variable hold the func value of {@code otherVariable} until the patch is closed. */
    public Patch setFuncValue(String otherVariable) {
        Objects.requireNonNull(otherVariable, "otherVariable");
        LiveVariable other = library.variable(otherVariable);
        if (size() != 8 || other.size() != 8) {
            throw Problems.notFuncValues(name(), library.path(), size(), otherVariable, other.size());
        }
        return write(other.getBytes(), "= func value of " + otherVariable);
    }

    private Patch write(byte[] image, String what) {
        return library.patcher().setVariable(name(), address(), size(), image, what);
    }
}
