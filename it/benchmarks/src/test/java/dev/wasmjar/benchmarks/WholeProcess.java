package dev.wasmjar.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole processes, as a user meets a program: the wall time from starting the process to its
 * exit, for node ({@code node:wasi} on the {@code wasip1} build: read, compile, instantiate,
 * start) against three ways of running the {@code wasip2} component on wasmjar:
 * <ul>
 *   <li><b>CLI, compiling</b>: {@code java -jar wasmjar.jar run --no-cache X.wasm N}, a first run
 *       (the program compiled in the process);</li>
 *   <li><b>CLI, cached</b>: {@code java -jar wasmjar.jar run X.wasm N} with the compiled program
 *       already in the CLI's cache (any later run of the same program);</li>
 *   <li><b>compiled jar</b>: {@code java -cp X.jar:wasmjar-runtime.jar bench.Program N}, the jar
 *       {@code wasmjar compile} (the Maven plugin's code path) wrote, run by its facade's
 *       {@code main}.</li>
 * </ul>
 * Every JVM runs with default options. Rounds alternate the four commands per program, so a
 * slower phase of a shared machine hits all of them; the figures are medians of
 * {@code bench.wholeRounds} rounds. Every run's stdout must equal node's and exit 0.
 *
 * <p>Run by {@code mvn -B -pl it/benchmarks -am verify -Pwhole-process -DskipTests}; prints a
 * Markdown table.
 */
public final class WholeProcess {
    private WholeProcess() {
    }

    public static void main(String[] args) throws Exception {
        Corpus corpus = Corpus.locate().orElseThrow(() -> new IllegalStateException(
                "TinyGo corpus not found (../shared/tinygo-corpus or -Dwasmjar.shared)"));
        Path cliJar = Path.of(System.getProperty("bench.cliJar")).toAbsolutePath();
        Path runtimeJar = Path.of(System.getProperty("bench.runtimeJar")).toAbsolutePath();
        String node = System.getProperty("bench.node", "node");
        String spec = System.getProperty("bench.wholePrograms",
                "bench-nbody:8000000,bench-fannkuch:11,bench-spectral:3000,bench-bintrees:16,bench-sha256:128,"
                        + "bench-json:25000,bench-sort:500000,bench-maps:5000,bench-pingpong:10000000,bench-strings:2000000");
        int rounds = Integer.getInteger("bench.wholeRounds", 3);
        Path work = Files.createTempDirectory("whole-process");
        Path script = work.resolve("wasi-main.mjs");
        try (InputStream in = WholeProcess.class.getResourceAsStream("wasi-main.mjs")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Path cache = work.resolve("cache");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        StringBuilder md = new StringBuilder();
        md.append("| program | arg | node (ms) | CLI, compiling (ms) | CLI, cached (ms) | compiled jar (ms) "
                + "| CLI compiling / node | CLI cached / node | jar / node |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        double[] logSums = new double[3];
        int n = 0;
        for (String entry : spec.split(",")) {
            String[] pa = entry.split(":", 2);
            String program = pa[0];
            String arg = pa[1];
            Path component = corpus.component(program);
            Path preview1 = corpus.preview1(program);
            Path jar = work.resolve(program + ".jar");
            run(List.of(javaBin, "-jar", cliJar.toString(), "compile", component.toString(), "--class", "bench.Program",
                    "-o", jar.toString()), cache);
            Map<String, List<String>> commands = new LinkedHashMap<>();
            commands.put("node", List.of(node, "--no-warnings", script.toString(), preview1.toString(), arg));
            commands.put("cli-compiling", List.of(javaBin, "-jar", cliJar.toString(), "run", "--no-cache",
                    component.toString(), arg));
            commands.put("cli-cached", List.of(javaBin, "-jar", cliJar.toString(), "run", component.toString(), arg));
            commands.put("jar", List.of(javaBin, "-cp", jar + java.io.File.pathSeparator + runtimeJar, "bench.Program", arg));
            // Fills the cache (and the OS's file cache for every command).
            run(commands.get("cli-cached"), cache);
            String expected = run(commands.get("node"), cache).out;
            Map<String, long[]> times = new LinkedHashMap<>();
            commands.keySet().forEach(k -> times.put(k, new long[rounds]));
            for (int r = 0; r < rounds; r++) {
                for (Map.Entry<String, List<String>> c : commands.entrySet()) {
                    Result res = run(c.getValue(), cache);
                    if (!res.out.equals(expected)) {
                        throw new IllegalStateException(c.getKey() + " printed something else than node on " + program
                                + " " + arg + ":\n" + res.out + "\nnode:\n" + expected);
                    }
                    times.get(c.getKey())[r] = res.nanos;
                }
            }
            long nodeMs = median(times.get("node"));
            long compiling = median(times.get("cli-compiling"));
            long cached = median(times.get("cli-cached"));
            long jarMs = median(times.get("jar"));
            md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %,d | %,d | %.2f× | %.2f× | %.2f× |%n",
                    program, arg, nodeMs, compiling, cached, jarMs, (double) compiling / nodeMs, (double) cached / nodeMs,
                    (double) jarMs / nodeMs));
            logSums[0] += Math.log((double) compiling / nodeMs);
            logSums[1] += Math.log((double) cached / nodeMs);
            logSums[2] += Math.log((double) jarMs / nodeMs);
            n++;
            System.err.println("whole-process: " + program + " done");
        }
        md.append(String.format(Locale.ROOT, "| **geometric mean** | | | | | | **%.2f×** | **%.2f×** | **%.2f×** |%n",
                Math.exp(logSums[0] / n), Math.exp(logSums[1] / n), Math.exp(logSums[2] / n)));
        System.out.println();
        System.out.println("Whole process, median of " + rounds + " alternating rounds (wall time from start to exit; "
                + "lower ratio is better):");
        System.out.println();
        System.out.print(md);
    }

    private record Result(String out, long nanos) {
    }

    /** Runs {@code cmd} to its end; it must exit 0. The CLI's cache is {@code cache}. */
    private static Result run(List<String> cmd, Path cache) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("WASMJAR_CACHE_DIR", cache.toString());
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        long nanos = System.nanoTime() - start;
        if (code != 0) {
            throw new IllegalStateException(cmd + " exited with " + code);
        }
        return new Result(new String(out, StandardCharsets.UTF_8), nanos);
    }

    private static long median(long[] nanos) {
        long[] v = Arrays.copyOf(nanos, nanos.length);
        Arrays.sort(v);
        return v[v.length / 2] / 1_000_000;
    }
}
