package dev.gojack.internal.arch;

import java.util.List;

/**
 * Where a stub puts one row of result bytes when it returns, under the architecture's register ABI: the row
 * starts with one 8-byte word per result register ({@code registers}, in row order), followed by
 * {@code stackBytes} bytes that the stub copies to the caller's result slots on the stack, {@code stackOffset}
 * bytes into the call's argument area ({@link AbiAssignment}: on amd64 at {@code 8(SP)} at the stub's entry).
 * Both parts are whole 8-byte words, so a stub copies words and never writes outside the result area.
 *
 * <p>Made by {@code ResultLayout} from an {@link AbiAssignment}; the row bytes by {@code ValuePlacer}. Any stub that
 * hands Go a list of values as results (GoJack's return stubs, a call back from Go into Java) can place them with
 * it.
 */
public record ResultPlacement(List<RegisterWord> registers, long stackOffset, int stackBytes) {
    public ResultPlacement {
        registers = List.copyOf(registers);
        if (stackBytes % 8 != 0 || stackOffset % 8 != 0) {
            throw new IllegalArgumentException("stack results must be whole words: " + stackOffset + ", "
                    + stackBytes);
        }
    }

    /**
     * One result register: its row word is loaded whole into an integer register, or into the floating-point
     * register ({@code single}: only its low 32 bits, a {@code float32}).
     */
    public record RegisterWord(AbiAssignment.Register register, boolean single) {
    }

    /** Bytes of one row: the register words, then the stack part. */
    public int rowSize() {
        return 8 * registers.size() + stackBytes;
    }
}
