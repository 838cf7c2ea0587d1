package dev.wasmjar.compiler.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.ValueType;
import org.junit.jupiter.api.Test;

/** How {@code --invoke} reads arguments and prints results (wasmtime's forms). */
class WasmValueTextTest {
    private static Object parse(ValueType t, String s) {
        return WasmValueText.parse(t, s);
    }

    private static String rejected(ValueType t, String s) {
        return assertThrows(IllegalArgumentException.class, () -> WasmValueText.parse(t, s), s).getMessage();
    }

    @Test
    void integersAreSignedOrUnsignedDecimalOrHexBits() {
        assertEquals(42, parse(ValueType.I32, "42"));
        assertEquals(42, parse(ValueType.I32, "+42"));
        assertEquals(Integer.MIN_VALUE, parse(ValueType.I32, "-2147483648"));
        assertEquals(-1, parse(ValueType.I32, "4294967295"));
        assertEquals(Integer.MIN_VALUE, parse(ValueType.I32, "2147483648"));
        assertEquals(-1, parse(ValueType.I32, "0xffffffff"));
        assertEquals(Long.MIN_VALUE, parse(ValueType.I64, "-9223372036854775808"));
        assertEquals(-1L, parse(ValueType.I64, "18446744073709551615"));
        assertEquals(0x7fL, parse(ValueType.I64, "0X7F"));
    }

    @Test
    void integersOutOfRangeOrMalformedAreRejected() {
        assertTrue(rejected(ValueType.I32, "4294967296").contains("i32 out of range"));
        assertTrue(rejected(ValueType.I32, "-2147483649").contains("i32 out of range"));
        assertTrue(rejected(ValueType.I64, "18446744073709551616").contains("i64 out of range"));
        assertTrue(rejected(ValueType.I32, "0x100000000").contains("out of range"));
        for (String bad : new String[] {"", "abc", "1.5", " 1", "1 ", "--1", "1e3", "0x", "-0x1"}) {
            assertTrue(rejected(ValueType.I32, bad).contains("not an i32"), bad);
        }
    }

    @Test
    void floatsAreDecimalOrSpecialNames() {
        assertEquals(1.5f, parse(ValueType.F32, "1.5"));
        assertEquals(0.5, parse(ValueType.F64, ".5"));
        assertEquals(3.0, parse(ValueType.F64, "3."));
        assertEquals(-2.5e-3, parse(ValueType.F64, "-2.5E-3"));
        assertEquals(Float.POSITIVE_INFINITY, parse(ValueType.F32, "inf"));
        assertEquals(Double.NEGATIVE_INFINITY, parse(ValueType.F64, "-Infinity"));
        assertTrue(Float.isNaN((Float) parse(ValueType.F32, "nan")));
        assertTrue(Double.isNaN((Double) parse(ValueType.F64, "NaN")));
        // Too big for f32 rounds to infinity, as Rust's parser does.
        assertEquals(Float.POSITIVE_INFINITY, parse(ValueType.F32, "1e39"));
    }

    @Test
    void floatFormsJavaAloneWouldTakeAreRejected() {
        for (String bad : new String[] {"", ".", "1f", "2d", "0x1p3", " 1", "e5", "infinite", "1,5"}) {
            assertTrue(rejected(ValueType.F64, bad).contains("not an f64"), bad);
        }
        assertTrue(rejected(ValueType.F32, "x").contains("not an f32"));
    }

    @Test
    void integersPrintAsSignedDecimal() {
        assertEquals("-1", WasmValueText.format(ValueType.I32, -1));
        assertEquals("-9223372036854775808", WasmValueText.format(ValueType.I64, Long.MIN_VALUE));
    }

    @Test
    void floatsPrintAsRustDisplaysThem() {
        assertEquals("1", WasmValueText.format(ValueType.F64, 1.0));
        assertEquals("1.5", WasmValueText.format(ValueType.F32, 1.5f));
        assertEquals("0.1", WasmValueText.format(ValueType.F32, 0.1f));
        assertEquals("0.1", WasmValueText.format(ValueType.F64, 0.1));
        assertEquals("10000000000", WasmValueText.format(ValueType.F64, 1e10));
        assertEquals("0.00001", WasmValueText.format(ValueType.F64, 1e-5));
        assertEquals("-0", WasmValueText.format(ValueType.F64, -0.0));
        assertEquals("0", WasmValueText.format(ValueType.F32, 0.0f));
        assertEquals("NaN", WasmValueText.format(ValueType.F64, Double.NaN));
        assertEquals("NaN", WasmValueText.format(ValueType.F32, Float.intBitsToFloat(0xffc00001)));
        assertEquals("inf", WasmValueText.format(ValueType.F32, Float.POSITIVE_INFINITY));
        assertEquals("-inf", WasmValueText.format(ValueType.F64, Double.NEGATIVE_INFINITY));
    }

    @Test
    void onlyNumbersHaveAText() {
        assertTrue(WasmValueText.isNumber(ValueType.F32));
        assertFalse(WasmValueText.isNumber(ValueType.EXTERNREF));
        assertFalse(WasmValueText.isNumber(ValueType.V128));
        assertThrows(IllegalArgumentException.class, () -> WasmValueText.parse(ValueType.FUNCREF, "0"));
    }
}
