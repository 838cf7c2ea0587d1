package dev.wasmjar.fuzz.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Makes module {@code index} of seed {@code seed}: random bytes from a PRNG seeded by both,
 * turned into a valid module by binaryen ({@code wasm-opt -ttf --denan}) with the module's
 * {@link Features}. The same seed, index and binaryen version give the same module.
 * Not thread-safe: each worker has its own, with its own working directory.
 */
public final class ModuleGenerator {
    /** Input sizes: binaryen's modules grow with their input (32 KiB gives about 10 KB of wasm). */
    static final int MIN_INPUT = 1024;
    static final int MAX_INPUT = 32 * 1024;
    /** The smaller inputs of modules with reference types (see {@link Features}). */
    static final int MIN_INPUT_REFERENCE_TYPES = 256;
    static final int MAX_INPUT_REFERENCE_TYPES = 2 * 1024;
    private static final long WASM_OPT_SECONDS = 60;

    private final Path wasmOpt;
    private final boolean simd;
    private final Path workDir;

    public ModuleGenerator(Path wasmOpt, boolean simd, Path workDir) {
        this.wasmOpt = wasmOpt;
        this.simd = simd;
        this.workDir = workDir;
    }

    /** The random input of module {@code index} of seed {@code seed}. */
    public static byte[] input(long seed, long index) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        boolean refs = Features.referenceTypes(index);
        int min = refs ? MIN_INPUT_REFERENCE_TYPES : MIN_INPUT;
        int max = refs ? MAX_INPUT_REFERENCE_TYPES : MAX_INPUT;
        byte[] bytes = new byte[min + r.nextInt(max - min + 1)];
        r.nextBytes(bytes);
        return bytes;
    }

    /** Writes the module to the working directory; returns its path, or {@code null} if binaryen failed. */
    public Path generate(long seed, long index) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path in = workDir.resolve("input.dat");
        Path out = workDir.resolve("module.wasm");
        Files.write(in, input(seed, index));
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>(List.of(wasmOpt.toString(), in.toString(), "-ttf"));
        cmd.addAll(Features.forModule(index, simd));
        cmd.addAll(List.of("--denan", "-o", out.toString()));
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(WASM_OPT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return null;
        }
        return p.exitValue() == 0 && Files.isRegularFile(out) ? out : null;
    }
}
