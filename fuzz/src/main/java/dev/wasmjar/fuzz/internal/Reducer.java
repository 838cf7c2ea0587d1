package dev.wasmjar.fuzz.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.nio.file.attribute.PosixFilePermission;

/**
 * Reduces a saved finding with binaryen's {@code wasm-reduce}, driven by a
 * {@link ReductionScript}: {@code reduced.wasm} (and its text, {@code reduced.wat}) beside
 * {@code module.wasm}, {@code wasm-reduce}'s output in {@code reduce.log}. A reduction that
 * exceeds its time budget is stopped; {@code reduced.wasm} then holds the smallest module
 * found so far.
 */
public final class Reducer {
    /** Per candidate: a JVM start, a compile and a Node.js start take a second or two. */
    private static final int CANDIDATE_TIMEOUT_SECONDS = 60;

    private final Path wasmReduce;
    private final Path wasmOpt;
    private final List<String> features;
    private final List<String> checkOptions;
    private final Duration budget;

    public Reducer(Path wasmReduce, Path wasmOpt, List<String> features, List<String> checkOptions, Duration budget) {
        this.wasmReduce = wasmReduce;
        this.wasmOpt = wasmOpt;
        this.features = features;
        this.checkOptions = checkOptions;
        this.budget = budget;
    }

    /** This JVM's class path with every entry absolute: the script runs in another directory. */
    static String absoluteClassPath() {
        StringBuilder sb = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                sb.append(sb.length() == 0 ? "" : File.pathSeparator).append(Path.of(entry).toAbsolutePath());
            }
        }
        return sb.toString();
    }

    /**
     * Kills {@code p} and every process under it, and waits until they are gone. wasm-reduce
     * starts a new wasm-opt and check script per candidate, so one started after a snapshot of
     * its descendants would survive it (and write {@code candidate.wasm} after it was deleted):
     * {@code p} is stopped first ({@code SIGSTOP}), so the tree cannot grow while it is killed,
     * and its children are killed before it (a dead parent's children are re-parented out of
     * reach).
     */
    static void stopTree(Process p) throws InterruptedException {
        try {
            new ProcessBuilder("kill", "-STOP", Long.toString(p.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No kill(1): fall back to killing from the snapshot below, which a child started
            // meanwhile may escape.
        }
        List<ProcessHandle> tree = p.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        // The root last: until it is killed, its stopped self cannot reap the killed children,
        // and once it is, they are reaped by init.
        p.destroyForcibly();
        p.waitFor();
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // Killed: only its exit notice is late.
            }
        }
    }

    /** Reduces the module in {@code dir}; returns the reduced module, or {@code null} if there is none. */
    public Path reduce(Path dir) throws IOException, InterruptedException {
        Path candidate = dir.resolve("candidate.wasm").toAbsolutePath();
        Path reduced = dir.resolve("reduced.wasm").toAbsolutePath();
        Path script = dir.resolve("reduce.sh").toAbsolutePath();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Files.writeString(script, ReductionScript.text(java, absoluteClassPath(), checkOptions, candidate));
        Files.setPosixFilePermissions(script, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        Files.deleteIfExists(reduced);

        List<String> cmd = new ArrayList<>(List.of(wasmReduce.toString(), dir.resolve("module.wasm").toAbsolutePath().toString(),
                "--command", "sh " + ReductionScript.quote(script.toString()),
                "-t", candidate.toString(), "-w", reduced.toString(),
                "-b", wasmOpt.toAbsolutePath().getParent().toString(),
                "-to", String.valueOf(CANDIDATE_TIMEOUT_SECONDS),
                "--denan", "-ef", String.join(" ", features) + " --denan"));
        cmd.addAll(features);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("reduce.log").toFile()).start();
        if (!p.waitFor(budget.toMillis(), TimeUnit.MILLISECONDS)) {
            stopTree(p);
        }
        Files.deleteIfExists(candidate);
        if (!Files.isRegularFile(reduced)) {
            return null;
        }
        List<String> print = new ArrayList<>(List.of(wasmOpt.toString(), reduced.toString()));
        print.addAll(features);
        print.add("--print");
        Process text = new ProcessBuilder(print).redirectErrorStream(false)
                .redirectOutput(dir.resolve("reduced.wat").toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        text.waitFor(60, TimeUnit.SECONDS);
        return reduced;
    }
}
