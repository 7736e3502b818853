package dev.gojack.internal.patch;

/**
 * A package variable set to a new value. Closing it follows {@link VariableStack}: the newest open patch of the
 * variable wins, the last one closed puts back the value the variable held before the first.
 */
final class VariablePatch extends AbstractPatch {
    private final long address;
    private final long size;
    private final byte[] image;
    private final String what;

    VariablePatch(Patcher registry, String variable, long address, long size, byte[] image, String what) {
        super(registry, variable);
        this.address = address;
        this.size = size;
        this.image = image.clone();
        this.what = what;
    }

    long address() {
        return address;
    }

    /** The bytes this patch put in the variable. */
    byte[] image() {
        return image;
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
        registry.unsetVariable(this);
    }
}
