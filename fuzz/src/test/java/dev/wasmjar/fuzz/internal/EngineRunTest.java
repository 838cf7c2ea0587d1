package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EngineRunTest {
    @Test
    void aRejectionIsItsOwnOneLineTranscript() {
        EngineRun r = EngineRun.rejected("INVALID: bad");
        assertEquals(EngineRun.Status.REJECTED, r.status());
        assertEquals("INVALID: bad", r.detail());
        assertEquals(List.of("rejected INVALID: bad"), r.transcript().lines());
    }

    @Test
    void timeoutsAndCrashesKeepTheirPartialTranscript() {
        Transcript partial = Transcript.parse("instantiate ok\ncall f\n");
        assertEquals(partial, EngineRun.timeout(partial).transcript());
        assertEquals("node exited", EngineRun.crashed(partial, "node exited").detail());
        assertEquals(EngineRun.Status.RAN, EngineRun.ran(partial).status());
    }
}
