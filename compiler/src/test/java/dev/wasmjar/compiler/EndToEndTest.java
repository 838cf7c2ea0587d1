package dev.wasmjar.compiler;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.WasmFunction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public API end to end, with the real function code generator: modules built with
 * {@link WasmModuleBuilder} are compiled by {@link WasmCompiler}, instantiated and run.
 */
class EndToEndTest {

    private static Instance instantiate(byte[] wasm, Imports imports) {
        return WasmCompiler.builder().className("e2e.Mod").build().compile(wasm).instantiate(imports);
    }

    /** {@code main.fib}: recursive Fibonacci with {@code if}/{@code else}. */
    private static WasmModuleBuilder fib() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int self = 0;
        b.function("main.fib", types(I32), types(I32))
                .localGet(0).i32Const(2).code(I32_LT_S)
                .code(IF, I32).localGet(0)
                .code(ELSE)
                .localGet(0).i32Const(1).code(I32_SUB).call(self)
                .localGet(0).i32Const(2).code(I32_SUB).call(self)
                .code(I32_ADD)
                .code(END)
                .export("fib").end();
        return b;
    }

    @Test
    void recursiveFunctionsRunWithTheirGoNames() {
        Instance i = instantiate(fib().build(), Imports.none());
        assertEquals(6765, i.function("fib").invoke(20));
    }

    @Test
    void trapsCarryWasmBacktracesAndJavaStackTracesShowSanitizedNames() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int inner = b.function("main.inner", types(), types()).code(UNREACHABLE).end().lastFunction();
        b.function("main.outer", types(), types()).call(inner).export("outer").end();
        Instance i = instantiate(b.build(), Imports.none());

        Trap t = assertThrows(Trap.class, () -> i.function("outer").invoke());
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertEquals(List.of("main.inner", "main.outer"), t.wasmBacktrace());
        assertTrue(Arrays.stream(t.getStackTrace()).anyMatch(e -> e.getMethodName().equals("main\u00B7inner")),
                Arrays.toString(t.getStackTrace()));
    }

    @Test
    void hostFunctionsTablesAndStartWorkTogether() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int log = b.importFunction("env", "log", types(I32), types());
        int g = b.global("counter", I32, true, i32Const(0));
        b.memory(1, -1);
        int table = b.table(FUNCREF, 2, -1);
        int bump = b.function("bump", types(), types())
                .globalGet(g).i32Const(1).code(I32_ADD).globalSet(g)
                .globalGet(g).call(log).end().lastFunction();
        int start = b.function("init", types(), types())
                .i32Const(0).i32Const(0).code(I32_LOAD, 2, 0).code(I32_STORE, 2, 4)
                .call(bump).end().lastFunction();
        b.function("twice", types(), types()).i32Const(0).callIndirect(b.typeIndex(types(), types()), table)
                .i32Const(1).callIndirect(b.typeIndex(types(), types()), table).export("twice").end();
        b.activeElements(0, bump, bump);
        b.activeData(0, new byte[] {1, 2, 3, 4});
        b.start(start).exportMemory("memory", 0).exportGlobal("counter", g);
        StringBuilder logged = new StringBuilder();
        WasmFunction host = WasmFunction.of(FunctionType.parse("(i32)->()"),
                MethodHandles.lookup().findVirtual(StringBuilder.class, "append",
                        MethodType.methodType(StringBuilder.class, int.class)).bindTo(logged)
                        .asType(MethodType.methodType(void.class, int.class)));
        Instance i = instantiate(b.build(), Imports.builder().function("env", "log", host).build());

        assertEquals("1", logged.toString());
        assertEquals(0x04030201, i.memory("memory").readInt(4));
        i.function("twice").invoke();
        assertEquals("123", logged.toString());
        assertEquals(3, i.global("counter").getI32());
    }
}
