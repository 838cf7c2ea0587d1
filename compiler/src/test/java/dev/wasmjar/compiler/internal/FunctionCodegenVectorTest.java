package dev.wasmjar.compiler.internal;

import static dev.wasmjar.compiler.internal.FunctionCodegenTest.SPLIT_ALL;
import static dev.wasmjar.compiler.internal.FunctionCodegenTest.call;
import static dev.wasmjar.compiler.internal.FunctionCodegenTest.compile;
import static dev.wasmjar.compiler.internal.FunctionCodegenTest.instantiate;
import static dev.wasmjar.compiler.internal.FunctionCodegenTest.regionMethods;
import static dev.wasmjar.compiler.internal.FunctionCodegenTest.trap;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.BLOCK;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.BR_IF;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.CALL;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.END;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.GLOBAL_GET;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.GLOBAL_SET;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32_ADD;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32_CONST;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32_LOAD8_U;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32_SUB;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.LOCAL_GET;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.LOCAL_SET;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.LOCAL_TEE;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.LOOP;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.SELECT;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.concat;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.V128;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code v128} values through every place a value can be — parameters, locals, block results,
 * {@code select}, loops, calls, multi-value results, globals and memory — compiled whole and
 * split into region methods (where locals travel in arrays), and met by Java as {@link V128}.
 * The lane arithmetic itself is the spec suite's job ({@code simd_*} scripts).
 */
class FunctionCodegenVectorTest {
    /** The value type byte of v128 (the class V128 takes the simple name). */
    private static final byte VEC = WasmModuleBuilder.V128;
    private static final int[] I32X4_ADD = {0xFD, 0xAE, 0x01};
    private static final int[] I32X4_SPLAT = {0xFD, 0x11};
    private static final int I32X4_EXTRACT_LANE = 0x1B;

    private static int[] v128Const(V128 v) {
        int[] c = new int[18];
        c[0] = 0xFD;
        c[1] = 0x0C;
        byte[] b = v.toBytes();
        for (int i = 0; i < 16; i++) {
            c[2 + i] = b[i] & 0xFF;
        }
        return c;
    }

