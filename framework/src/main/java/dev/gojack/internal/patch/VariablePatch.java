package dev.gojack.internal.patch;

/** A package variable set to a new value; closing stores the value it held before. */
final class VariablePatch extends AbstractPatch {
    private final long address;
    private final long size;
    private final byte[] original;
    private final String what;

    VariablePatch(Patcher registry, String variable, long address, long size, byte[] original, String what) {
        super(registry, variable);
        this.address = address;
        this.size = size;
        this.original = original.clone();
        this.what = what;
    }

    @Override
    public String describe() {
        return target() + " " + what;
    }

    @Override
    public boolean isRunningSafe() {
        return size <= 8;
    }

    @Override
    protected void restore() {
        MemoryWriter.storeWords(address, original);
    }
}
