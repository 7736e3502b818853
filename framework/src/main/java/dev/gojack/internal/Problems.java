package dev.gojack.internal;

import dev.gojack.InlinedTargetException;
import dev.gojack.InvalidArgumentException;
import dev.gojack.InvalidLibraryException;
import dev.gojack.LibraryLoadException;
import dev.gojack.MorphNotSafeException;
import dev.gojack.PatchConflictException;
import dev.gojack.PatchRefusedException;
import dev.gojack.PatchStateException;
import dev.gojack.RefusedLibraryException;
import dev.gojack.RefusedTargetException;
import dev.gojack.ProcessMemoryException;
import dev.gojack.SignatureMismatchException;
import dev.gojack.SymbolNotFoundException;
import dev.gojack.UnreadableMemoryException;
import dev.gojack.UnsupportedLibraryException;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every message GoJack puts in an exception is built here, so they share one voice: what, where (symbol and
 * library), why, and what to do.
 */
public final class Problems {
    /** System property that allows a second, different Go library in one JVM. */
    public static final String ALLOW_MULTIPLE_RUNTIMES = "gojack.allowMultipleGoRuntimes";

    private Problems() {
    }

    public static InvalidLibraryException invalidLibrary(Path file, String why, Throwable cause) {
        return new InvalidLibraryException("Cannot read " + file + " as a Go shared library: " + why
                + ". Point GoJack at a file built with 'go build -buildmode=c-shared'.", cause);
    }

    public static UnsupportedLibraryException unsupported(Path file, String why) {
        return new UnsupportedLibraryException("Cannot use " + file + ": " + why + ".");
    }

    public static SymbolNotFoundException functionNotFound(String name, Path library, Collection<String> known) {
        return new SymbolNotFoundException("No Go function '" + name + "' in " + library + "."
                + nearest(name, known) + " Names are written as Go prints them, e.g. 'main.(*T).M' or "
                + "'example.com/pkg.F'; 'gojack inspect " + library.getFileName() + " --functions REGEX' lists them.");
    }

    public static SymbolNotFoundException variableNotFound(String name, Path library, Collection<String> known,
                                                           boolean stripped) {
        if (stripped) {
            return new SymbolNotFoundException("No Go variable '" + name + "' can be found in " + library
                    + ": the library was stripped (-ldflags=-s), and package variables are only named in .symtab."
                    + " Build it without -s to patch variables.");
        }
        return new SymbolNotFoundException("No Go package variable '" + name + "' in " + library + "."
                + nearest(name, known) + " Unused variables are removed by the linker; reference the variable from"
                + " reachable code.");
    }

    public static SymbolNotFoundException typeNotFound(String name, Path library, Collection<String> known) {
        return new SymbolNotFoundException("No Go type '" + name + "' in " + library + "." + nearest(name, known)
                + " Only types the library converts to an interface, or reaches through one, have descriptors.");
    }

    public static LibraryLoadException secondRuntime(Path requested, Path loaded) {
        return new LibraryLoadException("Refusing to load " + requested + ": this JVM already runs the Go library "
                + loaded + ", and two Go runtimes in one process are unsupported by Go (golang/go#65050): they race "
                + "on signal handlers and address space. Run tests of different Go libraries in separate JVMs "
                + "(Maven Surefire: <reuseForks>false</reuseForks>, or one execution per library). To load anyway, "
                + "set -D" + ALLOW_MULTIPLE_RUNTIMES + "=true.");
    }

    public static LibraryLoadException loadFailed(Path file, String why, Throwable cause) {
        return new LibraryLoadException("Cannot load " + file + " into this JVM: " + why, cause);
    }

    public static InlinedTargetException inlined(String target, Path library, List<String> callers) {
        List<String> shown = callers.size() > 10 ? callers.subList(0, 10) : callers;
        return new InlinedTargetException("Cannot patch " + target + " in " + library + ": it was inlined into "
                + callers.size() + " function(s) " + shown + (callers.size() > 10 ? " …" : "")
                + ", and those inlined copies would not see the patch. Rebuild the library with "
                + "-gcflags=all=-l, or mark " + target + " //go:noinline; or pass PatchOption.ALLOW_INLINED to "
                + "patch the out-of-line body only.", callers);
    }

    /** {@code target} has no body of its own: every call of it was inlined, so there is no entry to patch. */
    public static InlinedTargetException onlyInlined(String target, Path library, List<String> callers) {
        List<String> shown = callers.size() > 10 ? callers.subList(0, 10) : callers;
        String pkg = packageOf(target);
        return new InlinedTargetException("Cannot use " + target + " in " + library + ": the library has no "
                + "out-of-line copy of it, because it was inlined into every caller — " + callers.size()
                + " function(s) " + shown + (callers.size() > 10 ? " …" : "") + " — and the linker dropped the unused "
                + "body. It is not a typo, and PatchOption.ALLOW_INLINED cannot help: there is no entry to patch. "
                + "Build the library for tests with inlining disabled for its package (go build -buildmode=c-shared "
                + ("main".equals(pkg) ? "-gcflags=-l, which applies to the main package named on the command line"
                : "-gcflags=" + pkg + "=-l") + "; or -gcflags=all=-l for every package), mark " + target
                + " //go:noinline, or patch one of the callers above instead.", callers);
    }

