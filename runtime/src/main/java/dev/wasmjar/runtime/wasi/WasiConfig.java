package dev.wasmjar.runtime.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * What a WASI 0.2 guest sees of the world: arguments, environment, stdio, preopened directories,
 * clocks, randomness and limits. Immutable; build one with {@link #builder()}:
 *
 * <pre>{@code
 * WasiConfig config = WasiConfig.builder()
 *     .args("hello", "world")                 // args[0] is the program name by convention
 *     .inheritEnv()
 *     .stdout(myOut)
 *     .preopen(Path.of("data"), "/data", true)
 *     .build();
 * }</pre>
 *
 * <p>Defaults: no arguments, empty environment, the JVM's {@code System.in/out/err}, no preopens,
 * real clocks, {@link SecureRandom}, no memory cap beyond the JVM's, no deadline.
 */
public final class WasiConfig {
    /** A host directory made visible to the guest under a path of its own. */
    public static final class Preopen {
        private final Path hostPath;
        private final String guestPath;
        private final boolean readOnly;

        public Preopen(Path hostPath, String guestPath, boolean readOnly) {
            this.hostPath = Objects.requireNonNull(hostPath, "hostPath");
            this.guestPath = Objects.requireNonNull(guestPath, "guestPath");
            this.readOnly = readOnly;
        }

        /** The directory on the host. */
        public Path hostPath() {
            return hostPath;
        }

        /** The name the guest sees, e.g. {@code "/data"} or {@code "."}. */
        public String guestPath() {
            return guestPath;
        }

        /** Whether the guest may only read (no create, write, rename or delete). */
        public boolean readOnly() {
            return readOnly;
        }

        @Override
        public String toString() {
            return hostPath + "::" + guestPath + (readOnly ? " (read-only)" : "");
        }
    }

    private final List<String> args;
    private final Map<String, String> env;
    private final String initialCwd;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final List<Preopen> preopens;
    private final MonotonicClock monotonicClock;
    private final Clock wallClock;
    private final RandomGenerator random;
    private final RandomGenerator insecureRandom;
    private final int maxMemoryPages;
    private final Duration deadline;
    private final int maxResources;

    private WasiConfig(Builder b) {
        this.args = List.copyOf(b.args);
        this.env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
        this.initialCwd = b.initialCwd;
        this.stdin = b.stdin;
        this.stdout = b.stdout;
        this.stderr = b.stderr;
        this.preopens = List.copyOf(b.preopens);
        this.monotonicClock = b.monotonicClock;
        this.wallClock = b.wallClock;
        this.random = b.random;
        this.insecureRandom = b.insecureRandom;
        this.maxMemoryPages = b.maxMemoryPages;
        this.deadline = b.deadline;
        this.maxResources = b.maxResources;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code get-arguments}: the program name first, by convention. */
    public List<String> args() {
        return args;
    }

    /** {@code get-environment}, in insertion order. */
    public Map<String, String> env() {
        return env;
    }

    /** {@code initial-cwd}, or {@code null} for none. */
    public String initialCwd() {
        return initialCwd;
    }

    /** The guest's stdin, or {@code null} for an empty one. */
    public InputStream stdin() {
        return stdin;
    }

    /** The guest's stdout, or {@code null} to discard it. */
    public OutputStream stdout() {
        return stdout;
    }

    /** The guest's stderr, or {@code null} to discard it. */
    public OutputStream stderr() {
        return stderr;
    }

    /** Preopened directories, in the order given. */
    public List<Preopen> preopens() {
        return preopens;
    }

    /** The clock behind {@code wasi:clocks/monotonic-clock} (each host gets a fresh system one if unset). */
    public MonotonicClock monotonicClock() {
        return monotonicClock;
    }

    /** The clock behind {@code wasi:clocks/wall-clock}. */
    public Clock wallClock() {
        return wallClock;
    }

    /** The generator behind {@code wasi:random/random} (must be cryptographically strong outside tests). */
    public RandomGenerator random() {
        return random;
    }

    /** The generator behind {@code wasi:random/insecure} and {@code insecure-seed}. */
    public RandomGenerator insecureRandom() {
        return insecureRandom;
    }

    /** The most 64 KiB pages the guest's memory may grow to. */
    public int maxMemoryPages() {
        return maxMemoryPages;
    }

    /** How long a run may take (checked whenever the guest waits), or {@code null} for no limit. */
    public Duration deadline() {
        return deadline;
    }

    /** The most resource handles (streams, pollables, ...) the guest may hold at once. */
    public int maxResources() {
        return maxResources;
    }

    /** Builds a {@link WasiConfig}. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String initialCwd;
        private InputStream stdin = System.in;
        private OutputStream stdout = System.out;
        private OutputStream stderr = System.err;
        private final List<Preopen> preopens = new ArrayList<>();
        private MonotonicClock monotonicClock;
        private Clock wallClock = Clock.systemUTC();
        private RandomGenerator random;
        private RandomGenerator insecureRandom;
        private int maxMemoryPages = dev.wasmjar.runtime.Memory.MAX_PAGES;
        private Duration deadline;
        private int maxResources = 1 << 16;

        private Builder() {
        }

        /** Replaces the arguments (program name first). */
        public Builder args(List<String> args) {
            this.args.clear();
            for (String a : args) {
                this.args.add(Objects.requireNonNull(a));
            }
            return this;
        }

        /** Replaces the arguments (program name first). */
        public Builder args(String... args) {
            return args(List.of(args));
        }

        /** Adds one environment variable. */
        public Builder env(String name, String value) {
            env.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /** Adds these environment variables. */
        public Builder env(Map<String, String> vars) {
            vars.forEach(this::env);
            return this;
        }

        /** Adds the JVM's own environment. */
        public Builder inheritEnv() {
            return env(System.getenv());
        }

        /** The directory {@code initial-cwd} reports (should be a preopen's guest path). */
        public Builder initialCwd(String cwd) {
            this.initialCwd = cwd;
            return this;
        }

        /** The guest's stdin ({@code null}: empty). It is read by a daemon thread once the guest reads. */
        public Builder stdin(InputStream in) {
            this.stdin = in;
            return this;
        }

        /** The guest's stdout ({@code null}: discarded). Not closed by the host. */
        public Builder stdout(OutputStream out) {
            this.stdout = out;
            return this;
        }

        /** The guest's stderr ({@code null}: discarded). Not closed by the host. */
        public Builder stderr(OutputStream err) {
            this.stderr = err;
            return this;
        }

        /** Uses {@code System.in}, {@code System.out} and {@code System.err} (the default). */
        public Builder inheritStdio() {
            this.stdin = System.in;
            this.stdout = System.out;
            this.stderr = System.err;
            return this;
        }

        /** Makes {@code hostDir} visible to the guest as {@code guestPath}. */
        public Builder preopen(Path hostDir, String guestPath, boolean readOnly) {
            preopens.add(new Preopen(hostDir, guestPath, readOnly));
            return this;
        }

        /** The monotonic clock (default: {@link MonotonicClock#system()}, fresh per host). */
        public Builder monotonicClock(MonotonicClock clock) {
            this.monotonicClock = Objects.requireNonNull(clock);
            return this;
        }

        /** The wall clock (default: {@link Clock#systemUTC()}). */
        public Builder wallClock(Clock clock) {
            this.wallClock = Objects.requireNonNull(clock);
            return this;
        }

        /** The secure random generator (default: a fresh {@link SecureRandom} per host). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random);
            return this;
        }

        /** The insecure random generator (default: a fresh randomly seeded one per host). */
        public Builder insecureRandom(RandomGenerator random) {
            this.insecureRandom = Objects.requireNonNull(random);
            return this;
        }

        /** Caps the guest's memory at {@code pages} 64 KiB pages. */
        public Builder maxMemoryPages(int pages) {
            if (pages < 0) {
                throw new IllegalArgumentException("negative page cap");
            }
            this.maxMemoryPages = Math.min(pages, dev.wasmjar.runtime.Memory.MAX_PAGES);
            return this;
        }

        /** Caps the guest's memory at {@code bytes} (rounded down to whole pages). */
        public Builder maxMemoryBytes(long bytes) {
            return maxMemoryPages((int) Math.min(bytes / dev.wasmjar.runtime.Memory.PAGE_SIZE, Integer.MAX_VALUE));
        }

        /**
         * Limits a run to {@code timeout}: when it passes, a waiting guest stops with an
         * {@code INTERRUPTED} trap and the guest thread is interrupted.
         */
        public Builder deadline(Duration timeout) {
            this.deadline = timeout;
            return this;
        }

        /** The most resource handles the guest may hold at once (default 65536). */
        public Builder maxResources(int max) {
            if (max < 16) {
                throw new IllegalArgumentException("maxResources must be at least 16");
            }
            this.maxResources = max;
            return this;
        }

        public WasiConfig build() {
            return new WasiConfig(this);
        }
    }
}
