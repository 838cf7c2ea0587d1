package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.internal.validate.Validation.function;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class ControlInstructionsTest {

    @Test
    void blocksTakeTheirParametersAndLeaveTheirResults() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int t = b.typeIndex(types(I32), types(I64));
        // i32.const 1; block (type t) drop i64.const 2 end
        b.function(types(), types(I64)).code(0x41, 1, 0x02, t, 0x1A, 0x42, 2, 0x0B).end();
        assertValid(b);
        assertInvalid(function(types(), types(I32), 0x02, 0x7F, 0x0B), "type mismatch"); // block (result i32) end
        assertInvalid(function(types(), types(), 0x02, 0x40, 0x41, 0, 0x0B), "type mismatch"); // a value left over
        assertInvalid(function(types(), types(), 0x02, 9, 0x0B), "unknown type 9");
    }

    @Test
    void anIfWithoutElseMustNotChangeTheTypes() {
        assertValid(function(types(I32), types(I32), 0x20, 0, 0x04, 0x7F, 0x41, 1, 0x05, 0x41, 2, 0x0B));
        assertInvalid(function(types(I32), types(I32), 0x20, 0, 0x04, 0x7F, 0x41, 1, 0x0B), "type mismatch");
        assertInvalid(function(types(F32), types(), 0x20, 0, 0x04, 0x40, 0x0B), "type mismatch"); // condition f32
    }

    @Test
    void branchesCarryTheirLabelsTypes() {
        // block (result i32) i32.const 1 br 0 end
        assertValid(function(types(), types(I32), 0x02, 0x7F, 0x41, 1, 0x0C, 0, 0x0B));
        // a loop's label takes its parameters: i64.const 0; loop (type [i64] -> [i32]) ... br 0 end
        WasmModuleBuilder loop = new WasmModuleBuilder();
        int t = loop.typeIndex(types(I64), types(I32));
        loop.function(types(), types(I32)).code(0x42, 0, 0x03, t, 0x0C, 0, 0x0B).end();
        assertValid(loop);
        WasmModuleBuilder wrong = new WasmModuleBuilder();
        int u = wrong.typeIndex(types(I64), types(I32));
        wrong.function(types(), types(I32)).code(0x42, 0, 0x03, u, 0x1A, 0x41, 1, 0x0C, 0, 0x0B).end();
        assertInvalid(wrong, "type mismatch");
        // br_if keeps the values: block (result i32) i32.const 1 i32.const 0 br_if 0 end
        assertValid(function(types(), types(I32), 0x02, 0x7F, 0x41, 1, 0x41, 0, 0x0D, 0, 0x0B));
    }

    @Test
    void brTableTargetsMustAgreeOnArity() {
        // block block (result i32) i32.const 0 br_table 0 1 end drop end: labels of arity 1 and 0
        assertInvalid(function(types(), types(), 0x02, 0x40, 0x02, 0x7F, 0x41, 0, 0x41, 0, 0x0E, 1, 0, 1, 0x0B, 0x1A, 0x0B),
                "type mismatch");
        // in unreachable code, labels of equal arity but different types are fine
        // block (result f32) block (result i32) unreachable br_table 0 1 end unreachable end drop
        assertValid(function(types(), types(), 0x02, 0x7D, 0x02, 0x7F, 0x00, 0x0E, 1, 0, 1, 0x0B, 0x00, 0x0B, 0x1A));
        assertValid(function(types(I32), types(), 0x20, 0, 0x0E, 0, 0));
    }

    @Test
    void returnAndCallsUseFunctionTypes() {
        assertValid(function(types(), types(I32), 0x41, 3, 0x0F));
        assertInvalid(function(types(), types(I32), 0x42, 3, 0x0F), "type mismatch");
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(types(I32), types(I64)).code(0x42, 0).end();
        b.function(types(), types(I64)).code(0x41, 1, 0x10, 0).end();
        assertValid(b);
        assertInvalid(function(types(), types(), 0x10, 4), "unknown function 4");
    }

    @Test
    void callIndirectNeedsAFuncrefTable() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int t = b.typeIndex(types(), types());
        b.table(FUNCREF, 1, 1);
        b.function(types(), types()).code(0x41, 0).callIndirect(t, 0).end();
        assertValid(b);
        WasmModuleBuilder extern = new WasmModuleBuilder();
        int u = extern.typeIndex(types(), types());
        extern.table(WasmModuleBuilder.EXTERNREF, 1, 1);
        extern.function(types(), types()).code(0x41, 0).callIndirect(u, 0).end();
        assertInvalid(extern, "type mismatch");
        WasmModuleBuilder noTable = new WasmModuleBuilder();
        noTable.function(types(), types()).code(0x41, 0).callIndirect(0, 0).end();
        assertInvalid(noTable, "unknown table 0");
    }

    @Test
    void labelsBeyondTheEnclosingBlocksAreUnknown() {
        assertInvalid(function(types(), types(), 0x02, 0x40, 0x0C, 2, 0x0B), "unknown label");
    }
}
