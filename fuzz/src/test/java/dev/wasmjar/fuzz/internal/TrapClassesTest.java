package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.TrapKind;
import org.junit.jupiter.api.Test;

class TrapClassesTest {
    @Test
    void everyTrapKindHasAClass() {
        for (TrapKind k : TrapKind.values()) {
            assertFalse(TrapClasses.of(k).startsWith("other"), k.toString());
        }
    }

    @Test
    void classesAreAsCoarseAsV8s() {
        assertEquals("table", TrapClasses.of(TrapKind.UNDEFINED_ELEMENT));
        assertEquals("table", TrapClasses.of(TrapKind.TABLE_OUT_OF_BOUNDS));
        assertEquals("indirect", TrapClasses.of(TrapKind.UNINITIALIZED_ELEMENT));
        assertEquals("indirect", TrapClasses.of(TrapKind.INDIRECT_CALL_TYPE_MISMATCH));
        assertEquals("timeout", TrapClasses.of(TrapKind.INTERRUPTED));
    }

    @Test
    void integerOverflowMatchesV8sConversionButNotTheOtherWayRound() {
        assertTrue(TrapClasses.compatible("overflow", "conversion"));
        assertTrue(TrapClasses.compatible("overflow", "overflow"));
        assertFalse(TrapClasses.compatible("conversion", "overflow"));
        assertFalse(TrapClasses.compatible("memory", "table"));
    }
}
