package dev.wasmjar.fuzz.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptTest {
    @Test
    void textAndParseRoundTrip() {
        Transcript t = new Transcript(List.of("instantiate ok", "call f", "log i32:00000001", "result"));
        assertEquals("instantiate ok\ncall f\nlog i32:00000001\nresult\n", t.text());
        assertEquals(t, Transcript.parse(t.text()));
    }

    @Test
    void countsCalls() {
        Transcript t = Transcript.parse("instantiate ok\ncall a\nresult\ncall b\nskip v128\nmemory m 1 00\n");
        assertEquals(2, t.calls());
    }

    @Test
    void escapesNamesToOneToken() {
        assertEquals("func_0.x$-A9", Transcript.escapeName("func_0.x$-A9"));
        assertEquals("a\\u{20}b\\u{a}\\u{e9}\\u{1f600}", Transcript.escapeName("a b\né\uD83D\uDE00"));
    }

    @Test
    void recorderKeepsOrder() {
        Transcript.Recorder r = new Transcript.Recorder();
        r.add("call f");
        r.add("trap unreachable");
        assertEquals(List.of("call f", "trap unreachable"), r.transcript().lines());
    }
}
