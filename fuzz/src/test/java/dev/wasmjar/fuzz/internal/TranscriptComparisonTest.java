package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranscriptComparisonTest {
    private static Optional<TranscriptComparison.Difference> compare(String wasmjar, String v8) {
        return TranscriptComparison.compare(Transcript.parse(wasmjar), Transcript.parse(v8));
    }

    @Test
    void equalTranscriptsHaveNoDifference() {
        String t = "instantiate ok\ncall f\nlog f64:3ff0000000000000\nresult i32:00000001\n";
        assertTrue(compare(t, t).isEmpty());
    }

    @Test
    void aDeliberatelyDifferentResultIsFoundWithItsLine() {
        TranscriptComparison.Difference d = compare(
                "instantiate ok\ncall f\nresult i32:00000002\ncall g\nresult\n",
                "instantiate ok\ncall f\nresult i32:00000001\ncall g\nresult\n").orElseThrow();
        assertEquals(2, d.line());
        assertEquals("result i32:00000002", d.wasmjar());
        assertEquals("result i32:00000001", d.v8());
        assertEquals("result", d.category());
    }

    @Test
    void nansCompareAsAClassAlsoInsideLogsAndMultiValues() {
        assertTrue(compare("log f32:7fa00000\n", "log f32:7fe00000\n").isEmpty());
        assertTrue(compare("result i32:00000001 f64:fff8000000000001\n", "result i32:00000001 f64:7ff8000000000000\n").isEmpty());
        assertFalse(compare("log f32:7fc00000\n", "log f32:7f800000\n").isEmpty(), "NaN vs infinity");
        assertFalse(compare("log f32:80000000\n", "log f32:00000000\n").isEmpty(), "-0 vs +0");
        assertFalse(compare("log f32:7fc00000\n", "log f64:7ff8000000000000\n").isEmpty(), "f32 vs f64 NaN");
        assertFalse(compare("log i32:7fc00000\n", "log i32:7fe00000\n").isEmpty(), "integers are exact");
    }

    @Test
    void trapsCompareByCompatibleClass() {
        assertTrue(compare("trap overflow\n", "trap conversion\n").isEmpty(), "spec's overflow of a conversion");
        assertTrue(compare("instantiate trap memory\n", "instantiate trap memory\n").isEmpty());
        assertFalse(compare("trap conversion\n", "trap overflow\n").isEmpty());
        assertEquals("result vs trap", compare("call f\nresult\n", "call f\ntrap unreachable\n").orElseThrow().category());
        assertFalse(compare("trap table\n", "trap indirect\n").isEmpty());
    }

    @Test
    void aMissingLineIsADifference() {
        TranscriptComparison.Difference d = compare("call f\nresult\n", "call f\nresult\nlog i32:00000000\n").orElseThrow();
        assertEquals("<end>", d.wasmjar());
        assertEquals("<end> vs log", d.category());
    }
}
