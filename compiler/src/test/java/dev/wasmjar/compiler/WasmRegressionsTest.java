package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.wasmjar.compiler.testing.ExportSweep;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.WasmFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Valid modules that wasmjar used to refuse, found by differential execution against V8
 * (testdata/wasm-regressions, see its README): each compiles and, run by binaryen's
 * fuzzer procedure ({@link ExportSweep}), gives exactly V8's output ({@code .v8.out}).
 */
class WasmRegressionsTest {
    private static final Path DIR = Path.of("..", "testdata", "wasm-regressions");

    @ParameterizedTest
    @ValueSource(strings = {
        "refnull-type-mismatch", "unknown-memory-67", "refnull-type-mismatch.reduced", "unknown-memory-67.reduced",
        "ref-func-self-active-elem"})
    void runsWithV8sResults(String name) throws IOException {
        CompiledModule m = compile(name);
        String expected = Files.readString(DIR.resolve(name + ".v8.out")).strip();
        assertEquals(expected, String.join("\n", ExportSweep.run(m)));
    }

    /** ref.func of a function inside its own body, declared by an active element segment. */
    @Test
    void aFunctionReturnsAReferenceToItself() throws IOException {
        var g = compile("ref-func-self-active-elem").instantiate(Imports.none()).function("g");
        WasmFunction self = assertInstanceOf(WasmFunction.class, g.invoke());
        assertEquals(g.index(), self.index());
        assertInstanceOf(WasmFunction.class, self.invoke());
    }

    private static CompiledModule compile(String name) throws IOException {
        byte[] wasm = Files.readAllBytes(DIR.resolve(name + ".wasm"));
        return WasmCompiler.builder().className("regression." + name.replace('-', '_').replace('.', '_')).build().compile(wasm);
    }
}