    /** Why an entry jump is only safe while no goroutine runs the function (for describe() and the log). */
    public static String quiescentOnlyReason() {
        return "only safe while no goroutine runs it: its first instruction is shorter than a jump and no padding is "
                + "within reach of a short jump";
    }

    /** The one log line per function patched with a store that is only safe while the function is not running. */
    public static String quiescentOnly(String target, Path library) {
        return "GoJack patched " + target + " in " + library + " with a store that is " + quiescentOnlyReason()
                + ". Patch it before goroutines call it (Patch.isRunningSafe() is false), or build the library with "
                + "-gcflags=all=-l so that a longer caller can be patched instead.";
    }

    /** A snapshot of a variable in .data/.bss could restore a pointer to an object the collector freed. */
    public static PatchRefusedException snapshotMayHoldPointers(String variable, Path library, String section) {
        return new PatchRefusedException("Cannot snapshot " + variable + " in " + library + ": the linker placed it in "
                + section + ", where variables that may hold pointers live, and writing back an old pointer is unsafe "
                + "once Go's garbage collector may have freed what it pointed to. Snapshot the pointer-free state "
                + "instead (bools, numbers, structs of them), reset it through an exported Go function, or pass "
                + "SnapshotOption.ALLOW_POINTERS (@RestoreGoVariables(allowPointers = true)) when the pointers lead "
                + "to static data such as string literals.");
    }

    public static SignatureMismatchException signatureMismatch(String target, int targetArgs, String replacement,
                                                               int replacementArgs, Path library) {
        return new SignatureMismatchException("Cannot redirect " + target + " to " + replacement + " in " + library
                + ": their arguments and results take " + targetArgs + " and " + replacementArgs
                + " bytes (pclntab args size). A redirect needs the same signature (a method's receiver counts as its "
                + "first argument).");
    }

    // ---- issue 18 item 4: patches checked against typed signatures (SignatureCheck)

    private static final String SIGNATURE_SOURCE = " (GoJack reads signatures from the library's DWARF, or from "
            + "GoLibrary.declareSignature for a library built without it.)";

    public static SignatureMismatchException stubValuesMismatch(String target, Path library, String signature,
                                                                String values, String why) {
        return new SignatureMismatchException("Cannot stub " + target + " in " + library + ": its signature is "
                + signature + ", but the values imply " + values + ": " + why + ". Give one value per result, in "
                + "order, of the result's type." + SIGNATURE_SOURCE);
    }

    public static SignatureMismatchException stubValuesFitSomeShapes(String name, Path library, String values,
                                                                     Map<String, String> fit,
                                                                     Map<String, String> misfit,
                                                                     Map<String, String> reasons,
                                                                     List<String> unchecked) {
        StringBuilder s = new StringBuilder("Cannot stub " + name + " in " + library + ": the name stands for "
                + (fit.size() + misfit.size() + unchecked.size()) + " shape instantiations of a generic function, "
                + "and the values " + values + " fit " + (fit.isEmpty() ? "none of them" : "only some") + ".");
        fit.forEach((f, sig) -> s.append(" They fit ").append(f).append(' ').append(sig).append('.'));
        misfit.forEach((f, sig) -> s.append(" They do not fit ").append(f).append(' ').append(sig).append(" (")
                .append(reasons.get(f)).append(")."));
        if (!unchecked.isEmpty()) {
            s.append(" Without a signature: ").append(String.join(", ", unchecked)).append('.');
        }
        String example = misfit.keySet().iterator().next();
        return new SignatureMismatchException(s + " Stub each shape by its full name with values of its types, e.g. "
                + "stubReturn(\"" + example + "\", …)." + SIGNATURE_SOURCE);
    }

    public static SignatureMismatchException redirectLayoutMismatch(String target, String targetSignature,
                                                                    String replacement, String replacementSignature,
                                                                    Path library, String why) {
        return new SignatureMismatchException("Cannot redirect " + target + " to " + replacement + " in " + library
                + ": " + target + " is " + targetSignature + " and " + replacement + " is " + replacementSignature
                + ", which Go's register ABI passes differently (" + why + "). A redirect needs a replacement with "
                + "the target's signature (a method's receiver is its first parameter); "
                + "PatchOption.ALLOW_SIGNATURE_MISMATCH skips this check.");
    }

    public static dev.gojack.InvalidSignatureException badSignature(String function, Path library, String signature,
                                                                    String why, Throwable cause) {
        return new dev.gojack.InvalidSignatureException("Cannot declare the signature \"" + signature + "\" for "
                + function + " in " + library + ": " + why + ". Write it in Go syntax, e.g. "
                + "\"func(qty int, name string) (int, error)\"; named types as Go prints them ('main.Order', "
                + "'*net/http.Request'), found through the library's type descriptors.", cause);
    }

