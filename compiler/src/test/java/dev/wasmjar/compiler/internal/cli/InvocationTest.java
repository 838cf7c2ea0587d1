package dev.wasmjar.compiler.internal.cli;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.EXTERNREF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.F64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32_ADD;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I64;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checking and calling the export {@code --invoke} names. */
class InvocationTest {
    private static Instance instance;

    @BeforeAll
    static void compile() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.exportMemory("memory", b.memory(1, -1));
        b.function(types(I32, I32), types(I32)).localGet(0).localGet(1).code(I32_ADD).export("add").end();
        // Echoes its arguments: one result of each number type, several results at once.
        b.function(types(I64, F32, F64), types(I64, F32, F64))
                .localGet(0).localGet(1).localGet(2).export("echo").end();
        b.function(types(), types()).export("nothing").end();
        b.function(types(EXTERNREF), types()).export("takesRef").end();
        b.function(types(), types(EXTERNREF)).code(WasmModuleBuilder.REF_NULL, EXTERNREF).export("givesRef").end();
        instance = WasmCompiler.builder().className("test.Invoked").build().compile(b.build())
                .instantiate(Imports.none());
    }

    private static String usageError(String name, String... args) {
        return assertThrows(Cli.UsageException.class,
                () -> Invocation.prepare(instance, name, List.of(args))).getMessage();
    }

    @Test
    void callsWithParsedArgumentsAndFormatsEachResult() {
        assertEquals(List.of("5"), Invocation.prepare(instance, "add", List.of("2", "3")).call());
        assertEquals(List.of("-2"), Invocation.prepare(instance, "add", List.of("4294967295", "-1")).call());
        assertEquals(List.of("-1", "inf", "0.25"),
                Invocation.prepare(instance, "echo", List.of("18446744073709551615", "inf", "0.25")).call());
        assertEquals(List.of(), Invocation.prepare(instance, "nothing", List.of()).call());
    }

    @Test
    void unknownExportsAndNonFunctionsAreUsageErrors() {
        assertTrue(usageError("nope").contains("exports no function named \"nope\""));
        assertTrue(usageError("memory").contains("export \"memory\" is not a function"));
    }

    @Test
    void argumentCountMustMatch() {
        String m = usageError("add", "1");
        assertTrue(m.contains("add takes 2 arguments (i32 i32)->(i32), got 1"), m);
        assertTrue(usageError("nothing", "1").contains("takes 0 arguments"));
    }

    @Test
    void badNumbersNameTheArgument() {
        String m = usageError("add", "1", "two");
        assertTrue(m.contains("argument 2 of add: not an i32: two"), m);
        m = usageError("echo", "1", "1.5x", "0");
        assertTrue(m.contains("argument 2 of echo: not an f32: 1.5x"), m);
    }

    @Test
    void referenceParametersAndResultsAreRefused() {
        assertTrue(usageError("takesRef", "0").contains("only i32, i64, f32 and f64"));
        assertTrue(usageError("givesRef").contains("has type ()->(externref)"));
    }
}
