package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuzzOptionsTest {
    @Test
    void runWithEveryOption() {
        FuzzOptions o = FuzzOptions.parse(new String[] {"run", "--modules", "100000", "--seed", "7", "--first", "50",
            "--threads", "3", "--out", "/tmp/x", "--reduce", "false", "--simd", "true", "--timeout-seconds", "5",
            "--reduce-minutes", "2", "--inject-fault"});
        assertEquals(100000, o.modules());
        assertEquals(7, o.seed());
        assertEquals(50, o.first());
        assertEquals(3, o.threads());
        assertEquals(Path.of("/tmp/x"), o.out());
        assertFalse(o.reduce());
        assertTrue(o.simd());
        assertEquals(Duration.ofSeconds(5), o.timeout());
        assertEquals(Duration.ofMinutes(2), o.reduceBudget());
        assertTrue(o.injectFault());
        assertEquals(List.of("--simd", "true", "--timeout-seconds", "5", "--inject-fault"), o.checkOptions());
    }

    @Test
    void defaults() {
        FuzzOptions o = FuzzOptions.parse(new String[] {"run"});
        assertEquals(1000, o.modules());
        assertEquals(2, o.threads());
        assertTrue(o.reduce());
        assertFalse(o.simd());
        assertFalse(o.injectFault());
    }

    @Test
    void checkAndReduceTakeAFile() {
        FuzzOptions o = FuzzOptions.parse(new String[] {"check", "m.wasm", "--transcripts"});
        assertEquals(Path.of("m.wasm"), o.file());
        assertTrue(o.transcripts());
        assertEquals("reduce", FuzzOptions.parse(new String[] {"reduce", "m.wasm"}).command());
    }

    @Test
    void badCommandLinesSayWhy() {
        assertThrows(IllegalArgumentException.class, () -> FuzzOptions.parse(new String[] {}));
        assertThrows(IllegalArgumentException.class, () -> FuzzOptions.parse(new String[] {"fuzz"}));
        assertThrows(IllegalArgumentException.class, () -> FuzzOptions.parse(new String[] {"check"}));
        assertThrows(IllegalArgumentException.class, () -> FuzzOptions.parse(new String[] {"run", "--modules"}));
        assertThrows(IllegalArgumentException.class, () -> FuzzOptions.parse(new String[] {"run", "--modules", "0"}));
        assertThrows(IllegalArgumentException.class, () -> FuzzOptions.parse(new String[] {"run", "--colour", "x"}));
    }
}
