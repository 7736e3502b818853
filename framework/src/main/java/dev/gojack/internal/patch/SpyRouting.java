package dev.gojack.internal.patch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Where calls of a hooked function go when spies are among its patches (issue 20). Spies observe, they do not
 * decide: the newest patch that is not a spy decides where calls go, as before, and every open spy sees every
 * call that reaches the entry on its way there, whatever order the patches were made in. The hook's slot leads
 * to the newest spy (which makes the stack check), each spy goes on to the next older spy's recording part, and
 * the oldest spy goes on to the deciding patch's destination, or back into the function after its stack check.
 */
final class SpyRouting {
    private SpyRouting() {
    }

    /**
     * Links the spies of {@code stack} (oldest first) and returns what the hook's slot must hold: the newest
     * spy's stub, else the newest patch's destination, else 0 (the stack is empty). Links are stored from the
     * oldest spy up, so a call already on its way never meets a link to a spy not yet linked.
     */
    static long route(List<FunctionPatch> stack) {
        long decides = 0;
        List<SpyPatch> spies = new ArrayList<>();
        for (FunctionPatch p : stack) {
            if (p instanceof SpyPatch s) {
                spies.add(s);
            } else {
                decides = p.destination;
            }
        }
        if (spies.isEmpty()) {
            return decides;
        }
        long next = decides;
        for (SpyPatch s : spies) {
            s.link(next == 0 ? s.resume() : next);
            next = s.recordingEntry();
        }
        return spies.get(spies.size() - 1).destination;
    }

    /**
     * Where the calls a closed spy's stub is still recording go on: unchanged if that is a function of the
     * library (never retired), else into the function after its stack check, since another stub it led to
     * may be retired and reused before the last of those calls leaves the spy.
     */
    static void unlink(SpyPatch closed, LongPredicate libraryFunction) {
        if (!libraryFunction.test(closed.linked())) {
            closed.link(closed.resume());
        }
    }

    /** The destination of the newest patch that is not a spy, or 0. */
    static long deciding(List<FunctionPatch> stack) {
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (!(stack.get(i) instanceof SpyPatch)) {
                return stack.get(i).destination;
            }
        }
        return 0;
    }
}