    public static dev.gojack.InvalidSignatureException declaredSignatureMismatch(String function, Path library,
                                                                                 String signature, long declaredBytes,
                                                                                 long pclntabBytes) {
        return new dev.gojack.InvalidSignatureException("Cannot declare " + signature + " for " + function + " in "
                + library + ": it lays out " + declaredBytes + " bytes of stack arguments, stack results and spill "
                + "area, but the function's pclntab entry says " + pclntabBytes + ". Check the parameter and result "
                + "types (a method's receiver is the first parameter).");
    }

    public static dev.gojack.InvalidSignatureException declaredSignatureContradictsDwarf(String function, Path library,
                                                                                         String declared, String dwarf) {
        return new dev.gojack.InvalidSignatureException("Cannot declare " + declared + " for " + function + " in "
                + library + ": the library's DWARF says " + dwarf + ", which passes its values differently. "
                + "A declaration is for libraries built without DWARF (-ldflags=-w).");
    }

    public static PatchRefusedException refused(String target, Path library, String why) {
        return new PatchRefusedException("Cannot patch " + target + " in " + library + ": " + why);
    }

    public static PatchConflictException foreignBytes(String target, Path library, String expected, String found) {
        return new PatchConflictException("Cannot patch " + target + " in " + library + ": its entry holds " + found
                + " where the library file has " + expected + ". Another tool patched it; GoJack leaves it alone.");
    }

    public static PatchConflictException changedUnderPatch(String target, Path library, String expected, String found) {
        return new PatchConflictException("Cannot restore " + target + " in " + library + ": GoJack wrote " + expected
                + " but memory now holds " + found + ". Something else changed the code while the patch was in "
                + "place; memory was left as it is.");
    }

    public static PatchStateException alreadyClosed(String what, Object madeAt) {
        return new PatchStateException(what + " (made at " + madeAt + ") was already closed. Each patch is closed "
                + "exactly once; use try-with-resources or GoLibrary.restoreAll().");
    }

    public static PatchStateException clockRestoredElsewhere(String clock, List<String> restoredTargets) {
        return new PatchStateException(clock + " is closed: its patch of " + String.join(" and ", restoredTargets)
                + " was restored by someone else (GoLibrary.close(), restoreAll(), or closing the patch itself), so "
                + "the real clock is back. Create a new fake clock with GoLibrary.fakeClock.");
    }

    public static PatchRefusedException clockOffsetTooLarge(Path library, String why) {
        return new PatchRefusedException("Cannot move the running fake clock of " + library + ": " + why
                + ", beyond the 100 years (either way) GoJack shifts Go's clocks by. Nothing was changed. Start the "
                + "clock nearer to now, or use a frozen fake clock (without FakeClockOption.FIRES_TIMERS) for far "
                + "instants.");
    }

    public static PatchConflictException runningClockOpen(Path library, String open) {
        return new PatchConflictException("Cannot start a second fake clock with FakeClockOption.FIRES_TIMERS on "
                + library + " while " + open + " is open: both would shift the same runtime clock. Close the first one.");
    }

    public static PatchRefusedException sleepAdvancesWithFiresTimers(Path library) {
        return new PatchRefusedException("Cannot patch time.Sleep in " + library + ": FakeClockOption.SLEEP_ADVANCES "
                + "and FIRES_TIMERS do not combine. With FIRES_TIMERS time.Sleep is a runtime timer like any other: "
                + "it returns once FakeClock.advance moves the clock past it. Drop SLEEP_ADVANCES, and advance the "
                + "clock from the test.");
    }

    public static PatchStateException notInnermost(String what, String innermost, Object innermostMadeAt) {
        return new PatchStateException("Cannot close " + what + " while " + innermost + " (made at "
                + innermostMadeAt + ") is still applied on top of it: close nested patches of one variable in "
                + "reverse order (last applied, first closed).");
    }

    public static MorphNotSafeException morphNotSafe(String variable, Path library, String from, String to,
                                                 List<String> differences, boolean sizeOnly) {
        boolean sizes = differences.stream().anyMatch(d -> d.startsWith("size differs"));
        StringBuilder m = new StringBuilder("Cannot morph " + variable + " in " + library + " from " + from + " to "
                + to + ": the types are not layout-compatible, so the garbage collector or the methods of " + to
                + " would misread the value. ");
        for (int i = 0; i < differences.size(); i++) {
            m.append('(').append(i + 1).append(") ").append(differences.get(i)).append(". ");
        }
        m.append("Nothing was changed.");
        if (!sizeOnly && !sizes) {
            m.append(" MorphOption.UNSAFE_CHECK_SIZE_ONLY forces the swap (only sizes are checked then; the "
                    + "collector may free memory still in use or crash).");
        } else if (sizes) {
            m.append(" Sizes must match even with MorphOption.UNSAFE_CHECK_SIZE_ONLY.");
        }
        return new MorphNotSafeException(m.toString(), differences);
    }

