package dev.wasmjar.compiler.spec;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Global;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Table;
import dev.wasmjar.runtime.ValueType;
import dev.wasmjar.runtime.WasmFunction;
import java.lang.invoke.MethodHandles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code spectest} host module every spec script may import from, as the reference
 * interpreter defines it: {@code print*} functions that do nothing, four immutable globals
 * holding 666 / 666.6, a funcref table of 10 elements (maximum 20) and a memory of one page
 * (maximum 2).
 *
 * <p>One instance is made per script: scripts such as {@code imports.wast} mutate the table and
 * memory through one module and observe the change through another, but must not see what an
 * earlier script did.
 */
final class Spectest {
    static final String MODULE = "spectest";

    private final Map<String, Object> exports = new LinkedHashMap<>();

    Spectest() {
        function("print");
        function("print_i32", ValueType.I32);
        function("print_i64", ValueType.I64);
        function("print_f32", ValueType.F32);
        function("print_f64", ValueType.F64);
        function("print_i32_f32", ValueType.I32, ValueType.F32);
        function("print_f64_f64", ValueType.F64, ValueType.F64);
        exports.put("global_i32", Global.ofI32(666, false));
        exports.put("global_i64", Global.ofI64(666, false));
        exports.put("global_f32", Global.ofF32(666.6f, false));
        exports.put("global_f64", Global.ofF64(666.6, false));
        exports.put("table", new Table(ValueType.FUNCREF, 10, 20));
        exports.put("memory", new Memory(1, 2));
    }

    private void function(String name, ValueType... params) {
        FunctionType type = FunctionType.of(List.of(params), List.of());
        // The reference interpreter prints its arguments; a test harness has no use for that.
        exports.put(name, WasmFunction.of(type, MethodHandles.empty(type.methodType())));
    }

    /** Every export by name (functions, globals, the table and the memory). */
    Map<String, Object> exports() {
        return exports;
    }

    /** Adds all of {@code spectest}'s exports to {@code b}. */
    Imports.Builder addTo(Imports.Builder b) {
        for (Map.Entry<String, Object> e : exports.entrySet()) {
            Object v = e.getValue();
            if (v instanceof WasmFunction) {
                b.function(MODULE, e.getKey(), (WasmFunction) v);
            } else if (v instanceof Global) {
                b.global(MODULE, e.getKey(), (Global) v);
            } else if (v instanceof Table) {
                b.table(MODULE, e.getKey(), (Table) v);
            } else {
                b.memory(MODULE, e.getKey(), (Memory) v);
            }
        }
        return b;
    }
}
