package dev.gojack;

import dev.gojack.internal.Problems;
import dev.gojack.internal.nat.Native;
import dev.gojack.internal.patch.AbstractPatch;
import dev.gojack.internal.patch.PatchRegistry;

import java.nio.charset.StandardCharsets;

/**
 * A package variable of a loaded library: typed reads, and patches that set it until closed (gomonkey's
 * {@code ApplyGlobalVar} and {@code ApplyFuncVar}). Sizes are checked: an {@code int64} value only goes into
 * an 8-byte variable, a {@code string} into a 16-byte one.
 *
 * <p>Go code may keep writing the variable while it is patched; closing the patch puts the value back that
 * the variable held before the patch, whatever Go wrote in between.
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
            throw new IllegalArgumentException("Cannot read " + name() + " in " + library.path() + " as " + goType
                    + ": the variable has " + size() + " bytes, a " + goType + " has " + bytes + ".");
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
     * @throws UnreadableMemoryException if the variable's data pointer and length do not describe readable
     *                                   memory (the variable is not a string); nothing is read then
     */
    public String getString() {
        expectSize(16, "string");
        long data = memory().getLong(0);
        long length = memory().getLong(8);
        if (length < 0 || length > Integer.MAX_VALUE - 8) {
            throw Problems.unreadable(name(), library.path(), "a string", "its length word " + length + " is no "
                    + "string length (0 to " + (Integer.MAX_VALUE - 8) + " bytes)");
        }
        byte[] bytes = dev.gojack.internal.nat.ReadableMemory.read(data, (int) length).orElseThrow(() ->
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
        if (value.kind().size() != size()) {
            throw Problems.refused(name(), library.path(), "the variable has " + size() + " bytes, but " + value
                    + " is a " + value.kind().goName() + " of " + value.kind().size() + " bytes.");
        }
        return write(library.values().memoryImage(value), "= " + value);
    }

    /** Makes this func variable hold the func value of {@code otherVariable} until the patch is closed. */
    public Patch setFuncValue(String otherVariable) {
        LiveVariable other = library.variable(otherVariable);
        if (size() != 8 || other.size() != 8) {
            throw Problems.refused(name(), library.path(), "both " + name() + " (" + size() + " bytes) and "
                    + otherVariable + " (" + other.size() + " bytes) must be func values (8 bytes).");
        }
        return write(other.getBytes(), "= func value of " + otherVariable);
    }

    private Patch write(byte[] image, String what) {
        synchronized (PatchRegistry.LOCK) {
            VariablePatch patch = new VariablePatch(library.registry(), this, getBytes(), image, what);
            store(image);
            library.registry().register(patch);
            return patch;
        }
    }

    /** Word by word, each an aligned store, so no Go reader sees a torn word. */
    private void store(byte[] image) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        jnr.ffi.Pointer p = memory();
        int i = 0;
        for (; i + 8 <= image.length; i += 8) {
            p.putLong(i, b.getLong(i));
        }
        for (; i < image.length; i++) {
            p.putByte(i, image[i]);
        }
    }

    private static final class VariablePatch extends AbstractPatch {
        private final LiveVariable variable;
        private final byte[] original;
        private final String what;

        VariablePatch(PatchRegistry registry, LiveVariable variable, byte[] original, byte[] image, String what) {
            super(registry, variable.name());
            this.variable = variable;
            this.original = original;
            this.what = what;
        }

        @Override
        public String describe() {
            return variable.name() + " " + what;
        }

        @Override
        public boolean isRunningSafe() {
            return variable.size() <= 8;
        }

        @Override
        protected void restore() {
            variable.store(original);
        }
    }
}