    public static SymbolNotFoundException ambiguousType(String name, Path library, List<String> names) {
        return new SymbolNotFoundException("The Go type name '" + name + "' is ambiguous in " + library + ": "
                + String.join(", ", names) + " all print as it. Write the full import path instead, e.g. '"
                + names.get(0) + "'.");
    }

    public static PatchConflictException changedUnderMorph(String what, Path library, long written, long found) {
        return new PatchConflictException("Cannot restore " + what + " in " + library + ": GoJack wrote the type "
                + "word 0x" + Long.toHexString(written) + " but the variable now holds 0x" + Long.toHexString(found)
                + ". Go assigned the variable while it was morphed; it was left as it is.");
    }

    // ---------------------------------------------------------------- loading

    public static InvalidLibraryException missingFile(Path file) {
        return invalidLibrary(file, "no such file", null);
    }

    public static InvalidLibraryException directoryNotLibrary(Path file) {
        return invalidLibrary(file, "it is a directory, not a file", null);
    }

    public static UnsupportedLibraryException unreadableMachine(Path file, int machine, int amd64, int arm64) {
        return unsupported(file, "it is an ELF file for machine " + machine + "; GoJack reads x86-64 (" + amd64
                + ") and aarch64 (" + arm64 + ") libraries");
    }

    public static UnsupportedLibraryException cannotPatchHere(Path file, String libraryArch, String hostArch) {
        return unsupported(file, "GoJack patches linux/amd64 libraries in an amd64 JVM; this is a " + libraryArch
                + " library in a " + hostArch + " JVM. GoBinary.open still reads it");
    }

    public static LibraryLoadException dynamicLinkerRefused(Path file, Throwable cause) {
        return loadFailed(file, "the dynamic linker refused it (" + cause.getMessage() + ")", cause);
    }

    public static LibraryLoadException loadBaseMismatch(Path file, long base, String export) {
        return loadFailed(file, "the load base 0x" + Long.toHexString(base) + " does not match the address of "
                + export, null);
    }

    // ---------------------------------------------------------------- redirects and stubs

    public static PatchRefusedException noRoomForJump(String target, Path library, String why) {
        return refused(target, library, why + ".");
    }

    public static PatchRefusedException funcVariableSize(String target, Path library, String funcVariable, long size) {
        return refused(target, library, "the variable " + funcVariable + " has " + size
                + " bytes, but a func value is one pointer (8 bytes).");
    }

    public static PatchRefusedException nilFuncVariable(String target, Path library, String funcVariable) {
        return target(RefusedTargetException.Reason.NOT_A_FUNC_VALUE, target, library, "the func variable "
                + funcVariable + " is nil; calls would crash. Assign it in Go before redirecting to it.");
    }

    public static InvalidArgumentException noResultRows(String target, Path library) {
        return new InvalidArgumentException("stubSequence(" + target + ") in " + library
                + " needs at least one row of results.");
    }

    public static InvalidArgumentException resultRowsDiffer(String target, Path library, int row) {
        return new InvalidArgumentException("Every row of stubSequence(" + target + ") in " + library
                + " must have the same Go types; row " + row + " differs from row 0.");
    }

    public static PatchRefusedException resultsOnStack(String target, Path library, String values, int ints,
                                                       int floats, boolean signed) {
        return refused(target, library, "the values " + values + " need " + ints + " integer and " + floats
                + " floating-point registers, more than Go's register ABI has (9 and 15), so some would be "
                + "returned in result slots on the stack; " + (signed
                ? "the function's signature does not have those results, and writing slots it does not have would "
                + "overwrite its caller's frame. Give the values of its signature."
                : "where those slots are depends on the parameters, and the library has no signature for it. "
                + "Declare one with GoLibrary.declareSignature(\"" + target + "\", \"func(…) (…)\")."));
    }

    public static InvalidArgumentException mixedArrayElements(String first, String other) {
        return new InvalidArgumentException("GoValue.array needs elements of one Go type: the first is " + first
                + " and another is " + other + ". Give every element the same kind of value (for a struct "
                + "element, the same fields).");
    }

    public static PatchRefusedException noErrorItab(String target, Path library) {
        return refused(target, library, "GoValue.error needs the library's itab for *errors.errorString as "
                + "error, and the library has none (it never converts an errors.New error to error, so the "
                + "linker kept no itab). Return an error value the library has instead, e.g. "
                + "GoValue.interfaceFrom(\"io.EOF\"), or redirect to a Go function that makes the error.");
    }

    public static PatchRefusedException noErrorStringType(String target, Path library, String interfaceType) {
        return refused(target, library, "GoValue.error as " + interfaceType + " needs the type descriptor of "
                + "*errors.errorString, and the library has none. Return an error value the library has instead, "
                + "e.g. GoValue.interfaceFrom(\"io.EOF\").");
    }

