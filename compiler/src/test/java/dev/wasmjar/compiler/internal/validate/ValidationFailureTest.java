package dev.wasmjar.compiler.internal.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmjar.compiler.CompileException;
import org.junit.jupiter.api.Test;

class ValidationFailureTest {

    @Test
    void messagesStartWithTheSpecsWording() {
        assertEquals("type mismatch: expected i32", ValidationFailure.typeMismatch("expected i32").getMessage());
        assertEquals("unknown global 3", ValidationFailure.unknown("global", 3).getMessage());
        assertEquals("global is immutable", ValidationFailure.invalid("global is immutable", "").getMessage());
    }

    @Test
    void theLocationIsAddedWhenReported() {
        CompileException e = ValidationFailure.unknown("local", 7).at("(local.get in function 2)", 40);
        assertEquals(CompileException.Kind.INVALID, e.kind());
        assertEquals(40, e.offset());
        assertEquals("unknown local 7 (local.get in function 2) (at byte offset 40)", e.getMessage());
        CompileException malformed = ValidationFailure.malformed("data count section required").at("", -1);
        assertEquals(CompileException.Kind.MALFORMED, malformed.kind());
        assertEquals("data count section required", malformed.getMessage());
    }
}
