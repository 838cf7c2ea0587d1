package dev.wasmjar.runtime;

/** Why WebAssembly code trapped. The message is the one the WebAssembly spec tests use. */
public enum TrapKind {
    UNREACHABLE("unreachable"),
    MEMORY_OUT_OF_BOUNDS("out of bounds memory access"),
    TABLE_OUT_OF_BOUNDS("out of bounds table access"),
    INTEGER_DIVIDE_BY_ZERO("integer divide by zero"),
    INTEGER_OVERFLOW("integer overflow"),
    INVALID_CONVERSION_TO_INTEGER("invalid conversion to integer"),
    INDIRECT_CALL_TYPE_MISMATCH("indirect call type mismatch"),
    UNINITIALIZED_ELEMENT("uninitialized element"),
    UNDEFINED_ELEMENT("undefined element"),
    CALL_STACK_EXHAUSTED("call stack exhausted"),
    /** The guest needed more memory than the JVM or the configured cap allows. */
    OUT_OF_MEMORY("out of memory"),
    /** The guest thread was interrupted or ran past its deadline. */
    INTERRUPTED("interrupted");

    private final String message;

    TrapKind(String message) {
        this.message = message;
    }

    /** The spec's wording, e.g. {@code integer divide by zero}. */
    public String message() {
        return message;
    }
}