    public static PatchRefusedException notAnInterfaceSource(String variable, Path library, long size) {
        return refused(variable, library, "it has " + size
                + " bytes; an interface value has 16 (type or itab word, data word).");
    }

    public static InvalidArgumentException doesNotFitUnsigned(long value, int bits) {
        return new InvalidArgumentException(value + " does not fit in uint" + bits + ".");
    }

    // ---------------------------------------------------------------- refusals by what the target is

    private static RefusedTargetException target(RefusedTargetException.Reason reason, String target, Path library,
                                                 String why) {
        return new RefusedTargetException(reason, "Cannot patch " + target + " in " + library + ": " + why);
    }

    // ---------------------------------------------------------------- spies (issue 20)

    public static RefusedTargetException spyEntryUnknown(String target, Path library, String why) {
        return target(RefusedTargetException.Reason.UNKNOWN_ENTRY, target, library, "a spy takes over the "
                + "function's entry, but " + why + ". Spy a function that calls it instead (GoBinary.callersOf"
                + " lists them), or redirect it to a Go function of yours and spy that.");
    }

    public static InvalidArgumentException spyCapacity(String target, Path library, int capacity, int max) {
        return new InvalidArgumentException("Cannot spy on " + target + " in " + library + ": a spy keeps 1 to "
                + max + " calls, not " + capacity + ".");
    }

    public static InvalidArgumentException spyStringBytes(String target, Path library, int bytes, int max) {
        return new InvalidArgumentException("Cannot spy on " + target + " in " + library + ": a spy copies 0 to "
                + max + " bytes of each string or []byte argument, not " + bytes + ".");
    }

    public static PatchRefusedException spyOneInstance(String target, Path library, List<String> instances) {
        return refused(target, library, "it names " + instances.size() + " shape instantiations of a generic "
                + "function, whose arguments differ in layout; spy one of them by its full name: "
                + String.join(", ", instances) + ".");
    }

    public static RefusedTargetException assemblyStub(String target, Path library, String how) {
        return target(RefusedTargetException.Reason.ABI_MISMATCH, target, library, "it is written in Go assembly "
                + "(ABI0), which takes arguments and returns results on the stack, while " + how + " uses Go's "
                + "register ABI (ABIInternal): its callers would read garbage. Patch the Go function that calls it, "
                + "or redirect it to another assembly function with the same frame.");
    }

    public static RefusedTargetException abiMismatch(String target, String targetAbi, String replacement,
                                                     String replacementAbi, Path library) {
        return target(RefusedTargetException.Reason.ABI_MISMATCH, target, library, "a redirect to " + replacement
                + " needs both sides to use the same calling convention, but " + target + " is " + targetAbi
                + " and " + replacement + " is " + replacementAbi + " (ABI0 = Go assembly, arguments and results on "
                + "the stack; ABIInternal = Go code, arguments and results in registers). The arguments would be "
                + "read from the wrong place. Redirect to a function written the same way (Go to Go, assembly to "
                + "assembly).");
    }

    public static RefusedTargetException specialRuntimeFunction(String target, Path library, String funcId,
                                                                boolean asReplacement) {
        return target(RefusedTargetException.Reason.SPECIAL_RUNTIME_FUNCTION, target, library,
                (asReplacement ? "it would be the replacement, and it" : "it") + " is one of the Go runtime's "
                + "special functions (funcID " + funcId + "): the scheduler, the stack growth and the "
                + "tracebacks depend on its exact code, and a stub or a redirect there hangs or kills the Go runtime. "
                + "GoJack never patches these, even with PatchOption.ALLOW_RUNTIME. Patch the Go code that "
                + "leads to it instead.");
    }

    public static RefusedTargetException runtimeTarget(String target, Path library, String pkg) {
        return target(RefusedTargetException.Reason.RUNTIME_PACKAGE, target, library, "it belongs to the Go "
                + "runtime (package " + pkg + "), which calls its own functions where a stub or a redirect "
                + "breaks it (e.g. a fake runtime.nanotime1 ends in 'fatal error: stopTheWorld: broken CPU time "
                + "accounting'). Patch the function of your code or of the standard library that calls it (time.Now "
                + "and time.Sleep are patchable), or pass PatchOption.ALLOW_RUNTIME if you know the runtime never "
                + "calls " + target + " itself.");
    }

    public static RefusedTargetException redirectLoop(String target, Path library, List<String> chain) {
        return target(RefusedTargetException.Reason.REDIRECT_LOOP, target, library, "the redirect would lead it "
                + "back to itself (" + String.join(" -> ", chain) + "), so every call would run forever. Redirect "
                + "it to a different function, or close the redirect that closes the loop first.");
    }

    public static RefusedTargetException notAFuncValue(String target, Path library, String funcVariable,
                                                       String why) {
        return target(RefusedTargetException.Reason.NOT_A_FUNC_VALUE, target, library, "the variable "
                + funcVariable + " does not hold a func value of the library: " + why + ". Calls through it would "
                + "crash Go. Give a variable of func type that holds a function of this library.");
    }

