package dev.wasmjar.runtime.internal.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasmjar.runtime.V128;
import org.junit.jupiter.api.Test;

class VectorsTest {
    @Test
    void resultArraysConvertBothWays() {
        Object[] lowered = {1, 10L, 20L, 2.5};
        Object[] lifted = Vectors.liftResults(lowered, "ivd");
        assertArrayEquals(new Object[] {1, V128.of(10, 20), 2.5}, lifted);
        assertArrayEquals(lowered, Vectors.lowerResults(lifted, "ivd"));
    }

    @Test
    void hostResultsOfTheWrongShapeAreClearErrors() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Vectors.lowerResults(new Object[1], "vi"));
        assertEquals("a host function returned 1 values where 2 were expected", e.getMessage());
        assertThrows(IllegalStateException.class, () -> Vectors.lowerResults(null, "v"));
        assertThrows(NullPointerException.class, () -> Vectors.lowerResults(new Object[] {null}, "v"));
    }

    @Test
    void storeIsCheckedAsAWhole() {
        byte[] mem = new byte[32];
        Vectors.store(mem, 16, 0x0706050403020100L, 0x0F0E0D0C0B0A0908L);
        assertEquals(0x0F, mem[31]);
        assertEquals(0x00, mem[16]);
        byte[] before = mem.clone();
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Vectors.store(mem, 17, -1, -1));
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> Vectors.store(mem, -1, -1, -1));
        assertArrayEquals(before, mem, "a partly out-of-bounds store writes nothing");
    }
}
