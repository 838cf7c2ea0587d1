package dev.wasmjar.benchmarks;

import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a module through wasmjar: compiled once to JVM classes, instantiated per run with the WASI 0.2 host. */
public final class WasmjarEngine implements GuestProgram {
    private final CompiledModule module;
    private final String programName;

    private WasmjarEngine(CompiledModule module, String programName) {
        this.module = module;
        this.programName = programName;
    }

    /** Compiles {@code wasm} (a core module or a component). */
    public static WasmjarEngine prepare(Path wasm) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(wasm);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompiledModule m = WasmCompiler.builder().className("bench.Program").build().compile(bytes);
        m.load();
        return new WasmjarEngine(m, programName(wasm));
    }

    /** The module's compiled classes. */
    public CompiledModule module() {
        return module;
    }

    @Override
    public Outcome run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args(argv(programName, args)).stdout(out).stderr(err).build();
        try (WasiHost host = WasiHost.create(config)) {
            Instance instance = module.instantiate(host.imports());
            int code = host.run(instance);
            return new Outcome(code, out.toByteArray());
        }
    }

    /** {@code bench-nbody.wasip2-core.wasm} → {@code bench-nbody}: what the guest sees as {@code os.Args[0]}. */
    static String programName(Path wasm) {
        String f = wasm.getFileName().toString();
        int dot = f.indexOf('.');
        return dot < 0 ? f : f.substring(0, dot);
    }

    static List<String> argv(String program, List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(program);
        argv.addAll(args);
        return argv;
    }
}
