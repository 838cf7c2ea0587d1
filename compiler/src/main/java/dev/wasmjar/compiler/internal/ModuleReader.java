package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.InvalidException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmjar.compiler.CompileException;

/**
 * Turns input bytes (a core module, or a component wrapping one) into a parsed and validated
 * module, or a {@link CompileException} that names the problem.
 */
public final class ModuleReader {
    private ModuleReader() {
    }

    /** Parses and validates {@code bytes}; a component is unwrapped to its main core module. */
    public static WasmModule read(byte[] bytes) {
        try {
            return Parser.builder().withValidation(true).build().parse(() -> new java.io.ByteArrayInputStream(bytes));
        } catch (InvalidException e) {
            throw new CompileException(CompileException.Kind.INVALID, e.getMessage(), -1, e);
        } catch (ChicoryException e) {
            throw new CompileException(CompileException.Kind.MALFORMED, e.getMessage(), -1, e);
        }
    }
}
