package dev.wasmjar.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.runtime.Memory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The benchmark suite: runs every bench program on every engine (JMH for the JVM engines, the
 * node runner for Node.js), checks every engine's output, measures compile time, start-up and
 * peak heap, and writes {@code docs/benchmarks.md} and {@code docs/benchmarks.svg}.
 *
 * <p>Run by {@code mvn -B -pl it/benchmarks -am verify -Pbenchmarks -DskipTests}. System
 * properties: {@code bench.mode} ({@code full} or {@code quick}: fewer forks and iterations),
 * {@code bench.programs} and {@code bench.engines} (comma-separated, or {@code all}),
 * {@code bench.sizes} ({@code small}, {@code large} or {@code all}), {@code bench.extras}
 * ({@code false} skips the compile-time, start-up and heap measurements), {@code bench.docs} (output
 * folder), {@code bench.work} (scratch folder), {@code bench.extraPrograms} (the suite's own
 * standard-Go and Rust programs, {@code it/benchmarks/programs}). Exits non-zero when an engine
 * printed a wrong result or a JVM engine failed (a node crash is only reported); the report is
 * written either way, with such cells marked failed.
 *
 * <p>Two groups of rows: the TinyGo programs' {@code wasip2} core modules on wasmjar and Chicory
 * (through wasmjar's WASI 0.2 host), and every program's {@code wasip1} build on wasmjar, Chicory
 * with Chicory's own preview1 WASI, and node, which all run the very same {@code .wasip1.wasm}.
 */
public final class BenchmarkSuite {
    /**
     * Size arguments: "small" runs on every engine including Chicory's interpreter (about 0.5–5 s
     * there), so all engines do the same work; "large" runs on the fast engines only (these), sized
     * for wasmjar to take roughly 0.5–3 s. Where small equals cases.json's argument the output is
     * also checked against the corpus's expected stdout.
     */
    static final List<Engine> LARGE_ENGINES = List.of(Engine.WASMJAR, Engine.WASMJAR_P1, Engine.NODE);

    static final Map<String, String[]> SIZES = new LinkedHashMap<>();

    static {
        SIZES.put("bench-nbody", new String[] {"10000", "8000000"});
        SIZES.put("bench-fannkuch", new String[] {"8", "11"});
        SIZES.put("bench-spectral", new String[] {"100", "3000"});
        SIZES.put("bench-bintrees", new String[] {"10", "16"});
        SIZES.put("bench-sha256", new String[] {"1", "128"});
        SIZES.put("bench-json", new String[] {"200", "25000"});
        SIZES.put("bench-sort", new String[] {"20000", "500000"});
        SIZES.put("bench-maps", new String[] {"300", "5000"});
        SIZES.put("bench-pingpong", new String[] {"8000", "10000000"});
        SIZES.put("bench-strings", new String[] {"10000", "2000000"});
        // Not TinyGo: standard Go 1.22 and Rust 1.63 wasip1 builds of the same kernels (it/benchmarks/programs),
        // at the same sizes as the TinyGo program whose output they must reproduce byte for byte.
        SIZES.put("go-fannkuch", SIZES.get("bench-fannkuch"));
        SIZES.put("rust-fannkuch", SIZES.get("bench-fannkuch"));
        SIZES.put("go-nbody", SIZES.get("bench-nbody"));
        SIZES.put("rust-nbody", SIZES.get("bench-nbody"));
    }

    /** The suite's own programs and the corpus program each one reimplements (same argument, same output). */
    static final Map<String, String> SAME_OUTPUT_AS = Map.of(
            "go-fannkuch", "bench-fannkuch", "rust-fannkuch", "bench-fannkuch",
            "go-nbody", "bench-nbody", "rust-nbody", "bench-nbody");

    /** {@code program}, or the corpus program whose output it must reproduce. */
    static String reference(String program) {
        return SAME_OUTPUT_AS.getOrDefault(program, program);
    }

    static final List<String> FORK_JVM_ARGS = List.of("-Xss16m", "-Xms2g", "-Xmx2g");

    /** Forks, warm-up and measured iterations. */
    record Settings(String mode, int forks, double warmupSeconds, int warmup, int iterations, int compileReps, int startupReps) {
        static Settings of(String mode) {
            return "quick".equals(mode) ? new Settings("quick", 1, 4, 2, 3, 2, 5) : new Settings("full", 3, 10, 3, 5, 4, 9);
        }
    }

    /** One program × size × engine: its times (ms) or the reason it has none. */
    record Cell(String program, boolean large, String arg, Engine engine, List<Double> millis, Outcome outcome,
                Map<String, Long> meta, String error) {
        Stats stats() {
            return millis == null || millis.isEmpty() ? null : Stats.of(millis);
        }
    }

    private final Corpus corpus;
    private final Settings settings;
    private final Path work;
    private final Path docs;
    private final List<String> programs;
    private final List<Engine> engines;
    private final List<Boolean> sizes;
    private final NodeEngine node;

    private BenchmarkSuite(Corpus corpus, Settings settings, Path work, Path docs, List<String> programs, List<Engine> engines,
                           List<Boolean> sizes) {
        this.corpus = corpus;
        this.sizes = sizes;
        this.settings = settings;
        this.work = work;
        this.docs = docs;
        this.programs = programs;
        this.node = engines.contains(Engine.NODE) ? NodeEngine.find(work).orElse(null) : null;
        this.engines = engines.stream().filter(e -> e != Engine.NODE || node != null).collect(Collectors.toList());
    }

    public static void main(String[] args) throws Exception {
        Corpus corpus = Corpus.locate().orElseThrow(() -> new IllegalStateException(
                "the TinyGo corpus was not found (set -Dwasmjar.shared=.../shared)"));
        Settings settings = Settings.of(System.getProperty("bench.mode", "full"));
        Path work = Path.of(System.getProperty("bench.work", "target/benchmarks")).toAbsolutePath();
        Path docs = Path.of(System.getProperty("bench.docs", "docs")).toAbsolutePath().normalize();
        List<String> programs = select(System.getProperty("bench.programs", "all"), new ArrayList<>(SIZES.keySet()));
        List<Engine> engines = select(System.getProperty("bench.engines", "all"),
                Arrays.stream(Engine.values()).map(Engine::id).collect(Collectors.toList()))
                .stream().map(Engine::byId).collect(Collectors.toList());
        List<Boolean> sizes = select(System.getProperty("bench.sizes", "all"), List.of("small", "large"))
                .stream().map("large"::equals).collect(Collectors.toList());
        Files.createDirectories(work);
        ProgramBenchmark.deleteOutputs(work);
        BenchmarkSuite suite = new BenchmarkSuite(corpus, settings, work, docs, programs, engines, sizes);
        int failures = suite.runAll();
        System.exit(failures == 0 ? 0 : 1);
    }

    private static List<String> select(String spec, List<String> all) {
        if (spec == null || spec.isBlank() || spec.equals("all")) {
            return all;
        }
        List<String> chosen = Arrays.stream(spec.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        for (String c : chosen) {
            if (!all.contains(c)) {
                throw new IllegalArgumentException("unknown name " + c + "; choose from " + all);
            }
        }
        return chosen;
    }

    private int runAll() throws IOException {
        long t0 = System.nanoTime();
        List<Cell> cells = new ArrayList<>();
        for (String program : programs) {
            for (boolean large : sizes) {
                String arg = SIZES.get(program)[large ? 1 : 0];
                for (Engine engine : engines) {
                    // Chicory at the large size would take minutes per run (its compiler runs fannkuch 10 in ~17 s);
                    // the Go and Rust programs have no wasip2 build for the WASI 0.2 engines.
                    if (large && !LARGE_ENGINES.contains(engine) || !engine.runs(program)) {
                        continue;
                    }
                    Cell c = engine.inJvm() ? jmh(program, large, arg, engine) : node(program, large, arg);
                    cells.add(c);
                    log(program + " " + arg + " " + engine.id() + ": " + (c.error() != null ? "FAILED " + c.error()
                            : String.format("median %.1f ms (n=%d)", c.stats().median(), c.stats().n())));
                }
            }
        }
        List<String> problems = checkOutputs(cells);
        Extras extras = new Extras();
        if ((engines.contains(Engine.WASMJAR) || engines.contains(Engine.WASMJAR_P1))
                && Boolean.parseBoolean(System.getProperty("bench.extras", "true"))) {
            extras.compile = guard("compile time", this::compileTimes);
            extras.startup = guard("start-up", this::startup);
            extras.heap = guard("peak heap", this::peakHeap);
        }
        String nodeVersion = node == null ? null : node.version();
        Report report = new Report(settings, FORK_JVM_ARGS, cells, problems, extras, nodeVersion,
                ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME),
                (System.nanoTime() - t0) / 1e9, SIZES, corpus);
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("benchmarks.md"), report.markdown(), StandardCharsets.UTF_8);
        Files.writeString(docs.resolve("benchmarks.svg"), report.chart(), StandardCharsets.UTF_8);
        log("wrote " + docs.resolve("benchmarks.md") + " and benchmarks.svg");
        problems.forEach(p -> log("PROBLEM: " + p));
        // A crash of the reference peer (node) is reported, but does not fail the command: only
        // wrong output or a failing JVM engine does.
        return (int) problems.stream().filter(p -> !p.contains(" on node failed:")).count();
    }

    private static <T> T guard(String what, java.util.concurrent.Callable<T> c) {
        try {
            return c.call();
        } catch (Exception | Error e) {
            log(what + " failed: " + e);
            return null;
        }
    }

    static void log(String s) {
        System.out.println("[bench] " + s);
        System.out.flush();
    }

    // --- engines ------------------------------------------------------------------------------

    private Cell jmh(String program, boolean large, String arg, Engine engine) {
        List<String> jvmArgs = new ArrayList<>(FORK_JVM_ARGS);
        jvmArgs.add("-Dwasmjar.shared=" + corpus.root().getParent());
        jvmArgs.add("-Dbench.work=" + work);
        jvmArgs.add("-Dbench.extraPrograms=" + Corpus.extraProgramsDir());
        jvmArgs.add("-Dbench.warmupSeconds=" + settings.warmupSeconds());
        Options opt = new OptionsBuilder()
                .include(java.util.regex.Pattern.quote(ProgramBenchmark.class.getName()) + ".run$")
                .param("program", program).param("engine", engine.id()).param("arg", arg)
                .forks(settings.forks()).warmupIterations(settings.warmup()).measurementIterations(settings.iterations())
                .jvmArgs(jvmArgs.toArray(new String[0]))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();
        try {
            List<Double> millis = new ArrayList<>();
            for (RunResult rr : new Runner(opt).run()) {
                for (BenchmarkResult br : rr.getBenchmarkResults()) {
                    for (IterationResult ir : br.getIterationResults()) {
                        millis.add(ir.getPrimaryResult().getScore());
                    }
                }
            }
            String forkError = readError(program, arg, engine);
            if (millis.isEmpty() || forkError != null) {
                return new Cell(program, large, arg, engine, null, null, Map.of(),
                        forkError != null ? forkError : "no results (the benchmark failed in its fork)");
            }
            return new Cell(program, large, arg, engine, millis, readOutcome(program, arg, engine), readBridge(program, arg, engine), null);
        } catch (RunnerException | RuntimeException e) {
            // The fork's own account of the failure (the guest's trap, a compile error) beats JMH's summary.
            String forkError = readError(program, arg, engine);
            return new Cell(program, large, arg, engine, null, null, Map.of(), forkError != null ? forkError : rootMessage(e));
        }
    }

    /** The first line of the error file a failing fork wrote ({@link ProgramBenchmark#recordError}), or {@code null}. */
    private String readError(String program, String arg, Engine engine) {
        for (Path p : outputFiles(program, arg, engine, ".error")) {
            try {
                String text = Files.readString(p, StandardCharsets.UTF_8);
                log("fork error of " + program + " " + arg + " " + engine.id() + " (stack trace in " + p + "):");
                text.lines().limit(12).forEach(l -> log("  " + l));
                String first = text.lines().findFirst().orElse("(empty error file)");
                return first.length() > 600 ? first.substring(0, 600) + "..." : first;
            } catch (IOException e) {
                return "failed in its fork (unreadable " + p + ")";
            }
        }
        return null;
    }

    private Cell node(String program, boolean large, String arg) {
        try {
            List<Double> millis = new ArrayList<>();
            List<Double> firsts = new ArrayList<>();
            Outcome outcome = null;
            for (int f = 0; f < settings.forks(); f++) {
                // node gets the same warm-up as a JVM fork: runs for the warm-up time, then the warm-up iterations
                int warmRuns = settings.warmup() + (int) Math.ceil(settings.warmupSeconds() * 1000 / Math.max(1, probeMillis(program, arg)));
                NodeEngine.Result r = node.run(corpus.preview1(program), List.of(arg), Math.min(warmRuns, 1000), settings.iterations());
                r.nanos.forEach(n -> millis.add(n / 1e6));
                firsts.add(r.firstNanos / 1e3);
                if (outcome != null && !outcome.equals(r.outcome)) {
                    return new Cell(program, large, arg, Engine.NODE, null, null, Map.of(), "node processes disagree");
                }
                outcome = r.outcome;
            }
            return new Cell(program, large, arg, Engine.NODE, millis, outcome,
                    Map.of("firstRunMicros", Math.round(Stats.of(firsts).median())), null);
        } catch (RuntimeException e) {
            return new Cell(program, large, arg, Engine.NODE, null, null, Map.of(), rootMessage(e));
        }
    }

    private final Map<String, Double> nodeProbe = new LinkedHashMap<>();

    /** One timed node run (after one warm-up run), to size node's warm-up. */
    private double probeMillis(String program, String arg) {
        return nodeProbe.computeIfAbsent(program + " " + arg,
                k -> node.run(corpus.preview1(program), List.of(arg), 1, 1).nanos.get(0) / 1e6);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage());
        return t.getClass().getSimpleName() + ": " + (m.length() > 300 ? m.substring(0, 300) + "..." : m);
    }

    /** The output every fork recorded; forks that disagree yield {@code null} (a mismatch). */
    private Outcome readOutcome(String program, String arg, Engine engine) {
        Outcome found = null;
        for (Path p : outputFiles(program, arg, engine, ".stdout")) {
            try {
                Path meta = Path.of(p.toString().replace(".stdout", ".meta"));
                int exit = Integer.parseInt(readMeta(meta).getOrDefault("exit", -1L).toString());
                Outcome o = new Outcome(exit, Files.readAllBytes(p));
                if (found != null && !found.equals(o)) {
                    return null;
                }
                found = o;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** The first fork's counters, with the cold first-run time as the median over forks. */
    private Map<String, Long> readBridge(String program, String arg, Engine engine) {
        List<Path> metas = outputFiles(program, arg, engine, ".meta");
        if (metas.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> m = readMeta(metas.get(0));
        List<Double> firsts = new ArrayList<>();
        for (Path p : metas) {
            Long f = readMeta(p).get("firstRunMicros");
            if (f != null) {
                firsts.add(f.doubleValue());
            }
        }
        if (!firsts.isEmpty()) {
            m.put("firstRunMicros", Math.round(Stats.of(firsts).median()));
        }
        return m;
    }

    private List<Path> outputFiles(String program, String arg, Engine engine, String suffix) {
        String prefix = ProgramBenchmark.OutputFiles.baseName(program, arg, engine.id()) + "@";
        try (var files = Files.list(work.resolve("outputs"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(suffix))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Map<String, Long> readMeta(Path meta) {
        Map<String, Long> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(meta)) {
                String[] kv = line.split(" ", 2);
                if (kv.length == 2) {
                    m.put(kv[0], Long.parseLong(kv[1].strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /**
     * Every engine must print the same thing at the same size, and exit 0, for a program and for
     * the programs that reimplement it ({@link #SAME_OUTPUT_AS}); where the size is cases.json's,
     * that must be the corpus's expected stdout too. The reference output is that expected stdout
     * where there is one, else the output most cells printed. Cells that printed something else
     * or exited non-zero are replaced in {@code cells} by failed ones, so the tables show them as
     * failed and no ratio uses them; a problem line describes each.
     */
    private List<String> checkOutputs(List<Cell> cells) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Cell>> bySize = cells.stream().collect(Collectors.groupingBy(
                c -> reference(c.program()) + " " + c.arg(), LinkedHashMap::new, Collectors.toList()));
        for (List<Cell> group : bySize.values()) {
            String refProgram = reference(group.get(0).program());
            String arg = group.get(0).arg();
            List<Cell> ok = new ArrayList<>();
            for (Cell c : group) {
                if (c.error() != null) {
                    problems.add(c.program() + " " + c.arg() + " on " + c.engine().id() + " failed: " + c.error());
                } else if (c.outcome() == null) {
                    problems.add(c.program() + " " + c.arg() + " on " + c.engine().id() + ": forks printed different outputs");
                    fail(cells, c, "forks printed different outputs");
                } else {
                    ok.add(c);
                }
            }
            if (ok.isEmpty()) {
                continue;
            }
            Outcome expected = null;
            String source;
            if (Corpus.BENCH_PROGRAMS.contains(refProgram) && List.of(arg).equals(corpus.caseArgs(refProgram))) {
                expected = new Outcome(0, corpus.expectedStdout(refProgram));
                source = "expected/" + refProgram + ".stdout";
            } else {
                Map<Outcome, Long> votes = ok.stream().collect(Collectors.groupingBy(Cell::outcome, LinkedHashMap::new, Collectors.counting()));
                long best = votes.values().stream().mapToLong(Long::longValue).max().orElse(0);
                Outcome majority = votes.entrySet().stream().filter(v -> v.getValue() == best).findFirst().map(Map.Entry::getKey).orElseThrow();
                expected = majority;
                source = "printed by " + ok.stream().filter(c -> c.outcome().equals(majority))
                        .map(c -> c.program() + " on " + c.engine().id()).collect(Collectors.joining(", "));
            }
            for (Cell c : ok) {
                if (c.outcome().exitCode() != 0) {
                    problems.add(c.program() + " " + c.arg() + " on " + c.engine().id() + " exited with " + c.outcome().exitCode()
                            + " (stdout [" + c.outcome() + "])");
                    fail(cells, c, "exit " + c.outcome().exitCode());
                } else if (!Arrays.equals(expected.stdout(), c.outcome().stdout())) {
                    problems.add(c.program() + " " + c.arg() + " on " + c.engine().id() + ": wrong output [" + c.outcome()
                            + "], expected [" + expected + "] (" + source + ")");
                    fail(cells, c, "wrong output");
                }
            }
        }
        return problems;
    }

    /** Replaces {@code c} in {@code cells} by a failed cell (no times) with {@code why}. */
    private static void fail(List<Cell> cells, Cell c, String why) {
        int i = cells.indexOf(c);
        cells.set(i, new Cell(c.program(), c.large(), c.arg(), c.engine(), null, c.outcome(), c.meta(), why));
    }

    // --- extras -------------------------------------------------------------------------------

    /** Results of the compile-time, start-up and heap measurements ({@code null}: not measured). */
    static final class Extras {
        List<CompileTime> compile;
        Startup startup;
        List<HeapUse> heap;
    }

    record CompileTime(String module, long bytes, double firstSeconds, double warmSeconds, double chicorySeconds) {
    }

    record Startup(List<Double> helloMillis, List<Double> plainJavaMillis, String output) {
    }

    record HeapUse(Engine engine, String arg, long peakBytes, long gcCount, long gcMillis) {
    }

    /**
     * wasmjar compile time of each bench core module and hello, in this JVM: the first compile of
     * each module (the very first one pays for loading and JIT-compiling the compiler), then the
     * median of warm repetitions; Chicory's compiler on the same bytes for comparison.
     */
    private List<CompileTime> compileTimes() throws IOException {
        // TinyGo programs: their wasip2 core modules (and hello's); the others: their wasip1 builds.
        Map<String, Path> modules = new LinkedHashMap<>();
        for (String p : programs) {
            if (Corpus.BENCH_PROGRAMS.contains(p)) {
                modules.put(p, corpus.coreModule(p));
            }
        }
        modules.put("hello", corpus.coreModule("hello"));
        for (String p : programs) {
            if (!Corpus.BENCH_PROGRAMS.contains(p)) {
                modules.put(p + ".wasip1", corpus.preview1(p));
            }
        }
        List<CompileTime> out = new ArrayList<>();
        for (String m : modules.keySet()) {
            byte[] bytes = Files.readAllBytes(modules.get(m));
            double first = time(() -> compile(bytes));
            List<Double> warm = new ArrayList<>();
            List<Double> chicory = new ArrayList<>();
            for (int i = 0; i < settings.compileReps(); i++) {
                warm.add(time(() -> compile(bytes)));
                chicory.add(time(() -> MachineFactoryCompiler.compile(Parser.parse(bytes))));
            }
            out.add(new CompileTime(m, bytes.length, first, Stats.of(warm).median(), Stats.of(chicory).median()));
            log(String.format("compile %s: %d KB, first %.2f s, warm %.2f s, chicory %.2f s", m, bytes.length / 1024,
                    first, Stats.of(warm).median(), Stats.of(chicory).median()));
        }
        return out;
    }

    private static void compile(byte[] bytes) {
        CompiledModule m = WasmCompiler.builder().className("bench.Compiled").build().compile(bytes);
        if (m.classes().isEmpty()) {
            throw new IllegalStateException("no classes");
        }
    }

    private static double time(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** JVM start to first byte of hello's output, running its generated class from a jar. */
    private Startup startup() throws IOException, InterruptedException {
        byte[] component = Files.readAllBytes(corpus.component("hello"));
        Path jar = work.resolve("hello.jar");
        WasmCompiler.builder().className("bench.Hello").build().compile(component).writeJar(jar);
        String runtime = Path.of(Memory.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String self = Path.of(HelloMain.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> helloArgs = corpus.caseArgs("hello");
        List<String> hello = new ArrayList<>(List.of(java, "-cp", runtime + File.pathSeparator + jar
                + File.pathSeparator + self, HelloMain.class.getName(), "bench.Hello"));
        hello.addAll(helloArgs);
        List<String> plain = List.of(java, "-cp", self, HelloMain.Plain.class.getName());
        List<Double> helloMs = new ArrayList<>();
        List<Double> plainMs = new ArrayList<>();
        String output = null;
        for (int i = 0; i <= settings.startupReps(); i++) {
            String[] o = new String[1];
            double h = firstOutputMillis(hello, o);
            double p = firstOutputMillis(plain, null);
            if (i == 0) {
                output = o[0]; // the first run only warms the disk cache
                continue;
            }
            if (!o[0].equals(output)) {
                throw new IllegalStateException("hello printed different outputs");
            }
            helloMs.add(h);
            plainMs.add(p);
        }
        if (!output.equals(new String(corpus.expectedStdout("hello"), StandardCharsets.UTF_8))) {
            throw new IllegalStateException("hello printed [" + output + "]");
        }
        log(String.format("start-up: hello %.0f ms, plain Java %.0f ms", Stats.of(helloMs).median(), Stats.of(plainMs).median()));
        return new Startup(helloMs, plainMs, output);
    }

    private static double firstOutputMillis(List<String> cmd, String[] output) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        InputStream in = p.getInputStream();
        int b = in.read();
        double ms = (System.nanoTime() - t0) / 1e6;
        byte[] rest = in.readAllBytes();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0 || b < 0) {
            throw new IllegalStateException(cmd + " failed");
        }
        if (output != null) {
            byte[] all = new byte[rest.length + 1];
            all[0] = (byte) b;
            System.arraycopy(rest, 0, all, 1, rest.length);
            output[0] = new String(all, StandardCharsets.UTF_8);
        }
        return ms;
    }

    /** Peak heap while running bench-bintrees (large size) once, each JVM engine in a fresh JVM. */
    private List<HeapUse> peakHeap() throws IOException, InterruptedException {
        String program = "bench-bintrees";
        List<HeapUse> out = new ArrayList<>();
        for (Engine e : engines) {
            if (!e.inJvm()) {
                continue;
            }
            // The interpreters would take minutes at the large size.
            String arg = SIZES.get(program)[e == Engine.CHICORY_INTERPRETER || e == Engine.CHICORY_INTERPRETER_P1 ? 0 : 1];
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(FORK_JVM_ARGS);
            cmd.addAll(List.of("-Dwasmjar.shared=" + corpus.root().getParent(), "-cp", System.getProperty("java.class.path"),
                    HeapProbe.class.getName(), e.id(), program, arg));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("heap probe failed: " + text);
            }
            Map<String, String> kv = new LinkedHashMap<>();
            text.lines().map(l -> l.split(" ", 2)).filter(a -> a.length == 2).forEach(a -> kv.put(a[0], a[1]));
            if (!"0".equals(kv.get("exit")) || !kv.getOrDefault("stdout", "").startsWith("stretch tree of depth")) {
                throw new IllegalStateException("heap probe printed " + text);
            }
            out.add(new HeapUse(e, arg, Long.parseLong(kv.get("peakHeapBytes")), Long.parseLong(kv.get("gcCount")),
                    Long.parseLong(kv.get("gcMillis"))));
            log(String.format("peak heap %s bintrees %s: %.0f MB", e.id(), arg, Long.parseLong(kv.get("peakHeapBytes")) / 1048576.0));
        }
        return out;
    }
}
