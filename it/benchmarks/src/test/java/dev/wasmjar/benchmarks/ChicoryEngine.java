package dev.wasmjar.benchmarks;

import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a core module on Chicory, interpreted or compiled by Chicory's own bytecode compiler, with
 * wasmjar's WASI 0.2 host bound through {@link ChicoryWasi}.
 */
public final class ChicoryEngine implements GuestProgram {
    private final ChicoryModule module;
    private ChicoryWasi.BridgeStats lastStats;

    private ChicoryEngine(ChicoryModule module) {
        this.module = module;
    }

    /** Parses {@code core}; with {@code compiled}, also compiles it with Chicory's compiler (once, here). */
    public static ChicoryEngine prepare(Path core, boolean compiled) {
        return new ChicoryEngine(ChicoryModule.load(core, compiled));
    }

    @Override
    public Outcome run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig config = WasiConfig.builder().args(WasmjarEngine.argv(module.programName(), args)).stdout(out).stderr(err).build();
        try (WasiHost host = WasiHost.create(config)) {
            ChicoryWasi bridge = new ChicoryWasi(host);
            int code = bridge.run(module.instantiate(bridge.imports(module.module())));
            lastStats = bridge.stats();
            return new Outcome(code, out.toByteArray());
        }
    }

    /** The bridge counters of the last completed {@link #run}. */
    public ChicoryWasi.BridgeStats lastStats() {
        return lastStats;
    }
}
