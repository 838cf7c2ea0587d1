package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.Emitters.code;
import static dev.wasmjar.compiler.internal.body.Emitters.run;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.ValueType;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ReferenceEmitterTest {

    @Test
    void registersTheReferenceInstructions() {
        assertEquals(EnumSet.of(OpCode.REF_NULL, OpCode.REF_IS_NULL, OpCode.REF_FUNC),
                Emitters.registered(new ReferenceEmitter()));
    }

    @Test
    void nullReferencesAreNullAndFunctionReferencesAreNot() {
        assertEquals(1, run(types(), types(I32), code(0xD0, 0x70, 0xD1)));
        WasmModuleBuilder b = new WasmModuleBuilder();
        int f = b.function(types(), types(I32)).code(0xD2, 0, 0xD1).export("f").end().lastFunction();
        b.declarativeElements(f);
        assertEquals(0, Emitters.instantiate(b).function("f").invoke());
    }

    @Test
    void isNullFusesWithAFollowingIf() {
        assertEquals(7, run(types(), types(I32), code(0xD0, 0x6F, 0xD1, 0x04, 0x7F, 0x41, 7, 0x05, 0x41, 8, 0x0B)));
    }

    @Test
    void heapTypesAreFuncAndExtern() {
        assertEquals(ValueType.FUNCREF, ReferenceEmitter.heapType(0x70));
        assertEquals(ValueType.EXTERNREF, ReferenceEmitter.heapType(-17));
        CompileException e = assertThrows(CompileException.class, () -> ReferenceEmitter.heapType(0x6E));
        assertEquals(CompileException.Kind.UNSUPPORTED, e.kind());
    }
}
