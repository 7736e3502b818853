package dev.gojack.internal.answer;

import dev.gojack.GoAnswer;
import dev.gojack.GoFunction;
import dev.gojack.GoSignature;
import dev.gojack.GoValue;
import dev.gojack.Patch;
import dev.gojack.PatchOption;
import dev.gojack.internal.Problems;
import dev.gojack.internal.arch.AbiAssignment;
import dev.gojack.internal.arch.SpyEntry;
import dev.gojack.internal.arch.amd64.Amd64AnswerStub;
import dev.gojack.internal.arch.amd64.Amd64OriginalStub;
import dev.gojack.internal.arch.amd64.Amd64PanicGuard;
import dev.gojack.internal.dwarf.Parameter;
import dev.gojack.internal.dwarf.TypeInfo;
import dev.gojack.internal.dwarf.TypeKind;
import dev.gojack.internal.patch.Patcher;
import dev.gojack.internal.patch.TypedSignature;
import dev.gojack.internal.runtime.PcTableEncoder;
import dev.gojack.internal.runtime.StubModule;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes Java answer a Go function (issue 19): checks that the signature can be carried, builds the answer stub,
 * registers it with the runtime as {@code gojack.java(<target>)}, and patches the target's entry to it.
 */
public final class Answers {
    private final Patcher patcher;
    private final Runtime runtime;
    private StubModule module;
    /** The entry of the registered {@code gojack.answerPanicGuard}, 0 until the first answer. */
    private long guard;

    /**
     * What GoJack needs from the loaded library, found by the facade: live addresses of its moduledata (and the
     * size {@code .symtab} gives it, 0 when stripped), pclntab
     * header, text and {@code runtime.lastmoduledatap} (0 when unnamed), of {@code runtime.cgocall} and
     * {@code runtime.morestack_noctxt}, and of the itab {@code *errors.errorString → error} (0 when it has none),
     * and what the panic guard calls: {@code runtime.preprintpanics}, {@code runtime.printpanics} and
     * {@code runtime.fatal}.
     */
    public record Runtime(long moduledata, long moduledataSize, long pcHeader, long text, long lastmoduledatap,
                          long cgocall, long morestackNoctxt, long errorItab, long crosscall2, long preprintpanics,
                          long printpanics, long fatal) {
    }

    public Answers(Patcher patcher, Runtime runtime) {
        this.patcher = patcher;
        this.runtime = runtime;
    }

    /** {@code GoLibrary.replace(target, javaInterface, implementation, options)} for the resolved {@code target}. */
    public <T> Patch replace(GoFunction target, GoSignature signature, Class<T> javaInterface, T implementation,
                             PatchOption... options) {
        TypedSignature typed = patcher.answerTarget(target, options)
                .orElseThrow(() -> Problems.answerWithoutSignature(target.name(), patcher.path()));
        GoAnswer body = InterfaceAnswer.of(target.name(), patcher.path(), typed, javaInterface, implementation);
        return replace(target, signature, body, options);
    }

