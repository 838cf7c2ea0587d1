package dev.wasmjar.fuzz.internal;

import java.util.List;
import java.util.Optional;

/**
 * Compares wasmjar's and V8's {@link Transcript}s line by line and token by token: exactly,
 * except that two float tokens that are both NaN are equal whatever their bits (V8 does not
 * keep NaN payloads when a float becomes a JavaScript number), and trap classes compare as
 * {@link TrapClasses#compatible}.
 */
public final class TranscriptComparison {
    private TranscriptComparison() {
    }

    /** Where two transcripts first differ: a line number (from 0) and both lines, {@code <end>} past one's end. */
    public record Difference(int line, String wasmjar, String v8) {
        /** The kinds of event that differ, e.g. {@code result vs trap}: what a reduction keeps. */
        public String category() {
            String a = firstWord(wasmjar);
            String b = firstWord(v8);
            return a.equals(b) ? a : a + " vs " + b;
        }

        private static String firstWord(String line) {
            int sp = line.indexOf(' ');
            return sp < 0 ? line : line.substring(0, sp);
        }
    }

    /** The first difference between wasmjar's and V8's transcript, if any. */
    public static Optional<Difference> compare(Transcript wasmjar, Transcript v8) {
        List<String> a = wasmjar.lines();
        List<String> b = v8.lines();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i) : "<end>";
            String y = i < b.size() ? b.get(i) : "<end>";
            if (!sameLine(x, y)) {
                return Optional.of(new Difference(i, x, y));
            }
        }
        return Optional.empty();
    }

    /** Whether wasmjar's line {@code x} and V8's line {@code y} say the same. */
    static boolean sameLine(String x, String y) {
        if (x.equals(y)) {
            return true;
        }
        String[] s = x.split(" ");
        String[] t = y.split(" ");
        if (s.length != t.length) {
            return false;
        }
        boolean trapLine = s[0].equals("trap") || (s.length > 1 && s[0].equals("instantiate") && s[1].equals("trap"));
        for (int k = 0; k < s.length; k++) {
            if (trapLine && k == s.length - 1 && TrapClasses.compatible(s[k], t[k])) {
                continue;
            }
            boolean bothNaN = ValueText.isNaN(s[k]) && ValueText.isNaN(t[k])
                    && s[k].regionMatches(0, t[k], 0, 4); // same type prefix: f32: or f64:
            if (!s[k].equals(t[k]) && !bothNaN) {
                return false;
            }
        }
        return true;
    }
}
