package dev.gojack.internal.answer;

import jnr.ffi.Pointer;
import jnr.ffi.annotations.Delegate;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one C function every answer stub's {@code runtime.cgocall} enters: a jnr-ffi closure taking the stub's frame
 * (its saved-RBP slot), which names the answer. Answers stay registered for the JVM's life: a goroutine may still
 * be inside a body after its patch was closed.
 */
final class AnswerDispatcher {
    /** The closure's C signature: {@code int32 fn(void *frame)}, as asmcgocall calls it. */
    public interface Entry {
        @Delegate
        int enter(long frame);
    }

    private static final ConcurrentHashMap<Long, JavaAnswer> ANSWERS = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final Entry ENTRY = AnswerDispatcher::dispatch;
    private static volatile Pointer closure;

    private AnswerDispatcher() {
    }

    /** The closure's code address; created on first use and kept (with its Java object) for the JVM's life. */
    static synchronized long address() {
        if (closure == null) {
            closure = jnr.ffi.Runtime.getSystemRuntime().getClosureManager().getClosurePointer(Entry.class, ENTRY);
        }
        return closure.address();
    }

    /** Registers {@code answer} under a new id. */
    static long register(JavaAnswer answer) {
        long id = NEXT_ID.getAndIncrement();
        ANSWERS.put(id, answer);
        return id;
    }

    private static int dispatch(long frame) {
        try {
            JavaAnswer answer = ANSWERS.get(JavaAnswer.idOf(frame));
            if (answer != null) {
                answer.call(frame);
            }
        } catch (Throwable t) {
            // Nothing may unwind into Go; JavaAnswer.call keeps what a body throws, so only a failure of its own
            // bookkeeping can arrive here, and the call then returns the zero words the stub's frame holds.
            System.getLogger("dev.gojack").log(System.Logger.Level.ERROR, "GoJack's answer dispatcher failed", t);
        }
        return 0;
    }
}
