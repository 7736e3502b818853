package dev.gojack.bench;

import dev.gojack.FakeClock;
import dev.gojack.GoLibrary;
import jnr.ffi.LibraryLoader;
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

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * libclock's {@code NowLoop(n)}: Go calls {@code time.Now()} n times in a loop. {@link #realNow} runs it on the
 * real clock, {@link #fakeNow} with {@code GoLibrary.fakeClock(...)} in force (each in its own fork, loading only
 * libclock). One JMH operation is one whole loop, so the jnr call into Go is amortised over n calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FakeClockBenchmark {
    /** The exports the benchmark calls. */
    public interface Clock {
        long NowLoop(long n);

        long NowUnixNano();
    }

    @Param("1000000")
    public long n;

    private Clock clock;
    private FakeClock fake;

    @Setup(Level.Trial)
    public void load(BenchmarkParams params) {
        GoLibrary library = GoLibrary.load(BenchFixtures.library("noinline", "clock"));
        clock = LibraryLoader.create(Clock.class).failImmediately().load(library.path().toString());
        if (params.getBenchmark().endsWith("fakeNow")) {
            Instant start = Instant.parse("2030-01-01T00:00:00Z");
            fake = library.fakeClock(start);
            if (clock.NowUnixNano() != start.toEpochMilli() * 1_000_000L) {
                throw new IllegalStateException("the fake clock is not in force");
            }
        }
    }

    @TearDown(Level.Trial)
    public void restore() {
        if (fake != null) {
            fake.close();
        }
    }

    @Benchmark
    public long realNow() {
        return clock.NowLoop(n);
    }

    @Benchmark
    public long fakeNow() {
        return clock.NowLoop(n);
    }
}
