package dev.wasmjar.compiler.internal;

import static dev.wasmjar.compiler.internal.FunctionCodegenTest.call;
import static dev.wasmjar.compiler.internal.FunctionCodegenTest.compile;
import static dev.wasmjar.compiler.internal.FunctionCodegenTest.instantiate;
import static dev.wasmjar.compiler.internal.FunctionCodegenTest.regionMethods;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * Functions beyond what one JVM method can hold, and inputs that stress the generator's own
 * limits: all must compile (by splitting, never by interpreting), pass both verifiers and
 * compute the right result.
 */
class FunctionCodegenLargeTest {
    static final int LOOP = 0x03;
    static final int BR_TABLE = 0x0E;
    static final int I32_XOR = 0x73;
    static final int I32_MUL = 0x6C;
    static final int I32_EQ = 0x46;
    static final int I32_GE_U = 0x4F;
    static final int F64_ADD = 0xA0;
    static final int F64_CONVERT_I32_S = 0xB7;
    static final int I64_EXTEND_I32_S = 0xAC;
    static final int I32_WRAP_I64 = 0xA7;
    static final int DEFAULT = FunctionCodegen.DEFAULT_MAX_METHOD_BYTES;

    /** Appends raw bytes to a body under construction. */
    private static final class Code {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Code op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Code op(int[]... parts) {
            for (int[] p : parts) {
                op(p);
            }
            return this;
        }

        int[] ints() {
            byte[] b = out.toByteArray();
            int[] r = new int[b.length];
            for (int i = 0; i < b.length; i++) {
                r[i] = b[i] & 0xFF;
            }
            return r;
        }
    }

    /** The largest method code (bytes) among {@code classes}, read from the class files. */
    static int largestMethod(Map<String, byte[]> classes) {
        int max = 0;
        for (byte[] c : classes.values()) {
            ClassReader cr = new ClassReader(c);
            char[] buf = new char[cr.getMaxStringLength()];
            int u = cr.header + 6;
            u += 2 + 2 * cr.readUnsignedShort(u); // interfaces
            for (int pass = 0; pass < 2; pass++) { // fields, then methods
                int count = cr.readUnsignedShort(u);
                u += 2;
                for (int m = 0; m < count; m++) {
                    int attributes = cr.readUnsignedShort(u + 6);
                    u += 8;
                    for (int a = 0; a < attributes; a++) {
                        String name = cr.readUTF8(u, buf);
                        int length = cr.readInt(u + 2);
                        if (pass == 1 && "Code".equals(name)) {
                            max = Math.max(max, cr.readInt(u + 10));
                        }
                        u += 6 + length;
                    }
                }
            }
        }
        return max;
    }

    /** x = x * 31 ^ k, the step the straight-line test repeats. */
    private static int step(int x, int k) {
        return (x * 31) ^ k;
    }

    /**
     * 20 000 straight-line steps (well over 64 KiB of bytecode), with an early return in the
     * middle and blocks that branch out past several levels: split into many methods.
     */
    @Test
    void functionFarOver64KiBIsSplitAndCorrect() {
        int steps = 20_000;
        Code c = new Code();
        c.op(BLOCK, EMPTY_BLOCK);
        int expected = 7;
        int earlyAt = 12_345;
        for (int k = 0; k < steps; k++) {
            c.op(new int[] {LOCAL_GET, 1}, i32Const(31), new int[] {I32_MUL}, i32Const(k),
                    new int[] {I32_XOR, LOCAL_SET, 1});
            if (k == earlyAt) {
                // if (param == 1) return x ;  if (param == 2) br 1 (out of the outer block)
                c.op(LOCAL_GET, 0, I32_CONST, 1, I32_EQ, IF, EMPTY_BLOCK, LOCAL_GET, 1, RETURN, END);
                c.op(BLOCK, EMPTY_BLOCK, LOCAL_GET, 0, I32_CONST, 2, I32_EQ, BR_IF, 1, END);
            }
        }
        c.op(END);
        // after the outer block: x + param
        c.op(LOCAL_GET, 1, LOCAL_GET, 0, I32_ADD);
        byte[] wasm = new WasmModuleBuilder()
                .function("big", types(I32), types(I32)).locals(1, I32)
                .code(concat(new int[] {I32_CONST, 7, LOCAL_SET, 1}, c.ints())).export("big").end()
                .build();
        int[] atEarly = new int[1];
        for (int k = 0; k < steps; k++) {
            expected = step(expected, k);
            if (k == earlyAt) {
                atEarly[0] = expected;
            }
        }
        Map<String, byte[]> classes = compile(wasm, DEFAULT);
        assertTrue(regionMethods(classes) > 10, "split into regions: " + regionMethods(classes));
        int largest = largestMethod(classes);
        assertTrue(largest <= 65535, "largest method " + largest);
        Instance inst = FunctionCodegenTest.instantiate(classes, Imports.none());
        assertEquals(expected + 0, call(inst, "big", 0));
        assertEquals(atEarly[0], call(inst, "big", 1));
        assertEquals(atEarly[0] + 2, call(inst, "big", 2));
        assertEquals(expected + 3, call(inst, "big", 3));
    }

