package dev.gojack;

import java.util.Objects;

/**
 * A Go package variable: its name, address and size in bytes. Obtained from a {@link GoLibrary}, it can also
 * be read and patched; from a {@link GoBinary} it only describes the file.
 */
public class GoVariable {
    private final String name;
    private final long fileAddress;
    private final long loadBase;
    private final long size;

    GoVariable(String name, long fileAddress, long loadBase, long size) {
        this.name = name;
        this.fileAddress = fileAddress;
        this.loadBase = loadBase;
        this.size = size;
    }

    /** The name exactly as Go prints it: {@code main.counter}, {@code io.EOF}. */
    public String name() {
        return name;
    }

    /** Address in this process for a loaded library, the file's virtual address for a {@link GoBinary}. */
    public long address() {
        return loadBase + fileAddress;
    }

    public long fileAddress() {
        return fileAddress;
    }

    /** Size in bytes ({@code int64}: 8, {@code string}: 16, an interface: 16). */
    public long size() {
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoVariable v && v.name.equals(name) && v.address() == address();
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, address());
    }

    @Override
    public String toString() {
        return name + "@0x" + Long.toHexString(address()) + " (" + size + " bytes)";
    }
}
