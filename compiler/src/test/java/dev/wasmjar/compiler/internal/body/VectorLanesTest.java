package dev.wasmjar.compiler.internal.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.runtime.ValueType;
import org.junit.jupiter.api.Test;

class VectorLanesTest {
    @Test
    void shapesCountTowardsLaneFormOrHalves() {
        assertEquals(1, VectorLanes.shapeOf(OpCode.F32x4_ADD));
        assertEquals(1, VectorLanes.shapeOf(OpCode.I32x4_SHL));
        assertEquals(1, VectorLanes.shapeOf(OpCode.F32x4_SPLAT));
        assertEquals(-1, VectorLanes.shapeOf(OpCode.I8x16_ADD));
        assertEquals(-1, VectorLanes.shapeOf(OpCode.F64x2_MUL));
        assertEquals(-1, VectorLanes.shapeOf(OpCode.I8x16_SHUFFLE));
        assertEquals(0, VectorLanes.shapeOf(OpCode.V128_AND));
        assertEquals(0, VectorLanes.shapeOf(OpCode.V128_LOAD));
        assertEquals(0, VectorLanes.shapeOf(OpCode.V128_LOAD32_LANE));
        assertEquals(0, VectorLanes.shapeOf(OpCode.I32_ADD));
    }

    @Test
    void onlyInstructionsThatCannotSeeAPendingVectorKeepLaneForm() {
        StackNode scalarTop = new StackNode(ValueType.I32, null);
        StackNode vectorTop = new StackNode(ValueType.V128, new StackNode(ValueType.I64, null));
        assertTrue(VectorLanes.keepsLaneForm(OpCode.F32x4_MUL, null, null, vectorTop));
        assertTrue(VectorLanes.keepsLaneForm(OpCode.I32_ADD, null, null, scalarTop));
        assertTrue(VectorLanes.keepsLaneForm(OpCode.LOCAL_GET, null, null, vectorTop));
        assertTrue(VectorLanes.keepsLaneForm(OpCode.I32_LOAD, null, null, scalarTop));
        assertTrue(VectorLanes.keepsLaneForm(OpCode.GLOBAL_SET, null, null, scalarTop));
        assertFalse(VectorLanes.keepsLaneForm(OpCode.GLOBAL_SET, null, null, vectorTop));
        // branches, calls and anything that may emit a stack map frame or pop a vector
        assertFalse(VectorLanes.keepsLaneForm(OpCode.BR_IF, null, null, scalarTop));
        assertFalse(VectorLanes.keepsLaneForm(OpCode.CALL, null, null, scalarTop));
        assertFalse(VectorLanes.keepsLaneForm(OpCode.I32_DIV_S, null, null, scalarTop));
        assertFalse(VectorLanes.keepsLaneForm(OpCode.I32_LT_S, null, null, scalarTop));
        assertFalse(VectorLanes.keepsLaneForm(OpCode.DROP, null, null, vectorTop));
        assertFalse(VectorLanes.keepsLaneForm(OpCode.SELECT, null, null, vectorTop));
        assertFalse(VectorLanes.keepsLaneForm(OpCode.END, null, null, vectorTop));
    }
}
