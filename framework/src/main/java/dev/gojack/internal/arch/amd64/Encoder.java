package dev.gojack.internal.arch.amd64;

import java.io.ByteArrayOutputStream;

/** Appends little-endian bytes; the stubs are short, so no cleverness. */
final class Encoder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    Encoder u8(int b) {
        out.write(b);
        return this;
    }

    Encoder u32(int v) {
        for (int i = 0; i < 4; i++) {
            out.write(v >>> (8 * i));
        }
        return this;
    }

    Encoder u64(long v) {
        for (int i = 0; i < 8; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    Encoder bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    int size() {
        return out.size();
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