    /** The same body with the largest budget the JVM allows: still split (it cannot fit), still right. */
    @Test
    void functionOver64KiBWithTheLargestBudget() {
        int steps = 12_000;
        Code c = new Code();
        int expected = 0;
        for (int k = 0; k < steps; k++) {
            c.op(new int[] {LOCAL_GET, 0}, i32Const(31), new int[] {I32_MUL}, i32Const(k),
                    new int[] {I32_XOR, LOCAL_SET, 0});
            expected = step(expected, k);
        }
        c.op(LOCAL_GET, 0);
        byte[] wasm = new WasmModuleBuilder()
                .function("big", types(I32), types(I32)).code(c.ints()).export("big").end()
                .build();
        Map<String, byte[]> classes = compile(wasm, 65535);
        assertTrue(regionMethods(classes) >= 1);
        assertEquals(expected, call(FunctionCodegenTest.instantiate(classes, Imports.none()), "big", 0));
    }

    /** 5 000 locals of mixed types, each written and summed. */
    @Test
    void fiveThousandLocals() {
        int n = 5000;
        Code c = new Code();
        // local i (i64 for even i, f64 for odd i) = i
        for (int i = 0; i < n; i++) {
            int local = 1 + i;
            if (i % 2 == 0) {
                c.op(i64Const(i)).op(LOCAL_SET).op(uleb(local));
            } else {
                c.op(i32Const(i)).op(F64_CONVERT_I32_S, LOCAL_SET).op(uleb(local));
            }
        }
        // sum as f64: the i64 ones converted through i32
        c.op(F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0);
        for (int i = 0; i < n; i++) {
            int local = 1 + i;
            c.op(LOCAL_GET).op(uleb(local));
            if (i % 2 == 0) {
                c.op(I32_WRAP_I64, F64_CONVERT_I32_S);
            }
            c.op(F64_ADD);
        }
        WasmModuleBuilder b = new WasmModuleBuilder();
        WasmModuleBuilder.FunctionBuilder f = b.function("many", types(I32), types(F64));
        for (int i = 0; i < n; i++) {
            f.locals(1, i % 2 == 0 ? I64 : F64);
        }
        byte[] wasm = f.code(c.ints()).export("many").end().build();
        double expected = (double) n * (n - 1) / 2;
        for (int budget : new int[] {DEFAULT, 65535}) {
            Map<String, byte[]> classes = compile(wasm, budget);
            assertEquals(expected, call(FunctionCodegenTest.instantiate(classes, Imports.none()), "many", 0));
        }
    }

