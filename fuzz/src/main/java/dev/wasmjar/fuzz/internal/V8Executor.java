package dev.wasmjar.fuzz.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the fuzzing procedure on V8: one long-lived Node.js process running {@code harness.js},
 * which reads module paths from its stdin and writes each module's {@link Transcript} followed
 * by {@code end}. A module that takes longer than the timeout gets the process killed (a
 * {@link EngineRun.Status#TIMEOUT}); the next module starts a new one. After
 * {@link #MODULES_PER_PROCESS} modules the process is replaced by a fresh one: in a run of
 * 40 000 modules with one node process per worker the rate fell from 33 to 9 modules/s, with
 * node using most of the CPU and its virtual size at hundreds of GB (wasm memory reservations). Not thread-safe: one per
 * worker.
 */
public final class V8Executor implements AutoCloseable {
    private static final String RESOURCE = "harness.js";
    /** How many modules one node process runs before it is replaced. */
    static final int MODULES_PER_PROCESS = 1000;

    private final Path node;
    private final Path harness;
    private final Duration timeout;
    private final ScheduledExecutorService watchdog;
    private final int modulesPerProcess;
    private Process process;
    private int modulesRun;
    private Writer toNode;
    private BufferedReader fromNode;

    public V8Executor(Path node, Path harness, Duration timeout, ScheduledExecutorService watchdog) {
        this(node, harness, timeout, watchdog, MODULES_PER_PROCESS);
    }

    V8Executor(Path node, Path harness, Duration timeout, ScheduledExecutorService watchdog, int modulesPerProcess) {
        this.node = node;
        this.harness = harness;
        this.timeout = timeout;
        this.watchdog = watchdog;
        this.modulesPerProcess = modulesPerProcess;
    }

    /** The process id of the node process running now, or -1 if there is none. */
    long processId() {
        return process == null ? -1 : process.pid();
    }

    /** Copies the harness script out of the jar into {@code dir}; returns its path. */
    public static Path extractHarness(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(RESOURCE);
        try (InputStream in = V8Executor.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + RESOURCE + " missing");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Runs the module at {@code module} (an absolute path without line breaks). */
    public EngineRun run(Path module) throws IOException {
        if (process != null && modulesRun >= modulesPerProcess) {
            close();
        }
        if (process == null || !process.isAlive()) {
            start();
        }
        modulesRun++;
        AtomicBoolean killed = new AtomicBoolean();
        Process p = process;
        ScheduledFuture<?> kill = watchdog.schedule(() -> {
            killed.set(true);
            p.destroyForcibly();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> lines = new ArrayList<>();
        try {
            toNode.write(module.toAbsolutePath() + "\n");
            toNode.flush();
            for (String line; (line = fromNode.readLine()) != null; ) {
                if (line.equals("end")) {
                    return classify(lines);
                }
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died under us: reported below
        } finally {
            kill.cancel(false);
        }
        stop();
        Transcript partial = new Transcript(lines);
        return killed.get() ? EngineRun.timeout(partial) : EngineRun.crashed(partial, "node exited");
    }

    private static EngineRun classify(List<String> lines) {
        if (lines.size() == 1 && lines.get(0).startsWith("rejected ")) {
            return EngineRun.rejected(lines.get(0).substring("rejected ".length()));
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("harness-error")) {
            return EngineRun.crashed(new Transcript(lines), lines.get(0));
        }
        return EngineRun.ran(new Transcript(lines));
    }

    private void start() throws IOException {
        process = new ProcessBuilder(node.toString(), harness.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        modulesRun = 0;
        toNode = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        fromNode = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        if (process != null) {
            try {
                toNode.close(); // end of input: the harness exits by itself
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
