package dev.wasmjar.benchmarks;

import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a program's first run in a fresh JVM goes: JVM start, wasm compile (parse, validate,
 * emit), class definition and verification, instantiation, the first run and (for contrast)
 * a second run in the same JVM; then, from a second, instrumented JVM, what the JIT did
 * ({@code -XX:+PrintCompilation}: methods compiled, on-stack replacements, compilations C1 gave
 * up on) and where the first run's time went (JFR execution samples, by the kind of the
 * sampled top frame: interpreted, JIT-compiled, inlined).
 *
 * <p>Run by {@code mvn -B -pl it/benchmarks -am verify -Pcold-breakdown -DskipTests}; prints a
 * Markdown table. Each measurement is a child JVM started by this class with the default
 * options of the CLI's JVM; the plain run's times are the median of {@code bench.coldRepeats}
 * children.
 */
public final class ColdBreakdown {
    private static final String MARK = "COLD ";

    private ColdBreakdown() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(Path.of(args[1]), Arrays.asList(args).subList(2, args.length));
            return;
        }
        Corpus corpus = Corpus.locate().orElseThrow(() -> new IllegalStateException(
                "TinyGo corpus not found (../shared/tinygo-corpus or -Dwasmjar.shared)"));
        String spec = System.getProperty("bench.coldPrograms",
                "bench-nbody:8000000,bench-fannkuch:11,bench-spectral:3000,bench-bintrees:16,bench-sha256:128,"
                        + "bench-json:25000,bench-sort:500000,bench-maps:5000,bench-pingpong:10000000,bench-strings:2000000");
        String variant = System.getProperty("bench.coldVariant", "wasip2"); // or wasip1
        int repeats = Integer.getInteger("bench.coldRepeats", 3);
        Path work = Files.createTempDirectory("cold-breakdown");
        StringBuilder md = new StringBuilder();
        md.append("| program | arg | JVM start (ms) | compile (ms) | load + verify (ms) | instantiate (ms) | first run (ms) "
                + "| second run (ms) | JIT threads (ms) | compiled / OSR / C1 gave up | first run: interpreted / compiled / inlined |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String entry : spec.split(",")) {
            String[] pa = entry.split(":", 2);
            Path wasm = variant.equals("wasip1") ? corpus.preview1(pa[0]) : corpus.component(pa[0]);
            List<Map<String, String>> plain = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                plain.add(parse(runChild(List.of(), wasm, pa[1]).out));
            }
            Path jfr = work.resolve(pa[0] + ".jfr");
            Child probe = runChild(List.of("-XX:+PrintCompilation",
                    "-XX:StartFlightRecording=filename=" + jfr + ",settings=profile"), wasm, pa[1]);
            Map<String, String> probed = parse(probe.out);
            JitCounts jit = JitCounts.of(probe.out);
            String samples = frameKinds(jfr, Instant.parse(probed.get("firstRunStart")),
                    Instant.parse(probed.get("firstRunEnd")));
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %d / %d / %d | %s |%n",
                    pa[0], pa[1], median(plain, "jvmStartMs"), median(plain, "compileMs"), median(plain, "loadMs"),
                    median(plain, "instantiateMs"), median(plain, "firstRunMs"), median(plain, "secondRunMs"),
                    median(plain, "jitMs"), jit.compiled, jit.osr, jit.bailouts, samples));
            System.err.println("cold-breakdown: " + pa[0] + " done");
        }
        System.out.print(md);
        Path out = Path.of(System.getProperty("bench.work", "target")).resolve("cold-breakdown.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.err.println("cold-breakdown: written to " + out);
    }

    // ------------------------------------------------------------------ child JVM

    private static void child(Path wasm, List<String> args) throws IOException {
        long mainEntry = System.currentTimeMillis();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long t0 = System.nanoTime();
        byte[] bytes = Files.readAllBytes(wasm);
        CompiledModule module = WasmCompiler.builder().className("cold.Program").build().compile(bytes);
        long t1 = System.nanoTime();
        module.load();
        long t2 = System.nanoTime();
        String name = WasmjarEngine.programName(wasm);
        long[] first = new long[3];
        Instant firstStart = Instant.now();
        runOnce(module, name, args, first);
        Instant firstEnd = Instant.now();
        long[] second = new long[3];
        runOnce(module, name, args, second);
        long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        System.out.println(MARK + "jvmStartMs=" + (mainEntry - jvmStart) + " compileMs=" + ms(t1 - t0) + " loadMs=" + ms(t2 - t1)
                + " instantiateMs=" + ms(first[1] - first[0]) + " firstRunMs=" + ms(first[2] - first[1])
                + " secondRunMs=" + ms(second[2] - second[0]) + " jitMs=" + jit
                + " firstRunStart=" + firstStart + " firstRunEnd=" + firstEnd);
    }

    /** One instantiation and run; {@code times} gets the nanoTime before, after instantiation and at the end. */
    private static void runOnce(CompiledModule module, String name, List<String> args, long[] times) {
        OutputStream sink = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args(WasmjarEngine.argv(name, args)).stdout(sink).stderr(sink).build();
        times[0] = System.nanoTime();
        try (WasiHost host = WasiHost.create(config)) {
            Instance instance = module.instantiate(host.imports());
            times[1] = System.nanoTime();
            int code = host.run(instance);
            times[2] = System.nanoTime();
            if (code != 0) {
                throw new IllegalStateException(name + " exited with " + code);
            }
        }
    }

    private static String ms(long nanos) {
        return Long.toString(TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    // ------------------------------------------------------------------ parent side

    private record Child(String out) {
    }

    private static Child runChild(List<String> jvmOptions, Path wasm, String arg) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xss16m");
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ColdBreakdown.class.getName());
        cmd.add("child");
        cmd.add(wasm.toString());
        cmd.add(arg);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0 || !out.contains(MARK)) {
            throw new IllegalStateException("child " + cmd + " failed:\n" + out);
        }
        return new Child(out);
    }

    static Map<String, String> parse(String childOutput) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : childOutput.split("\n")) {
            if (line.startsWith(MARK)) {
                for (String kv : line.substring(MARK.length()).trim().split(" ")) {
                    int eq = kv.indexOf('=');
                    m.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return m;
    }

    static String median(List<Map<String, String>> runs, String key) {
        long[] v = runs.stream().mapToLong(r -> Long.parseLong(r.get(key))).sorted().toArray();
        return String.format(Locale.ROOT, "%,d", v[v.length / 2]);
    }

    /** What {@code -XX:+PrintCompilation} says about the generated classes ({@code cold.Program...}). */
    record JitCounts(int compiled, int osr, int bailouts) {
        static JitCounts of(String printCompilation) {
            int compiled = 0;
            int osr = 0;
            int bailouts = 0;
            for (String line : printCompilation.split("\n")) {
                if (!line.contains("cold.Program")) {
                    continue;
                }
                if (line.contains("COMPILE SKIPPED")) {
                    bailouts++;
                } else if (line.contains("made not entrant") || line.contains("made zombie")) {
                    continue;
                } else if (line.matches("^\\s*\\d+\\s+\\d+\\s+%.*")) {
                    osr++;
                } else {
                    compiled++;
                }
            }
            return new JitCounts(compiled, osr, bailouts);
        }
    }

    /** The share of JFR execution samples in [from, to] by the kind of their top frame. */
    static String frameKinds(Path jfr, Instant from, Instant to) throws IOException {
        Map<String, Integer> kinds = new LinkedHashMap<>();
        kinds.put("Interpreted", 0);
        kinds.put("JIT compiled", 0);
        kinds.put("Inlined", 0);
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")
                    || e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            RecordedFrame top = st.getFrames().get(0);
            kinds.merge(top.getType(), 1, Integer::sum);
            total++;
        }
        if (total == 0) {
            return "no samples";
        }
        int n = total;
        return String.format(Locale.ROOT, "%d%% / %d%% / %d%% (%d samples)", 100 * kinds.get("Interpreted") / n,
                100 * kinds.get("JIT compiled") / n, 100 * kinds.get("Inlined") / n, n);
    }
}
