package dev.gojack.internal.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reads over the bytes of a file. Every parser of untrusted bytes reads
 * through this class, so a crafted file produces a {@link MalformedInputException} instead of an
 * {@code IndexOutOfBoundsException} or a huge allocation.
 */
public final class ByteView {
    private final ByteBuffer buffer;

    public ByteView(ByteBuffer buffer) {
        this.buffer = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public long size() {
        return buffer.capacity();
    }

    public boolean contains(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size() && length <= size() - offset;
    }

    private int check(long offset, int length, String what) {
        if (!contains(offset, length)) {
            throw new MalformedInputException(what + " at file offset 0x" + Long.toHexString(offset)
                    + " (+" + length + " bytes) lies outside the file (" + size() + " bytes)");
        }
        return (int) offset;
    }

    public int u8(long offset) {
        return buffer.get(check(offset, 1, "byte")) & 0xff;
    }

    public int u16(long offset) {
        return buffer.getShort(check(offset, 2, "u16")) & 0xffff;
    }

    public long u32(long offset) {
        return buffer.getInt(check(offset, 4, "u32")) & 0xffffffffL;
    }

    public int i32(long offset) {
        return buffer.getInt(check(offset, 4, "i32"));
    }

    public long u64(long offset) {
        return buffer.getLong(check(offset, 8, "u64"));
    }

    public byte[] bytes(long offset, int length) {
        if (length < 0) {
            throw new MalformedInputException("negative length " + length);
        }
        int start = check(offset, length, "byte range"); // before allocating: a crafted length fails here
        byte[] out = new byte[length];
        buffer.get(start, out, 0, length);
        return out;
    }

    /** A NUL-terminated string of at most {@code maxLength} bytes. */
    public String cString(long offset, int maxLength) {
        int start = check(offset, 0, "string");
        int end = start;
        int limit = (int) Math.min(size(), (long) start + maxLength);
        while (end < limit && buffer.get(end) != 0) {
            end++;
        }
        if (end == limit) {
            throw new MalformedInputException("unterminated string at file offset 0x" + Long.toHexString(offset));
        }
        return string(start, end - start);
    }

    /** A read-only view of {@code length} bytes at {@code offset}, checked before it is made. */
    public ByteBuffer slice(long offset, int length) {
        int start = check(offset, length, "byte range");
        return buffer.slice(start, length).asReadOnlyBuffer();
    }

    public String string(long offset, int length) {
        return new String(bytes(offset, length), StandardCharsets.UTF_8);
    }

    /** Index of the first occurrence of {@code pattern} at or after {@code from} (step {@code align}), or -1. */
    public long indexOf(byte[] pattern, long from, long to, int align) {
        long end = Math.min(to, size() - pattern.length);
        long start = from + ((align - (from % align)) % align);
        outer:
        for (long i = start; i <= end; i += align) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer.get((int) i + j) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
