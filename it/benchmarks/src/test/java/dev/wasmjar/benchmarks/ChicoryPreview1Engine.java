package dev.wasmjar.benchmarks;

import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a WASI preview1 module ({@code NAME.wasip1.wasm}) on Chicory, interpreted or compiled by
 * Chicory's bytecode compiler, with Chicory's own preview1 host ({@code com.dylibso.chicory:wasi},
 * {@link WasiPreview1}): Chicory as its users run it, no adapter and no wasmjar code involved.
 */
public final class ChicoryPreview1Engine implements GuestProgram {
    private final ChicoryModule module;

    private ChicoryPreview1Engine(ChicoryModule module) {
        this.module = module;
    }

    /** Parses {@code wasm}; with {@code compiled}, also compiles it with Chicory's compiler (once, here). */
    public static ChicoryPreview1Engine prepare(Path wasm, boolean compiled) {
        return new ChicoryPreview1Engine(ChicoryModule.load(wasm, compiled));
    }

    @Override
    public Outcome run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // Same view as the other engines: argv = program name + args, no environment, no preopens.
        WasiOptions options = WasiOptions.builder().withStdout(out).withStderr(err)
                .withArguments(WasmjarEngine.argv(module.programName(), args)).build();
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            ImportValues imports = ImportValues.builder().addFunction(wasi.toHostFunctions()).build();
            Instance instance = module.instantiate(imports);
            int code = 0;
            try {
                instance.export("_start").apply();
            } catch (RuntimeException e) {
                WasiExitException exit = exitOf(e);
                if (exit == null) {
                    throw e;
                }
                code = exit.exitCode();
            }
            return new Outcome(code, out.toByteArray());
        }
    }

    /** The {@code proc_exit} behind {@code e} (Chicory's compiler may wrap it), or {@code null}. */
    private static WasiExitException exitOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof WasiExitException) {
                return (WasiExitException) t;
            }
        }
        return null;
    }
}
