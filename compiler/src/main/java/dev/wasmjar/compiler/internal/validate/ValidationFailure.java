package dev.wasmjar.compiler.internal.validate;

import dev.wasmjar.compiler.CompileException;

/**
 * A broken validation rule, before its location is known: thrown by the rules, caught by
 * {@link ModuleValidator} and {@link FunctionValidator}, which add where it happened and turn it
 * into a {@link CompileException}. The message starts with the spec suite's wording.
 */
final class ValidationFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final CompileException.Kind kind;

    private ValidationFailure(CompileException.Kind kind, String message) {
        // no stack trace: the location is added from the validator's state, not from frames
        super(message, null, false, false);
        this.kind = kind;
    }

    /** An INVALID module: {@code specText} is the spec suite's wording, {@code detail} may be empty. */
    static ValidationFailure invalid(String specText, String detail) {
        return new ValidationFailure(CompileException.Kind.INVALID, detail.isEmpty() ? specText : specText + ": " + detail);
    }

    /** {@code type mismatch: <detail>}. */
    static ValidationFailure typeMismatch(String detail) {
        return invalid("type mismatch", detail);
    }

    /** {@code unknown <space> <index>}, e.g. {@code unknown global 3}. */
    static ValidationFailure unknown(String space, long index) {
        return new ValidationFailure(CompileException.Kind.INVALID, "unknown " + space + " " + index);
    }

    /** A rule of the binary format that only the validator can check (the spec calls it malformed). */
    static ValidationFailure malformed(String message) {
        return new ValidationFailure(CompileException.Kind.MALFORMED, message);
    }

    /** The exception reported for this failure, located by {@code where} (e.g. {@code in function 3}). */
    CompileException at(String where, long offset) {
        return new CompileException(kind, getMessage() + (where.isEmpty() ? "" : " " + where), offset, null);
    }
}
