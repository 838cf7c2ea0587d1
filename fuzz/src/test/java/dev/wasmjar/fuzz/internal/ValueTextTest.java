package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.ValueType;
import org.junit.jupiter.api.Test;

class ValueTextTest {
    @Test
    void integersAreFixedWidthHexOfTheirBits() {
        assertEquals("i32:fffffffe", ValueText.of(ValueType.I32, -2));
        assertEquals("i32:0000002a", ValueText.of(ValueType.I32, 42));
        assertEquals("i64:fffffffffffffffd", ValueText.of(ValueType.I64, -3L));
        assertEquals("i64:0000000000000000", ValueText.of(ValueType.I64, 0L));
    }

    @Test
    void floatsKeepEveryBit() {
        assertEquals("f32:80000000", ValueText.of(ValueType.F32, -0f));
        assertEquals("f32:7fa00000", ValueText.of(ValueType.F32, Float.intBitsToFloat(0x7fa00000)));
        assertEquals("f64:3ff8000000000000", ValueText.of(ValueType.F64, 1.5));
        assertEquals("f64:fff8000000000001", ValueText.of(ValueType.F64, Double.longBitsToDouble(0xfff8000000000001L)));
    }

    @Test
    void referencesSayOnlyWhetherTheyAreNull() {
        assertEquals("funcref:null", ValueText.of(ValueType.FUNCREF, null));
        assertEquals("externref:null", ValueText.of(ValueType.EXTERNREF, null));
        assertEquals("externref:value", ValueText.of(ValueType.EXTERNREF, "x"));
    }

    @Test
    void recognisesNaNTokens() {
        assertTrue(ValueText.isNaN("f32:7fc00000"));
        assertTrue(ValueText.isNaN("f32:ffa00001"));
        assertTrue(ValueText.isNaN("f64:7ff0000000000001"));
        assertFalse(ValueText.isNaN("f32:7f800000")); // infinity
        assertFalse(ValueText.isNaN("f64:0000000000000000"));
        assertFalse(ValueText.isNaN("i32:7fc00000"));
        assertFalse(ValueText.isNaN("f32:zz"));
    }

    @Test
    void zeroValuesPerType() {
        assertEquals(0, ValueText.zero(ValueType.I32));
        assertEquals(0L, ValueText.zero(ValueType.I64));
        assertEquals(0f, ValueText.zero(ValueType.F32));
        assertEquals(0d, ValueText.zero(ValueType.F64));
        assertNull(ValueText.zero(ValueType.FUNCREF));
    }
}
