package dev.wasmjar.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Turns the suite's measurements into {@code docs/benchmarks.md} and its chart. */
public final class Report {
    static final String COMMAND = "mvn -B -pl it/benchmarks -am verify -Pbenchmarks -DskipTests";
    /** The columns of the WASI 0.2 tables (node runs the wasip1 build there: the only preview1 column). */
    private static final List<Engine> WASIP2_ENGINES = List.of(Engine.CHICORY_INTERPRETER, Engine.CHICORY_AOT, Engine.WASMJAR, Engine.NODE);
    /** The columns of the preview1 tables: every engine on the same {@code NAME.wasip1.wasm}. */
    private static final List<Engine> PREVIEW1_ENGINES = List.of(Engine.CHICORY_INTERPRETER_P1, Engine.CHICORY_AOT_P1, Engine.WASMJAR_P1, Engine.NODE);

    private final BenchmarkSuite.Settings settings;
    private final List<String> jvmArgs;
    private final List<BenchmarkSuite.Cell> cells;
    private final List<String> problems;
    private final BenchmarkSuite.Extras extras;
    private final String nodeVersion;
    private final String date;
    private final double seconds;
    private final Map<String, String[]> sizes;
    private final Corpus corpus;

    Report(BenchmarkSuite.Settings settings, List<String> jvmArgs, List<BenchmarkSuite.Cell> cells, List<String> problems,
           BenchmarkSuite.Extras extras, String nodeVersion, String date, double seconds, Map<String, String[]> sizes,
           Corpus corpus) {
        this.settings = settings;
        this.jvmArgs = jvmArgs;
        this.cells = cells;
        this.problems = problems;
        this.extras = extras;
        this.nodeVersion = nodeVersion;
        this.date = date;
        this.seconds = seconds;
        this.sizes = sizes;
        this.corpus = corpus;
    }

    private List<String> programs() {
        List<String> out = new ArrayList<>();
        for (BenchmarkSuite.Cell c : cells) {
            if (!out.contains(c.program())) {
                out.add(c.program());
            }
        }
        return out;
    }

    /** The programs measured that have a wasip2 build (the TinyGo corpus programs). */
    private List<String> wasip2Programs() {
        List<String> out = new ArrayList<>(programs());
        out.removeIf(p -> !Corpus.BENCH_PROGRAMS.contains(p));
        return out;
    }

    private Optional<Stats> stats(String program, boolean large, Engine e) {
        return cells.stream().filter(c -> c.program().equals(program) && c.large() == large && c.engine() == e)
                .findFirst().map(BenchmarkSuite.Cell::stats);
    }

    private Optional<BenchmarkSuite.Cell> cell(String program, boolean large, Engine e) {
        return cells.stream().filter(c -> c.program().equals(program) && c.large() == large && c.engine() == e).findFirst();
    }

    /** median(other) / median(wasmjar) for one program, or empty. */
    private Optional<Double> speedup(String program, boolean large, Engine base, Engine e) {
        Optional<Stats> b = stats(program, large, base);
        Optional<Stats> x = stats(program, large, e);
        return b.isPresent() && x.isPresent() ? Optional.of(b.get().median() / x.get().median()) : Optional.empty();
    }

    /** The chart: speed-up over Chicory's interpreter at the small size (same work on every engine). */
    public String chart() {
        List<String> programs = wasip2Programs();
        List<Engine> series = new ArrayList<>();
        for (Engine e : List.of(Engine.CHICORY_AOT, Engine.WASMJAR, Engine.NODE)) {
            if (programs.stream().anyMatch(p -> stats(p, false, e).isPresent())) {
                series.add(e);
            }
        }
        List<String> groups = new ArrayList<>(programs);
        groups.add("geometric mean");
        double[][] values = new double[groups.size()][series.size()];
        for (int s = 0; s < series.size(); s++) {
            List<Double> all = new ArrayList<>();
            for (int g = 0; g < programs.size(); g++) {
                Optional<Double> v = speedup(programs.get(g), false, Engine.CHICORY_INTERPRETER, series.get(s));
                values[g][s] = v.orElse(Double.NaN);
                v.ifPresent(all::add);
            }
            values[programs.size()][s] = all.size() == programs.size() ? Stats.geometricMean(all) : Double.NaN;
        }
        List<String> names = new ArrayList<>();
        series.forEach(e -> names.add(e.label()));
        return SvgChart.speedups("Speed-up over Chicory's interpreter (same program, same input; higher is faster)",
                groups, names, values, "speed-up (log scale; 1× = Chicory interpreter)");
    }

