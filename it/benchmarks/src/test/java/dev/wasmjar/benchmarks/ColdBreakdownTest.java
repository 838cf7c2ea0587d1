package dev.wasmjar.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdBreakdownTest {

    @Test
    void readsTheChildsLineAmongOtherOutput() {
        Map<String, String> m = ColdBreakdown.parse("    123  45  3  java.lang.String::hashCode (49 bytes)\n"
                + "COLD jvmStartMs=40 compileMs=1739 firstRunStart=2026-12-03T14:00:00Z\n");
        assertEquals("40", m.get("jvmStartMs"));
        assertEquals("1739", m.get("compileMs"));
        assertEquals("2026-12-03T14:00:00Z", m.get("firstRunStart"));
    }

    @Test
    void mediansAreTakenPerKey() {
        List<Map<String, String>> runs = List.of(Map.of("a", "3000"), Map.of("a", "1000"), Map.of("a", "2000"));
        assertEquals("2,000", ColdBreakdown.median(runs, "a"));
    }

    @Test
    void countsOnlyTheGeneratedClassesCompilationsOsrAndBailouts() {
        String log = String.join("\n",
                "   8242 3041   !   3       cold.Program$Module$Code3::f (5354 bytes)   COMPILE SKIPPED: out of virtual registers in LIR generator (retry at different tier)",
                "   8300 3050       3       cold.Program$Module$Code0::g (120 bytes)",
                "   8400 3051 %     4       cold.Program$Module$Code0::h @ 31 (900 bytes)",
                "   8500 3050       3       cold.Program$Module$Code0::g (120 bytes)   made not entrant",
                "   8600 3060       1       java.lang.Object::<init> (1 bytes)");
        assertEquals(new ColdBreakdown.JitCounts(1, 1, 1), ColdBreakdown.JitCounts.of(log));
    }
}