    private static byte[] module() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, -1);
        int g = b.global("acc", VEC, true, v128Const(V128.ZERO));
        b.exportGlobal("acc", g);
        // add(a, b, c) = c ? a + b : a, through a local, a block result and select
        int add = b.function("add", types(VEC, VEC, I32), types(VEC)).locals(1, VEC)
                .code(concat(new int[] {LOCAL_GET, 0, LOCAL_GET, 1}, I32X4_ADD, new int[] {LOCAL_SET, 3,
                    BLOCK, VEC, LOCAL_GET, 3, LOCAL_GET, 0, LOCAL_GET, 2, SELECT, END}))
                .export("add").end().lastFunction();
        // triangle(n): a vector accumulates splat(n), splat(n - 1), ... in a loop; lane 2 is n(n+1)/2
        b.function("triangle", types(I32), types(I32)).locals(1, VEC)
                .code(concat(new int[] {LOOP, 0x40, LOCAL_GET, 1, LOCAL_GET, 0}, I32X4_SPLAT, I32X4_ADD,
                    new int[] {LOCAL_SET, 1, LOCAL_GET, 0, I32_CONST, 1, I32_SUB, LOCAL_TEE, 0, BR_IF, 0, END,
                        LOCAL_GET, 1, 0xFD, I32X4_EXTRACT_LANE, 2}))
                .export("triangle").end();
        // twice(a): lane 3 of add(a, a, 1), a call with vector arguments and result
        b.function("twice", types(VEC), types(I32))
                .code(concat(new int[] {LOCAL_GET, 0, LOCAL_GET, 0, I32_CONST, 1, CALL, add, 0xFD, I32X4_EXTRACT_LANE, 3}))
                .export("twice").end();
        // swap: multi-value with a vector
        int swap = b.function("swap", types(VEC, I32), types(I32, VEC)).code(LOCAL_GET, 1, LOCAL_GET, 0)
                .export("swap").end().lastFunction();
        b.function("swapped", types(), types(I32))
                .code(concat(v128Const(V128.ofInts(5, 6, 7, 8)), new int[] {I32_CONST, 7, CALL, swap,
                    0xFD, I32X4_EXTRACT_LANE, 1, I32_ADD}))
                .export("swapped").end();
        // bump(x): acc += splat(x); returns acc
        b.function("bump", types(I32), types(VEC))
                .code(concat(new int[] {GLOBAL_GET, g, LOCAL_GET, 0}, I32X4_SPLAT, I32X4_ADD,
                    new int[] {GLOBAL_SET, g, GLOBAL_GET, g}))
                .export("bump").end();
        // store(at, v) then load(at): whole-vector memory access
        b.function("store", types(I32, VEC), types()).code(LOCAL_GET, 0, LOCAL_GET, 1, 0xFD, 0x0B, 4, 0)
                .export("store").end();
        b.function("load", types(I32), types(VEC)).code(LOCAL_GET, 0, 0xFD, 0x00, 4, 0).export("load").end();
        b.function("byte", types(I32), types(I32)).code(LOCAL_GET, 0, I32_LOAD8_U, 0, 0).export("byte").end();
        return b.build();
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void vectorsFlowThroughEveryKindOfPlace(int budget) {
        Map<String, byte[]> classes = compile(module(), budget);
        if (budget == SPLIT_ALL) {
            assertTrue(regionMethods(classes) > 0, "the tiny budget splits functions");
        }
        Instance inst = instantiate(classes, Imports.none());
        V128 a = V128.ofInts(1, 2, 3, Integer.MAX_VALUE);
        V128 b = V128.ofInts(10, 20, 30, 1);
        assertEquals(V128.ofInts(11, 22, 33, Integer.MIN_VALUE), call(inst, "add", a, b, 1));
        assertEquals(a, call(inst, "add", a, b, 0));
        assertEquals(5050, call(inst, "triangle", 100));
        assertEquals(-2, call(inst, "twice", a));
        assertArrayEquals(new Object[] {9, V128.ofInts(1, 2, 3, 4)}, (Object[]) call(inst, "swap", V128.ofInts(1, 2, 3, 4), 9));
        assertEquals(13, call(inst, "swapped"));
        assertEquals(V128.ofInts(3, 3, 3, 3), call(inst, "bump", 3));
        assertEquals(V128.ofInts(-1, -1, -1, -1), call(inst, "bump", -4));
        assertEquals(V128.ofInts(-1, -1, -1, -1), inst.global("acc").get());
        V128 v = V128.of(0x0706050403020100L, 0x0F0E0D0C0B0A0908L);
        call(inst, "store", 100, v);
        assertEquals(v, call(inst, "load", 100));
        assertEquals(0x0F, call(inst, "byte", 115));
    }

    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void aPartlyOutOfBoundsVectorStoreTrapsAndWritesNothing(int budget) {
        Instance inst = instantiate(module(), budget);
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap(inst, "store", 65536 - 8, V128.of(-1, -1)).kind());
        assertEquals(0, call(inst, "byte", 65535));
        assertEquals(0, call(inst, "byte", 65528));
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap(inst, "load", 65536 - 15).kind());
        assertEquals(TrapKind.MEMORY_OUT_OF_BOUNDS, trap(inst, "load", -1).kind());
        assertEquals(V128.ZERO, call(inst, "load", 65536 - 16));
    }

    /**
     * i8x16.shuffle compiles its indices into shifts and masks: every index in every result
     * position (a pattern per index, rotated), runs that cross a half, and random patterns,
     * against picking bytes in Java.
     */
    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void shufflesPickTheIndexedBytes(int budget) {
        java.util.List<int[]> patterns = new java.util.ArrayList<>();
        for (int start = 0; start < 32; start++) {
            int[] p = new int[16];
            for (int k = 0; k < 16; k++) {
                p[k] = (start + k) % 32; // every index at every position, runs of all lengths
            }
            patterns.add(p);
            int[] q = new int[16];
            for (int k = 0; k < 16; k++) {
                q[k] = (start + 7 * k) % 32; // no two neighbours consecutive
            }
            patterns.add(q);
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int n = 0; n < 16; n++) {
            int[] p = new int[16];
            for (int k = 0; k < 16; k++) {
                p[k] = r.nextInt(32);
            }
            patterns.add(p);
        }
        WasmModuleBuilder b = new WasmModuleBuilder();
        for (int n = 0; n < patterns.size(); n++) {
            int[] code = new int[4 + 2 + 16];
            code[0] = LOCAL_GET;
            code[1] = 0;
            code[2] = LOCAL_GET;
            code[3] = 1;
            code[4] = 0xFD;
            code[5] = 0x0D;
            System.arraycopy(patterns.get(n), 0, code, 6, 16);
            b.function("s" + n, types(VEC, VEC), types(VEC)).code(code).export("s" + n).end();
        }
        Instance inst = instantiate(b.build(), budget);
        byte[] ab = new byte[32];
        for (int i = 0; i < 32; i++) {
            ab[i] = (byte) (0xA0 + i * 3);
        }
        V128 a = V128.ofBytes(java.util.Arrays.copyOfRange(ab, 0, 16));
        V128 bv = V128.ofBytes(java.util.Arrays.copyOfRange(ab, 16, 32));
        for (int n = 0; n < patterns.size(); n++) {
            byte[] want = new byte[16];
            for (int k = 0; k < 16; k++) {
                want[k] = ab[patterns.get(n)[k]];
            }
            int pattern = n;
            assertArrayEquals(want, ((V128) call(inst, "s" + n, a, bv)).toBytes(),
                    () -> "shuffle " + java.util.Arrays.toString(patterns.get(pattern)));
        }
    }

    /**
     * A function of f32x4 arithmetic runs in lane form: its lanes are JVM floats and ints, with
     * no call of the two-long float helpers left in the class; its result matches lane by lane.
     */
    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void f32x4ArithmeticRunsInLaneForm(int budget) {
        int[] f32x4Mul = {0xFD, 0xE6, 0x01};
        int[] f32x4Add = {0xFD, 0xE4, 0x01};
        int[] f32x4Splat = {0xFD, 0x13};
        // fma(a, b, n): acc = splat(0); n times acc = a * b + acc, through a lane-form local
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function("fma", types(VEC, VEC, I32), types(VEC)).locals(1, VEC)
                .code(concat(new int[] {0x43, 0, 0, 0, 0}, f32x4Splat, new int[] {LOCAL_SET, 3, LOOP, 0x40,
                    LOCAL_GET, 0, LOCAL_GET, 1}, f32x4Mul, new int[] {LOCAL_GET, 3}, f32x4Add,
                    new int[] {LOCAL_SET, 3, LOCAL_GET, 2, I32_CONST, 1, I32_SUB, LOCAL_TEE, 2, BR_IF, 0, END,
                        LOCAL_GET, 3}))
                .export("fma").end();
        Map<String, byte[]> classes = compile(b.build(), budget);
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            String text = new String(e.getValue(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(!text.contains("FloatLanes"), e.getKey() + " still calls the float lane helpers");
        }
        Instance inst = instantiate(classes, Imports.none());
        V128 x = V128.ofFloats(1.5f, -2f, 0.25f, Float.intBitsToFloat(0x7FA00001));
        V128 y = V128.ofFloats(2f, 3f, -4f, 1f);
        V128 r = (V128) call(inst, "fma", x, y, 3);
        assertEquals(9f, r.floatLane(0));
        assertEquals(-18f, r.floatLane(1));
        assertEquals(-3f, r.floatLane(2));
        assertTrue(Float.isNaN(r.floatLane(3)));
    }

    /** Edge lanes for the cross-check of the two forms: zeros, ones, extremes, NaNs of every class, infinities. */
    private static final int[] EDGE_LANES = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x80000000, 0x7F800000,
        0xFF800000, 0x7FC00000, 0xFFC00000, 0x7FA00001, 0xFFBFFFFF, 0x00000001, 0x807FFFFF, 0x3F800000, 0x4B7FFFFF, 31, 32, 33};

    /**
     * Every operation done in lane form gives bit for bit what the two-long form gives, on edge
     * lanes: each operation is compiled twice, alone (its function prefers lane form) and next to
     * unused byte-lane operations (so its function stays in two-long form), and both run on the
     * same inputs.
     */
    @org.junit.jupiter.api.Test
    void laneFormAndTwoLongFormAgreeOnEdgeLanes() {
        int[][] binaries = {{0xE4, 0x01}, {0xE5, 0x01}, {0xE6, 0x01}, {0xE7, 0x01}, {0xAE, 0x01}, {0xB1, 0x01},
            {0xB5, 0x01}, {0x4E}, {0x50}, {0x51}};
        int[][] shifts = {{0xAB, 0x01}, {0xAC, 0x01}, {0xAD, 0x01}};
        // two i8x16.add of constants, dropped: enough byte-lane work to keep a function in two-long form
        int[] halvesBallast = concat(v128Const(V128.ZERO), v128Const(V128.ZERO), new int[] {0xFD, 0x6E, DROP_OP},
            v128Const(V128.ZERO), v128Const(V128.ZERO), new int[] {0xFD, 0x6E, DROP_OP});
        WasmModuleBuilder b = new WasmModuleBuilder();
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int[] op : binaries) {
            int[] body = concat(new int[] {LOCAL_GET, 0, LOCAL_GET, 1, 0xFD}, op);
            String n = "b" + Integer.toHexString(op[0]);
            b.function(n + "_lanes", types(VEC, VEC), types(VEC)).code(body).export(n + "_lanes").end();
            b.function(n + "_halves", types(VEC, VEC), types(VEC)).code(concat(halvesBallast, body))
                    .export(n + "_halves").end();
            names.add(n);
        }
        for (int[] op : shifts) {
            int[] body = concat(new int[] {LOCAL_GET, 0, LOCAL_GET, 1, 0xFD}, op);
            String n = "s" + Integer.toHexString(op[0]);
            b.function(n + "_lanes", types(VEC, I32), types(VEC)).code(body).export(n + "_lanes").end();
            b.function(n + "_halves", types(VEC, I32), types(VEC)).code(concat(halvesBallast, body))
                    .export(n + "_halves").end();
        }
        // replace lane 2, then extract lane 1 and 2, through both forms
        int[] laneBody = {LOCAL_GET, 0, LOCAL_GET, 1, 0xFD, 0x1C, 2, 0xFD, 0x1B, 1, LOCAL_GET, 0, LOCAL_GET, 1, 0xFD, 0x1C, 2,
            0xFD, 0x1B, 2, I32_ADD};
        b.function("lane_lanes", types(VEC, I32), types(I32)).code(laneBody).export("lane_lanes").end();
        b.function("lane_halves", types(VEC, I32), types(I32)).code(concat(halvesBallast, laneBody))
                .export("lane_halves").end();
        for (int budget : new int[] {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL}) {
            Instance inst = instantiate(b.build(), budget);
            java.util.SplittableRandom r = new java.util.SplittableRandom(7);
            for (int k = 0; k < 200; k++) {
                V128 x = V128.ofInts(edge(r), edge(r), edge(r), edge(r));
                V128 y = V128.ofInts(edge(r), edge(r), edge(r), edge(r));
                for (String n : names) {
                    V128 want = (V128) call(inst, n + "_halves", x, y);
                    V128 got = (V128) call(inst, n + "_lanes", x, y);
                    boolean isFloat = n.startsWith("be");
                    for (int l = 0; l < 4; l++) {
                        if (isFloat && Float.isNaN(want.floatLane(l))) {
                            // which NaN operand an IEEE operation propagates is the JIT's choice (the
                            // spec allows any arithmetic NaN): both must be quiet NaNs
                            assertTrue((got.intLane(l) & 0x7FC00000) == 0x7FC00000, n + " " + x + ", " + y + ": " + got);
                        } else {
                            assertEquals(want.intLane(l), got.intLane(l), n + " lane " + l + ": " + x + ", " + y);
                        }
                    }
                }
                int count = edge(r);
                for (int[] op : shifts) {
                    String n = "s" + Integer.toHexString(op[0]);
                    assertEquals(call(inst, n + "_halves", x, count), call(inst, n + "_lanes", x, count), n + " " + x + " " + count);
                }
                assertEquals(call(inst, "lane_halves", x, count), call(inst, "lane_lanes", x, count));
            }
        }
    }

    private static final int DROP_OP = 0x1A;

    private static int edge(java.util.SplittableRandom r) {
        return r.nextInt(4) == 0 ? r.nextInt() : EDGE_LANES[r.nextInt(EDGE_LANES.length)];
    }

    /**
     * A lane-form local read onto the stack and then overwritten before the read value is used:
     * the value read must be the old one (a read borrows the local's variables until a write).
     */
    @ParameterizedTest
    @ValueSource(ints = {FunctionCodegen.DEFAULT_MAX_METHOD_BYTES, SPLIT_ALL})
    void aLaneFormLocalOverwrittenWhileItsValueIsOnTheStack(int budget) {
        int[] sub = {0xFD, 0xB1, 0x01};
        WasmModuleBuilder b = new WasmModuleBuilder();
        // L = a; M = b; push L; L = M; push L; sub  -> a - b
        b.function("early", types(VEC, VEC), types(VEC)).locals(2, VEC)
                .code(concat(new int[] {LOCAL_GET, 0, LOCAL_SET, 2, LOCAL_GET, 1, LOCAL_SET, 3, LOCAL_GET, 2,
                    LOCAL_GET, 3, LOCAL_SET, 2, LOCAL_GET, 2}, sub))
                .export("early").end();
        // L = a; push L; L = L - L (tee: 0) ; sub -> a - 0
        b.function("tee", types(VEC), types(VEC)).locals(1, VEC)
                .code(concat(new int[] {LOCAL_GET, 0, LOCAL_SET, 1, LOCAL_GET, 1, LOCAL_GET, 1, LOCAL_GET, 1}, sub,
                    new int[] {LOCAL_TEE, 1}, sub))
                .export("tee").end();
        Instance inst = instantiate(b.build(), budget);
        V128 x = V128.ofInts(10, 20, 30, 40);
        V128 y = V128.ofInts(1, 2, 3, 4);
        assertEquals(V128.ofInts(9, 18, 27, 36), call(inst, "early", x, y));
        assertEquals(x, call(inst, "tee", x));
    }
}
