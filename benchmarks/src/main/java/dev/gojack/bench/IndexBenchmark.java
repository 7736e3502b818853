package dev.gojack.bench;

import dev.gojack.GoBinary;
import dev.gojack.GoFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The static view of the big library ({@code default/libbigweb.so}, ~14 MB): {@code GoBinary.open} (map the file,
 * read buildinfo, the pclntab and {@code .symtab}, build the name index) plus one lookup, warmed up; and a lookup by
 * name on an opened binary. Nothing is loaded into the process, so no Go runtime starts here.
 */
@State(Scope.Benchmark)
@Fork(1)
public class IndexBenchmark {
    public static final String LOOKUP = "main.greetingFor";

    private Path file;
    private GoBinary opened;

    @Setup(Level.Trial)
    public void open() {
        file = BenchFixtures.library("default", "bigweb");
        opened = GoBinary.open(file);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 5, time = 1)
    @Measurement(iterations = 5, time = 1)
    public GoFunction openAndLookup() {
        return GoBinary.open(file).function(LOOKUP);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public GoFunction lookup() {
        return opened.function(LOOKUP);
    }

    /** A signature already read once: lookup plus the remembered answer. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @Warmup(iterations = 3, time = 1)
    @Measurement(iterations = 5, time = 1)
    public Object lookupAndSignature() {
        return opened.function(LOOKUP).signature();
    }
}
