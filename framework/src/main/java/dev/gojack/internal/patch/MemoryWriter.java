package dev.gojack.internal.patch;

import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.nat.Native;
import jnr.ffi.Pointer;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The one class that changes code bytes of the library. For each batch: check every byte it will replace,
 * make the touched pages writable (and still executable, since other threads may be running code on them)
 * for the shortest time, store, put the original protection back, and make every core serialise.
 */
public final class MemoryWriter {
    private final LibraryMappings mappings;

    public MemoryWriter(LibraryMappings mappings) {
        this.mappings = mappings;
    }

    /** Bytes currently in memory at {@code address}. */
    public static byte[] read(long address, int length) {
        byte[] out = new byte[length];
        Native.memory(address).get(0, out, 0, length);
        return out;
    }

    /**
     * Applies {@code writes} in order, with a serialisation barrier after each one (a padding jump must be
     * visible everywhere before the entry store that leads to it).
     *
     * @throws ByteMismatch when memory does not hold a write's expected bytes; nothing is written then
     */
    public void apply(List<CodeWrite> writes) {
        for (CodeWrite w : writes) {
            byte[] now = read(w.address(), w.expected().length);
            if (!Arrays.equals(now, w.expected())) {
                throw new ByteMismatch(w, now);
            }
        }
        int page = Native.pageSize();
        TreeSet<Long> pages = new TreeSet<>();
        for (CodeWrite w : writes) {
            for (long p = w.address() & -page; p < w.address() + w.replacement().length; p += page) {
                pages.add(p);
            }
        }
        // Raised inside the try: if raising the second page fails, the first is lowered again.
        try {
            for (long p : pages) {
                Native.protect(p, page, mappings.protectionOf(p) | Native.PROT_WRITE | Native.PROT_EXEC);
            }
            for (CodeWrite w : writes) {
                store(w);
                Native.serialiseAllCores();
            }
        } finally {
            RestorePolicy.restoreNewestFirst(List.copyOf(pages), p -> false,
                    p -> Native.protect(p, page, mappings.protectionOf(p)));
        }
    }

    /** The 8-byte word at {@code address} (data GoJack owns, e.g. a stub's call counter). */
    public static long readWord(long address) {
        return Native.memory(address).getLong(0);
    }

    /**
     * One aligned 8-byte store into writable data (a dispatch slot, an interface's type word): a Go thread
     * reading it concurrently sees the old or the new word, never a mix.
     */
    public static void storeWord(long address, long value) {
        Native.memory(address).putLong(0, value);
    }

    /** {@code image} stored word by word, each an aligned store, so no Go reader sees a torn word. */
    public static void storeWords(long address, byte[] image) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(image).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Pointer p = Native.memory(address);
        int i = 0;
        for (; i + 8 <= image.length; i += 8) {
            p.putLong(i, b.getLong(i));
        }
        for (; i < image.length; i++) {
            p.putByte(i, image[i]);
        }
    }

    /**
     * One aligned store of {@code width} (4 or 8) bytes into the library's data — read-only data such as a
     * {@code _func} record, or writable data such as moduledata — replacing {@code expected} by {@code value}.
     */
    public record DataStore(long address, int width, long expected, long value) {
        public DataStore {
            if (width != 4 && width != 8 || address % width != 0) {
                throw new IllegalArgumentException("a data store is 4 or 8 naturally aligned bytes");
            }
        }
    }

    /**
     * Applies {@code stores} in order. Pages that are not writable are made writable (never executable) for
     * the stores only; a page of code is refused. Each store is one aligned store instruction, so a thread
     * reading the word sees the old or the new value.
     *
     * @throws IllegalStateException when a word does not hold its expected value; nothing is written then
     */
    public void storeData(List<DataStore> stores) {
        for (DataStore d : stores) {
            long now = d.width() == 4 ? Native.memory(d.address()).getInt(0) & 0xffffffffL
                    : Native.memory(d.address()).getLong(0);
            if (now != d.expected()) {
                throw new IllegalStateException("0x" + Long.toHexString(d.address()) + " holds 0x" + Long.toHexString(now)
                        + ", not the expected 0x" + Long.toHexString(d.expected()));
            }
        }
        int page = Native.pageSize();
        TreeSet<Long> pages = new TreeSet<>();
        for (DataStore d : stores) {
            long p = d.address() & -page;
            int protection = mappings.protectionOf(p);
            if ((protection & Native.PROT_EXEC) != 0) {
                throw new IllegalArgumentException("0x" + Long.toHexString(d.address()) + " is code, not data");
            }
            if ((protection & Native.PROT_WRITE) == 0) {
                pages.add(p);
            }
        }
        for (long p : pages) {
            Native.protect(p, page, mappings.protectionOf(p) | Native.PROT_WRITE);
        }
        try {
            for (DataStore d : stores) {
                if (d.width() == 4) {
                    Native.memory(d.address()).putInt(0, (int) d.value());
                } else {
                    Native.memory(d.address()).putLong(0, d.value());
                }
            }
        } finally {
            for (long p : pages) {
                Native.protect(p, page, mappings.protectionOf(p));
            }
        }
    }

    private static void store(CodeWrite w) {
        Pointer p = Native.memory(w.address());
        byte[] b = w.replacement();
        if (w.atomic() && b.length == 8) {
            p.putLong(0, java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        } else if (w.atomic() && b.length == 2) {
            p.putShort(0, (short) ((b[0] & 0xff) | (b[1] & 0xff) << 8));
        } else {
            p.put(0, b, 0, b.length);
        }
    }

    /** Memory did not hold what a write expected. */
    public static final class ByteMismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient CodeWrite write;
        private final byte[] found;

        ByteMismatch(CodeWrite write, byte[] found) {
            super("at " + write + " memory holds " + CodeWrite.hex(found));
            this.write = write;
            this.found = found.clone();
        }

        public CodeWrite write() {
            return write;
        }

        public byte[] found() {
            return found.clone();
        }
    }
}