    /** Where the SIMD builds are compared with their scalar builds (a report of its own, its own command). */
    static final String SIMD_LINK = "SIMD builds against their scalar builds, on wasmjar and node, and the measurement behind the "
            + "`v128` representation: [benchmarks-simd.md](benchmarks-simd.md) "
            + "(`mvn -B -pl it/benchmarks -am verify -Psimd -DskipTests`).\n\n";

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append(String.format(Locale.ROOT, "Generated by `%s` on %s (mode `%s`: per engine and size, %d fork(s), each "
                + "warming up for %.0f s and %d more runs, then %d measured runs; the whole suite took %.0f min). Do not edit by hand: rerun the command.%n%n",
                COMMAND, date, settings.mode(), settings.forks(), settings.warmupSeconds(), settings.warmup(), settings.iterations(), seconds / 60));
        md.append("![Speed-up over Chicory's interpreter](benchmarks.svg)\n\n");
        md.append(SIMD_LINK);

        md.append("## Machine\n\n| | |\n| --- | --- |\n");
        md.append("| CPU | ").append(cpuModel()).append(" (").append(Runtime.getRuntime().availableProcessors()).append(" cores available) |\n");
        md.append("| memory | ").append(memory()).append(" |\n");
        md.append("| OS | ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append(' ').append(System.getProperty("os.arch")).append(" |\n");
        md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(" (").append(System.getProperty("java.vm.vendor")).append("), benchmark forks run with `")
                .append(String.join(" ", jvmArgs)).append("` |\n");
        md.append("| Node.js | ").append(nodeVersion == null ? "not on the PATH: not measured" : nodeVersion).append(" |\n");
        md.append("| peers | Chicory 1.7.5 (runtime, compiler, wasi), JMH 1.37 |\n\n");

        md.append("## What is measured\n\n");
        md.append("- **Programs**: the ten `bench-*` programs of the TinyGo corpus (TinyGo 0.33), each a whole program run: "
                + "instantiate the module, run the command (`wasi:cli/run` or `_start`), print a checksum; plus four programs "
                + "of other toolchains (*Beyond TinyGo* below). Two groups of tables: **WASI 0.2** (the `-target=wasip2` "
                + "builds on wasmjar and Chicory, node on the `wasip1` build) and **WASI preview1** (every engine on the "
                + "same `wasip1` build).\n");
        md.append("- **wasmjar** (WASI 0.2 tables): the core module (`build/NAME.wasip2-core.wasm`) compiled once per JVM by `WasmCompiler`; every "
                + "run is `CompiledModule.instantiate` + `WasiHost.run` with a fresh WASI 0.2 host.\n");
        md.append("- **Chicory interpreter / compiler** (WASI 0.2 tables): the *same* core module and the *same* WASI 0.2 host (wasmjar's), bound "
                + "to Chicory's import API by an adapter (`ChicoryWasi`), so only the execution engine differs. Chicory keeps its own "
                + "`ByteArrayMemory`; the adapter copies linear memory to and from the host's view around each host call (cost below). "
                + "The compiler variant compiles once per JVM with `MachineFactoryCompiler`.\n");
        md.append("- **Node.js**: `node:wasi` (preview1) on the `wasip1` build of the same Go source, V8's optimising JIT: the "
                + "native-JIT reference. Times are taken *inside node* around instantiate + `wasi.start` (the module is compiled "
                + "once per process), like the JVM times, which exclude JVM start-up and compilation. Node runs with `--expose-gc` and "
                + "a full GC between runs, outside the timing: without it node 20 crashes (segfault) after a dozen instances of "
                + "these modules.\n");
        md.append("- **Harness**: JMH single-shot mode (one iteration = one complete run) for the JVM engines: each fork first "
                + "runs the program repeatedly for the warm-up time (engines reach steady state at very different speeds; see "
                + "*First run* below), then JMH's warm-up and measured iterations; node runs as many processes, with the same "
                + "warm-up time and iterations. Cells show the **median** over all measured "
                + "runs and, after ±, the interquartile range relative to the median. Ratios are ratios of medians; "
                + "\"wasmjar vs X\" = median(X) / median(wasmjar), so > 1 means wasmjar is faster.\n");
        md.append("- **Sizes**: at the *small* size every engine, Chicory's interpreter included, does the same work, so no "
                + "normalisation is needed; the *large* size, chosen so that wasmjar takes roughly 0.5–3 s per run (fannkuch's sizes step by 12×: "
                + "11 is the nearest), runs on the fast engines only.\n");
        md.append("- **WASI preview1 tables** (the `-p1` engines): every engine runs the *same bytes*, `NAME.wasip1.wasm`, the "
                + "module node runs. `wasmjar-p1` compiles it once per JVM with `WasmCompiler` and runs it with `WasiHost.run`, "
                + "which serves its `wasi_snapshot_preview1` imports from wasmjar's preview1 layer. `chicory-interp-p1` and "
                + "`chicory-aot-p1` (the latter compiled once per JVM by `MachineFactoryCompiler`) run it with Chicory's own "
                + "preview1 host, `com.dylibso.chicory:wasi` `WasiPreview1` (arguments and captured stdout through `WasiOptions`): "
                + "Chicory as its users run it, no adapter and no memory copying. The node column is the very same measurement "
                + "as in the WASI 0.2 tables. The large size runs on wasmjar and node only, as above.\n");
        md.append("- **Beyond TinyGo**: `go-fannkuch` and `go-nbody` are the corpus's bench-fannkuch and bench-nbody sources built "
                + "by standard Go 1.22 (`GOOS=wasip1 GOARCH=wasm`), `rust-fannkuch` and `rust-nbody` line-for-line Rust ports built "
                + "by rustc 1.63 (`--target wasm32-wasi -O`); sources and `build.sh` in `it/benchmarks/programs`. They take the same "
                + "sizes and must print exactly what the TinyGo program prints. wasip1 only (no component builds).\n");
        md.append("- **Correctness**: every engine's output is kept and compared: all engines must print the same bytes at the "
                + "same size and exit 0 (the Go and Rust programs the same bytes as the TinyGo program they reimplement), and where "
                + "the size is `cases.json`'s, the output must equal `expected/NAME.stdout`. A cell that failed (compile error, "
                + "trap, wrong output, non-zero exit) reads *failed*; the reason is under *Correctness*.\n\n");

        boolean wasip2 = hasJvmCells(WASIP2_ENGINES);
        if (wasip2) {
            md.append("## WASI 0.2: same work on every engine (small size)\n\n");
            table(md, false, WASIP2_ENGINES, Engine.WASMJAR, wasip2Programs());
            md.append("\n## WASI 0.2: large size (fast engines)\n\n");
            table(md, true, fast(WASIP2_ENGINES), Engine.WASMJAR, wasip2Programs());
        }
        // A node-only run has no JVM engine to group by: its rows are preview1 ones.
        if (hasJvmCells(PREVIEW1_ENGINES) || !wasip2) {
            md.append("\n## WASI preview1: the same `.wasip1.wasm` on every engine (small size)\n\n");
            table(md, false, PREVIEW1_ENGINES, Engine.WASMJAR_P1, programs());
            md.append("\n## WASI preview1: large size (fast engines)\n\n");
            table(md, true, fast(PREVIEW1_ENGINES), Engine.WASMJAR_P1, programs());
        }

        firstRuns(md);
        changes(md);
        bridge(md);
        compile(md);
        startup(md);
        heap(md);

        md.append("\n## Correctness\n\n");
        if (problems.isEmpty()) {
            md.append("Every engine printed the same output at every size, and the expected output where the corpus has one. ✓\n");
        } else {
            md.append("**Problems:**\n\n");
            problems.forEach(p -> md.append("- ").append(p.replace("|", "\\|").replaceAll("\\s+", " ").strip()).append('\n'));
        }
        md.append("\n## Caveats\n\n");
        md.append("- The machine may be shared and has few cores; JIT compilation competes with the program for CPU, which "
                + "widens spreads and penalises the engines with the most code to compile during warm-up.\n");
        md.append("- In the WASI 0.2 tables node runs the `wasip1` build (a different WASI ABI and a slightly different TinyGo "
                + "runtime layer); the compute kernels are the same Go code. The preview1 tables have no such difference.\n");
        md.append("- Standard Go's wasm code keeps its own stack in linear memory and splits functions into resumable blocks, "
                + "and its runtime starts up (heap, scheduler, GC) in every run; a `go-*` row measures that toolchain's code on "
                + "each engine, not the kernel alone.\n");
        md.append("- Single runs of whole programs include instantiation (memory and data segments) and the GC behaviour of "
                + "TinyGo's own allocator inside linear memory; they are not micro-benchmarks of individual instructions.\n");
        return md.toString();
    }

