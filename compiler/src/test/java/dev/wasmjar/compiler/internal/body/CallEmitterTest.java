package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CallEmitterTest {

    @Test
    void registersTheCalls() {
        assertEquals(EnumSet.of(OpCode.CALL, OpCode.CALL_INDIRECT), Emitters.registered(new CallEmitter()));
    }

    @Test
    void aCallUnpacksSeveralResultsInOrder() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int pair = b.function(types(), types(I32, I64)).i32Const(7).i64Const(5).end().lastFunction();
        // (i64) first - second: 7 - 5
        b.function("f", types(), types(I64)).locals(1, I64)
                .call(pair).localSet(0).code(0xAC).localGet(0).code(0x7D)
                .export("f").end();
        assertEquals(2L, Emitters.instantiate(b).function("f").invoke());
    }

    @Test
    void anIndirectCallChecksTheSignature() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int twice = b.function(types(I32), types(I32)).localGet(0).localGet(0).code(0x6A).end().lastFunction();
        b.table(FUNCREF, 1, 1);
        b.activeElements(0, twice);
        b.function("call", types(I32), types(I32)).localGet(0).i32Const(0)
                .callIndirect(b.typeIndex(types(I32), types(I32)), 0).export("call").end();
        b.function("wrong", types(), types(I64)).i32Const(0)
                .callIndirect(b.typeIndex(types(), types(I64)), 0).export("wrong").end();
        Instance i = Emitters.instantiate(b);
        assertEquals(42, i.function("call").invoke(21));
        Trap t = assertThrows(Trap.class, () -> i.function("wrong").invoke());
        assertEquals(TrapKind.INDIRECT_CALL_TYPE_MISMATCH, t.kind());
    }
}
