package dev.gojack.internal.answer;

import dev.gojack.GoAnswer;
import dev.gojack.GoFunction;
import dev.gojack.GoResults;
import dev.gojack.GoSignature;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.amd64.Amd64AnswerStub;
import dev.gojack.internal.dwarf.Parameter;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.nat.RawMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One function answered by Java: how to read its arguments from the stub's frame, run the body, and write the
 * results back. {@link #call} runs on the Go thread, inside {@code runtime.cgocall}; nothing it throws leaves it.
 */
final class JavaAnswer {
    private final GoFunction function;
    private final GoSignature signature;
    private final List<Parameter> parameters;
    private final List<Parameter> results;
    private final AbiAssignment abi;
    private final GoAnswer body;
    private final Codec.Place place;
    private final Path library;
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final int resultWords;
    private volatile Original original;
    private volatile String originalRefused = "it was not built";

    JavaAnswer(GoFunction function, GoSignature signature, List<Parameter> parameters, List<Parameter> results,
               AbiAssignment abi, GoAnswer body, Codec.Place place, Path library) {
        this.function = function;
        this.signature = signature;
        this.parameters = parameters;
        this.results = results;
        this.abi = abi;
        this.body = body;
        this.place = place;
        this.library = library;
        this.resultWords = abi.results().stream().mapToInt(v -> v.pieces().size()).sum();
    }

    /** Lets bodies run the original body; before this, {@code callOriginal()} is refused. */
    void original(Original original) {
        this.original = original;
    }

    /** Why {@code callOriginal()} is refused for this function. */
    void originalRefused(String why) {
        this.originalRefused = why;
    }

    static long idOf(long frame) {
        return RawMemory.getLong(frame + Amd64AnswerStub.ID_SLOT);
    }

    /** Answers the call whose stub frame (saved-RBP slot) is at {@code frame}. */
    void call(long frame) {
        calls.incrementAndGet();
        long g = RawMemory.getLong(frame + Amd64AnswerStub.G_SLOT);
        long belowHi = stackHi(g) - frame;
        Object[] arguments = new Object[parameters.size()];
        long area = frame + Amd64AnswerStub.ARGUMENTS;
        for (int i = 0; i < arguments.length; i++) {
            AbiAssignment.Value v = abi.parameters().get(i);
            long at = v.onStack() ? v.stackOffset() : v.spillOffset();
            arguments[i] = Codec.decode(area + at, parameters.get(i).type());
        }
        long[] words;
        Thread thread = Thread.currentThread();
        boolean[] done = new boolean[1];
        Call call = new Call(function, signature, arguments, () -> runOriginal(g, belowHi, thread, done));
        try {
            Object answer = body.answer(call);
            words = encode(answer, call.lastOriginal());
        } catch (Throwable t) {
            keep(t);
            words = failed(t);
        } finally {
            synchronized (done) {
                done[0] = true;
            }
        }
        // The body may have called into Go, which may have moved this goroutine's stack: find the frame again.
        long now = stackHi(g) - belowHi;
        for (int i = 0; i < resultWords; i++) {
            RawMemory.putLong(now + Amd64AnswerStub.FIRST_RESULT_SLOT - 8L * i, words[i]);
        }
    }

    /**
     * The original body, on the thread of the answered call while its body runs: only there is the goroutine's
     * stack (and the answer stub's frame on it) the one {@code crosscall2} enters.
     */
    private Original.Outcome runOriginal(long g, long belowHi, Thread thread, boolean[] done) {
        Original o = original;
        if (o == null) {
            throw Problems.callOriginalUnsupported(function.name(), library, originalRefused);
        }
        synchronized (done) {
            if (done[0] || Thread.currentThread() != thread) {
                throw Problems.callOriginalUnsupported(function.name(), library, "callOriginal() runs only inside"
                        + " the body, on the thread Go called it on (" + thread.getName() + "), not after it returned"
                        + " or from another thread");
            }
        }
        return o.run(g, belowHi);
    }

    private static long stackHi(long g) {
        return RawMemory.getLong(g + 8);
    }

    private long[] encode(Object answer, Original.Outcome original) {
        if (original != null && answer == original.results()) {
            return original.words().clone(); // the original's results as they are: the same words
        }
        Object[] values;
        if (results.isEmpty()) {
            values = new Object[0];
        } else if (answer instanceof GoResults r) {
            if (r.size() != results.size()) {
                throw Problems.answerResult(function.name(), signature.toString(), r.size() + " results, not "
                        + results.size());
            }
            values = new Object[r.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
        } else if (results.size() == 1) {
            values = new Object[] {answer};
        } else {
            throw Problems.answerResult(function.name(), signature.toString(), (answer == null ? "null"
                    : answer.getClass().getSimpleName()) + " for " + results.size() + " results (return GoResults.of(...))");
        }
        long[] words = new long[resultWords];
        int w = 0;
        for (int i = 0; i < values.length; i++) {
            TypeInfo type = results.get(i).type();
            int index = i;
            AbiAssignment.Value v = abi.results().get(i);
            if (original != null && values[i] != null && values[i] == original.values()[i]) {
                // A value of the original's results, returned as it is: its words (a sentinel error stays itself).
                w = copyWords(original, i, words, w);
                continue;
            }
            if (v.pieces().size() == 1 && values[i] instanceof Long l && type.kind().isInteger() && type.size() == 8) {
                words[w++] = l; // the common case, without a memory image
                continue;
            }
            byte[] image = Codec.encode(values[i], type, place, why -> Problems.answerResult(function.name(),
                    signature.toString(), why + " (result " + index + ")"));
            w = split(image, v, words, w);
        }
        return words;
    }

    /** Zero results; an error result names the exception. */
    private long[] failed(Throwable t) {
        long[] words = new long[resultWords];
        int w = 0;
        for (int i = 0; i < results.size(); i++) {
            TypeInfo type = results.get(i).type();
            AbiAssignment.Value v = abi.results().get(i);
            if (Codec.isError(type)) {
                long[] error = place.error("gojack: the Java answer for " + function.name() + " threw " + t);
                if (error != null) {
                    words[w] = error[0];
                    words[w + 1] = error[1];
                }
            }
            w += v.pieces().size();
        }
        return words;
    }

    private int copyWords(Original.Outcome original, int result, long[] words, int w) {
        int from = 0;
        for (int i = 0; i < result; i++) {
            from += abi.results().get(i).pieces().size();
        }
        int n = abi.results().get(result).pieces().size();
        System.arraycopy(original.words(), from, words, w, n);
        return w + n;
    }

    private static int split(byte[] image, AbiAssignment.Value v, long[] words, int w) {
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        for (AbiAssignment.Piece piece : v.pieces()) {
            int at = (int) piece.offset();
            long word = switch (piece.size()) {
                case 1 -> b.get(at) & 0xffL;
                case 2 -> b.getShort(at) & 0xffffL;
                case 4 -> b.getInt(at) & 0xffffffffL;
                default -> b.getLong(at);
            };
            words[w++] = word;
        }
        return w;
    }

    private void keep(Throwable t) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, t);
    }

    /** The exception closing the patch throws, or null when no body threw. */
    dev.gojack.GoAnswerException failure() {
        Throwable first = firstFailure.get();
        return first == null ? null : Problems.answerThrew(function.name(), library, failures.get(), first);
    }

    long calls() {
        return calls.get();
    }
}
