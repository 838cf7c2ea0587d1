package dev.wasmjar.compiler.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InputOffsetsTest {

    @Test
    void positionsAreShiftedByTheModulesStart() {
        assertEquals(107, new InputOffsets(100).applyAsInt(7));
    }

    @Test
    void insertedBytesAreTakenOutAgain() {
        // 10 bytes inserted, ending at position 50 of the edited bytes (they were 40..49)
        InputOffsets o = new InputOffsets(0).inserted(50, 10);
        assertEquals(30, o.applyAsInt(30));
        assertEquals(40, o.applyAsInt(45)); // inside the insertion: where it was inserted
        assertEquals(40, o.applyAsInt(50));
        assertEquals(90, o.applyAsInt(100));
    }

    @Test
    void removedBytesArePutBackAndEditsComposeInOrder() {
        // first 10 bytes inserted ending at 50, then 5 bytes removed at 70 of the result
        InputOffsets o = new InputOffsets(1000).inserted(50, 10).removed(70, 5);
        assertEquals(1000 + 65, o.applyAsInt(70)); // 70 -> 75 before the removal -> 65 before the insertion
        assertEquals(1000 + 59, o.applyAsInt(69));
        assertEquals(1000 + 20, o.applyAsInt(20));
    }
}
