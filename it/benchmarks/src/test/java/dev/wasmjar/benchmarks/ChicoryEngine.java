package dev.wasmjar.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Runs a core module on Chicory, interpreted or compiled by Chicory's own bytecode compiler, with
 * wasmjar's WASI 0.2 host bound through {@link ChicoryWasi}.
 */
public final class ChicoryEngine implements GuestProgram {
    private final WasmModule module;
    private final Function<Instance, Machine> machine;
    private final String programName;
    private ChicoryWasi.BridgeStats lastStats;

    private ChicoryEngine(WasmModule module, Function<Instance, Machine> machine, String programName) {
        this.module = module;
        this.machine = machine;
        this.programName = programName;
    }

    /** Parses {@code core}; with {@code compiled}, also compiles it with Chicory's compiler (once, here). */
    public static ChicoryEngine prepare(Path core, boolean compiled) {
        WasmModule module = Parser.parse(core);
        Function<Instance, Machine> machine = compiled ? MachineFactoryCompiler.compile(module) : null;
        return new ChicoryEngine(module, machine, WasmjarEngine.programName(core));
    }

    @Override
    public Outcome run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args(WasmjarEngine.argv(programName, args)).stdout(out).stderr(err).build();
        try (WasiHost host = WasiHost.create(config)) {
            ChicoryWasi bridge = new ChicoryWasi(host);
            Instance.Builder b = Instance.builder(module).withImportValues(bridge.imports(module))
                    // Chicory would call _start while building; the command runs through WASI's run instead.
                    .withStart(false);
            if (machine != null) {
                b.withMachineFactory(machine);
            }
            int code = bridge.run(b.build());
            lastStats = bridge.stats();
            return new Outcome(code, out.toByteArray());
        }
    }

    /** The bridge counters of the last completed {@link #run}. */
    public ChicoryWasi.BridgeStats lastStats() {
        return lastStats;
    }
}
