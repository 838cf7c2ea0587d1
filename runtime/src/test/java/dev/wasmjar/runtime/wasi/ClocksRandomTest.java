package dev.wasmjar.runtime.wasi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClocksRandomTest {
    private static final int RET = FakeGuest.RET;

    @Test
    void wallClockIsADatetimeRecord() {
        Instant t = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
        FakeGuest g = new FakeGuest(WasiConfig.builder().wallClock(Clock.fixed(t, ZoneOffset.UTC)).build());
        g.call("wasi:clocks/wall-clock", "now", RET);
        assertEquals(1_700_000_000L, g.i64(RET));
        assertEquals(123_456_789, g.i32(RET + 8));
        g.call("wasi:clocks/wall-clock", "resolution", RET);
        assertEquals(0, g.i64(RET));
        assertTrue(g.i32(RET + 8) > 0);
    }

    @Test
    void realClocksAdvance() throws Exception {
        FakeGuest g = new FakeGuest(WasiConfig.builder().build());
        long a = g.callLong("wasi:clocks/monotonic-clock", "now");
        Thread.sleep(20);
        long b = g.callLong("wasi:clocks/monotonic-clock", "now");
        assertTrue(a >= 0 && b - a >= 15_000_000L, a + " -> " + b);
        assertTrue(g.callLong("wasi:clocks/monotonic-clock", "resolution") > 0);
        g.call("wasi:clocks/wall-clock", "now", RET);
        assertTrue(Math.abs(g.i64(RET) - Instant.now().getEpochSecond()) < 5);
    }

    @Test
    void injectedGeneratorsMakeRandomnessDeterministic() {
        FakeGuest a = new FakeGuest(WasiConfig.builder().random(new SplittableRandom(7))
                .insecureRandom(new SplittableRandom(8)).build());
        FakeGuest b = new FakeGuest(WasiConfig.builder().random(new SplittableRandom(7))
                .insecureRandom(new SplittableRandom(8)).build());
        for (FakeGuest g : new FakeGuest[] {a, b}) {
            g.call("wasi:random/random", "get-random-bytes", 33L, RET);
            g.call("wasi:random/insecure", "get-insecure-random-bytes", 5L, RET + 8);
        }
        assertEquals(33, a.i32(RET + 4));
        assertArrayEquals(a.listAt(RET), b.listAt(RET));
        assertArrayEquals(a.listAt(RET + 8), b.listAt(RET + 8));
        assertEquals(a.callLong("wasi:random/random", "get-random-u64"),
                b.callLong("wasi:random/random", "get-random-u64"));
        assertEquals(a.callLong("wasi:random/insecure", "get-insecure-random-u64"),
                b.callLong("wasi:random/insecure", "get-insecure-random-u64"));
    }

    @Test
    void defaultRandomnessDiffersAndTheSeedIsStable() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().build());
        g.call("wasi:random/random", "get-random-bytes", 32L, RET);
        g.call("wasi:random/random", "get-random-bytes", 32L, RET + 8);
        assertNotEquals(java.util.Arrays.toString(g.listAt(RET)), java.util.Arrays.toString(g.listAt(RET + 8)));
        g.call("wasi:random/insecure-seed", "insecure-seed", RET);
        long s0 = g.i64(RET);
        long s1 = g.i64(RET + 8);
        g.call("wasi:random/insecure-seed", "insecure-seed", RET);
        assertEquals(s0, g.i64(RET));
        assertEquals(s1, g.i64(RET + 8));
        g.call("wasi:random/random", "get-random-bytes", 0L, RET);
        assertEquals(0, g.i32(RET + 4));
    }

    @Test
    void largeRandomRequestsGrowGuestMemoryAndLandInTheNewBuffer() {
        FakeGuest g = new FakeGuest(WasiConfig.builder().random(new SplittableRandom(1)).build());
        int pages = g.memory.pages();
        g.call("wasi:random/random", "get-random-bytes", 300_000L, RET);
        assertTrue(g.memory.pages() > pages, "the fake realloc grew memory");
        byte[] got = g.listAt(RET);
        byte[] expected = new byte[300_000];
        new SplittableRandom(1).nextBytes(expected);
        assertArrayEquals(expected, got);
    }
}
