package dev.wasmjar.benchmarks;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * A module prepared for Chicory once per JVM: parsed, and with {@code compiled} also compiled by
 * Chicory's bytecode compiler; builds a fresh instance of it per run. Shared by the Chicory engines,
 * which differ only in the WASI host they import.
 */
final class ChicoryModule {
    private final WasmModule module;
    private final Function<Instance, Machine> machine;
    private final String programName;

    private ChicoryModule(WasmModule module, Function<Instance, Machine> machine, String programName) {
        this.module = module;
        this.machine = machine;
        this.programName = programName;
    }

    /** Parses {@code wasm}; with {@code compiled}, also compiles it with {@link MachineFactoryCompiler} (once, here). */
    static ChicoryModule load(Path wasm, boolean compiled) {
        WasmModule module = Parser.parse(wasm);
        return new ChicoryModule(module, compiled ? MachineFactoryCompiler.compile(module) : null, WasmjarEngine.programName(wasm));
    }

    WasmModule module() {
        return module;
    }

    /** What the guest sees as its program name (argv[0]). */
    String programName() {
        return programName;
    }

    /**
     * A new instance importing {@code imports}, on the interpreter or the compiled machine. Its
     * {@code _start} is not run while building (Chicory would otherwise call it): the engine runs
     * the command itself, so that the exit is caught in one place.
     */
    Instance instantiate(ImportValues imports) {
        Instance.Builder b = Instance.builder(module).withImportValues(imports).withStart(false);
        if (machine != null) {
            b.withMachineFactory(machine);
        }
        return b.build();
    }
}
