package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {
    private static final EngineRun RAN = EngineRun.ran(Transcript.parse("instantiate ok\ncall f\nresult i32:00000001\n"));

    @Test
    void sameTranscriptsAreSame() {
        Verdict v = Verdict.of(RAN, RAN);
        assertEquals(Verdict.Kind.SAME, v.kind());
        assertFalse(v.isFinding());
        assertEquals("same", v.signature());
    }

    @Test
    void differentTranscriptsAreAMismatchSignedByWhatDiffers() {
        EngineRun other = EngineRun.ran(Transcript.parse("instantiate ok\ncall f\ntrap unreachable\n"));
        Verdict v = Verdict.of(RAN, other);
        assertEquals(Verdict.Kind.MISMATCH, v.kind());
        assertTrue(v.isFinding());
        assertEquals("mismatch: result vs trap", v.signature());
    }

    @Test
    void wasmjarRejectingWhatV8RunsIsARefusalWithNumbersBlanked() {
        Verdict v = Verdict.of(EngineRun.rejected("INVALID: unknown memory 67 (at byte offset 1234)"), RAN);
        assertEquals(Verdict.Kind.REFUSAL, v.kind());
        assertTrue(v.isFinding());
        assertEquals("refusal: INVALID: unknown memory N (at byte offset N)", v.signature());
    }

    @Test
    void v8RejectingOrEitherTimingOutIsUndecided() {
        assertEquals(Verdict.Kind.V8_REJECTED, Verdict.of(EngineRun.rejected("x"), EngineRun.rejected("y")).kind());
        assertEquals(Verdict.Kind.V8_REJECTED, Verdict.of(RAN, EngineRun.rejected("y")).kind());
        Transcript none = new Transcript(List.of());
        assertEquals(Verdict.Kind.TIMEOUT, Verdict.of(EngineRun.timeout(none), RAN).kind());
        assertEquals(Verdict.Kind.TIMEOUT, Verdict.of(RAN, EngineRun.timeout(none)).kind());
        assertEquals(Verdict.Kind.V8_CRASHED, Verdict.of(RAN, EngineRun.crashed(none, "node exited")).kind());
        assertFalse(Verdict.of(EngineRun.timeout(none), RAN).isFinding());
    }

    @Test
    void wasmjarRunningWhatV8RejectsIsKeptUnderItsOwnSignatureButIsNoFinding() {
        Verdict both = Verdict.of(EngineRun.rejected("x"), EngineRun.rejected("CompileError: 12 bad"));
        assertFalse(both.onlyV8Rejected());
        assertEquals("v8-rejected", both.signature());
        Verdict only = Verdict.of(RAN, EngineRun.rejected("CompileError: 12 bad"));
        assertTrue(only.onlyV8Rejected());
        assertFalse(only.isFinding());
        assertEquals("v8-rejected-only: CompileError: N bad", only.signature());
    }
}
