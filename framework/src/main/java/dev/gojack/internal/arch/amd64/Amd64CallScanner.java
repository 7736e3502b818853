package dev.gojack.internal.arch.amd64;

import java.util.function.LongConsumer;

/**
 * Finds the direct calls ({@code CALL rel32}, {@code E8}) in a function's code by decoding it instruction by
 * instruction with {@link Amd64InstructionDecoder}, so that an {@code E8} byte inside another instruction's
 * immediate or displacement is never taken for a call. Stops at the first bytes it cannot decode (data in text,
 * padding of an unknown form): calls after them are missed rather than invented.
 */
public final class Amd64CallScanner {
    private static final Amd64InstructionDecoder DECODER = new Amd64InstructionDecoder();

    private Amd64CallScanner() {
    }

    /** Reports the target of every direct call in {@code code}, which starts at virtual address {@code address}. */
    public static void calls(byte[] code, long address, LongConsumer target) {
        int at = 0;
        while (at < code.length) {
            int length = DECODER.length(code, at, code.length);
            if (length <= 0) {
                return;
            }
            if (length == 5 && (code[at] & 0xff) == 0xe8) {
                int rel = (code[at + 1] & 0xff) | (code[at + 2] & 0xff) << 8 | (code[at + 3] & 0xff) << 16
                        | code[at + 4] << 24;
                target.accept(address + at + 5 + rel);
            }
            at += length;
        }
    }
}