    public static RefusedTargetException notAnInterfaceValue(String variable, Path library, long typeWord,
                                                             String why) {
        return target(RefusedTargetException.Reason.NOT_AN_INTERFACE_VALUE, variable, library, "GoValue.interfaceFrom("
                + variable + ") needs an interface value, but its first word 0x" + Long.toHexString(typeWord)
                + " is neither a type descriptor nor an itab the library's type index knows" + why
                + ". Go would crash at the first method call on it. Name a package variable of interface type "
                + "(an error, an io.Reader, any).");
    }

    public static RefusedLibraryException goExecutable(Path file, String what) {
        return new RefusedLibraryException(RefusedLibraryException.Reason.EXECUTABLE, "Cannot load " + file
                + ": this is a Go executable, not a c-shared library (" + what + "); build it with "
                + "-buildmode=c-shared (a package main with //export functions).");
    }

    public static RefusedLibraryException raceDetectorBuild(Path file, String evidence) {
        return new RefusedLibraryException(RefusedLibraryException.Reason.RACE_DETECTOR, "Cannot load " + file
                + ": it was built with the race detector (" + evidence + "). ThreadSanitizer must map its shadow "
                + "memory when the process starts and cannot inside a running JVM: the JVM would exit (code 66) "
                + "while loading. Build the test library without -race (use the race detector from go test).");
    }

    // ---------------------------------------------------------------- fake clock

    public static PatchRefusedException noLocalZone(Path library, boolean stripped) {
        if (stripped) {
            return refused("time.Now", library, "LOCAL_ZONE needs the variable time.Local, which is only "
                    + "named in .symtab; this library is stripped. Use UTC or build without -s.");
        }
        return refused("time.Now", library, "LOCAL_ZONE needs the variable time.Local, and this library has "
                + "none: no code in it uses time.Local, so the linker left it out (the library is not stripped). "
                + "Use UTC, or make the Go code use time.Local (e.g. call time.Now().Local()).");
    }

    public static InvalidArgumentException clockOutOfRange(Object amount, Object from, Throwable cause) {
        return new InvalidArgumentException("Cannot advance the fake clock by " + amount + " from " + from
                + ": the result is outside the range of java.time.Instant.", cause);
    }

    public static InvalidArgumentException clockSetOutOfRange(Object instant, long sleptNanos, Throwable cause) {
        return new InvalidArgumentException("Cannot set the fake clock to " + instant + ": with the " + sleptNanos
                + " ns that time.Sleep added it is outside the range of java.time.Instant.", cause);
    }

    // ---------------------------------------------------------------- variables and interface values

    public static InvalidArgumentException notInSnapshot(String variable, List<String> variables) {
        return new InvalidArgumentException(variable + " is not in this snapshot of " + variables
                + ". Ask for one of the variables the snapshot was taken of.");
    }

    public static InvalidArgumentException wrongReadSize(String variable, Path library, String goType, long size,
                                                         int bytes) {
        return new InvalidArgumentException("Cannot read " + variable + " in " + library + " as " + goType
                + ": the variable has " + size + " bytes, a " + goType + " has " + bytes + ".");
    }

    public static InvalidArgumentException notAString(String variable, Path library, long length) {
        return new InvalidArgumentException("Cannot read " + variable + " in " + library + " as a string: it does "
                + "not hold a valid string (length " + length + "). Read it with the accessor of its Go type.");
    }

    public static PatchRefusedException variableSizeMismatch(String variable, Path library, long size, Object value,
                                                             String goType, long valueSize) {
        return refused(variable, library, "the variable has " + size + " bytes, but " + value + " is a " + goType
                + " of " + valueSize + " bytes.");
    }

    public static PatchRefusedException notFuncValues(String variable, Path library, long size, String other,
                                                      long otherSize) {
        return refused(variable, library, "both " + variable + " (" + size + " bytes) and " + other + " ("
                + otherSize + " bytes) must be func values (8 bytes).");
    }

    public static InvalidArgumentException notInterfaceSized(String variable, Path library, long size) {
        return new InvalidArgumentException("Cannot read " + variable + " in " + library + " as an interface "
                + "value: the variable has " + size + " bytes, an interface value has 16 (two words).");
    }

    public static InvalidArgumentException misalignedInterface(String variable, Path library, long address) {
        return new InvalidArgumentException("Cannot read " + variable + " in " + library + " as an interface "
                + "value: its address 0x" + Long.toHexString(address) + " is not 8-byte aligned.");
    }

    public static InvalidArgumentException unknownTypeWord(String variable, Path library, long typeWord) {
        return new InvalidArgumentException("Cannot read " + variable + " in " + library + " as an interface value: "
                + "its first word 0x" + Long.toHexString(typeWord) + " points neither to a type descriptor nor to an "
                + "itab of the library. Either the variable is not of interface type, or its dynamic type was "
                + "made at run time (reflect), which GoJack cannot describe.");
    }

