package dev.wasmjar.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class V128Test {
    @Test
    void bytesAreLittleEndianHalves() {
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            b[i] = (byte) i;
        }
        V128 v = V128.ofBytes(b);
        assertEquals(0x0706050403020100L, v.lo());
        assertEquals(0x0F0E0D0C0B0A0908L, v.hi());
        assertArrayEquals(b, v.toBytes());
        assertEquals(0x03020100, v.intLane(0));
        assertEquals(0x0F0E0D0C, v.intLane(3));
    }

    @Test
    void lanesOfEachShape() {
        V128 v = V128.ofInts(1, -2, 3, Integer.MIN_VALUE);
        assertEquals(-2, v.intLane(1));
        assertEquals(V128.of(0xFFFFFFFE_00000001L, 0x80000000_00000003L), v);
        V128 f = V128.ofFloats(1.5f, Float.intBitsToFloat(0x7FA00001), -0f, 2f);
        assertEquals(0x7FA00001, Float.floatToRawIntBits(f.floatLane(1)), "NaN payload kept");
        assertEquals(-0f, f.floatLane(2));
        V128 d = V128.ofDoubles(-1.25, Double.MAX_VALUE);
        assertEquals(Double.MAX_VALUE, d.doubleLane(1));
        assertEquals(Double.doubleToRawLongBits(-1.25), d.lo());
        assertThrows(IndexOutOfBoundsException.class, () -> v.intLane(4));
        assertThrows(IndexOutOfBoundsException.class, () -> d.doubleLane(2));
    }

    @Test
    void valueSemantics() {
        assertSame(V128.ZERO, V128.of(0, 0));
        assertEquals(V128.of(1, 2), V128.of(1, 2));
        assertEquals(V128.of(1, 2).hashCode(), V128.of(1, 2).hashCode());
        assertNotEquals(V128.of(1, 2), V128.of(2, 1));
        assertEquals("v128 0x00000001 0x00000000 0x00000002 0xffffffff", V128.ofInts(1, 0, 2, -1).toString());
        assertThrows(IllegalArgumentException.class, () -> V128.ofBytes(new byte[15]));
    }
}
