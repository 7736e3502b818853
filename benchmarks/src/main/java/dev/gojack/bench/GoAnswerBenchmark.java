package dev.gojack.bench;

import dev.gojack.GoLibrary;
import dev.gojack.Patch;
import jnr.ffi.LibraryLoader;
import org.mockito.Mockito;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.concurrent.TimeUnit;

/**
 * Go calls Java (issue 19): libanswers' {@code LoopPrice(n)} calls {@code main.price} n times from one goroutine.
 * {@link #unpatched} runs Go's price; {@link #goRedirect} a Go replacement ({@code GoLibrary.redirect} to
 * {@code main.priceAlt}); {@link #javaAnswer} a trivial Java lambda ({@code GoLibrary.replace}); {@link #mockitoAnswer}
 * a stubbed Mockito mock; {@link #callOriginal} a lambda that returns {@code call.callOriginal()} (Go's price run from
 * Java). One operation is one loop, so one call costs (operation time) / n; each method runs in
 * its own fork, with the machine's Go ({@code noinline}) or Go 1.21 ({@code go1.21/noinline}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Long warm-up: on a 2-vCPU VM C2 took over 10 s to finish compiling these paths (measured with
// -XX:+PrintCompilation); with 3 iterations the figures still carried its compile storms.
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GoAnswerBenchmark {
    /** Calls per operation. */
    public static final long N = 10_000;

    /** The export the benchmark calls. */
    public interface Answers {
        long LoopPrice(long n);
    }

    /** The mock's interface. */
    public interface Pricing {
        long price(long qty);
    }

    @Param({"noinline", "go1.21/noinline"})
    public String variant;

    private Answers go;
    private Patch patch;

    @Setup(Level.Trial)
    public void load(BenchmarkParams params) {
        GoLibrary library = GoLibrary.load(BenchFixtures.library(variant, "answers"));
        go = LibraryLoader.create(Answers.class).failImmediately().load(library.path().toString());
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        long expected = 0;
        switch (method) {
            case "goRedirect" -> {
                patch = library.redirect("main.price", "main.priceAlt");
                expected = 3 * (N * (N - 1) / 2) + N;
            }
            case "javaAnswer" -> {
                patch = library.replace("main.price", call -> (Long) call.argument(0) * 3 + 1);
                expected = 3 * (N * (N - 1) / 2) + N;
            }
            case "callOriginal" -> {
                // The body runs Go's own price through GoCall.callOriginal() and returns its result.
                patch = library.replace("main.price", dev.gojack.GoCall::callOriginal);
                expected = 10 * (N * (N - 1) / 2);
            }
            case "mockitoAnswer" -> {
                // stubOnly: a mock that records no invocations (a recording one would keep millions).
                Pricing mock = Mockito.mock(Pricing.class, Mockito.withSettings().stubOnly());
                Mockito.when(mock.price(Mockito.anyLong())).thenReturn(2L);
                patch = library.replace("main.price", Pricing.class, mock);
                expected = 2 * N;
            }
            default -> expected = 10 * (N * (N - 1) / 2);
        }
        if (go.LoopPrice(N) != expected) {
            throw new IllegalStateException(method + ": LoopPrice gave " + go.LoopPrice(N) + ", not " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void restore() {
        if (patch != null) {
            patch.close();
        }
    }

    @Benchmark
    public long unpatched() {
        return go.LoopPrice(N);
    }

    @Benchmark
    public long goRedirect() {
        return go.LoopPrice(N);
    }

    @Benchmark
    public long javaAnswer() {
        return go.LoopPrice(N);
    }

    @Benchmark
    public long callOriginal() {
        return go.LoopPrice(N);
    }

    @Benchmark
    @Measurement(iterations = 3, time = 1)
    public long mockitoAnswer() {
        return go.LoopPrice(N);
    }
}
