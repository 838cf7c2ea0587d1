package dev.wasmjar.compiler.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.CompileException;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperandTypeTest {

    @Test
    void chicoryValueTypesMap() {
        assertEquals(OperandType.I32, OperandType.of(ValType.I32));
        assertEquals(OperandType.I64, OperandType.of(ValType.I64));
        assertEquals(OperandType.F32, OperandType.of(ValType.F32));
        assertEquals(OperandType.F64, OperandType.of(ValType.F64));
        assertEquals(OperandType.V128, OperandType.of(ValType.V128));
        assertEquals(OperandType.FUNCREF, OperandType.of(ValType.FuncRef));
        assertEquals(OperandType.EXTERNREF, OperandType.of(ValType.ExternRef));
        // the parser's type of function-index element segments: non-null (ref func)
        ValType refFunc = ValType.builder().withOpcode(ValType.ID.Ref).withTypeIdx(ValType.TypeIdxCode.FUNC.code()).build();
        assertEquals(OperandType.FUNCREF, OperandType.of(refFunc));
        assertEquals(List.of(OperandType.I32, OperandType.F64), List.of(OperandType.of(List.of(ValType.I32, ValType.F64))));
    }

    @Test
    void operandIdsKeepTheOneByteCodesOfReferenceTypes() {
        assertEquals(OperandType.FUNCREF, OperandType.ofId(0x70));
        assertEquals(OperandType.EXTERNREF, OperandType.ofId(0x6F));
        assertEquals(OperandType.I32, OperandType.ofId(0x7F));
    }

    @Test
    void typesBeyondWebAssembly2AreUnsupported() {
        CompileException e = assertThrows(CompileException.class, () -> OperandType.of(ValType.AnyRef));
        assertEquals(CompileException.Kind.UNSUPPORTED, e.kind());
        assertThrows(CompileException.class, () -> OperandType.ofHeapType(-18));
    }

    @Test
    void heapTypesOfRefNull() {
        assertEquals(OperandType.FUNCREF, OperandType.ofHeapType(-16));
        assertEquals(OperandType.EXTERNREF, OperandType.ofHeapType(-17));
    }

    @Test
    void classification() {
        assertTrue(OperandType.F64.isNumeric());
        assertFalse(OperandType.V128.isNumeric());
        assertTrue(OperandType.V128.isVector());
        assertTrue(OperandType.EXTERNREF.isReference());
        assertFalse(OperandType.UNKNOWN.isNumeric() || OperandType.UNKNOWN.isVector() || OperandType.UNKNOWN.isReference());
        assertEquals("[i32 funcref]", OperandType.describe(new OperandType[] {OperandType.I32, OperandType.FUNCREF}));
        assertEquals("[]", OperandType.describe(new OperandType[0]));
    }
}
