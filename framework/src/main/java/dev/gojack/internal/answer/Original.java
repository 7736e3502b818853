package dev.gojack.internal.answer;

import com.kenai.jffi.CallContext;
import com.kenai.jffi.CallingConvention;
import com.kenai.jffi.Invoker;
import com.kenai.jffi.MemoryIO;
import com.kenai.jffi.Type;
import dev.gojack.GoInterface;
import dev.gojack.GoResults;
import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.amd64.Amd64AnswerStub;
import dev.gojack.internal.dwarf.Parameter;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;
import dev.gojack.internal.nat.RawMemory;

import java.util.List;

/**
 * Runs an answered function's original body for {@code GoCall.callOriginal()}: Java enters the registered
 * {@code gojack.original(<target>)} function through the library's {@code crosscall2} (the C-to-Go path of every
 * export), which runs it on the goroutine inside the answer's cgo call. It re-reads the arguments from the answer
 * stub's frame, calls the original past its stack check and stores the results into the answer stub's result
 * slots, whose pointer words the stub's pointer map marks: from there they are decoded, strings and
 * {@code []byte} copied at once.
 */
final class Original {
    /** {@code void crosscall2(void (*fn)(void *), void *a, int n, uintptr_t ctxt)}. */
    private static final CallContext CROSSCALL2 = CallContext.getCallContext(Type.VOID, new Type[] {Type.POINTER,
            Type.POINTER, Type.SINT32, Type.POINTER}, CallingConvention.DEFAULT, false);
    private static final MemoryIO IO = MemoryIO.getInstance();

    private final long crosscall2;
    private final long function;
    private final List<Parameter> results;
    private final AbiAssignment abi;
    private final int resultWords;

    Original(long crosscall2, long function, List<Parameter> results, AbiAssignment abi) {
        this.crosscall2 = crosscall2;
        this.function = function;
        this.results = results;
        this.abi = abi;
        this.resultWords = abi.results().stream().mapToInt(v -> v.pieces().size()).sum();
    }

    /** The results the original gave, decoded, and the raw slot words they came from. */
    record Outcome(GoResults results, Object[] values, long[] words) {
    }

    /** Runs the original for the answered call whose stub frame is {@code belowHi} bytes below {@code g}'s stack.hi. */
    Outcome run(long g, long belowHi) {
        long block = IO.allocateMemory(8, false);
        try {
            IO.putLong(block, belowHi);
            // ctxt 0: no cgo traceback context, as an export called without one.
            Invoker.getInstance().invokeN4(CROSSCALL2, crosscall2, function, block, 8, 0);
        } finally {
            IO.freeMemory(block);
        }
        long frame = RawMemory.getLong(g + 8) - belowHi;
        long[] words = new long[resultWords];
        for (int i = 0; i < resultWords; i++) {
            words[i] = RawMemory.getLong(frame + Amd64AnswerStub.FIRST_RESULT_SLOT - 8L * i);
        }
        Object[] values = new Object[results.size()];
        long image = IO.allocateMemory(Math.max(8, maxImage()), true);
        try {
            int w = 0;
            for (int i = 0; i < values.length; i++) {
                AbiAssignment.Value v = abi.results().get(i);
                TypeInfo type = results.get(i).type();
                for (AbiAssignment.Piece piece : v.pieces()) {
                    put(image + piece.offset(), piece.size(), words[w++]);
                }
                values[i] = decode(image, type);
            }
        } finally {
            IO.freeMemory(image);
        }
        return new Outcome(GoResults.of(values), values, words);
    }

    private int maxImage() {
        long max = 8;
        for (Parameter p : results) {
            max = Math.max(max, (p.type().size() + 7) & ~7);
        }
        return (int) max;
    }

    private static void put(long at, int size, long word) {
        switch (size) {
            case 1 -> IO.putByte(at, (byte) word);
            case 2 -> IO.putShort(at, (short) word);
            case 4 -> IO.putInt(at, (int) word);
            default -> IO.putLong(at, word);
        }
    }

    private static Object decode(long address, TypeInfo type) {
        if (type.kind() == TypeKind.INTERFACE) {
            long typeWord = RawMemory.getLong(address);
            return typeWord == 0 ? null : GoInterface.of(typeWord, RawMemory.getLong(address + 8));
        }
        return Codec.decode(address, type);
    }

    /** The slot words a result value takes, for the answer-stub pointer map: true where a word is a pointer. */
    static boolean[] resultPointers(AbiAssignment abi, List<Parameter> results) {
        int words = abi.results().stream().mapToInt(v -> v.pieces().size()).sum();
        boolean[] bits = new boolean[words];
        int w = 0;
        for (int i = 0; i < results.size(); i++) {
            TypeKind k = results.get(i).type().kind();
            for (AbiAssignment.Piece piece : abi.results().get(i).pieces()) {
                // The data word of a string, slice or interface, or a pointer-shaped value; never a type or itab word.
                boolean data = switch (k) {
                    case STRING, SLICE -> piece.offset() == 0;
                    case INTERFACE -> piece.offset() == 8;
                    default -> k.isPointerShaped() && piece.offset() == 0;
                };
                bits[w++] = data;
            }
        }
        return bits;
    }
}
