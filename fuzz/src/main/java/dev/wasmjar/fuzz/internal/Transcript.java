package dev.wasmjar.fuzz.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What one engine observably did with one module, one event per line, in the grammar both
 * executors write (the V8 side in {@code harness.js}):
 *
 * <pre>
 * rejected MESSAGE                 the engine did not compile it (the only line)
 * instantiate ok | instantiate trap CLASS
 * call NAME                        an exported function is about to be called
 * log VALUE                        a fuzzing-support log import was called
 * result VALUE*                    the call returned (no values for no results)
 * trap CLASS                       the call trapped ({@link TrapClasses}; {@code v128-to-js}: it called log-v128)
 * skip v128                        the call was not made (no JS value for v128)
 * error TEXT                       anything else escaped (never expected)
 * memory NAME PAGES SHA256         an exported memory at the end
 * </pre>
 *
 * VALUE is {@code type:hexbits} ({@link ValueText}). Lines compare by {@link TranscriptComparison}.
 */
public record Transcript(List<String> lines) {
    public Transcript {
        lines = List.copyOf(lines);
    }

    /** The transcript of a text, one event per line. */
    public static Transcript parse(String text) {
        List<String> lines = new ArrayList<>();
        for (String l : text.split("\n")) {
            if (!l.isEmpty()) {
                lines.add(l);
            }
        }
        return new Transcript(lines);
    }

    /** How many exported functions were called (or skipped). */
    public int calls() {
        int n = 0;
        for (String l : lines) {
            if (l.startsWith("call ")) {
                n++;
            }
        }
        return n;
    }

    /** The lines, each ended by a newline. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    /**
     * An export name as one token: {@code [A-Za-z0-9_.$-]} kept, any other code point written
     * {@code \}{@code u{hex}} (as {@code escapeName} in {@code harness.js}).
     */
    public static String escapeName(String name) {
        StringBuilder sb = new StringBuilder();
        name.codePoints().forEach(c -> {
            boolean plain = c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '-');
            if (plain) {
                sb.append((char) c);
            } else {
                sb.append("\\u{").append(Integer.toHexString(c)).append('}');
            }
        });
        return sb.toString();
    }

    /** Collects a transcript's lines while an engine runs a module. Not thread-safe. */
    public static final class Recorder {
        private final List<String> lines = new ArrayList<>();

        public void add(String line) {
            lines.add(line);
        }

        public Transcript transcript() {
            return new Transcript(lines);
        }
    }
}