    public static UnsupportedLibraryException noModuleData(Path library) {
        return unsupported(library, "GoJack cannot find the runtime's moduledata record in it, so it cannot read "
                + "its type descriptors");
    }

    public static InvalidLibraryException unreadableTypes(Path library, RuntimeException cause) {
        return invalidLibrary(library, "its type descriptors cannot be read (" + cause + ")", cause);
    }

    public static PatchRefusedException morphNil(String variable, Path library) {
        return refused(variable, library, "it holds nil, so there is no value whose type could be swapped (a nil "
                + "interface's data word is not a value of any type). Assign a value in Go first.");
    }

    public static PatchRefusedException morphLikeNil(String variable, Path library, String other) {
        return refused(variable, library, other + " holds nil, so it has no dynamic type to copy. Assign it a value "
                + "in Go first.");
    }

    public static PatchRefusedException morphToInterface(String variable, Path library, String type) {
        return refused(variable, library, type + " is an interface type; the dynamic type of an interface value is "
                + "always a concrete type.");
    }

    public static PatchRefusedException noItab(String variable, Path library, String type, String inter) {
        return refused(variable, library, "the library never converts " + type + " to " + inter + ", so it has no "
                + "itab (method table) for that pair, and GoJack does not make one up. Make the Go code convert a "
                + type + " to " + inter + " somewhere reachable (for example keep one in a package variable of "
                + "type " + inter + ").");
    }

    public static PatchRefusedException changedWhileChecking(String variable, Path library, long before, long now) {
        return refused(variable, library, "Go changed the variable while GoJack was checking it (its type word went "
                + "from 0x" + Long.toHexString(before) + " to 0x" + Long.toHexString(now) + "). Try again while no "
                + "goroutine assigns it.");
    }

    // ---------------------------------------------------------------- process memory

    public static ProcessMemoryException systemCallFailed(String call, String error) {
        return new ProcessMemoryException(call + " failed: " + error + ". GoJack could not change memory of this "
                + "process as it needs to; nothing was patched.");
    }

    public static ProcessMemoryException notInLibraryMappings(long address) {
        return new ProcessMemoryException("0x" + Long.toHexString(address) + " is not in the library's mappings "
                + "(as /proc/self/maps listed them at load); GoJack only writes the library's own pages.");
    }

    public static ProcessMemoryException stubTooLarge(int produced, int reserved) {
        return new ProcessMemoryException("A GoJack stub encoder produced " + produced + " bytes where " + reserved
                + " were reserved; this is a bug in GoJack.");
    }

    // ---------------------------------------------------------------- memory safety (stub memory, wild pointers)

    public static PatchRefusedException stubMemoryExhausted(Path library, String why, long mappedBytes, int liveStubs,
                                                            int waitingStubs) {
        return new PatchRefusedException("Cannot place a GoJack stub for " + library + ": " + why + ". GoJack maps "
                + (mappedBytes >> 20) + " MiB of stub memory; " + liveStubs + " stub(s) belong to open patches and "
                + waitingStubs + " closed one(s) wait until no thread can be inside them (a thread that never blocks, "
                + "such as a goroutine in a busy loop, holds them back). Close patches you no longer need "
                + "(Patch.close(), GoLibrary.restoreAll()), let busy goroutines finish between patches, or spread the "
                + "tests over several JVMs.");
    }

    public static PatchRefusedException stubCodeTooLarge(Path library, long size, long limit) {
        return new PatchRefusedException("Cannot place a GoJack stub of " + size + " bytes of code for " + library
                + ": the limit is " + limit + " bytes (one chunk of stub memory).");
    }

    public static PatchRefusedException stubDataUnavailable(Path library, long bytes, int errno) {
        return new PatchRefusedException("Cannot allocate " + bytes + " bytes for the values of a GoJack stub on "
                + library + ": mmap failed (errno " + errno + "). The limit is what this process may map "
                + "(ulimit -v, the container's memory); use fewer or smaller result values.");
    }

    /** {@code why} says which word of the variable leads where, e.g. "its data pointer 0x7f0000000000 …". */
    public static UnreadableMemoryException unreadable(String variable, Path library, String asWhat, String why) {
        return new UnreadableMemoryException("Cannot read " + variable + " in " + library + " as " + asWhat + ": "
                + why + ", so the variable does not hold " + asWhat + ". Check the variable's Go type; nothing was "
                + "read beyond the variable's own bytes.");
    }

    /** "0x… (n bytes) is not readable memory of this process": the reason a pointer was not followed. */
    public static String notReadable(long address, long length) {
        return "0x" + Long.toHexString(address) + (length > 0 ? " (" + length + " bytes)" : "")
                + " is not readable memory of this process";
    }

    static String nearest(String name, Collection<String> known) {
        String pkg = packageOf(name);
        List<String> best = known.stream()
                .sorted(Comparator.<String>comparingInt(k -> packageOf(k).equals(pkg) ? 0 : 1)
                        .thenComparingInt(k -> distance(name, k)))
                .limit(5)
                .collect(Collectors.toList());
        return best.isEmpty() ? "" : " Nearest names: " + String.join(", ", best) + ".";
    }