    /** {@code GoLibrary.replace(target, answer, options)} for the resolved {@code target}. */
    public Patch replace(GoFunction target, GoSignature signature, GoAnswer body, PatchOption... options) {
        String name = target.name();
        if (!patcher.architecture().name().equals("amd64")) {
            throw Problems.answerNotAmd64(name, patcher.path(), patcher.architecture().name());
        }
        TypedSignature typed = patcher.answerTarget(target, options)
                .orElseThrow(() -> Problems.answerWithoutSignature(name, patcher.path()));
        AbiAssignment abi = typed.assignment();
        List<Parameter> parameters = typed.info().parameters();
        List<Parameter> results = typed.info().results();
        for (Parameter p : parameters) {
            String why = Codec.unsupportedArgument(p.type());
            if (why != null) {
                throw Problems.answerCannotCarry(name, patcher.path(), typed.goSyntax(), why
                        + (p.name().isEmpty() ? "" : " ('" + p.name() + "')"));
            }
        }
        for (int i = 0; i < results.size(); i++) {
            String why = Codec.unsupportedResult(results.get(i).type());
            if (why == null && abi.results().get(i).onStack()) {
                why = "result " + i + " (" + results.get(i).type().name() + ") is returned on the stack";
            }
            if (why != null) {
                throw Problems.answerCannotCarry(name, patcher.path(), typed.goSyntax(), why);
            }
        }
        return patcher.locked(() -> {
            StubModule m = module();
            JavaAnswer answer = new JavaAnswer(target, signature, parameters, results, abi, body, place(name),
                    patcher.path());
            long id = AnswerDispatcher.register(answer);
            Amd64AnswerStub.Code code = Amd64AnswerStub.build(abi, id, AnswerDispatcher.address(), runtime.cgocall(),
                    runtime.morestackNoctxt(), guardClosure(m, name));
            long start = patcher.memory().code(code.bytes());
            m.register(new StubModule.Function("gojack.java(" + name + ")", start, start + code.bytes().length,
                    runs(start, code), (int) abi.frameSize(), argumentPointers(abi, parameters),
                    localPointers(abi, results), StubModule.FLAG_ASM,
                    new StubModule.OpenDefer(code.deferBitsOffset(), code.closureOffset(), code.deferreturn())));
            original(m, target, typed, answer);
            Patch entry = patcher.hookTo(target, start, "Java answer " + body.getClass().getName(), options);
            return new AnswerPatch(patcher, name, entry, answer);
        });
    }

    /**
     * The answer stub's locals map: the words from the guard's closure slot up to the saved-RBP slot (g, id,
     * results, defer bits, closure), with the pointer words of the results marked, so that results
     * {@code callOriginal()} stores there stay alive (and are adjusted by the stack copier) until Java has copied
     * or returned them.
     */
    static boolean[] localPointers(AbiAssignment abi, List<Parameter> results) {
        boolean[] slots = Original.resultPointers(abi, results);
        boolean[] bits = new boolean[4 + slots.length];
        // Bit 0 is the lowest word: the closure slot, then the defer bits (GoJack's memory and a byte, no
        // pointers), then the last result slot; the g and id slots (the highest two) hold no pointers.
        for (int i = 0; i < slots.length; i++) {
            bits[2 + slots.length - 1 - i] = slots[i];
        }
        return bits;
    }

    /**
     * The {@code func()} value an answer's frame defers while Java runs: the library's panic guard (built and
     * registered with the first answer) with the message that names this target.
     */
    private long guardClosure(StubModule m, String target) {
        if (guard == 0) {
            long printpanics = patcher.version().minor() >= 26 ? 0 : runtime.printpanics();
            Amd64AnswerStub.Code code = Amd64PanicGuard.build(runtime.preprintpanics(), printpanics, runtime.fatal());
            long start = patcher.memory().code(code.bytes());
            m.register(new StubModule.Function("gojack.answerPanicGuard", start, start + code.bytes().length,
                    runs(start, code), 0, new boolean[0], new boolean[2], StubModule.FLAG_ASM));
            guard = start;
        }
        byte[] message = Problems.panicThroughAnswer(target, patcher.path()).getBytes(StandardCharsets.UTF_8);
        ByteBuffer funcval = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        funcval.putLong(0, guard).putLong(8, patcher.memory().constant(message)).putLong(16, message.length);
        return patcher.memory().constant(funcval.array());
    }

    private static List<PcTableEncoder.Run> runs(long start, Amd64AnswerStub.Code code) {
        List<PcTableEncoder.Run> runs = new ArrayList<>();
        for (Amd64AnswerStub.SpRun r : code.spRuns()) {
            runs.add(new PcTableEncoder.Run(start + r.start(), start + r.end(), r.delta()));
        }
        return runs;
    }