    /**
     * 1 000 nested blocks; the innermost branches out {@code param} levels, and the code after
     * each block's end counts how many ends were passed.
     */
    @Test
    void thousandNestedBlocks() {
        int depth = 1000;
        Code c = new Code();
        for (int i = 0; i < depth; i++) {
            c.op(BLOCK, EMPTY_BLOCK);
        }
        // br_table over all depths: param d exits d+1 blocks at once
        c.op(LOCAL_GET, 0, BR_TABLE).op(uleb(depth));
        for (int d = 0; d < depth; d++) {
            c.op(uleb(d));
        }
        c.op(uleb(depth - 1));
        for (int i = 0; i < depth; i++) {
            c.op(END, LOCAL_GET, 1, I32_CONST, 1, I32_ADD, LOCAL_SET, 1);
        }
        c.op(LOCAL_GET, 1);
        byte[] wasm = new WasmModuleBuilder()
                .function("nest", types(I32), types(I32)).locals(1, I32).code(c.ints()).export("nest").end()
                .build();
        for (int budget : new int[] {DEFAULT, 2000}) {
            Map<String, byte[]> classes = compile(wasm, budget);
            Instance inst = FunctionCodegenTest.instantiate(classes, Imports.none());
            assertEquals(depth, call(inst, "nest", 0));
            assertEquals(depth - 10, call(inst, "nest", 10));
            assertEquals(1, call(inst, "nest", depth - 1));
            assertEquals(1, call(inst, "nest", -5));
        }
    }

    /** Nesting far deeper than a recursive compiler could follow on its own stack (the reader allows 50 000). */
    @Test
    void fortyThousandNestedBlocksCompileIteratively() {
        int depth = 40_000;
        Code c = new Code();
        for (int i = 0; i < depth; i++) {
            c.op(BLOCK, EMPTY_BLOCK);
        }
        c.op(LOCAL_GET, 0, BR_IF).op(uleb(depth / 2));
        for (int i = 0; i < depth; i++) {
            c.op(END);
        }
        c.op(I32_CONST, 5);
        byte[] wasm = new WasmModuleBuilder()
                .function("deep", types(I32), types(I32)).code(c.ints()).export("deep").end()
                .build();
        Instance inst = instantiate(wasm, DEFAULT);
        assertEquals(5, call(inst, "deep", 0));
        assertEquals(5, call(inst, "deep", 1));
    }

    /** br_table with 10 000 targets into 10 blocks: block k's end returns k. */
    @Test
    void brTableWithTenThousandTargets() {
        int targets = 10_000;
        Code c = new Code();
        for (int i = 0; i < 10; i++) {
            c.op(BLOCK, EMPTY_BLOCK);
        }
        c.op(LOCAL_GET, 0, BR_TABLE).op(uleb(targets));
        for (int k = 0; k < targets; k++) {
            c.op(k * 7 % 10);
        }
        c.op(9);
        for (int k = 0; k < 10; k++) {
            c.op(END, I32_CONST, k, RETURN);
        }
        c.op(I32_CONST, 99);
        byte[] wasm = new WasmModuleBuilder()
                .function("table", types(I32), types(I32)).code(c.ints()).export("table").end()
                .build();
        for (int budget : new int[] {DEFAULT, 200}) {
            Map<String, byte[]> classes = compile(wasm, budget);
            assertTrue(largestMethod(classes) < 4000, "compact br_table: " + largestMethod(classes));
            Instance inst = FunctionCodegenTest.instantiate(classes, Imports.none());
            for (int k : new int[] {0, 1, 2, 3, 9, 1234, 9999}) {
                assertEquals(k * 7 % 10, call(inst, "table", k), "index " + k);
            }
            assertEquals(9, call(inst, "table", 10_000));
            assertEquals(9, call(inst, "table", -1));
        }
    }

    /**
     * Thousands of operands pile up on the stack in straight-line code: the ranges cut out of
     * it take and leave operand values (synthetic blocks with parameters and results).
     */
    @Test
    void deepOperandStackAcrossSplitRanges() {
        int n = 3000;
        Code c = new Code();
        long expected = 0;
        for (int k = 0; k < n; k++) {
            c.op(i64Const(k * 3L)).op(LOCAL_GET, 0, I64_EXTEND_I32_S, I64_ADD);
            expected += k * 3L + 11;
        }
        for (int k = 1; k < n; k++) {
            c.op(I64_ADD);
        }
        byte[] wasm = new WasmModuleBuilder()
                .function("pile", types(I32), types(I64)).code(c.ints()).export("pile").end()
                .build();
        for (int budget : new int[] {DEFAULT, 1000}) {
            Map<String, byte[]> classes = compile(wasm, budget, false);
            assertEquals(expected, call(FunctionCodegenTest.instantiate(classes, Imports.none()), "pile", 11));
        }
    }

