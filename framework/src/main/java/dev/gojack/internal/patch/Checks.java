package dev.gojack.internal.patch;

import dev.gojack.GoFunction;
import dev.gojack.PatchOption;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.CodeWrite;
import dev.gojack.internal.arch.EntryJumpPlan;
import dev.gojack.internal.golang.FuncIds;
import dev.gojack.internal.golang.GoVersion;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * Every check that runs before GoJack writes a function entry, in the order they run. Each throws the
 * {@link dev.gojack.GoJackException} that names the symbol, the library and the fix; a patch that fails one is
 * never written.
 * <ol>
 *   <li><b>name</b>: the function exists ({@link Patcher#resolveTargets});</li>
 *   <li><b>runtime target</b>: the Go runtime's own functions are left alone ({@link #runtimeTarget},
 *       {@link #notSpecial});</li>
 *   <li><b>loop</b>: a redirect does not lead back to its target ({@link #noLoop});</li>
 *   <li><b>ABI</b>: both sides pass arguments the same way ({@link #sameAbi}, {@link #registerAbi});</li>
 *   <li><b>signature</b>: a stub's values fit the results' types, a redirect's two sides lay out the same under
 *       the register ABI ({@link SignatureCheck}); without a typed signature, a redirect's two sides take the same
 *       argument bytes ({@link #signatureSize});</li>
 *   <li><b>inlining</b>: no inlined copy escapes the patch ({@link #inlining});</li>
 *   <li><b>current bytes</b>: memory holds what the file has, so nobody else patched it ({@link #currentBytes});</li>
 *   <li><b>room</b>: the entry has room for a jump ({@link #room}).</li>
 * </ol>
 */
final class Checks {
    private Checks() {
    }

    /** 2. Packages of the Go runtime: {@code runtime}, its C bridge {@code runtime/cgo}, and its internal packages. */
    static boolean isRuntimePackage(String pkg) {
        return pkg.equals("runtime") || pkg.equals("runtime/cgo") || pkg.startsWith("runtime/internal/")
                || pkg.startsWith("internal/runtime/");
    }

    /**
     * 2. {@code target} has no special funcID (always), and is not in a runtime package unless
     * {@link PatchOption#ALLOW_RUNTIME}. Functions the runtime implements for other packages under their names
     * ({@code time.Sleep}, {@code sync.runtime_Semacquire}) count as those packages': the name decides.
     */
    static void runtimeTarget(GoFunction target, GoVersion version, Path library, PatchOption... options) {
        notSpecial(target, version, library, false);
        String pkg = packageOf(target.name());
        if (isRuntimePackage(pkg) && !has(options, PatchOption.ALLOW_RUNTIME)) {
            throw Problems.runtimeTarget(target.name(), library, pkg);
        }
    }

    /** 2. {@code f} is not one of the runtime's special functions (morestack, systemstack, gogo, …). */
    static void notSpecial(GoFunction f, GoVersion version, Path library, boolean asReplacement) {
        if (FuncIds.isSpecial(version, f.funcId())) {
            throw Problems.specialRuntimeFunction(f.name(), library, FuncIds.name(version, f.funcId()),
                    asReplacement);
        }
    }

    /** The Go package of a function name: {@code runtime.(*mheap).alloc} → {@code runtime}. */
    static String packageOf(String name) {
        String plain = Patcher.withoutTypeArguments(name);
        int paren = plain.indexOf('(');
        int slash = (paren < 0 ? plain : plain.substring(0, paren)).lastIndexOf('/');
        int dot = plain.indexOf('.', slash + 1);
        return dot < 0 ? plain : plain.substring(0, dot);
    }

    /**
     * 3. A redirect of {@code target} to the entry {@code destination} does not come back to {@code target}:
     * {@code next} gives the current destination of a patched entry (0 when it is not patched).
     */
    static void noLoop(GoFunction target, GoFunction replacement, Path library, LongUnaryOperator next,
                       LongFunction<String> nameAt) {
        List<String> chain = new ArrayList<>(List.of(target.name(), replacement.name()));
        long at = replacement.address();
        for (int hops = 0; hops < 1_000 && at != 0; hops++) {
            if (at == target.address()) {
                throw Problems.redirectLoop(target.name(), library, chain);
            }
            at = next.applyAsLong(at);
            if (at != 0) {
                chain.add(nameAt.apply(at));
            }
        }
    }

    /**
     * 4. The calling convention of {@code f} as the pclntab tells it: assembly ({@code FuncFlagAsm}) is ABI0
     * (arguments and results on the stack), Go code is ABIInternal (registers). Outside the runtime, assembly
     * cannot declare ABIInternal, so this is exact there; the runtime's few ABIInternal assembly functions
     * ({@code memmove}, …) count as ABI0, which only refuses more. The ABI0 half of a wrapper pair
     * ({@code name.abi0}, {@link GoFunction#abi()}) is ABI0 too.
     */
    static String abi(GoFunction f) {
        return f.isAssembly() || f.abi() == dev.gojack.GoAbi.ABI0 ? "ABI0" : "ABIInternal";
    }

    /** 4. Both sides of a redirect use the same ABI. */
    static void sameAbi(GoFunction target, GoFunction replacement, Path library) {
        if (!abi(target).equals(abi(replacement))) {
            throw Problems.abiMismatch(target.name(), abi(target), replacement.name(), abi(replacement), library);
        }
    }

    /** 4. {@code target} takes its arguments in registers, as {@code how} (a stub, a func value call) needs. */
    static void registerAbi(GoFunction target, Path library, String how) {
        if (!abi(target).equals("ABIInternal")) {
            throw Problems.assemblyStub(target.name(), library, how);
        }
    }

    /** 6. {@code target} was not inlined into other functions, unless {@link PatchOption#ALLOW_INLINED}. */
    static void inlining(GoFunction target, Path library, PatchOption... options) {
        if (!has(options, PatchOption.ALLOW_INLINED) && !target.inlinedInto().isEmpty()) {
            throw Problems.inlined(target.name(), library, target.inlinedInto());
        }
    }

    /** 5. Every target takes as many argument bytes as the replacement, unless {@link PatchOption#ALLOW_SIGNATURE_MISMATCH}. */
    static void signatureSize(List<GoFunction> targets, GoFunction replacement, Path library, PatchOption... options) {
        for (GoFunction t : targets) {
            if (!has(options, PatchOption.ALLOW_SIGNATURE_MISMATCH) && t.argsSize() != replacement.argsSize()) {
                throw Problems.signatureMismatch(t.name(), t.argsSize(), replacement.name(), replacement.argsSize(),
                        library);
            }
        }
    }

    /** 7. Memory at the entry holds {@code expected} (the file's bytes with GoJack's own parked jumps). */
    static void currentBytes(EntryTarget target, Path library, byte[] expected, byte[] now) {
        if (!Arrays.equals(now, expected)) {
            throw Problems.foreignBytes(target.name(), library, CodeWrite.hex(expected), CodeWrite.hex(now));
        }
    }

    /** 8. The architecture finds a way to put a jump at the entry; its reason becomes the refusal. */
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
