package dev.wasmjar.compiler.internal.body;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Test support for the emitter families: what a family registers, and running tiny modules. */
final class Emitters {
    private static final AtomicInteger MODULES = new AtomicInteger();

    private Emitters() {
    }

    /** The opcodes {@code family} registers an emitter for. */
    static Set<OpCode> registered(EmitterFamily family) {
        EmitterTable t = EmitterTable.of(List.of(family));
        Set<OpCode> ops = EnumSet.noneOf(OpCode.class);
        for (OpCode op : OpCode.values()) {
            if (t.get(op) != null) {
                ops.add(op);
            }
        }
        return ops;
    }

    /** The opcodes of the binary encoding in {@code [first, last]} (prefixed ones as {@code 0xFC08} etc.). */
    static Set<OpCode> opcodes(int first, int last) {
        Set<OpCode> ops = EnumSet.noneOf(OpCode.class);
        for (int code = first; code <= last; code++) {
            ops.add(OpCode.byOpCode(code));
        }
        return ops;
    }

    /** Compiles and instantiates the module {@code b} builds (no imports). */
    static Instance instantiate(WasmModuleBuilder b) {
        return WasmCompiler.builder().className("emitters.M" + MODULES.incrementAndGet()).build()
                .compile(b.build()).instantiate(Imports.none());
    }

    /** Runs a one-function module whose exported function {@code f} has the given signature and code. */
    static Object run(byte[] params, byte[] results, int[] code, Object... args) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function("f", params, results).code(code).export("f").end();
        return instantiate(b).function("f").invoke(args);
    }

    /** {@link #run} with a one-page memory. */
    static Object runWithMemory(byte[] params, byte[] results, int[] code, Object... args) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, -1);
        b.function("f", params, results).code(code).export("f").end();
        return instantiate(b).function("f").invoke(args);
    }

    /** The instruction bytes, for readability at call sites. */
    static int[] code(int... bytes) {
        return bytes;
    }
}