    /** Go package path of a symbol name: everything before the first dot after the last slash. */
    public static String packageOf(String symbol) {
        int slash = symbol.lastIndexOf('/', Math.max(0, symbol.indexOf('(') < 0 ? symbol.length() - 1 : symbol.indexOf('(')));
        int dot = symbol.indexOf('.', slash + 1);
        return dot < 0 ? symbol : symbol.substring(0, dot);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---------------------------------------------------------------- Java answers (issue 19)

    public static PatchRefusedException unverifiedRuntimeLayout(Path library, String goVersion, String why) {
        return new PatchRefusedException("GoJack cannot register Java answer code with the Go runtime of " + library
                + " (" + goVersion + "): " + why + ". Java answers (GoLibrary.replace) need a runtime module layout"
                + " GoJack verified; build the library with Go 1.21 or Go 1.26, or replace the function with Go code"
                + " (GoLibrary.redirect).");
    }

    public static PatchRefusedException answerNotAmd64(String target, Path library, String architecture) {
        return new PatchRefusedException("Cannot answer " + target + " in " + library + " from Java: Java answers"
                + " exist for amd64 only, and the library is " + architecture + ". Use GoLibrary.redirect or stubReturn.");
    }

    /**
     * What the panic guard of a Java answer prints (after Go's own "panic: ..." lines) as it ends the process: a Go
     * panic or runtime.Goexit unwound out of a call the body made back into the library, past the body's JVM frames.
     */
    public static String panicThroughAnswer(String target, Path library) {
        return "GoJack: a Go panic (or runtime.Goexit) is unwinding through gojack.java(" + target + "), the frame of"
                + " the Java answer for " + target + " in " + library + ". It was raised in a call the answer's body made"
                + " back into the library (an export, or GoCall.callOriginal()); Go has already left the body's JVM"
                + " frames, and letting it unwind further (or be recovered above) would run on over them, so GoJack"
                + " stops the process here. Recover the panic in Go inside the export the body calls, or keep that call"
                + " from panicking.";
    }

    public static PatchRefusedException answerWithoutSignature(String target, Path library) {
        return new PatchRefusedException("Cannot answer " + target + " in " + library + " from Java: GoJack has no"
                + " typed signature for it (the library has no DWARF). Declare it first with"
                + " GoLibrary.declareSignature(\"" + target + "\", \"func(...) ...\").");
    }

    public static PatchRefusedException answerCannotCarry(String target, Path library, String signature,
                                                          String what) {
        return new PatchRefusedException("Cannot answer " + target + " " + signature + " in " + library
                + " from Java: " + what + ". Java answers carry bool, integer, float, string, []byte, pointer, map,"
                + " chan and func arguments in registers or on the stack, and such results (and error) in registers;"
                + " replace it with Go code (GoLibrary.redirect) instead.");
    }

    public static dev.gojack.SignatureMismatchException interfaceMismatch(String target, Path library,
                                                                         String goSignature, String javaMethod,
                                                                         String why) {
        return new dev.gojack.SignatureMismatchException("Cannot answer " + target + " " + goSignature + " in "
                + library + " with " + javaMethod + ": " + why + ". Map long to int/int64/uint/uint64/uintptr, int"
                + " to int32/uint32, short, byte, boolean to bool, double to float64, float to float32, String to"
                + " string, byte[] to []byte, GoPointer to pointers, Object to anything; return void for no results,"
                + " the single result's type, or GoResults.");
    }

    public static dev.gojack.GoAnswerException answerThrew(String target, Path library, long calls,
                                                          Throwable cause) {
        return new dev.gojack.GoAnswerException("The Java answer for " + target + " in " + library + " threw "
                + cause + " (" + calls + (calls == 1 ? " call" : " calls") + " threw; the first is the cause)."
                + " Those calls returned zero results to Go. The patch is restored.", cause);
    }

    public static InvalidArgumentException answerResult(String target, String signature, String why) {
        return new InvalidArgumentException("The Java answer for " + target + " " + signature + " returned "
                + why + ".");
    }

    public static InvalidArgumentException noSuchArgument(String target, int index, int count) {
        return new InvalidArgumentException("The call of " + target + " has " + count + " argument"
                + (count == 1 ? "" : "s") + "; there is no argument " + index + ".");
    }

    public static InvalidArgumentException argumentType(String target, int index, Object value, Class<?> type) {
        return new InvalidArgumentException("Argument " + index + " of the call of " + target + " is "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value) + ", not a "
                + type.getSimpleName() + ".");
    }

    public static PatchRefusedException callOriginalUnsupported(String target, Path library, String why) {
        return new PatchRefusedException("GoCall.callOriginal() for " + target + " in " + library + " cannot run"
                + " the original body: " + why + ". Compute the result in the answer, or patch a function the"
                + " original calls instead.");
    }
}
