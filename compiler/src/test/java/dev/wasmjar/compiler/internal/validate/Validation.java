package dev.wasmjar.compiler.internal.validate;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.ModuleReader;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;

/** Runs modules through parsing and validation, as the validator tests check them. */
final class Validation {
    private Validation() {
    }

    /** A module with one function {@code [params] -> [results]} whose body is {@code code} (then end). */
    static WasmModuleBuilder function(byte[] params, byte[] results, int... code) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(params, results).code(code).end();
        return b;
    }

    /** Like {@link #function}, in a module with one memory of one page. */
    static WasmModuleBuilder withMemory(byte[] params, byte[] results, int... code) {
        WasmModuleBuilder b = function(params, results, code);
        b.memory(1, 1);
        return b;
    }

    static void assertValid(WasmModuleBuilder module) {
        assertDoesNotThrow(() -> ModuleReader.readAll(module.build()));
    }

    /** Asserts that {@code module} is INVALID with a message starting with the spec's {@code text}; returns the message. */
    static String assertInvalid(WasmModuleBuilder module, String text) {
        return assertRejected(module, CompileException.Kind.INVALID, text);
    }

    static String assertRejected(WasmModuleBuilder module, CompileException.Kind kind, String text) {
        CompileException e = assertThrows(CompileException.class, () -> ModuleReader.readAll(module.build()));
        assertEquals(kind, e.kind(), e.getMessage());
        assertTrue(e.getMessage().startsWith(text), e.getMessage());
        return e.getMessage();
    }
}
