package dev.gojack.cli;

import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import dev.gojack.GoJackException;
import dev.gojack.GoType;
import dev.gojack.GoVariable;
import dev.gojack.Patchability;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code java -jar gojack-framework.jar inspect LIB.so [--functions REGEX] [--variables REGEX] [--types REGEX]
 * [--inlined NAME] [--json]}: what GoJack sees in a Go library, read from the file only — nothing of it is loaded or run.
 */
public final class GoJackCli {
    private static final String USAGE = String.join("\n",
            "usage: gojack inspect LIB.so [--functions REGEX] [--variables REGEX] [--types REGEX] [--inlined NAME]",
            "                             [--patchable] [--plans] [--callers NAME] [--json]",
            "       gojack inspect --help",
            "  Reads a Go c-shared library (never loads it) and prints its Go version, build settings,",
            "  symbol counts, the functions that were inlined somewhere (patching them cannot take full",
            "  effect), and the functions/variables/types whose names match REGEX, with address and size",
            "  (functions with their Go signature, from DWARF).",
            "",
            "  --functions REGEX  functions whose Go name contains a match, e.g. '^main\\.' or 'Charge'",
            "  --variables REGEX  package variables (needs .symtab: not in a library built with -ldflags=-s)",
            "  --types REGEX      type descriptors, found without symbols",
            "  --inlined NAME     the functions that carry an inlined copy of NAME",
            "  --patchable        the share of the main module's functions GoJack can patch with full effect,",
            "                     and why each other one cannot be (inlined, no body left, entry too short)",
            "  --plans            (text only) how many functions each entry plan serves (aligned store, padding",
            "                     hot-patch, quiescent-only), before and with pc-table coverage of parked jumps",
            "  --callers NAME     the functions that call NAME directly (decoded from the text) and those that",
            "                     carry an inlined copy of it",
            "  --json             the same facts as one JSON object",
            "  -h, --help         this text",
            "",
            "  exit status: 0 ok, 1 the file is not a Go library GoJack can read, 2 bad usage");

