package dev.wasmjar.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a wasip1 build under Node.js ({@code node:wasi}, V8's JIT): the native-JIT reference line.
 * Times are taken inside node around instantiate + {@code wasi.start} (see {@code wasi-runner.mjs}),
 * so they exclude node's start-up and the one-time {@code WebAssembly.compile}, like the JVM
 * engines' times exclude JVM start-up and compilation.
 */
public final class NodeEngine {
    private final Path node;
    private final Path script;

    private NodeEngine(Path node, Path script) {
        this.node = node;
        this.script = script;
    }

    /** Node on the PATH (with the runner script extracted into {@code workDir}), if there is one. */
    public static Optional<NodeEngine> find(Path workDir) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "node");
            if (Files.isExecutable(candidate)) {
                try {
                    Files.createDirectories(workDir);
                    Path script = workDir.resolve("wasi-runner.mjs");
                    try (InputStream in = NodeEngine.class.getResourceAsStream("wasi-runner.mjs")) {
                        Files.write(script, in.readAllBytes());
                    }
                    return Optional.of(new NodeEngine(candidate, script));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code node --version}. */
    public String version() {
        try {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The times (nanoseconds) of the measured runs of one node process, and what the program printed. */
    public static final class Result {
        public final List<Long> nanos;
        public final Outcome outcome;
        /** The first run's time, warm-up or not: node's cold run. */
        public final long firstNanos;

        Result(List<Long> nanos, Outcome outcome, long firstNanos) {
            this.nanos = nanos;
            this.outcome = outcome;
            this.firstNanos = firstNanos;
        }
    }

    /** One node process: {@code warmup} unmeasured runs, then {@code iterations} timed runs. */
    public Result run(Path wasm, List<String> args, int warmup, int iterations) {
        List<String> cmd = new ArrayList<>(List.of(node.toString(), "--no-warnings", "--expose-gc", script.toString(),
                wasm.toString(), Integer.toString(warmup), Integer.toString(iterations)));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0) {
                throw new IllegalStateException("node failed on " + wasm.getFileName() + " " + args + ": " + text);
            }
            List<Long> nanos = new ArrayList<>();
            int exit = -1;
            long first = -1;
            byte[] stdout = null;
            for (String line : text.split("\n")) {
                if (line.startsWith("time ")) {
                    nanos.add(Long.parseLong(line.substring(5).strip()));
                } else if (line.startsWith("first ")) {
                    first = Long.parseLong(line.substring(6).strip());
                } else if (line.startsWith("exit ")) {
                    exit = Integer.parseInt(line.substring(5).strip());
                } else if (line.startsWith("stdout ")) {
                    stdout = Base64.getDecoder().decode(line.substring(7).strip());
                }
            }
            if (stdout == null || nanos.size() != iterations) {
                throw new IllegalStateException("unexpected node runner output: " + text);
            }
            return new Result(nanos, new Outcome(exit, stdout), first);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