    /** Whether one of the JVM engines among {@code engines} was measured (node alone belongs to no group). */
    private boolean hasJvmCells(List<Engine> engines) {
        return cells.stream().anyMatch(c -> c.engine().inJvm() && engines.contains(c.engine()));
    }

    /** {@code engines} that run at the large size ({@link BenchmarkSuite#LARGE_ENGINES}). */
    private static List<Engine> fast(List<Engine> engines) {
        List<Engine> out = new ArrayList<>(engines);
        out.retainAll(BenchmarkSuite.LARGE_ENGINES);
        return out;
    }

    private void table(StringBuilder md, boolean large, List<Engine> engines, Engine base, List<String> programs) {
        List<Engine> present = new ArrayList<>();
        for (Engine e : engines) {
            if (cells.stream().anyMatch(c -> c.large() == large && c.engine() == e && programs.contains(c.program()))) {
                present.add(e);
            }
        }
        if (present.isEmpty()) {
            md.append("Not measured.\n");
            return;
        }
        md.append("| program | arg |");
        present.forEach(e -> md.append(' ').append(e.id()).append(" (ms) |"));
        List<Engine> others = new ArrayList<>(present);
        others.remove(base);
        boolean ratios = present.contains(base);
        if (ratios) {
            others.forEach(e -> md.append(' ').append(base.id()).append(" vs ").append(e.id()).append(" |"));
        }
        md.append("\n| --- | ---: |");
        present.forEach(e -> md.append(" ---: |"));
        if (ratios) {
            others.forEach(e -> md.append(" ---: |"));
        }
        md.append('\n');
        List<List<Double>> ratioColumns = new ArrayList<>();
        others.forEach(e -> ratioColumns.add(new ArrayList<>()));
        for (String p : programs) {
            md.append("| ").append(p).append(" | ").append(sizes.get(p)[large ? 1 : 0]).append(" |");
            for (Engine e : present) {
                Optional<BenchmarkSuite.Cell> c = cell(p, large, e);
                if (c.isEmpty()) {
                    md.append(" – |");
                } else if (c.get().error() != null) {
                    md.append(" failed |");
                } else {
                    Stats s = c.get().stats();
                    md.append(String.format(Locale.ROOT, " %s ±%.0f%% |", ms(s.median()), 100 * s.relativeIqr()));
                }
            }
            if (ratios) {
                for (int i = 0; i < others.size(); i++) {
                    Optional<Double> r = speedup(p, large, others.get(i), base);
                    r.ifPresent(ratioColumns.get(i)::add);
                    md.append(' ').append(r.map(Report::ratio).orElse("–")).append(" |");
                }
            }
            md.append('\n');
        }
        if (ratios) {
            md.append("| **geometric mean** | |");
            present.forEach(e -> md.append(" |"));
            for (List<Double> col : ratioColumns) {
                md.append(" **").append(col.isEmpty() ? "–" : ratio(Stats.geometricMean(col))).append("** |");
            }
            md.append('\n');
        }
    }

