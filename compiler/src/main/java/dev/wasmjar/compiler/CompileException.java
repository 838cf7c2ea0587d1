package dev.wasmjar.compiler;

/**
 * The input could not be compiled: it is not well-formed WebAssembly, does not validate, uses
 * a feature wasmjar does not support, or exceeds a limit. The message names the problem and,
 * where known, the byte offset in the input.
 */
public class CompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem the input has. */
    public enum Kind {
        /** Not a well-formed binary (spec: "malformed"). */
        MALFORMED,
        /** Well-formed but does not validate (spec: "invalid"). */
        INVALID,
        /** Valid, but uses something wasmjar does not compile (e.g. SIMD). */
        UNSUPPORTED,
        /** Valid, but exceeds a limit of wasmjar or the JVM. */
        LIMIT
    }

    private final Kind kind;
    private final long offset;

    public CompileException(Kind kind, String message) {
        this(kind, message, -1, null);
    }

    public CompileException(Kind kind, String message, long offset, Throwable cause) {
        super(offset >= 0 ? message + " (at byte offset " + offset + ")" : message, cause);
        this.kind = kind;
        this.offset = offset;
    }

    public Kind kind() {
        return kind;
    }

    /** The byte offset in the input where the problem was found, or -1 if unknown. */
    public long offset() {
        return offset;
    }
}
