package dev.wasmjar.fuzz.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The external programs a fuzzing run uses: binaryen's {@code wasm-opt} and
 * {@code wasm-reduce}, and {@code node}. Also makes the daemon watchdog thread that enforces
 * timeouts.
 */
public record Toolchain(Path wasmOpt, Path wasmReduce, Path node) {
    /** The toolchain on the PATH, or empty if {@code wasm-opt}, {@code wasm-reduce} or {@code node} is missing. */
    public static Optional<Toolchain> find() {
        Optional<Path> opt = Tools.onPath("wasm-opt");
        Optional<Path> reduce = Tools.onPath("wasm-reduce");
        Optional<Path> node = Tools.onPath("node");
        if (opt.isEmpty() || reduce.isEmpty() || node.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Toolchain(opt.get(), reduce.get(), node.get()));
    }

    /** What {@link #find()} needs, for the message when it is missing. */
    public static String requirement() {
        return "wasm-opt and wasm-reduce (binaryen) and node (Node.js) on the PATH";
    }

    /** A single daemon thread for timeouts. */
    public static ScheduledExecutorService watchdog() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fuzz-watchdog");
            t.setDaemon(true);
            return t;
        });
    }
}
