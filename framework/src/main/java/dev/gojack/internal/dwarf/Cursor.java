package dev.gojack.internal.dwarf;

import dev.gojack.internal.elf.MalformedInputException;

import java.nio.charset.StandardCharsets;

/** A read position in a {@link DwarfSection}: fixed-size little-endian values, LEB128, C strings. */
final class Cursor {
    private static final int MAX_STRING = 64 * 1024;

    private final DwarfSection section;
    private byte[] data;
    private int available;
    long position;

    Cursor(DwarfSection section, long position) {
        this.section = section;
        this.position = position;
        this.data = section.array();
        this.available = section.available();
    }

    int u8() {
        if (position >= available || position < 0) {
            section.ensure(position + 1);
            data = section.array();
            available = section.available();
        }
        return data[(int) position++] & 0xff;
    }

    long u16() {
        long v = section.u16(position);
        position += 2;
        return v;
    }

    long u32() {
        long v = section.u32(position);
        position += 4;
        return v;
    }

    long u64() {
        long v = section.u64(position);
        position += 8;
        return v;
    }

    long fixed(int size) {
        return switch (size) {
            case 1 -> u8();
            case 2 -> u16();
            case 4 -> u32();
            case 8 -> u64();
            default -> throw new MalformedInputException("unsupported value size " + size);
        };
    }

    long uleb() {
        long result = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            if ((b & 0x80) == 0) {
                return result;
            }
            if (shift > 70) {
                throw new MalformedInputException("LEB128 value longer than 10 bytes in " + section.name());
            }
        }
    }

    long sleb() {
        long result = 0;
        int shift = 0;
        int b;
        do {
            b = u8();
            if (shift < 64) {
                result |= (long) (b & 0x7f) << shift;
            }
            shift += 7;
            if (shift > 77) {
                throw new MalformedInputException("LEB128 value longer than 10 bytes in " + section.name());
            }
        } while ((b & 0x80) != 0);
        if (shift < 64 && (b & 0x40) != 0) {
            result |= -1L << shift;
        }
        return result;
    }

    String cString() {
        long start = position;
        skipString();
        int length = (int) (position - 1 - start);
        return new String(data, (int) start, length, StandardCharsets.UTF_8);
    }

    /** Moves past a NUL-terminated string without decoding it. */
    void skipString() {
        for (int i = 0; i < MAX_STRING; i++) {
            if (u8() == 0) {
                return;
            }
        }
        throw new MalformedInputException("string longer than " + MAX_STRING + " bytes in " + section.name());
    }

    void skip(long n) {
        if (n < 0 || n > section.size() - position) {
            throw new MalformedInputException("block of " + n + " bytes runs past the end of " + section.name());
        }
        position += n;
    }
}
