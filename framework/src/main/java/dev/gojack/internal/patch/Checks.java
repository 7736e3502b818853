package dev.gojack.internal.patch;

import dev.gojack.GoFunction;
import dev.gojack.PatchOption;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.arch.EntryJumpPlan;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every check that runs before GoJack writes a function entry, in the order they run. Each throws the
 * {@link dev.gojack.GoJackException} that names the symbol, the library and the fix; a patch that fails one is
 * never written.
 * <ol>
 *   <li><b>name</b>: the function exists ({@link Patcher#resolveTargets});</li>
 *   <li><b>inlining</b>: no inlined copy escapes the patch ({@link #inlining});</li>
 *   <li><b>ABI</b>: both sides pass arguments the same way (the place for it; not checked yet);</li>
 *   <li><b>signature size</b>: a redirect's two sides take the same argument bytes ({@link #signatureSize});</li>
 *   <li><b>runtime target</b>: the Go runtime's own functions are left alone (the place for it; not checked yet);</li>
 *   <li><b>current bytes</b>: memory holds what the file has, so nobody else patched it ({@link #currentBytes});</li>
 *   <li><b>room</b>: the entry has room for a jump ({@link #room}).</li>
 * </ol>
 */
final class Checks {
    private Checks() {
    }

    /** 2. {@code target} was not inlined into other functions, unless {@link PatchOption#ALLOW_INLINED}. */
    static void inlining(GoFunction target, Path library, PatchOption... options) {
        if (!has(options, PatchOption.ALLOW_INLINED) && !target.inlinedInto().isEmpty()) {
            throw Problems.inlined(target.name(), library, target.inlinedInto());
        }
    }

    /** 4. Every target takes as many argument bytes as the replacement, unless {@link PatchOption#ALLOW_SIGNATURE_MISMATCH}. */
    static void signatureSize(List<GoFunction> targets, GoFunction replacement, Path library, PatchOption... options) {
        for (GoFunction t : targets) {
            if (!has(options, PatchOption.ALLOW_SIGNATURE_MISMATCH) && t.argsSize() != replacement.argsSize()) {
                throw Problems.signatureMismatch(t.name(), t.argsSize(), replacement.name(), replacement.argsSize(),
                        library);
            }
        }
    }

    /** 6. Memory at the entry holds {@code expected} (the file's bytes with GoJack's own parked jumps). */
    static void currentBytes(EntryTarget target, Path library, byte[] expected, byte[] now) {
        if (!Arrays.equals(now, expected)) {
            throw Problems.foreignBytes(target.name(), library, CodeWrite.hex(expected), CodeWrite.hex(now));
        }
    }

    /** 7. The architecture finds a way to put a jump at the entry; its reason becomes the refusal. */
    static EntryJumpPlan room(EntryTarget target, Path library, Supplier<EntryJumpPlan> plan) {
        try {
            return plan.get();
        } catch (IllegalArgumentException e) {
            throw Problems.noRoomForJump(target.name(), library, e.getMessage());
        }
    }

    static boolean has(PatchOption[] options, PatchOption wanted) {
        for (PatchOption o : options) {
            if (o == wanted) {
                return true;
            }
        }
        return false;
    }
}