    /** A hot loop whose body is split: branches back to the loop and out of it cross methods. */
    @Test
    void loopSplitAcrossMethodsKeepsItsState() {
        Code c = new Code();
        // loop: x = step(x, k) ^ i, 1000 times ; i++ ; br_if (i <u n) ; memory traps still convert
        c.op(LOOP, EMPTY_BLOCK);
        for (int k = 0; k < 1000; k++) {
            c.op(new int[] {LOCAL_GET, 2}, i32Const(31), new int[] {I32_MUL}, i32Const(k),
                    new int[] {I32_XOR, LOCAL_GET, 1, I32_XOR, LOCAL_SET, 2});
        }
        c.op(LOCAL_GET, 1, I32_CONST, 1, I32_ADD, LOCAL_TEE, 1, LOCAL_GET, 0, I32_GE_U, IF, EMPTY_BLOCK,
                LOCAL_GET, 2, RETURN, END, BR, 0, END, UNREACHABLE);
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, 1);
        byte[] wasm = b.function("hot", types(I32), types(I32)).locals(2, I32).code(c.ints()).export("hot").end()
                .function("oob", types(I32), types(I32))
                .code(LOCAL_GET, 0, I32_LOAD, 2, 0)
                .export("oob").end()
                .build();
        int n = 300;
        int x = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 1000; k++) {
                x = step(x, k) ^ i;
            }
        }
        for (int budget : new int[] {DEFAULT, 600}) {
            Map<String, byte[]> classes = compile(wasm, budget);
            assertTrue(regionMethods(classes) >= 1);
            Instance inst = FunctionCodegenTest.instantiate(classes, Imports.none());
            assertEquals(x, call(inst, "hot", n));
            Trap t = FunctionCodegenTest.trap(inst, "oob", 65535);
            assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, t.kind());
        }
    }
    /** Split functions keep reference locals in the Object[] frame and return several values from any region. */
    @Test
    void splitFunctionReturnsSeveralValuesAndKeepsReferences() {
        Code c = new Code();
        int expected = 1;
        for (int k = 0; k < 3000; k++) {
            c.op(new int[] {LOCAL_GET, 2}, i32Const(31), new int[] {I32_MUL}, i32Const(k),
                    new int[] {I32_XOR, LOCAL_SET, 2});
            expected = step(expected, k);
            if (k == 1500) {
                c.op(LOCAL_GET, 0, IF, EMPTY_BLOCK, LOCAL_GET, 2, I64_CONST, 6, LOCAL_GET, 1, RETURN, END);
            }
        }
        c.op(LOCAL_GET, 2, I64_CONST, 9, REF_NULL, EXTERNREF);
        byte[] wasm = new WasmModuleBuilder()
                .function("multi", types(I32, EXTERNREF), types(I32, I64, EXTERNREF)).locals(1, I32)
                .code(concat(new int[] {I32_CONST, 1, LOCAL_SET, 2}, c.ints())).export("multi").end()
                .build();
        int atReturn = 1;
        for (int k = 0; k <= 1500; k++) {
            atReturn = step(atReturn, k);
        }
        Object ref = "a host reference";
        for (int budget : new int[] {DEFAULT, 500}) {
            Map<String, byte[]> classes = compile(wasm, budget);
            assertTrue(regionMethods(classes) >= 2);
            Instance inst = FunctionCodegenTest.instantiate(classes, Imports.none());
            Object[] early = (Object[]) call(inst, "multi", 1, ref);
            assertEquals(atReturn, early[0]);
            assertEquals(6L, early[1]);
            assertEquals(ref, early[2]);
            Object[] late = (Object[]) call(inst, "multi", 0, ref);
            assertEquals(expected, late[0]);
            assertEquals(9L, late[1]);
            assertEquals(null, late[2]);
        }
    }
}
