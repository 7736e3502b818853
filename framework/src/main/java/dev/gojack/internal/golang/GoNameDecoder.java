package dev.gojack.internal.golang;

import dev.gojack.internal.elf.ElfFile;

import java.nio.charset.StandardCharsets;

/**
 * Decodes Go's {@code abi.Name} encoding (Go 1.17+): a flags byte ({@code 1} exported, {@code 2} a tag follows,
 * {@code 4} a package-path name offset follows, {@code 8} embedded field), a uvarint length, the bytes of the
 * name, then optionally a uvarint tag length and the tag, then optionally a 4-byte package-path
 * {@code NameOff}. Names are not aligned and live in read-only data, so they are read from the file directly.
 */
public final class GoNameDecoder {
    public static final int FLAG_EXPORTED = 1;
    public static final int FLAG_TAG = 2;
    public static final int FLAG_PKG_PATH = 4;
    public static final int FLAG_EMBEDDED = 8;

    /** Longest name accepted; longer lengths mean the address does not hold a name. */
    private static final int MAX_LENGTH = 1 << 16;

    private GoNameDecoder() {
    }

    /** A decoded name. {@code pkgPathOffset} is the package path's NameOff, or -1 when there is none. */
    public record GoName(String name, int flags, String tag, long pkgPathOffset) {
        public boolean isExported() {
            return (flags & FLAG_EXPORTED) != 0;
        }
    }

    /**
     * The name at file virtual address {@code address}.
     *
     * @throws IllegalArgumentException if the bytes there cannot be a name (bad length, invalid UTF-8)
     */
    public static GoName read(ElfFile elf, long address) {
        int flags = elf.u8At(address);
        if ((flags & ~0x0f) != 0) {
            throw new IllegalArgumentException("name flags 0x" + Integer.toHexString(flags) + " at 0x"
                    + Long.toHexString(address));
        }
        long[] length = uvarint(elf, address + 1);
        String name = text(elf, address + 1 + length[1], length[0]);
        long next = address + 1 + length[1] + length[0];
        String tag = "";
        if ((flags & FLAG_TAG) != 0) {
            long[] tagLength = uvarint(elf, next);
            tag = text(elf, next + tagLength[1], tagLength[0]);
            next += tagLength[1] + tagLength[0];
        }
        long pkgPath = -1;
        if ((flags & FLAG_PKG_PATH) != 0) {
            byte[] b = elf.bytesAt(next, 4);
            pkgPath = (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (long) (b[3] & 0xff) << 24;
            pkgPath = (int) pkgPath;
        }
        return new GoName(name, flags, tag, pkgPath);
    }

    /** {value, number of bytes} of the uvarint at {@code address}. */
    private static long[] uvarint(ElfFile elf, long address) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            int b = elf.u8At(address + i);
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (value > MAX_LENGTH) {
                    throw new IllegalArgumentException("name length " + value + " at 0x" + Long.toHexString(address));
                }
                return new long[] {value, i + 1};
            }
        }
        throw new IllegalArgumentException("unterminated name length at 0x" + Long.toHexString(address));
    }

    private static String text(ElfFile elf, long address, long length) {
        if (length == 0) {
            return "";
        }
        byte[] bytes = elf.bytesAt(address, (int) length);
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("name at 0x" + Long.toHexString(address) + " is not UTF-8", e);
        }
    }
}
