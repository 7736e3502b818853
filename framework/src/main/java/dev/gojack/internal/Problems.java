package dev.gojack.internal;

import dev.gojack.InlinedTargetException;
import dev.gojack.InvalidLibraryException;
import dev.gojack.LibraryLoadException;
import dev.gojack.MorphNotSafeException;
import dev.gojack.PatchConflictException;
import dev.gojack.PatchRefusedException;
import dev.gojack.PatchStateException;
import dev.gojack.SignatureMismatchException;
import dev.gojack.SymbolNotFoundException;
import dev.gojack.UnreadableMemoryException;
import dev.gojack.UnsupportedLibraryException;

import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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

    public static SignatureMismatchException signatureMismatch(String target, int targetArgs, String replacement,
                                                               int replacementArgs, Path library) {
        return new SignatureMismatchException("Cannot redirect " + target + " to " + replacement + " in " + library
                + ": their arguments and results take " + targetArgs + " and " + replacementArgs
                + " bytes (pclntab args size). A redirect needs the same signature (a method's receiver counts as its "
                + "first argument).");
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

    public static PatchStateException alreadyClosed(String what) {
        return new PatchStateException(what + " was already closed. Each patch is closed exactly once; "
                + "use try-with-resources or GoLibrary.restoreAll().");
    }

    public static PatchStateException notInnermost(String what, String innermost) {
        return new PatchStateException("Cannot close " + what + " while " + innermost + " is still applied on top of "
                + "it: close nested patches of one variable in reverse order (last applied, first closed).");
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

    public static PatchRefusedException stubTooLarge(Path library, long size, long limit) {
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
}
