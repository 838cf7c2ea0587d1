package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i32Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.i64Const;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Instance;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class VariableEmitterTest {

    @Test
    void registersLocalAndGlobalAccess() {
        assertEquals(EnumSet.of(OpCode.LOCAL_GET, OpCode.LOCAL_SET, OpCode.LOCAL_TEE, OpCode.GLOBAL_GET,
                OpCode.GLOBAL_SET), Emitters.registered(new VariableEmitter()));
    }

    @Test
    void teeStoresAndKeepsTheValue() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function("f", types(I64), types(I64)).locals(1, I64)
                .localGet(0).code(0x22, 1).localGet(1).code(0x7C) // local.tee 1; local.get 1; i64.add
                .export("f").end();
        assertEquals(6L << 32, Emitters.instantiate(b).function("f").invoke(3L << 32));
    }

    @Test
    void globalsOfBothWidthsKeepWhatWasSet() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int wide = b.global(I64, true, i64Const(1));
        int narrow = b.global(I32, true, i32Const(2));
        b.function("f", types(I64, I32), types(I64))
                .localGet(0).globalSet(wide).localGet(1).globalSet(narrow)
                .globalGet(wide).globalGet(narrow).code(0xAC, 0x7C) // i64.extend_i32_s; i64.add
                .export("f").end();
        Instance i = Emitters.instantiate(b);
        assertEquals((1L << 40) + 5, i.function("f").invoke(1L << 40, 5));
    }
}
