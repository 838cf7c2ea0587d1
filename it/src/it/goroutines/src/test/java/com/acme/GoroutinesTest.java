package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.runtime.wasi.MonotonicClock;
import dev.wasmjar.runtime.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class GoroutinesTest {
    @Test
    void sleepsChannelsAndSelect() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        // "order: 10 20 30" holds only if the guest is never stalled 10 ms between its first
        // three time.Sleep calls (TinyGo orders sleeps by when they read the clock); a clock
        // running 20x slower than real time turns that into 200 ms, which a loaded machine keeps.
        long origin = System.nanoTime();
        MonotonicClock slow = () -> (System.nanoTime() - origin) / 20;
        int exit = Goroutines.run(WasiConfig.builder().args("goroutines").stdin(null).stdout(out).stderr(err)
                .monotonicClock(slow).build());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, exit);
        assertEquals(resource("/goroutines.stdout"), out.toString(StandardCharsets.UTF_8));
        // the sleeps really block: 30 ms for the ordering, 20 ms for the select timeout at least
        assertTrue(ms >= 50, "ran in " + ms + " ms");
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = Objects.requireNonNull(GoroutinesTest.class.getResourceAsStream(name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
