package dev.wasmjar.compiler.internal;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.wasm.Parser;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import java.io.ByteArrayInputStream;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ParsedSectionsTest {

    @Test
    void theStartSectionIsHeldBackUntilTheModuleIsComplete() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function("init", types(), types()).end();
        b.function(types(), types()).export("f").end();
        b.start(0);
        ParsedSections s = new ParsedSections();
        Parser.builder().withValidation(false).build().parse(new ByteArrayInputStream(b.build()), s);
        assertTrue(s.withoutStart().startSection().isEmpty());
        assertEquals(OptionalLong.of(0), s.startFunction());
        var module = s.complete();
        assertEquals(0, module.startSection().orElseThrow().startIndex());
        assertEquals(2, module.codeSection().functionBodyCount());
        assertEquals("f", module.exportSection().getExport(0).name());
        assertEquals("init", module.nameSection().nameOfFunction(0));
    }

    @Test
    void withoutAStartSection() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(types(), types()).end();
        ParsedSections s = new ParsedSections();
        Parser.builder().withValidation(false).build().parse(new ByteArrayInputStream(b.build()), s);
        assertEquals(OptionalLong.empty(), s.startFunction());
        assertTrue(s.complete().startSection().isEmpty());
    }
}
