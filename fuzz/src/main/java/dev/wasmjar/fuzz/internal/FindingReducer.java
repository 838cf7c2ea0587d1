package dev.wasmjar.fuzz.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reduces a saved finding ({@link Reducer}) and checks the reduced module again, writing its
 * verdict to {@code reduced-verdict.txt}: a reduction is only useful if it still shows the
 * same problem.
 */
final class FindingReducer {
    private final Reducer reducer;
    private final ModuleCheck check;

    FindingReducer(Toolchain tools, FuzzOptions options, ModuleCheck check) {
        this.reducer = new Reducer(tools.wasmReduce(), tools.wasmOpt(), Features.all(options.simd()),
                options.checkOptions(), options.reduceBudget());
        this.check = check;
    }

    /** Reduces {@code f}; returns a line saying how it went. */
    String reduce(FindingStore.Finding f) throws IOException, InterruptedException {
        Path reduced = reducer.reduce(f.dir());
        if (reduced == null) {
            Path log = f.dir().resolve("reduce.log");
            boolean hidden = Files.isRegularFile(log)
                    && new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1).contains("unlikely reduction can succeed");
            return "not reduced" + (hidden ? " (binaryen reading and writing the module already hides the problem,"
                    + " so wasm-reduce cannot work on it)" : "") + ": " + f.dir();
        }
        Verdict again = check.check(reduced);
        Files.writeString(f.dir().resolve("reduced-verdict.txt"), again.signature() + "\n");
        return "reduced " + Files.size(f.module()) + " -> " + Files.size(reduced) + " bytes, "
                + (again.signature().equals(f.verdict().signature()) ? "same verdict" : "NOW " + again.signature())
                + ": " + reduced;
    }
}
