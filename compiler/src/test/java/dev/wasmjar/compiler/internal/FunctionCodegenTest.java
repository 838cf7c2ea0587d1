package dev.wasmjar.compiler.internal;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.WasmFunction;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Semantics of generated function bodies, end to end: modules built with
 * {@link WasmModuleBuilder}, compiled, checked by ASM's verifier, loaded with the JVM verifier
 * on, and run. Every test runs twice: with the default method budget, and with a tiny budget
 * that splits every function of any size into outlined region methods.
 */
class FunctionCodegenTest {
    /** A budget so small that nearly every function is split. */
    static final int SPLIT_ALL = 40;

    // opcodes the builder has no constant for
    static final int LOOP = 0x03;
    static final int BR_TABLE = 0x0E;
    static final int SELECT_T = 0x1C;
    static final int F32_LOAD = 0x2A;
    static final int F32_STORE = 0x38;
    static final int I64_SUB = 0x7D;
    static final int I32_NE = 0x47;
    static final int I32_LT_U = 0x49;
    static final int I32_GT_U = 0x4B;
    static final int I32_GE_U = 0x4F;
    static final int I32_REM_S = 0x6F;
    static final int I32_DIV_U = 0x6E;
    static final int I32_XOR = 0x73;
    static final int I32_ROTL = 0x77;
    static final int I64_MUL = 0x7E;
    static final int I64_DIV_S = 0x7F;
    static final int F32_LT = 0x5D;
    static final int F32_NEG = 0x8C;
    static final int F32_ABS = 0x8B;
    static final int F32_COPYSIGN = 0x98;
    static final int F64_MIN = 0xA4;
    static final int F64_NEAREST = 0x9E;
    static final int I32_TRUNC_F32_S = 0xA8;
    static final int I32_TRUNC_F64_U = 0xAB;
    static final int I64_EXTEND_I32_S = 0xAC;
    static final int I64_EXTEND_I32_U = 0xAD;
    static final int I32_REINTERPRET_F32 = 0xBC;
    static final int F32_REINTERPRET_I32 = 0xBE;
    static final int I32_EXTEND8_S = 0xC0;

    private static final AtomicInteger CLASS_COUNTER = new AtomicInteger();

    // ---------------------------------------------------------------------------------------------
    // harness (also used by the other FunctionCodegen*Test classes)
    // ---------------------------------------------------------------------------------------------

    /** Compiles with method budget {@code budget}; checks every class with ASM's verifier. */
    static Map<String, byte[]> compile(byte[] wasm, int budget) {
        return compile(wasm, budget, true);
    }

