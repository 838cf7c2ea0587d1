package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@value #INSTANCES} runs of TinyGo corpus programs on {@value #THREADS} threads at once, each
 * with its own host, config and output buffers, every one judged as the corpus's check.py
 * judges it. Each program is compiled once and its {@link CompiledModule} shared by all threads
 * (the library's intended use): the runs go in waves of {@value #THREADS}, released together by
 * a barrier, in which each program runs twice, so the same module is loaded, instantiated and
 * run by two threads at the same moment.
 */
class LoadTest {
    static final int INSTANCES = 64;
    static final int THREADS = 8;

    /**
     * The cases run, with the build variant of each: args and environment, stdin (lines,
     * 5 MB of binary), a preopened directory, exit codes, a trap, goroutines and timers,
     * clocks, randomness and compute. Both kinds of build, WASI 0.2 components and preview1
     * modules, are in every wave. Left out: {@code sleep}, whose output is its own timing
     * check (50 concurrent 100 ms sleeps within 1 s), which 8 runs sharing 2 cores can fail
     * without anything being wrong, and the slowest programs ({@code gcstress},
     * {@code stdlib}, {@code bench-json}, {@code bench-sha256}), to keep the test short.
     */
    private static final Map<String, String> CASES = new LinkedHashMap<>();

    static {
        CASES.put("hello", "wasip2");
        CASES.put("echo", "wasip1");
        CASES.put("env", "wasip2");
        CASES.put("cat", "wasip1");
        CASES.put("files", "wasip2");
        CASES.put("exitcode", "wasip1");
        CASES.put("panic-index", "wasip2");
        CASES.put("goroutines", "wasip1");
        CASES.put("random", "wasip2");
        CASES.put("bench-fannkuch", "wasip1");
        CASES.put("clock", "wasip2");
        CASES.put("bench-sort", "wasip1");
    }

    @Test
    void sixtyFourRunsOnEightThreadsAllProduceTheirExpectedOutput(@TempDir Path tmp) throws Exception {
        Path build = CompileUnderTest.corpusBuild();
        assumeTrue(build != null, "TinyGo corpus not found under " + CompileUnderTest.shared() + ": load test skipped");
        Path corpus = build.getParent();
        Map<String, CorpusCase> all = CorpusCase.load(corpus);
        List<CorpusCase> cases = new ArrayList<>();
        Map<String, CompiledModule> modules = new LinkedHashMap<>();
        long compileStart = System.nanoTime();
        for (Map.Entry<String, String> e : CASES.entrySet()) {
            CorpusCase c = all.get(e.getKey());
            cases.add(c);
            byte[] wasm = Files.readAllBytes(build.resolve(c.program + "." + e.getValue() + ".wasm"));
            modules.put(c.name, WasmCompiler.builder().className("load." + c.name.replace('-', '_') + ".Program")
                    .build().compile(wasm));
        }

        long runStart = System.nanoTime();
        CyclicBarrier wave = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                CorpusCase c = cases.get(i / 2 % cases.size());
                String variant = CASES.get(c.name);
                CompiledModule module = modules.get(c.name);
                Path sandbox = tmp.resolve("run" + i);
                runs.add(pool.submit(() -> {
                    for (Map.Entry<String, String> d : c.dirs().entrySet()) {
                        TinyGoProgramsTest.copyTree(corpus.resolve(d.getValue()), sandbox.resolve(d.getKey().substring(1)));
                    }
                    wave.await(5, TimeUnit.MINUTES);
                    GuestRun r = GuestRun.of(module, c.stdinStream(corpus), config -> {
                        config.args(c.args()).env(c.env());
                        c.dirs().keySet().forEach(g -> config.preopen(sandbox.resolve(g.substring(1)), g, false));
                    });
                    List<String> problems = new ArrayList<>();
                    for (String p : c.problems(r, variant, corpus)) {
                        problems.add(c.name + " (" + variant + "): " + p);
                    }
                    return problems;
                }));
            }
            List<String> problems = new ArrayList<>();
            for (Future<List<String>> f : runs) {
                problems.addAll(f.get(5, TimeUnit.MINUTES));
            }
            System.out.printf("LoadTest: compiled %d programs in %d ms, ran %d instances on %d threads in %d ms%n",
                    modules.size(), (runStart - compileStart) / 1_000_000, INSTANCES, THREADS,
                    (System.nanoTime() - runStart) / 1_000_000);
            assertEquals(List.of(), problems);
        } finally {
            pool.shutdownNow();
        }
    }
}
