package dev.gojack.internal.dwarf;

import dev.gojack.internal.elf.ByteView;
import dev.gojack.internal.elf.ElfSection;
import dev.gojack.internal.elf.MalformedInputException;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The bytes of one DWARF section, stored plainly or {@code SHF_COMPRESSED} with zlib. A compressed section is
 * inflated only as far as a read needs: DWARF consumers here read a few compilation units and types, and the
 * first of them often lie well before the end of a multi-megabyte {@code .debug_info}. Every read is
 * bounds-checked against the section's (declared) size, so a crafted file gives a
 * {@link MalformedInputException}, and the buffer grows with the bytes actually produced, never with a size the
 * file merely claims.
 */
final class DwarfSection {
    static final long SHF_COMPRESSED = 0x800;
    private static final int ELFCOMPRESS_ZLIB = 1;
    private static final int CHDR_SIZE = 24;
    /** Upper bound on an inflated section: 512 MiB, far above any real library's DWARF. */
    private static final long MAX_SIZE = 512L << 20;
    private static final int STEP = 256 * 1024;

    private final String name;
    private final long size;
    private final ByteView plain;
    private final long plainOffset;
    private byte[] data;
    private int available;
    private Inflater inflater;

    private DwarfSection(String name, long size, ByteView plain, long plainOffset, Inflater inflater) {
        this.name = name;
        this.size = size;
        this.plain = plain;
        this.plainOffset = plainOffset;
        this.inflater = inflater;
        this.data = inflater == null ? new byte[0] : new byte[(int) Math.min(size, STEP)];
    }

    static DwarfSection of(ByteView file, ElfSection s) {
        if (s.type() == ElfSection.SHT_NOBITS || !file.contains(s.offset(), s.size())) {
            throw new MalformedInputException("section " + s.name() + " lies outside the file");
        }
        if ((s.flags() & SHF_COMPRESSED) == 0) {
            return new DwarfSection(s.name(), s.size(), file, s.offset(), null);
        }
        if (s.size() < CHDR_SIZE) {
            throw new MalformedInputException("compressed section " + s.name() + " is shorter than its header");
        }
        long type = file.u32(s.offset());
        long declared = file.u64(s.offset() + 8);
        if (type != ELFCOMPRESS_ZLIB) {
            throw new MalformedInputException("section " + s.name() + " is compressed with unknown method " + type);
        }
        if (declared < 0 || declared > MAX_SIZE) {
            throw new MalformedInputException("section " + s.name() + " claims " + declared + " inflated bytes");
        }
        ByteBuffer compressed = file.slice(s.offset() + CHDR_SIZE, (int) (s.size() - CHDR_SIZE));
        Inflater inflater = new Inflater();
        inflater.setInput(compressed);
        return new DwarfSection(s.name(), declared, null, 0, inflater);
    }

    /** A section given as plain bytes (tests). */
    static DwarfSection ofBytes(String name, byte[] bytes) {
        return new DwarfSection(name, bytes.length, new ByteView(ByteBuffer.wrap(bytes)), 0, null);
    }

    String name() {
        return name;
    }

    long size() {
        return size;
    }

    /** Bytes inflated so far (the whole size for a plain section): what reading has cost. */
    long inflated() {
        return available;
    }

    /**
     * The section's bytes, valid up to {@link #available()}; call {@link #ensure} first. A plain section is copied
     * out of the file on first use (reads then stay on a byte array, the fast path for a cold JVM).
     */
    byte[] array() {
        return data;
    }

    int available() {
        return available;
    }

    /** Makes bytes {@code [0, end)} available; throws if {@code end} lies beyond the section. */
    void ensure(long end) {
        if (end > size || end < 0) {
            throw new MalformedInputException(name + " offset 0x" + Long.toHexString(end - 1)
                    + " lies outside the section (" + size + " bytes)");
        }
        if (end <= available) {
            return;
        }
        if (plain != null) {
            data = plain.bytes(plainOffset, (int) size);
            available = (int) size;
            return;
        }
        fill(end);
    }

    int u8(long offset) {
        if (offset < 0 || offset >= available) {
            ensure(offset + 1);
        }
        return data[(int) offset] & 0xff;
    }

    long u16(long offset) {
        return u8(offset) | (long) u8(offset + 1) << 8;
    }

    long u32(long offset) {
        return u16(offset) | u16(offset + 2) << 16;
    }

    long u64(long offset) {
        return u32(offset) | u32(offset + 4) << 32;
    }

    /** Inflates until {@code end} bytes are available. */
    private void fill(long end) {
        try {
            while (available < end) {
                if (inflater == null || inflater.finished() || inflater.needsInput()) {
                    throw new MalformedInputException(name + " inflates to " + available + " bytes, less than the "
                            + size + " its header declares");
                }
                if (available == data.length) {
                    data = Arrays.copyOf(data, (int) Math.min(size, Math.max((long) data.length * 2, end)));
                }
                // Ask for little more than needed: the rest of a large section may never be read.
                int want = (int) Math.min(data.length - available, Math.max(end - available, 0) + STEP / 4);
                int n = inflater.inflate(data, available, want);
                if (n == 0 && inflater.needsDictionary()) {
                    throw new MalformedInputException(name + " needs a preset zlib dictionary");
                }
                available += n;
            }
            if (available == size && inflater != null) {
                inflater.end();
                inflater = null;
            }
        } catch (DataFormatException e) {
            throw new MalformedInputException(name + " is not valid zlib data (" + e.getMessage() + ")");
        }
    }
}
