package dev.wasmjar.compiler.spec;

import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;

/**
 * The harness's only door into the compiler: compile a module under a class name, then
 * instantiate it. Kept in one place so the script runner does not depend on the details of
 * the compiler's API.
 */
final class SpecCompiler {
    private SpecCompiler() {
    }

    /** A compiled module that can be instantiated any number of times. */
    interface Compiled {
        /** Throws {@code LinkException} for bad imports, {@code Trap} when instantiation traps. */
        Instance instantiate(Imports imports);
    }

    /** Throws {@code CompileException} when the module is rejected. */
    static Compiled compile(byte[] wasm, String className) {
        CompiledModule m = WasmCompiler.builder().className(className).build().compile(wasm);
        return m::instantiate;
    }
}