    /**
     * As {@link #compile(byte[], int)}; {@code asmVerify} false skips ASM's verifier (slow on
     * methods with thousands of stack slots), leaving the JVM's verifier at load time.
     */
    static Map<String, byte[]> compile(byte[] wasm, int budget, boolean asmVerify) {
        String name = "fcg/M" + CLASS_COUNTER.incrementAndGet();
        Map<String, byte[]> classes = new ModuleCompiler(ModuleReader.read(wasm), wasm, name,
                ctx -> new FunctionCodegen(ctx, budget)::emit).compile();
        String dump = System.getProperty("wasmjar.test.dumpDir");
        if (dump != null) {
            for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                try {
                    java.nio.file.Path p = java.nio.file.Path.of(dump, e.getKey() + ".class");
                    java.nio.file.Files.createDirectories(p.getParent());
                    java.nio.file.Files.write(p, e.getValue());
                } catch (java.io.IOException ex) {
                    throw new java.io.UncheckedIOException(ex);
                }
            }
        }
        ClassLoader loader = new GeneratedClassLoader(Instance.class.getClassLoader(), classes);
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            if (!asmVerify) {
                break;
            }
            StringWriter out = new StringWriter();
            CheckClassAdapter.verify(new ClassReader(e.getValue()), loader, false, new PrintWriter(out));
            if (!out.toString().isEmpty()) {
                fail("class " + e.getKey() + " does not verify:\n" + out);
            }
        }
        return classes;
    }

    /** Compiles, loads (JVM verification on) and instantiates without imports. */
    static Instance instantiate(byte[] wasm, int budget) {
        return instantiate(compile(wasm, budget), Imports.none());
    }

    static Instance instantiate(Map<String, byte[]> classes, Imports imports) {
        String main = classes.keySet().iterator().next();
        ClassLoader loader = new GeneratedClassLoader(Instance.class.getClassLoader(), classes);
        try {
            Class<?> c = Class.forName(main.replace('/', '.'), true, loader);
            return (Instance) MethodHandles.publicLookup()
                    .findConstructor(c, MethodType.methodType(void.class, Imports.class))
                    .invoke(imports);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    static Object call(Instance inst, String name, Object... args) {
        return inst.function(name).invoke(args);
    }

    static Trap trap(Instance inst, String name, Object... args) {
        return assertThrows(Trap.class, () -> call(inst, name, args));
    }

    /** Names of the outlined region methods in {@code classes}. */
    static int regionMethods(Map<String, byte[]> classes) {
        int[] n = {0};
        for (byte[] c : classes.values()) {
            new ClassReader(c).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    if ((access & Opcodes.ACC_SYNTHETIC) != 0 && desc.startsWith("([J[Ljava/lang/Object;")) {
                        n[0]++;
                    }
                    return null;
                }
            }, ClassReader.SKIP_CODE);
        }
        return n[0];
    }

    // ---------------------------------------------------------------------------------------------
    // integer arithmetic and traps
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void integerDivisionTrapsExactlyWhereTheSpecSays(int budget) {
        byte[] wasm = new WasmModuleBuilder()
                .function("div", types(I32, I32), types(I32)).code(LOCAL_GET, 0, LOCAL_GET, 1, I32_DIV_S).export("div").end()
                .function("rem", types(I32, I32), types(I32)).code(LOCAL_GET, 0, LOCAL_GET, 1, I32_REM_S).export("rem").end()
                .function("divu", types(I32, I32), types(I32)).code(LOCAL_GET, 0, LOCAL_GET, 1, I32_DIV_U).export("divu").end()
                .function("div64", types(I64, I64), types(I64)).code(LOCAL_GET, 0, LOCAL_GET, 1, I64_DIV_S).export("div64").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(-3, call(inst, "div", -7, 2));
        assertEquals(0, call(inst, "rem", Integer.MIN_VALUE, -1));
        assertEquals(Integer.MAX_VALUE, call(inst, "divu", -1, 2));
        Trap overflow = trap(inst, "div", Integer.MIN_VALUE, -1);
        assertEquals(TrapKind.INTEGER_OVERFLOW, overflow.kind());
        assertEquals("div", overflow.wasmBacktrace().get(0));
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(inst, "div", 1, 0).kind());
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(inst, "divu", 1, 0).kind());
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap(inst, "div64", Long.MIN_VALUE, -1L).kind());
        assertEquals(-4L, call(inst, "div64", -9L, 2L));
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void bitOperationsAndExtensions(int budget) {
        byte[] wasm = new WasmModuleBuilder()
                .function("rotl", types(I32, I32), types(I32)).code(LOCAL_GET, 0, LOCAL_GET, 1, I32_ROTL).export("rotl").end()
                .function("ext8", types(I32), types(I32)).code(LOCAL_GET, 0, I32_EXTEND8_S).export("ext8").end()
                .function("extu", types(I32), types(I64)).code(LOCAL_GET, 0, I64_EXTEND_I32_U).export("extu").end()
                .function("exts", types(I32), types(I64)).code(LOCAL_GET, 0, I64_EXTEND_I32_S).export("exts").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(0x00000003, call(inst, "rotl", 0x80000001, 33));
        assertEquals(-128, call(inst, "ext8", 0x1280));
        assertEquals(0xFFFFFFFFL, call(inst, "extu", -1));
        assertEquals(-1L, call(inst, "exts", -1));
    }

    // ---------------------------------------------------------------------------------------------
    // floats
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void signOperationsAndMemoryKeepNanPayloads(int budget) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, -1);
        byte[] wasm = b
                .function("neg", types(I32), types(I32))
                .code(LOCAL_GET, 0, F32_REINTERPRET_I32, F32_NEG, I32_REINTERPRET_F32).export("neg").end()
                .function("abs", types(I32), types(I32))
                .code(LOCAL_GET, 0, F32_REINTERPRET_I32, F32_ABS, I32_REINTERPRET_F32).export("abs").end()
                .function("copysign", types(I32, I32), types(I32))
                .code(LOCAL_GET, 0, F32_REINTERPRET_I32, LOCAL_GET, 1, F32_REINTERPRET_I32, F32_COPYSIGN,
                        I32_REINTERPRET_F32).export("copysign").end()
                // store as f32, load as f32, return the bits
                .function("roundtrip", types(I32), types(I32))
                .code(I32_CONST, 8, LOCAL_GET, 0, F32_REINTERPRET_I32, F32_STORE, 2, 0,
                        I32_CONST, 8, F32_LOAD, 2, 0, I32_REINTERPRET_F32).export("roundtrip").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        int snan = 0x7fa00001;
        assertEquals(0xffa00001, call(inst, "neg", snan));
        assertEquals(snan, call(inst, "abs", 0xffa00001));
        assertEquals(0xffa00001, call(inst, "copysign", snan, 0x80000000));
        assertEquals(snan, call(inst, "roundtrip", snan));
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void floatHelpers(int budget) {
        byte[] wasm = new WasmModuleBuilder()
                .function("min", types(F64, F64), types(F64)).code(LOCAL_GET, 0, LOCAL_GET, 1, F64_MIN).export("min").end()
                .function("nearest", types(F64), types(F64)).code(LOCAL_GET, 0, F64_NEAREST).export("nearest").end()
                .function("trunc", types(F32), types(I32)).code(LOCAL_GET, 0, I32_TRUNC_F32_S).export("trunc").end()
                .function("truncu", types(F64), types(I32)).code(LOCAL_GET, 0, I32_TRUNC_F64_U).export("truncu").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) call(inst, "min", 0.0, -0.0)));
        assertTrue(Double.isNaN((Double) call(inst, "min", Double.NaN, 1.0)));
        assertEquals(2.0, call(inst, "nearest", 2.5));
        assertEquals(-4.0, call(inst, "nearest", -3.5));
        assertEquals(Integer.MIN_VALUE, call(inst, "trunc", -2147483648f));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap(inst, "trunc", 2147483648f).kind());
        assertEquals(TrapKind.INVALID_CONVERSION_TO_INTEGER, trap(inst, "trunc", Float.NaN).kind());
        assertEquals(-1, call(inst, "truncu", 4294967295.9));
        assertEquals(0, call(inst, "truncu", -0.99));
        assertEquals(TrapKind.INTEGER_OVERFLOW, trap(inst, "truncu", 4294967296.0).kind());
    }

    // ---------------------------------------------------------------------------------------------
    // memory
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void effectiveAddressesHave33Bits(int budget) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, -1);
        byte[] wasm = b
                .function("load4", types(I32), types(I32)).code(LOCAL_GET, 0, I32_LOAD, 0, 4).export("load4").end()
                .function("store4", types(I32, I32), types()).code(LOCAL_GET, 0, LOCAL_GET, 1, I32_STORE, 0, 4)
                .export("store4").end()
                .function("loadHuge", types(I32), types(I32))
                .code(concat(new int[] {LOCAL_GET, 0, I32_LOAD8_U, 0}, uleb(0x80000000L))).export("loadHuge").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        call(inst, "store4", 65528, 0x12345678);
        assertEquals(0x12345678, call(inst, "load4", 65528));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap(inst, "load4", 65529).kind());
        // 0xFFFFFFFF + 4 must not wrap around to 3
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap(inst, "load4", -1).kind());
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap(inst, "store4", -4, 1).kind());
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap(inst, "loadHuge", 0).kind());
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void memoryGrowRefreshesTheCachedBuffer(int budget) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, 4);
        byte[] wasm = b
                .function("grow", types(), types(I32))
                // grow, store just past the first page, read it back and add memory.size
                .code(concat(new int[] {I32_CONST, 1, MEMORY_GROW, 0, DROP},
                        i32Const(65536), i32Const(41), new int[] {I32_STORE, 2, 0},
                        i32Const(65536), new int[] {I32_LOAD, 2, 0, MEMORY_SIZE, 0, I32_ADD}))
                .export("grow").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(43, call(inst, "grow"));
    }

    // ---------------------------------------------------------------------------------------------
    // control flow
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void branchesDropSurplusOperands(int budget) {
        byte[] wasm = new WasmModuleBuilder()
                // block (result i32): i64.const 99, i32.const 7, br_if 0 (local 0), drop, drop, i32.const 8
                .function("brif", types(I32), types(I32))
                .code(BLOCK, I32, I64_CONST, 9, I32_CONST, 7, LOCAL_GET, 0, BR_IF, 0, DROP, DROP, I32_CONST, 8, END)
                .export("brif").end()
                // outer(result i32) { inner(result i32) { f64.const, i32.const 5, br_table 0 1 1 (local 0) } +100 }
                .function("brtable", types(I32), types(I32))
                .code(concat(new int[] {BLOCK, I32, BLOCK, I32, F64_CONST}, new int[] {0, 0, 0, 0, 0, 0, 0xF8, 0x3F},
                        new int[] {I32_CONST, 5, LOCAL_GET, 0, BR_TABLE, 2, 0, 1, 1, END}, i32Const(100), new int[] {I32_ADD, END}))
                .export("brtable").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(7, call(inst, "brif", 1));
        assertEquals(8, call(inst, "brif", 0));
        assertEquals(105, call(inst, "brtable", 0));
        assertEquals(5, call(inst, "brtable", 1));
        assertEquals(5, call(inst, "brtable", -1));
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void loopsWithFusedUnsignedComparisons(int budget) {
        // sum = 0; i = 0; loop { sum += i; i++; br_if 0 (i <u n) }; return sum ^ (n >u 5 ? 1 : 0)
        byte[] wasm = new WasmModuleBuilder()
                .function("sum", types(I32), types(I32)).locals(2, I32)
                .code(LOOP, EMPTY_BLOCK,
                        LOCAL_GET, 2, LOCAL_GET, 1, I32_ADD, LOCAL_SET, 2,
                        LOCAL_GET, 1, I32_CONST, 1, I32_ADD, LOCAL_SET, 1,
                        LOCAL_GET, 1, LOCAL_GET, 0, I32_LT_U, BR_IF, 0,
                        END,
                        LOCAL_GET, 2, LOCAL_GET, 0, I32_CONST, 5, I32_GT_U, I32_XOR)
                .export("sum").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(4950 ^ 1, call(inst, "sum", 100));
        assertEquals(10, call(inst, "sum", 5));
        assertEquals(0, call(inst, "sum", 0)); // one iteration: i becomes 1, 1 <u 0 is false
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void ifElseWithFloatConditionTreatsNanAsFalse(int budget) {
        byte[] wasm = new WasmModuleBuilder()
                .function("lt", types(F32, F32), types(I32))
                .code(LOCAL_GET, 0, LOCAL_GET, 1, F32_LT, IF, I32, I32_CONST, 1, ELSE, I32_CONST, 2, END)
                .export("lt").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(1, call(inst, "lt", 1f, 2f));
        assertEquals(2, call(inst, "lt", 2f, 1f));
        assertEquals(2, call(inst, "lt", Float.NaN, 1f));
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void multiValueFunctionsAndBlocks(int budget) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int pair = b.function("pair", types(), types(I32, I64)).code(I32_CONST, 1, I64_CONST, 2).export("pair").end()
                .lastFunction();
        int blockType = b.typeIndex(types(I32, I32), types(I32, I32));
        byte[] wasm = b
                // call pair, widen the i32 and add: 3
                .function("sum", types(), types(I64)).locals(1, I64)
                .code(CALL, pair, LOCAL_SET, 0, I64_EXTEND_I32_S, LOCAL_GET, 0, I64_ADD).export("sum").end()
                // block [i32 i32] -> [i32 i32] swapping its parameters via locals, then subtract
                .function("swapsub", types(I32, I32), types(I32)).locals(2, I32)
                .code(LOCAL_GET, 0, LOCAL_GET, 1, BLOCK, blockType, LOCAL_SET, 2, LOCAL_SET, 3, LOCAL_GET, 2,
                        LOCAL_GET, 3, END, I32_SUB)
                .export("swapsub").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertArrayEquals(new Object[] {1, 2L}, (Object[]) call(inst, "pair"));
        assertEquals(3L, call(inst, "sum"));
        assertEquals(7, call(inst, "swapsub", 3, 10));
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void selectOnEveryWidthAndOnReferences(int budget) {
        byte[] wasm = new WasmModuleBuilder()
                .function("sel64", types(I64, I64, I32), types(I64))
                .code(LOCAL_GET, 0, LOCAL_GET, 1, LOCAL_GET, 2, SELECT).export("sel64").end()
                .function("selref", types(EXTERNREF, EXTERNREF, I32), types(EXTERNREF))
                .code(LOCAL_GET, 0, LOCAL_GET, 1, LOCAL_GET, 2, SELECT_T, 1, EXTERNREF).export("selref").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(1L, call(inst, "sel64", 1L, 2L, 5));
        assertEquals(2L, call(inst, "sel64", 1L, 2L, 0));
        Object a = new Object();
        assertSame(a, call(inst, "selref", a, null, 1));
        assertNull(call(inst, "selref", a, null, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void trapsCarryTheWasmBacktrace(int budget) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int inner = b.function("inner", types(), types()).code(UNREACHABLE).end().lastFunction();
        int middle = b.function("middle", types(), types()).code(CALL, inner).end().lastFunction();
        byte[] wasm = b.function("outer", types(), types()).code(CALL, middle).export("outer").end()
                .function("runaway", types(), types()).code(CALL, middle + 2).export("runaway").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        Trap t = trap(inst, "outer");
        assertEquals(TrapKind.UNREACHABLE, t.kind());
        assertEquals(java.util.List.of("inner", "middle", "outer"), t.wasmBacktrace());
        assertEquals(TrapKind.CALL_STACK_EXHAUSTED, trap(inst, "runaway").kind());
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void globalsOfTwoSlotTypes(int budget) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int g = b.global(I64, true, i64Const(5));
        byte[] wasm = b.function("bump", types(I64), types(I64))
                .code(GLOBAL_GET, g, LOCAL_GET, 0, I64_MUL, GLOBAL_SET, g, GLOBAL_GET, g).export("bump").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(15L, call(inst, "bump", 3L));
        assertEquals(30L, call(inst, "bump", 2L));
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void referencesTablesAndIndirectCalls(int budget) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int table = b.table(FUNCREF, 2, -1);
        int seven = b.function("seven", types(), types(I32)).code(I32_CONST, 7).end().lastFunction();
        int type = b.typeIndex(types(), types(I32));
        b.declarativeElements(seven);
        byte[] wasm = b
                // table.set 0 (ref.func seven); call_indirect at local 0
                .function("callAt", types(I32), types(I32))
                .code(I32_CONST, 0, REF_FUNC, seven, TABLE_SET, table, LOCAL_GET, 0, CALL_INDIRECT, type, table)
                .export("callAt").end()
                .function("isNull", types(I32), types(I32))
                .code(LOCAL_GET, 0, TABLE_GET, table, REF_IS_NULL).export("isNull").end()
                .function("get", types(I32), types(FUNCREF)).code(LOCAL_GET, 0, TABLE_GET, table).export("get").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(1, call(inst, "isNull", 0));
        assertEquals(7, call(inst, "callAt", 0));
        assertEquals(0, call(inst, "isNull", 0));
        assertTrue(call(inst, "get", 0) instanceof WasmFunction);
        assertEquals(TrapKind.UNINITIALIZED_ELEMENT, trap(inst, "callAt", 1).kind());
        assertEquals(TrapKind.UNDEFINED_ELEMENT, trap(inst, "callAt", 2).kind());
        assertEquals(TrapKind.TABLE_OUT_OF_BOUNDS, trap(inst, "isNull", 2).kind());
    }

    /** The tiny budget of the second runs really does split: the loop function above becomes regions. */
    @org.junit.jupiter.api.Test
    void tinyBudgetSplitsIntoRegions() {
        byte[] wasm = new WasmModuleBuilder()
                .function("sum", types(I32), types(I32)).locals(2, I32)
                .code(LOOP, EMPTY_BLOCK,
                        LOCAL_GET, 2, LOCAL_GET, 1, I32_ADD, LOCAL_SET, 2,
                        LOCAL_GET, 2, LOCAL_GET, 1, I32_ADD, LOCAL_SET, 2,
                        LOCAL_GET, 2, LOCAL_GET, 1, I32_ADD, LOCAL_SET, 2,
                        LOCAL_GET, 2, I32_CONST, 0, I32_XOR, I32_CONST, 0, I32_ADD, LOCAL_SET, 2,
                        LOCAL_GET, 2, I32_CONST, 0, I32_XOR, I32_CONST, 0, I32_ADD, LOCAL_SET, 2,
                        LOCAL_GET, 1, I32_CONST, 1, I32_ADD, LOCAL_SET, 1,
                        LOCAL_GET, 1, LOCAL_GET, 0, I32_LT_U, BR_IF, 0,
                        END, LOCAL_GET, 2)
                .export("sum").end()
                .build();
        assertEquals(0, regionMethods(compile(wasm, FunctionCodegen.DEFAULT_MAX_METHOD_BYTES)));
        Map<String, byte[]> split = compile(wasm, SPLIT_ALL);
        assertTrue(regionMethods(split) >= 2, "regions: " + regionMethods(split));
        assertEquals(3 * 4950, call(instantiate(split, Imports.none()), "sum", 100));
    }

    /**
     * Locals of every width written on one side of a region boundary are read on the other: a
     * parameter and locals set inside nested (outlined) blocks, one of them left by a branch that
     * leaves a surplus operand behind.
     */
    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void localsCrossRegionBoundaries(int budget) {
        final int i64TruncF32S = 0xAE;
        final int i64TruncF64S = 0xB0;
        final int f32ConvertI32S = 0xB2;
        final int f64ConvertI32S = 0xB7;
        final int i32GtS = 0x4A;
        byte[] wasm = new WasmModuleBuilder()
                .function("mix", types(I32), types(I64)).locals(1, I64).locals(1, F32).locals(1, F64).locals(1, I32)
                .code(concat(new int[] {
                    BLOCK, EMPTY_BLOCK,
                        LOCAL_GET, 0, I64_EXTEND_I32_S, LOCAL_SET, 1,
                        LOCAL_GET, 0, f32ConvertI32S, LOCAL_SET, 2,
                        BLOCK, EMPTY_BLOCK,
                            LOCAL_GET, 0, f64ConvertI32S, LOCAL_SET, 3,
                            LOCAL_GET, 0, I32_CONST, 1, I32_ADD, LOCAL_SET, 0,
                            I32_CONST, 42,
                            LOCAL_GET, 0, I32_CONST, 10, i32GtS, BR_IF, 1,
                            DROP,
                        END,
                        LOCAL_GET, 0, LOCAL_SET, 4,
                    END,
                    LOCAL_GET, 1,
                    LOCAL_GET, 2, i64TruncF32S, I64_ADD,
                    LOCAL_GET, 3, i64TruncF64S, I64_ADD,
                    LOCAL_GET, 4, I64_EXTEND_I32_S, I64_ADD,
                    LOCAL_GET, 0, I64_EXTEND_I32_S, I64_CONST, 0xE8, 0x07, I64_MUL, I64_ADD}))
                .export("mix").end()
                .build();
        Instance inst = instantiate(wasm, budget);
        assertEquals(3 + 3 + 3 + 4 + 4000L, call(inst, "mix", 3));
        assertEquals(20 + 20 + 20 + 0 + 21000L, call(inst, "mix", 20));
    }

    /**
     * A split function keeps its locals in JVM variables: a loop beside an outlined block reads
     * and writes its locals without touching the frame arrays, which only carry values across
     * the call to the region.
     */
    @org.junit.jupiter.api.Test
    void splitFunctionsKeepLocalsInJvmVariables() {
        int[] filler = new int[300 * 6];
        for (int k = 0; k < 300; k++) {
            System.arraycopy(new int[] {LOCAL_GET, 0, I32_CONST, 3, I32_MUL, DROP}, 0, filler, k * 6, 6);
        }
        byte[] wasm = new WasmModuleBuilder()
                .function("sum", types(I32), types(I32)).locals(2, I32)
                .code(concat(new int[] {BLOCK, EMPTY_BLOCK}, filler, new int[] {END,
                        LOOP, EMPTY_BLOCK,
                        LOCAL_GET, 1, LOCAL_GET, 2, I32_ADD, LOCAL_SET, 1,
                        LOCAL_GET, 2, I32_CONST, 1, I32_ADD, LOCAL_TEE, 2,
                        LOCAL_GET, 0, I32_LT_U, BR_IF, 0,
                        END, LOCAL_GET, 1}))
                .export("sum").end()
                .build();
        Map<String, byte[]> split = compile(wasm, 1000);
        assertTrue(regionMethods(split) >= 1, "regions: " + regionMethods(split));
        assertEquals(4950, call(instantiate(split, Imports.none()), "sum", 100));
        int[] arrayLoads = {-1};
        for (byte[] c : split.values()) {
            new ClassReader(c).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    if (!name.endsWith("sum")) {
                        return null;
                    }
                    arrayLoads[0] = 0;
                    return new MethodVisitor(Opcodes.ASM9) {
                        /** The constant pushed last: the array index, for a load from a frame array. */
                        int lastConstant = -1;

                        @Override
                        public void visitInsn(int opcode) {
                            if (opcode == Opcodes.LALOAD && lastConstant >= 0 && lastConstant < 3) {
                                arrayLoads[0]++; // a local's slot, not the transfer area after them
                            }
                            boolean constant = opcode >= Opcodes.ICONST_0 && opcode <= Opcodes.ICONST_5;
                            lastConstant = constant ? opcode - Opcodes.ICONST_0 : -1;
                        }

                        @Override
                        public void visitIntInsn(int opcode, int operand) {
                            lastConstant = opcode == Opcodes.NEWARRAY ? -1 : operand;
                        }

                        @Override
                        public void visitVarInsn(int opcode, int var) {
                            if (opcode != Opcodes.ALOAD) {
                                lastConstant = -1;
                            }
                        }
                    };
                }
            }, 0);
        }
        assertEquals(0, arrayLoads[0], "frame-array loads in the function's own method");
    }

    // ---------------------------------------------------------------------------------------------
    // unsupported input
    // ---------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void relaxedSimdIsRejectedAsUnsupported(int budget) {
        // i32x4.relaxed_trunc_f32x4_s (0xFD 0x101): a later proposal than WebAssembly 2.0
        byte[] wasm = new WasmModuleBuilder()
                .function("relaxed", types(V128), types(V128)).code(LOCAL_GET, 0, 0xFD, 0x81, 0x02).export("relaxed").end()
                .build();
        CompileException e = assertThrows(CompileException.class,
                () -> WasmCompiler.builder().build().compile(wasm));
        assertEquals(CompileException.Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("relaxed SIMD"), e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // unsigned comparison and division: exact, and without the JDK's unsigned helpers
    // ---------------------------------------------------------------------------------------------

    /** i32 lt_u, gt_u, le_u, ge_u and the i64 ones, in the order of {@link #UNSIGNED_NAMES}. */
    static final int[] UNSIGNED_COMPARES = {0x49, 0x4B, 0x4D, 0x4F, 0x54, 0x56, 0x58, 0x5A};
    static final String[] UNSIGNED_NAMES = {"lt", "gt", "le", "ge"};

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void unsignedComparisonsAndDivisionAreExactWithoutJdkUnsignedCalls(int budget) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        for (int k = 0; k < UNSIGNED_COMPARES.length; k++) {
            byte t = k < 4 ? I32 : I64;
            String n = (k < 4 ? "i32_" : "i64_") + UNSIGNED_NAMES[k % 4];
            // materialised as 0/1, and fused into an if (the compare-and-branch path)
            b.function(n, types(t, t), types(I32)).code(LOCAL_GET, 0, LOCAL_GET, 1, UNSIGNED_COMPARES[k]).export(n).end();
            b.function(n + "_if", types(t, t), types(I32))
                    .code(LOCAL_GET, 0, LOCAL_GET, 1, UNSIGNED_COMPARES[k], IF, I32, I32_CONST, 7, ELSE, I32_CONST, 3, END)
                    .export(n + "_if").end();
        }
        b.function("i32_div", types(I32, I32), types(I32)).code(LOCAL_GET, 0, LOCAL_GET, 1, 0x6E).export("i32_div").end();
        b.function("i32_rem", types(I32, I32), types(I32)).code(LOCAL_GET, 0, LOCAL_GET, 1, 0x70).export("i32_rem").end();
        b.function("i64_div", types(I64, I64), types(I64)).code(LOCAL_GET, 0, LOCAL_GET, 1, 0x80).export("i64_div").end();
        b.function("i64_rem", types(I64, I64), types(I64)).code(LOCAL_GET, 0, LOCAL_GET, 1, 0x82).export("i64_rem").end();
        // a br_table long enough for the compact form, whose range check is an unsigned compare:
        // 300 entries (LEB128 0xAC 0x02), even indices to depth 0, odd ones and the default to 1
        List<Integer> table = new java.util.ArrayList<>(List.of(BLOCK, (int) EMPTY_BLOCK, BLOCK, (int) EMPTY_BLOCK, LOCAL_GET, 0,
                BR_TABLE, 0xAC, 0x02));
        for (int e = 0; e < 300; e++) {
            table.add(e % 2);
        }
        table.addAll(List.of(1, END, I32_CONST, 10, RETURN, END, I32_CONST, 20));
        b.function("table", types(I32), types(I32)).code(table.stream().mapToInt(Integer::intValue).toArray())
                .export("table").end();
        Map<String, byte[]> classes = compile(b.build(), budget);
        assertEquals(List.of(), jdkUnsignedCalls(classes), "generated code calls the JDK's unsigned helpers");
        Instance inst = instantiate(classes, Imports.none());

        long[] edges = {0, 1, 2, 3, 7, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, -1, -2, Long.MIN_VALUE, Long.MAX_VALUE,
                Long.MIN_VALUE + 1, 0x1_0000_0000L, 0xFFFF_FFFF_0000_0000L, 0x8000_0000_0000_0001L, 1000000007L};
        java.util.Random random = new java.util.Random(42);
        List<long[]> pairs = new java.util.ArrayList<>();
        for (long x : edges) {
            for (long y : edges) {
                pairs.add(new long[] {x, y});
            }
        }
        for (int r = 0; r < 2000; r++) {
            // mixed magnitudes, so that quotients are small and large
            pairs.add(new long[] {random.nextLong(), random.nextLong() >>> random.nextInt(64)});
        }
        for (long[] p : pairs) {
            int xi = (int) p[0];
            int yi = (int) p[1];
            int[] ci = {Integer.compareUnsigned(xi, yi)};
            int[] cl = {Long.compareUnsigned(p[0], p[1])};
            for (int k = 0; k < 8; k++) {
                int c = k < 4 ? ci[0] : cl[0];
                boolean want = k % 4 == 0 ? c < 0 : k % 4 == 1 ? c > 0 : k % 4 == 2 ? c <= 0 : c >= 0;
                String n = (k < 4 ? "i32_" : "i64_") + UNSIGNED_NAMES[k % 4];
                Object[] args = k < 4 ? new Object[] {xi, yi} : new Object[] {p[0], p[1]};
                String what = n + Arrays.toString(p);
                assertEquals(want ? 1 : 0, call(inst, n, args), what);
                assertEquals(want ? 7 : 3, call(inst, n + "_if", args), what);
            }
            if (yi != 0) {
                assertEquals(Integer.divideUnsigned(xi, yi), call(inst, "i32_div", xi, yi), "i32.div_u " + xi + " " + yi);
                assertEquals(Integer.remainderUnsigned(xi, yi), call(inst, "i32_rem", xi, yi), "i32.rem_u " + xi + " " + yi);
            }
            if (p[1] != 0) {
                java.math.BigInteger x = new java.math.BigInteger(Long.toUnsignedString(p[0]));
                java.math.BigInteger y = new java.math.BigInteger(Long.toUnsignedString(p[1]));
                assertEquals(x.divide(y).longValue(), call(inst, "i64_div", p[0], p[1]), "i64.div_u " + Arrays.toString(p));
                assertEquals(x.mod(y).longValue(), call(inst, "i64_rem", p[0], p[1]), "i64.rem_u " + Arrays.toString(p));
            }
        }
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(inst, "i64_div", -1L, 0L).kind());
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(inst, "i64_rem", 5L, 0L).kind());
        assertEquals(TrapKind.INTEGER_DIVIDE_BY_ZERO, trap(inst, "i32_rem", -1, 0).kind());
        // depth 0 returns 10, depth 1 20; negative indices are huge unsigned ones: the default
        assertEquals(10, call(inst, "table", 0));
        assertEquals(20, call(inst, "table", 1));
        assertEquals(10, call(inst, "table", 298));
        for (int index : new int[] {299, 300, 301, -1, -300, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            assertEquals(20, call(inst, "table", index), "br_table index " + index);
        }
    }

    /** Calls to Integer/Long's {@code *Unsigned} methods in {@code classes}, as owner.name. */
    static List<String> jdkUnsignedCalls(Map<String, byte[]> classes) {
        List<String> found = new java.util.ArrayList<>();
        for (byte[] c : classes.values()) {
            new ClassReader(c).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int op, String owner, String m, String d, boolean itf) {
                            if ((owner.equals("java/lang/Integer") || owner.equals("java/lang/Long"))
                                    && (m.equals("compareUnsigned") || m.equals("divideUnsigned") || m.equals("remainderUnsigned"))) {
                                found.add(owner + "." + m);
                            }
                        }
                    };
                }
            }, 0);
        }
        return found;
    }
}
