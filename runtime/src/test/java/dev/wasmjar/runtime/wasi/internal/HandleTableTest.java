package dev.wasmjar.runtime.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HandleTableTest {
    @Test
    void handlesStartAtOneAndAreReusedAfterDrop() {
        HandleTable t = new HandleTable(100);
        String a = "a";
        int h1 = t.add(a);
        int h2 = t.add("b");
        assertEquals(1, h1);
        assertEquals(2, h2);
        assertSame(a, t.get(h1, String.class));
        assertSame(a, t.remove(h1, String.class));
        assertEquals(1, t.size());
        assertEquals(1, t.add("c"), "the freed slot is reused");
    }

    @Test
    void unknownDroppedAndWronglyTypedHandlesTrap() {
        HandleTable t = new HandleTable(100);
        int h = t.add("x");
        assertThrows(Trap.class, () -> t.get(0, String.class));
        assertThrows(Trap.class, () -> t.get(h + 1, String.class));
        assertThrows(Trap.class, () -> t.get(-5, String.class));
        Trap wrong = assertThrows(Trap.class, () -> t.get(h, Integer.class));
        assertTrue(wrong.getMessage().contains("wrong type"), wrong.getMessage());
        t.drop(h, String.class);
        assertThrows(Trap.class, () -> t.get(h, String.class), "use after drop");
        assertThrows(Trap.class, () -> t.drop(h, String.class), "double drop");
    }

    @Test
    void dropTellsDroppableResources() {
        HandleTable t = new HandleTable(100);
        boolean[] told = new boolean[1];
        int h = t.add((HandleTable.Droppable) () -> told[0] = true);
        t.drop(h, HandleTable.Droppable.class);
        assertTrue(told[0]);
    }

    @Test
    void dropAllTellsEveryLiveDroppableOnceAndEmptiesTheTable() {
        HandleTable t = new HandleTable(100);
        int[] told = new int[3];
        int a = t.add((HandleTable.Droppable) () -> told[0]++);
        t.add("not droppable");
        int c = t.add((HandleTable.Droppable) () -> told[1]++);
        int d = t.add((HandleTable.Droppable) () -> told[2]++);
        t.drop(c, HandleTable.Droppable.class);
        t.dropAll();
        assertEquals(0, t.size());
        assertEquals(1, told[0]);
        assertEquals(1, told[1], "dropped before: not told again");
        assertEquals(1, told[2]);
        assertThrows(Trap.class, () -> t.get(a, HandleTable.Droppable.class));
        assertThrows(Trap.class, () -> t.get(d, HandleTable.Droppable.class));
    }

    @Test
    void fullTableTrapsInsteadOfGrowingForever() {
        HandleTable t = new HandleTable(16);
        for (int i = 0; i < 16; i++) {
            t.add(new Object());
        }
        Trap trap = assertThrows(Trap.class, () -> t.add(new Object()));
        assertEquals(TrapKind.OUT_OF_MEMORY, trap.kind());
    }

    /** TinyGo's time.Sleep: subscribe-duration, block, never drop. Must be able to go on for ever. */
    @Test
    void spentClockPollablesAreReclaimedWhenTheTableIsFull() {
        HandleTable t = new HandleTable(64);
        long[] now = {0};
        PollWaiter waiter = new PollWaiter(() -> now[0]);
        Object keep = new Object();
        int kept = t.add(keep);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            DeadlinePollable p = new DeadlinePollable(() -> now[0], now[0] + 1);
            int h = t.add(p);
            seen.add(h);
            now[0] += 2;
            waiter.block(t.get(h, Pollable.class));
        }
        assertTrue(t.size() <= 64);
        assertTrue(seen.size() <= 64, "handles stay small: " + seen.size());
        assertSame(keep, t.get(kept, Object.class), "live resources are never reclaimed");
    }

    @Test
    void pollablesNotYetSeenReadyAreNotReclaimed() {
        HandleTable t = new HandleTable(16);
        for (int i = 0; i < 16; i++) {
            t.add(new DeadlinePollable(() -> 100, 5)); // past its deadline, but never observed
        }
        assertThrows(Trap.class, () -> t.add(new Object()));
    }
}
