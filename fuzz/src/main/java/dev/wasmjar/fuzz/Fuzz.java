package dev.wasmjar.fuzz;

import dev.wasmjar.fuzz.internal.CheckCommand;
import dev.wasmjar.fuzz.internal.FuzzOptions;
import dev.wasmjar.fuzz.internal.FuzzRun;
import dev.wasmjar.fuzz.internal.FuzzStats;
import dev.wasmjar.fuzz.internal.ReduceCommand;
import dev.wasmjar.fuzz.internal.Toolchain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * wasmjar's differential fuzzer: random valid modules from binaryen ({@code wasm-opt -ttf},
 * WebAssembly 2.0 without SIMD, {@code --denan}) run on wasmjar and on V8 (Node.js) by the same
 * procedure, their transcripts compared (results, traps and logged values bit for bit, NaN as a
 * class); mismatches and refusals are saved and reduced with {@code wasm-reduce}.
 *
 * <pre>
 * run   [--modules N] [--seed S] [--first I] [--threads T] [--out DIR] [--reduce true|false]
 *       [--simd true|false] [--timeout-seconds N] [--reduce-minutes N] [--inject-fault]
 * check FILE [--simd true|false] [--timeout-seconds N] [--inject-fault] [--transcripts]
 * reduce FILE [--out DIR] [--simd true|false] [--timeout-seconds N] [--reduce-minutes N] [--inject-fault]
 * </pre>
 *
 * {@code run} exits 1 when it found a mismatch or a refusal (or failed itself), 2 when a tool
 * is missing; {@code check} prints the module's verdict and exits 0 (what {@code wasm-reduce}
 * runs); {@code reduce} checks a module from elsewhere and saves and reduces it if it is a
 * finding. {@code --inject-fault}
 * makes wasmjar's side report every i32 result one too high, to see that mismatches are caught.
 * Normally run through Maven: {@code mvn -B -pl fuzz -am verify -Pfuzz -DskipTests -Dfuzz.modules=N}.
 */
public final class Fuzz {
    private Fuzz() {
    }

    public static void main(String[] args) throws Exception {
        FuzzOptions options;
        try {
            options = FuzzOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fuzz: " + e.getMessage());
            System.exit(2);
            return;
        }
        Optional<Toolchain> tools = Toolchain.find();
        if (tools.isEmpty()) {
            System.err.println("fuzz: needs " + Toolchain.requirement());
            System.exit(2);
            return;
        }
        if (options.command().equals("check")) {
            Path work = Files.createTempDirectory("wasmjar-fuzz-check");
            try {
                CheckCommand.run(options, tools.get(), work, System.out);
            } finally {
                deleteTree(work);
            }
            System.exit(0);
        }
        if (options.command().equals("reduce")) {
            ReduceCommand.run(options, tools.get(), System.out);
            System.exit(0);
        }
        FuzzStats stats = new FuzzRun(options, tools.get(), System.out).run();
        boolean failed = stats.mismatches() + stats.refusals() + stats.errors() > 0;
        System.out.println("fuzz: " + (failed ? "FAILED: " + stats.mismatches() + " mismatches, " + stats.refusals()
                + " refusals, " + stats.errors() + " fuzzer errors; findings in " + options.out().resolve("findings")
                : "passed: no mismatches, no refusals"));
        System.exit(failed ? 1 : 0);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
