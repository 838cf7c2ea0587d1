package dev.wasmjar.fuzz.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fuzzer's command line: {@code run}, {@code check FILE} or {@code reduce FILE}, then {@code --name value}
 * options (see {@link dev.wasmjar.fuzz.Fuzz} for the list).
 */
public record FuzzOptions(String command, Path file, long modules, long seed, long first, int threads, Path out,
        boolean reduce, boolean simd, Duration timeout, Duration reduceBudget, boolean injectFault, boolean transcripts) {

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message on bad input. */
    public static FuzzOptions parse(String[] args) {
        if (args.length == 0 || !List.of("run", "check", "reduce").contains(args[0])) {
            throw new IllegalArgumentException("expected a command: run | check FILE | reduce FILE");
        }
        String command = args[0];
        int i = 1;
        Path file = null;
        if (!command.equals("run")) {
            if (args.length < 2) {
                throw new IllegalArgumentException(command + " needs a module file");
            }
            file = Path.of(args[1]);
            i = 2;
        }
        long modules = 1000;
        long seed = 1;
        long first = 0;
        int threads = 2;
        Path out = Path.of("target", "fuzz");
        boolean reduce = true;
        boolean simd = false;
        Duration timeout = Duration.ofSeconds(20);
        Duration reduceBudget = Duration.ofMinutes(10);
        boolean injectFault = false;
        boolean transcripts = false;
        for (; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--inject-fault")) {
                injectFault = true;
                continue;
            }
            if (name.equals("--transcripts")) {
                transcripts = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + name + " needs a value");
            }
            String v = args[++i];
            switch (name) {
                case "--modules": modules = positive(name, v); break;
                case "--seed": seed = Long.parseLong(v); break;
                case "--first": first = Long.parseLong(v); break;
                case "--threads": threads = (int) positive(name, v); break;
                case "--out": out = Path.of(v); break;
                case "--reduce": reduce = Boolean.parseBoolean(v); break;
                case "--simd": simd = Boolean.parseBoolean(v); break;
                case "--timeout-seconds": timeout = Duration.ofSeconds(positive(name, v)); break;
                case "--reduce-minutes": reduceBudget = Duration.ofMinutes(positive(name, v)); break;
                default: throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new FuzzOptions(command, file, modules, seed, first, threads, out, reduce, simd, timeout, reduceBudget,
                injectFault, transcripts);
    }

    /** The options a {@code check} of a candidate module needs to judge it as this run does. */
    public List<String> checkOptions() {
        List<String> o = new ArrayList<>(List.of("--simd", String.valueOf(simd),
                "--timeout-seconds", String.valueOf(timeout.toSeconds())));
        if (injectFault) {
            o.add("--inject-fault");
        }
        return o;
    }

    private static long positive(String name, String v) {
        long n = Long.parseLong(v);
        if (n <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return n;
    }
}
