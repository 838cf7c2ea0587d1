package dev.wasmjar.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole run of a benchmark program (instantiate + run the command) on one in-JVM engine,
 * timed by JMH in single-shot mode: each iteration is one complete run, so warm-up iterations
 * let the JIT compile the generated (or interpreter) code first. The module is parsed and
 * compiled once per fork, outside the measurement.
 *
 * <p>Before JMH's own warm-up iterations, each fork runs the program repeatedly for at least
 * {@code bench.warmupSeconds} (system property, default 10; at least one run). Whole-program
 * single shots give the JIT few calls to learn from, and engines differ widely in how long their
 * code takes to reach its steady state (wasmjar's large generated methods need several seconds of
 * C2 time), so a fixed count of warm-up runs would favour whichever engine warms up fastest at that
 * size. The first of these runs is recorded as the fork's cold ("first run") time.
 *
 * <p>Every iteration's output must equal the first one's; the fork writes that output (and, for
 * Chicory, the bridge counters of its last run) to {@code bench.work/outputs/} so the suite can
 * compare engines against each other and against the corpus's expected output.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ProgramBenchmark {
    @Param("bench-fannkuch")
    public String program;
    @Param("wasmjar")
    public String engine;
    /** The program's size argument. */
    @Param("7")
    public String arg;

    private GuestProgram prepared;
    private Outcome first;
    private Outcome last;
    private int runs;
    private double firstRunMillis;
    private int warmupRuns;

    @Setup(Level.Trial)
    public void prepare() {
        try {
            warmUp();
        } catch (RuntimeException | Error e) {
            recordError(e);
            throw e;
        }
    }

    private void warmUp() {
        Corpus corpus = Corpus.locate().orElseThrow(() -> new IllegalStateException("TinyGo corpus not found"));
        prepared = Engine.byId(engine).prepare(corpus, program);
        double seconds = Double.parseDouble(System.getProperty("bench.warmupSeconds", "10"));
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        do {
            long t0 = System.nanoTime();
            last = prepared.run(List.of(arg));
            if (warmupRuns == 0) {
                firstRunMillis = (System.nanoTime() - t0) / 1e6;
            }
            warmupRuns++;
            compare();
        } while (System.nanoTime() < deadline);
    }

    @Benchmark
    public Outcome run() {
        try {
            last = prepared.run(List.of(arg));
        } catch (RuntimeException | Error e) {
            recordError(e);
            throw e;
        }
        return last;
    }

    @TearDown(Level.Iteration)
    public void check() {
        try {
            compare();
        } catch (RuntimeException e) {
            recordError(e);
            throw e;
        }
    }

    private void compare() {
        runs++;
        if (first == null) {
            first = last;
        } else if (!first.equals(last)) {
            throw new IllegalStateException(program + " " + arg + " on " + engine + ": run " + runs
                    + " printed [" + last + "], run 1 printed [" + first + "]");
        }
    }

    @TearDown(Level.Trial)
    public void record() throws IOException {
        String work = System.getProperty("bench.work");
        if (work == null || first == null) {
            return;
        }
        Path dir = Path.of(work, "outputs");
        Files.createDirectories(dir);
        StringBuilder meta = new StringBuilder();
        meta.append("exit ").append(first.exitCode()).append('\n');
        meta.append("firstRunMicros ").append(Math.round(firstRunMillis * 1000)).append('\n');
        meta.append("warmupRuns ").append(warmupRuns).append('\n');
        if (prepared instanceof ChicoryEngine && ((ChicoryEngine) prepared).lastStats() != null) {
            ChicoryWasi.BridgeStats s = ((ChicoryEngine) prepared).lastStats();
            meta.append("hostCalls ").append(s.hostCalls()).append('\n')
                    .append("bytesCopied ").append(s.bytesCopied()).append('\n')
                    .append("copyNanos ").append(s.copyNanos()).append('\n');
        }
        String base = OutputFiles.baseName(program, arg, engine) + "@" + ProcessHandle.current().pid();
        Files.write(dir.resolve(base + ".stdout"), first.stdout());
        Files.writeString(dir.resolve(base + ".meta"), meta, StandardCharsets.UTF_8);
    }

    private boolean errorRecorded;

    /**
     * Writes {@code bench.work/outputs/BASE@pid.error}: one line naming the failure (the exception
     * and its causes: a compile error, the guest's trap, a wrong output), then the stack trace. The
     * suite reads it to report the cell as failed with that reason. Only the first error counts.
     */
    void recordError(Throwable e) {
        String work = System.getProperty("bench.work");
        if (work == null || errorRecorded) {
            return;
        }
        errorRecorded = true;
        StringBuilder line = new StringBuilder(engine + " " + (prepared == null ? "preparing" : "running") + " " + program + " " + arg + ": ");
        String sep = "";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            line.append(sep).append(t.getClass().getName()).append(": ").append(String.valueOf(t.getMessage()).replaceAll("\\s+", " "));
            sep = " <- caused by ";
        }
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        try {
            Path dir = Path.of(work, "outputs");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(OutputFiles.baseName(program, arg, engine) + "@" + ProcessHandle.current().pid() + ".error"),
                    line + "\n" + trace, StandardCharsets.UTF_8);
        } catch (IOException io) {
            e.addSuppressed(io);
        }
    }

    /** Naming of the per-fork output files. */
    static final class OutputFiles {
        private OutputFiles() {
        }

        static String baseName(String program, String arg, String engine) {
            return program + "@" + arg + "@" + engine;
        }
    }


    static void deleteOutputs(Path work) {
        Path dir = work.resolve("outputs");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