    private void firstRuns(StringBuilder md) {
        md.append("\n## First run (cold)\n\n");
        md.append("The first run in each fresh JVM fork (or node process), after compilation: what a program that runs once "
                + "pays before the JIT has caught up. Median over forks; compare with the steady-state medians above.\n\n");
        List<Engine> present = new ArrayList<>();
        for (Engine e : Engine.values()) {
            if (cells.stream().anyMatch(c -> c.engine() == e)) {
                present.add(e);
            }
        }
        md.append("| program | size |");
        for (Engine e : present) {
            md.append(' ').append(e.id()).append(" (ms) |");
        }
        md.append("\n| --- | ---: |");
        for (Engine e : present) {
            md.append(" ---: |");
        }
        md.append('\n');
        for (String p : programs()) {
            for (boolean large : new boolean[] {false, true}) {
                if (cells.stream().noneMatch(c -> c.program().equals(p) && c.large() == large)) {
                    continue;
                }
                md.append("| ").append(p).append(" | ").append(sizes.get(p)[large ? 1 : 0]).append(" |");
                for (Engine e : present) {
                    Optional<BenchmarkSuite.Cell> c = cell(p, large, e);
                    Long micros = c.map(x -> x.meta().get("firstRunMicros")).orElse(null);
                    md.append(' ').append(micros == null ? "–" : ms(micros / 1000.0)).append(" |");
                }
                md.append('\n');
            }
        }
    }

