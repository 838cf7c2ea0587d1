package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.Emitters.code;
import static dev.wasmjar.compiler.internal.body.Emitters.registered;
import static dev.wasmjar.compiler.internal.body.Emitters.run;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.concat;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.uleb;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.WasmFunction;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class BranchTableEmitterTest {

    @Test
    void registersBrTable() {
        assertEquals(EnumSet.of(OpCode.BR_TABLE), registered(new BranchTableEmitter()));
    }

    /** Three nested blocks: leaving the innermost gives 10, the middle 20, the outer 30. */
    private static WasmFunction dispatch(int[] targets, int dflt) {
        int[] table = concat(code(0x0E), uleb(targets.length), targets, uleb(dflt));
        int[] body = concat(code(0x02, 0x40, 0x02, 0x40, 0x02, 0x40, 0x20, 0), table,
                code(0x0B, 0x41, 10, 0x0F, 0x0B, 0x41, 20, 0x0F, 0x0B, 0x41, 30));
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function("f", types(I32), types(I32)).code(body).export("f").end();
        return Emitters.instantiate(b).function("f");
    }

    @Test
    void aSmallTableSwitchesOnTheIndex() {
        WasmFunction f = dispatch(code(0, 1), 2);
        assertEquals(10, f.invoke(0));
        assertEquals(20, f.invoke(1));
        assertEquals(30, f.invoke(2));
        assertEquals(30, f.invoke(-1)); // unsigned: out of range
    }

    @Test
    void aLargeTableMapsIndicesThroughAString() {
        int n = BranchTableEmitter.COMPACT_BR_TABLE + 44;
        int[] targets = new int[n];
        for (int k = 0; k < n; k++) {
            targets[k] = k % 3 == 0 ? 0 : 1;
        }
        WasmFunction f = dispatch(targets, 2);
        for (int k : new int[] {0, 1, 2, 3, n - 2, n - 1}) {
            assertEquals(k % 3 == 0 ? 10 : 20, f.invoke(k), "index " + k);
        }
        assertEquals(30, f.invoke(n));
        assertEquals(30, f.invoke(Integer.MIN_VALUE));
    }

    @Test
    void aTargetWithValuesToDropGoesThroughATrampoline() {
        // block (result i32): 5 6, br_table [0] 0 with index 0: carries 6, drops 5
        assertEquals(6, run(types(), types(I32), code(0x02, 0x7F, 0x41, 5, 0x41, 6, 0x41, 0, 0x0E, 1, 0, 0, 0x0B)));
    }
}