    private GoJackCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the process exit code (0 ok, 1 bad library, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (CliHelp.asked(args)) {
            out.println(USAGE);
            return 0;
        }
        if (args.length < 2 || !args[0].equals("inspect")) {
            err.println(USAGE);
            return 2;
        }
        InspectRequest request;
        boolean plans = java.util.Arrays.asList(args).contains("--plans");
        try {
            request = InspectRequest.parse(java.util.Arrays.stream(args).filter(a -> !a.equals("--plans"))
                    .toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            err.println("gojack: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            GoBinary binary = GoBinary.open(request.library());
            Inspection inspection = Inspection.of(binary, request);
            out.print(request.json() ? inspection.toJson() : inspection.toText());
            if (plans && !request.json()) {
                out.print(binary.entryPlans());
            }
            return 0;
        } catch (GoJackException e) {
            err.println("gojack: " + e.getMessage());
            return 1;
        }
    }

    /** The command line, parsed. */
    record InspectRequest(Path library, Pattern functions, Pattern variables, Pattern types, String inlined, boolean json,
                          boolean patchable, String callers) {
        static InspectRequest parse(String[] args) {
            Path library = Path.of(args[1]);
            Pattern functions = null;
            Pattern variables = null;
            Pattern types = null;
            String inlined = null;
            String callers = null;
            boolean json = false;
            boolean patchable = false;
            for (int i = 2; i < args.length; i++) {
                switch (args[i]) {
                    case "--functions" -> functions = pattern(args, ++i);
                    case "--variables" -> variables = pattern(args, ++i);
                    case "--types" -> types = pattern(args, ++i);
                    case "--inlined" -> inlined = value(args, ++i);
                    case "--callers" -> callers = value(args, ++i);
                    case "--json" -> json = true;
                    case "--patchable" -> patchable = true;
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            return new InspectRequest(library, functions, variables, types, inlined, json, patchable, callers);
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }

        private static Pattern pattern(String[] args, int i) {
            try {
                return Pattern.compile(value(args, i));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("bad regular expression for " + args[i - 1] + ": " + e.getDescription());
            }
        }
    }

    /** Everything the command prints, gathered once and rendered as text or JSON. */
    record Inspection(String library, String goVersion, String architecture, String module, boolean stripped,
                      boolean inliningDisabled, Map<String, String> settings, int functionCount, int variableCount,
                      List<String> inlinedInModule, int inlinedTotal, List<GoFunction> functions,
                      List<GoVariable> variables, List<GoType> types, String inlinedName, List<String> inlinedInto,
                      InspectRequest request, Patchability patchability, Callers callers) {

        static Inspection of(GoBinary b, InspectRequest r) {
            List<GoFunction> all = b.functions();
            List<GoVariable> vars = b.variables();
            String module = b.modulePath();
            TreeSet<String> ownInlined = new TreeSet<>();
            for (String name : b.inlinedFunctions()) {
                String pkg = name.substring(0, Math.max(0, name.indexOf('.', Math.max(0, name.lastIndexOf('/')))));
                if (pkg.equals("main") || (!module.isEmpty() && pkg.startsWith(module))) {
                    ownInlined.add(name);
                }
            }
            List<GoFunction> functions = r.functions() == null ? List.of()
                    : all.stream().filter(f -> r.functions().matcher(f.name()).find()).toList();
            List<GoVariable> variables = r.variables() == null ? List.of()
                    : vars.stream().filter(v -> r.variables().matcher(v.name()).find()).toList();
            List<String> inlinedInto = r.inlined() == null ? List.of() : b.inlinedInto(r.inlined());
            List<GoType> types = r.types() == null ? List.of()
                    : b.types().stream().filter(t -> r.types().matcher(t.name()).find()).toList();
            Callers callers = r.callers() == null ? null : Callers.of(b, r.callers());
            return new Inspection(b.path().toString(), b.goVersion(), b.architecture(), module, b.isStripped(),
                    b.inliningDisabled(), b.buildSettings(), all.size(), vars.size(), new ArrayList<>(ownInlined),
                    b.inlinedFunctions().size(), functions, variables, types, r.inlined(), inlinedInto, r,
                    r.patchable() ? b.patchability() : null, callers);
        }

        String toText() {
            StringBuilder s = new StringBuilder();
            s.append("library            ").append(library).append('\n');
            s.append("go version         ").append(goVersion).append(" (").append(architecture).append(")\n");
            s.append("main module        ").append(module.isEmpty() ? "(none)" : module).append('\n');
            s.append("build settings     ");
            settings.entrySet().stream().filter(e -> !e.getKey().equals("DefaultGODEBUG")).sorted(Map.Entry.comparingByKey())
                    .forEach(e -> s.append(e.getKey()).append('=').append(e.getValue()).append(' '));
            s.append('\n');
            s.append("stripped           ").append(stripped ? "yes (.symtab gone: functions resolve through the pclntab, "
                    + "variables cannot be named)" : "no").append('\n');
            s.append("inlining disabled  ").append(inliningDisabled ? "yes (-gcflags=all=-l)" : "no").append('\n');
            s.append("functions          ").append(functionCount).append('\n');
            s.append("variables          ").append(variableCount).append('\n');
            s.append("inlined somewhere  ").append(inlinedTotal).append(" functions");
            if (!inlinedInModule.isEmpty()) {
                s.append("; warning: of the main module, ").append(inlinedInModule.size())
                        .append(" were inlined, patching them cannot reach the inlined copies:\n");
                inlinedInModule.forEach(n -> s.append("  ! ").append(n).append('\n'));
            } else {
                s.append('\n');
            }
            if (inlinedName != null) {
                s.append("\n").append(inlinedName).append(inlinedInto.isEmpty() ? " was not inlined anywhere\n"
                        : " was inlined into " + inlinedInto.size() + " function(s):\n");
                inlinedInto.forEach(n -> s.append("  ").append(n).append('\n'));
            }
            if (patchability != null) {
                s.append('\n').append(PatchabilityText.of(patchability));
            }
            CliHelp.noMatch(s, "functions", request.functions(), functions.size());
            CliHelp.noMatch(s, "variables", request.variables(), variables.size());
            CliHelp.noMatch(s, "types", request.types(), types.size());
            if (callers != null) {
                callers.appendText(s);
            }
            if (!functions.isEmpty()) {
                s.append("\n").append(String.format("%-18s %8s  %s%n", "address", "size", "function"));
                for (GoFunction f : functions) {
                    s.append(String.format("0x%016x %8d  %s%s%s%n", f.address(), f.size(), f.name(),
                            f.signature().map(sig -> "  " + sig).orElse(""),
                            f.inlinedInto().isEmpty() ? "" : "   (inlined into " + f.inlinedInto().size() + ")"));
                }
            }
            if (!variables.isEmpty()) {
                s.append("\n").append(String.format("%-18s %8s  %s%n", "address", "size", "variable"));
                for (GoVariable v : variables) {
                    s.append(String.format("0x%016x %8d  %s%n", v.address(), v.size(), v.name()));
                }
            }
            if (!types.isEmpty()) {
                s.append("\n").append(String.format("%-18s %8s %8s  %-10s %s%n", "address", "size", "ptrbytes", "kind", "type"));
                for (GoType t : types) {
                    s.append(String.format("0x%016x %8d %8d  %-10s %s%n", t.address(), t.size(), t.pointerBytes(),
                            t.kind().name().toLowerCase(java.util.Locale.ROOT), t.name()));
                }
            }
            return s.toString();
        }

        String toJson() {
            Json j = new Json();
            j.open();
            j.field("library", library).field("goVersion", goVersion).field("architecture", architecture)
                    .field("module", module).field("stripped", stripped).field("inliningDisabled", inliningDisabled);
            j.key("buildSettings").open();
            settings.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> j.field(e.getKey(), e.getValue()));
            j.close();
            j.field("functionCount", functionCount).field("variableCount", variableCount)
                    .field("inlinedCount", inlinedTotal).stringArray("inlinedInMainModule", inlinedInModule);
            if (inlinedName != null) {
                j.key("inlined").open().field("name", inlinedName).stringArray("into", inlinedInto).close();
            }
            if (patchability != null) {
                PatchabilityText.json(j, patchability);
            }
            if (callers != null) {
                j.key("callers").open().field("name", callers.name()).stringArray("direct", callers.direct())
                        .stringArray("inlinedInto", callers.inlinedInto()).close();
            }
            j.key("functions").openArray();
            for (GoFunction f : functions) {
                j.open().field("name", f.name()).field("address", f.address()).field("size", f.size())
                        .field("argsSize", f.argsSize()).field("frameSize", f.frameSize())
                        .field("wrapper", f.isWrapper()).field("abi", f.abi().name())
                        .field("signature", f.signature().map(Object::toString).orElse(null))
                        .stringArray("inlinedInto", f.inlinedInto()).close();
            }
            j.closeArray();
            j.key("variables").openArray();
            for (GoVariable v : variables) {
                j.open().field("name", v.name()).field("address", v.address()).field("size", v.size()).close();
            }
            j.closeArray();
            j.key("types").openArray();
            for (GoType t : types) {
                j.open().field("name", t.name()).field("address", t.address()).field("size", t.size())
                        .field("pointerBytes", t.pointerBytes()).field("kind", t.kind().name()).close();
            }
            j.closeArray();
            j.close();
            return j.toString() + "\n";
        }
    }
}