    /**
     * Builds and registers {@code gojack.original(<target>)}, the function {@code callOriginal()} enters, or
     * records why it cannot be built (then {@code callOriginal()} is refused, naming the reason).
     */
    private void original(StubModule m, GoFunction target, TypedSignature typed, JavaAnswer answer) {
        String name = target.name();
        if (runtime.crosscall2() == 0) {
            answer.originalRefused("the library has no crosscall2 (cgo's C-to-Go entry)");
            return;
        }
        if (isClosure(name)) {
            answer.originalRefused("it is a closure or method value, whose context register the answer stub does"
                    + " not keep");
            return;
        }
        SpyEntry entry;
        try {
            entry = patcher.decodeEntry(target);
        } catch (RuntimeException e) {
            // The answer itself does not need the entry: only callOriginal() is refused, saying why.
            answer.originalRefused(e.getMessage());
            return;
        }
        int checkBytes = entry.check() == SpyEntry.Check.BIG || entry.check() == SpyEntry.Check.HUGE
                ? entry.frameBytes() : 0;
        long resume = entry.relocated().length == 0 ? entry.resume()
                : patcher.memory().code(patcher.architecture().spyResume(entry));
        AbiAssignment abi = typed.assignment();
        Amd64AnswerStub.Code code = Amd64OriginalStub.build(abi, checkBytes, resume, runtime.morestackNoctxt());
        long start = patcher.memory().code(code.bytes());
        // One argument, the block: memory off the Go heap, so not a pointer for the collector.
        m.register(new StubModule.Function("gojack.original(" + name + ")", start, start + code.bytes().length,
                runs(start, code), 8, new boolean[1], new boolean[0], StubModule.FLAG_ASM));
        answer.original(new Original(runtime.crosscall2(), start, typed.info().results(), abi));
    }

    /** Closures ({@code main.f.func1}) and method values ({@code ...-fm}) take a context in RDX. */
    static boolean isClosure(String name) {
        return name.endsWith("-fm") || name.matches(".*\\.func\\d+(\\.\\d+)*$");
    }

    private StubModule module() {
        if (module == null) {
            module = StubModule.attach(patcher.path(), patcher.version(), runtime.moduledata(), runtime.pcHeader(),
                    runtime.text(), runtime.lastmoduledatap(), runtime.moduledataSize(), patcher.writer());
        }
        return module;
    }

    /** The words of the argument area the garbage collector must see as pointers: exactly the pointer-shaped ones. */
    static boolean[] argumentPointers(AbiAssignment abi, List<Parameter> parameters) {
        boolean[] bits = new boolean[(int) (abi.frameSize() / 8)];
        for (int i = 0; i < parameters.size(); i++) {
            AbiAssignment.Value v = abi.parameters().get(i);
            long at = v.onStack() ? v.stackOffset() : v.spillOffset();
            TypeInfo t = parameters.get(i).type();
            TypeKind k = t.kind();
            if (k.isPointerShaped() || k == TypeKind.STRING || k == TypeKind.SLICE) {
                bits[(int) (at / 8)] = true; // the first word: pointer, string data, slice data
            }
        }
        return bits;
    }

    private Codec.Place place(String function) {
        return new Codec.Place() {
            @Override
            public long constant(byte[] bytes) {
                return patcher.memory().constant(bytes);
            }

            @Override
            public long[] error(String text) {
                if (runtime.errorItab() == 0) {
                    return null;
                }
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                // An errors.errorString{s} off the Go heap, like the string it points to: Go may keep it for good.
                ByteBuffer s = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                s.putLong(0, patcher.memory().constant(utf8)).putLong(8, utf8.length);
                return new long[] {runtime.errorItab(), patcher.memory().constant(s.array())};
            }

            @Override
            public byte[] image(GoValue value, TypeInfo type) {
                // The stubs' placement: composite values and errors made with GoValue.error land the same way.
                return patcher.values().session(function).image(value, type);
            }
        };
    }
}