    private void bridge(StringBuilder md) {
        md.append("\n## Cost of the Chicory–WASI bridge\n\n");
        md.append("Host calls made by one run of the Chicory compiler at the small size, bytes the adapter copied between "
                + "Chicory's memory and the host's view, the time that copying took, and its share of that engine's median run "
                + "time (the worst case among the Chicory lines: the fastest engine at the shortest size).\n\n");
        md.append("| program | host calls | bytes copied | copy time | share of chicory-aot median |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (String p : programs()) {
            Optional<BenchmarkSuite.Cell> c = cell(p, false, Engine.CHICORY_AOT);
            if (c.isEmpty() || !c.get().meta().containsKey("hostCalls") || c.get().stats() == null) {
                continue;
            }
            Map<String, Long> b = c.get().meta();
            double copyMs = b.getOrDefault("copyNanos", 0L) / 1e6;
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f MB | %.2f ms | %.2f%% |%n", p, b.getOrDefault("hostCalls", 0L),
                    b.getOrDefault("bytesCopied", 0L) / 1048576.0, copyMs, 100 * copyMs / c.get().stats().median()));
        }
    }

    private void compile(StringBuilder md) {
        if (extras.compile == null || extras.compile.isEmpty()) {
            return;
        }
        md.append("\n## Compile time\n\n");
        md.append("wasmjar's `WasmCompiler.compile` (parse, validate, generate all classes; default parallelism = cores) on "
                + "each TinyGo core module (wasip2) and each Go/Rust wasip1 module (`NAME.wasip1`) in one JVM: *first* is the first compile of that module (the first row also pays for loading "
                + "and JIT-compiling the compiler), *warm* the median of later compiles. Chicory's `MachineFactoryCompiler` (parse + "
                + "compile) on the same bytes for comparison.\n\n");
        md.append("| module | size | first | warm | warm per MB | Chicory compiler (warm) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
        long bytes = 0;
        double first = 0;
        double warm = 0;
        double chicory = 0;
        for (BenchmarkSuite.CompileTime c : extras.compile) {
            double mb = c.bytes() / 1048576.0;
            md.append(String.format(Locale.ROOT, "| %s | %.0f KB | %.2f s | %.2f s | %.2f s/MB | %.2f s |%n", c.module(),
                    c.bytes() / 1024.0, c.firstSeconds(), c.warmSeconds(), c.warmSeconds() / mb, c.chicorySeconds()));
            bytes += c.bytes();
            first += c.firstSeconds();
            warm += c.warmSeconds();
            chicory += c.chicorySeconds();
        }
        double mb = bytes / 1048576.0;
        md.append(String.format(Locale.ROOT, "| **all** | %.1f MB | %.2f s/MB | **%.2f s/MB** | | %.2f s/MB |%n", mb, first / mb, warm / mb, chicory / mb));
    }

    /** The hand-written account of what was profiled and changed where wasmjar lost ({@code changes.md}). */
    private static void changes(StringBuilder md) {
        try (java.io.InputStream in = Report.class.getResourceAsStream("changes.md")) {
            if (in == null) {
                throw new IllegalStateException("changes.md is missing from the benchmark resources");
            }
            md.append('\n').append(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void startup(StringBuilder md) {
        if (extras.startup == null) {
            return;
        }
        Stats h = Stats.of(extras.startup.helloMillis());
        Stats p = Stats.of(extras.startup.plainJavaMillis());
        md.append("\n## Start-up\n\n");
        md.append(String.format(Locale.ROOT, "Time from launching `java` to the first byte of output of `hello` (the corpus program, "
                + "compiled beforehand to a jar by `CompiledModule.writeJar`, run by a minimal `main` with only the runtime and the "
                + "generated classes on the class path), a separate process each time, median of %d (one unmeasured run first): "
                + "**%s ms** (IQR ±%.0f%%, min %s ms). For reference, a plain Java program printing one line: %s ms.%n",
                h.n(), ms(h.median()), 100 * h.relativeIqr(), ms(h.min()), ms(p.median())));
    }

    private void heap(StringBuilder md) {
        if (extras.heap == null || extras.heap.isEmpty()) {
            return;
        }
        md.append("\n## Peak heap: bench-bintrees\n\n");
        md.append("One run in a fresh JVM (`" + String.join(" ", jvmArgs) + "`), after compilation and a full GC: the sum of the "
                + "heap pools' peak usage during the run. Linear memory is one `byte[]` (wasmjar, Chicory) that TinyGo's own GC "
                + "manages, so the Java heap holds it plus the engines' transient objects.\n\n");
        md.append("| engine | arg | peak heap | GCs | GC time |\n| --- | ---: | ---: | ---: | ---: |\n");
        for (BenchmarkSuite.HeapUse u : extras.heap) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f MB | %d | %d ms |%n", u.engine().id(), u.arg(),
                    u.peakBytes() / 1048576.0, u.gcCount(), u.gcMillis()));
        }
    }

    static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    static String ratio(double r) {
        return (r >= 10 ? String.format(Locale.ROOT, "%.0f", r) : String.format(Locale.ROOT, "%.2f", r)) + "×";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return String.format(Locale.ROOT, "%.0f GiB", ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize() / 1073741824.0);
        }
        return "unknown";
    }
}
