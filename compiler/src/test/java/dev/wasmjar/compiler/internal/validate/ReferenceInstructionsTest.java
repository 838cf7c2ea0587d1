package dev.wasmjar.compiler.internal.validate;

import static dev.wasmjar.compiler.internal.validate.Validation.assertInvalid;
import static dev.wasmjar.compiler.internal.validate.Validation.assertValid;
import static dev.wasmjar.compiler.internal.validate.Validation.function;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.EXTERNREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.FUNCREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import org.junit.jupiter.api.Test;

class ReferenceInstructionsTest {

    @Test
    void refNullHasItsHeapType() {
        assertValid(function(types(), types(EXTERNREF), 0xD0, 0x6F));
        assertInvalid(function(types(), types(FUNCREF), 0xD0, 0x6F), "type mismatch");
    }

    @Test
    void refIsNullTakesAnyReference() {
        assertValid(function(types(EXTERNREF), types(I32), 0x20, 0, 0xD1));
        assertValid(function(types(), types(I32), 0x00, 0xD1));
        assertInvalid(function(types(I32), types(I32), 0x20, 0, 0xD1), "type mismatch");
    }

    /** The regression: ref.func of a function in its own body, declared only by an active segment. */
    @Test
    void refFuncNeedsADeclarationOutsideFunctionBodies() {
        WasmModuleBuilder self = new WasmModuleBuilder();
        self.table(FUNCREF, 2, 2);
        self.function(types(), types()).end();
        self.function(types(), types(FUNCREF)).code(0xD2, 1).end();
        self.activeElements(0, 0, 1);
        assertValid(self);

        WasmModuleBuilder undeclared = new WasmModuleBuilder();
        undeclared.function(types(), types()).end();
        undeclared.function(types(), types(FUNCREF)).code(0xD2, 0).end();
        assertInvalid(undeclared, "undeclared function reference"); // another function, not only itself

        WasmModuleBuilder exported = new WasmModuleBuilder();
        exported.function(types(), types(FUNCREF)).code(0xD2, 0).export("f").end();
        assertValid(exported);

        WasmModuleBuilder declarative = new WasmModuleBuilder();
        declarative.function(types(), types(FUNCREF)).code(0xD2, 0).end();
        declarative.declarativeElements(0);
        assertValid(declarative);

        assertInvalid(function(types(), types(FUNCREF), 0xD2, 3), "unknown function 3");
    }
}
