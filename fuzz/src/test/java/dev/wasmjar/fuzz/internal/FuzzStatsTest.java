package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FuzzStatsTest {
    @Test
    void countsVerdictsAndCalls() {
        FuzzStats s = new FuzzStats();
        EngineRun ran = EngineRun.ran(Transcript.parse("instantiate ok\ncall a\nresult\ncall b\nresult\n"));
        EngineRun other = EngineRun.ran(Transcript.parse("instantiate ok\ncall a\ntrap memory\ncall b\nresult\n"));
        for (int i = 0; i < 3; i++) {
            s.countGenerated();
        }
        s.count(Verdict.of(ran, ran));
        s.count(Verdict.of(other, ran));
        s.count(Verdict.of(EngineRun.rejected("x"), ran));
        s.count(Verdict.of(EngineRun.rejected("x"), EngineRun.rejected("y")));
        s.count(Verdict.of(ran, EngineRun.rejected("y")));
        s.countError();
        assertEquals(1, s.onlyV8Rejected());
        assertEquals(2, s.compared());
        assertEquals(1, s.mismatches());
        assertEquals(1, s.refusals());
        assertEquals(1, s.errors());
        String line = s.line();
        assertTrue(line.startsWith("modules generated 3, compared 2, exports called 4, mismatches 1, refusals 1, v8-rejected 2 (wasmjar ran 1 of them),"), line);
        assertTrue(line.endsWith(" modules/s"), line);
    }

    @Test
    void meanStageTimesPerModule() {
        FuzzStats s = new FuzzStats();
        s.countGenerated();
        s.countGenerated();
        s.time(FuzzStats.Stage.GENERATE, 80_000_000);
        s.time(FuzzStats.Stage.WASMJAR, 40_000_000);
        assertEquals("mean per module: generate 40 ms, wasmjar 20 ms, v8 0 ms", s.stageLine());
    }
}
