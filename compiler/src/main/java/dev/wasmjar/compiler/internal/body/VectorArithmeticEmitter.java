package dev.wasmjar.compiler.internal.body;

import static dev.wasmjar.compiler.internal.body.VectorCode.FLOAT_LANES;
import static dev.wasmjar.compiler.internal.body.VectorCode.INT_LANES;
import static dev.wasmjar.compiler.internal.body.VectorCode.op;
import static org.objectweb.asm.Opcodes.*;

import dev.wasmjar.compiler.internal.body.VectorCode.Half;

/**
 * The lane-wise vector operators: bitwise operations and the integer and floating-point lane
 * arithmetic, comparisons, conversions, narrowing and widening. Bitwise operations and the
 * {@code i64x2} operations that are single JVM instructions are emitted inline on each half;
 * everything else calls the runtime's lane helpers ({@code IntLanes}, {@code FloatLanes}),
 * which are small enough for the JIT to inline. The table below is by sub-opcode, in the
 * order of the binary encoding.
 */
final class VectorArithmeticEmitter implements EmitterFamily {
    private EmitterTable table;

    @Override
    public void register(EmitterTable t) {
        table = t;
        bitwise();
        integerComparisons();
        floatComparisons();
        i8x16();
        i16x8();
        i32x4();
        i64x2();
        floats();
        conversions();
    }

    private void bitwise() {
        table.register(op(0x4D), (m, in) -> VectorCode.halfUnary(m, mv -> {
            mv.visitLdcInsn(-1L);
            mv.visitInsn(LXOR);
        }));
        table.register(op(0x4E), (m, in) -> VectorCode.halfBinary(m, VectorCode.insn(LAND)));
        table.register(op(0x4F), (m, in) -> VectorCode.halfBinary(m, mv -> { // andnot: a & ~b
            mv.visitLdcInsn(-1L);
            mv.visitInsn(LXOR);
            mv.visitInsn(LAND);
        }));
        table.register(op(0x50), (m, in) -> VectorCode.halfBinary(m, VectorCode.insn(LOR)));
        table.register(op(0x51), (m, in) -> VectorCode.halfBinary(m, VectorCode.insn(LXOR)));
        table.register(op(0x52), (m, in) -> bitselect(m));
        table.register(op(0x53), (m, in) -> VectorCode.reduce(m, mv -> { // any_true: (lo | hi) != 0
            mv.visitInsn(LOR);
            mv.visitInsn(LCONST_0);
            mv.visitInsn(LCMP);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(IAND);
        }));
    }

    /** bitselect(a, b, c) = (a & c) | (b & ~c), per half as b ^ ((a ^ b) & c). */
    private static void bitselect(MethodState m) {
        int mark = m.tempMark();
        int c = VectorCode.popVector(m);
        int b = VectorCode.popVector(m);
        int a = VectorCode.popVector(m);
        CodeSink mv = m.mv();
        for (int h = 0; h <= 2; h += 2) {
            mv.visitVarInsn(LLOAD, b + h);
            mv.visitVarInsn(LLOAD, a + h);
            mv.visitVarInsn(LLOAD, b + h);
            mv.visitInsn(LXOR);
            mv.visitVarInsn(LLOAD, c + h);
            mv.visitInsn(LAND);
            mv.visitInsn(LXOR);
        }
        VectorCode.pushVector(m);
        m.releaseTemps(mark);
    }

    private void integerComparisons() {
        String[] names = {"eq", "ne", "ltS", "ltU", "gtS", "gtU", "leS", "leU", "geS", "geU"};
        int[] widths = {8, 16, 32};
        for (int w = 0; w < widths.length; w++) {
            for (int i = 0; i < names.length; i++) {
                binary(0x23 + 10 * w + i, INT_LANES, names[i] + widths[w]);
            }
        }
        String[] i64 = {"eq64", "ne64", "ltS64", "gtS64", "leS64", "geS64"};
        for (int i = 0; i < i64.length; i++) {
            binary(0xD6 + i, INT_LANES, i64[i]);
        }
    }

    private void floatComparisons() {
        String[] names = {"eq", "ne", "lt", "gt", "le", "ge"};
        for (int i = 0; i < names.length; i++) {
            binary(0x41 + i, FLOAT_LANES, names[i] + "F32");
            binary(0x47 + i, FLOAT_LANES, names[i] + "F64");
        }
    }

    private void i8x16() {
        unary(0x60, INT_LANES, "abs8");
        unary(0x61, INT_LANES, "neg8");
        unary(0x62, INT_LANES, "popcnt8");
        reduce(0x63, "allTrue8");
        reduce(0x64, "bitmask8");
        narrow(0x65, INT_LANES, "narrowS16", false);
        narrow(0x66, INT_LANES, "narrowU16", false);
        shift(0x6B, "shl8");
        shift(0x6C, "shrS8");
        shift(0x6D, "shrU8");
        binaries(0x6E, "add8", "addSatS8", "addSatU8", "sub8", "subSatS8", "subSatU8");
        binaries(0x76, "minS8", "minU8", "maxS8", "maxU8");
        binary(0x7B, INT_LANES, "avgrU8");
        unary(0x7C, INT_LANES, "extaddPairwiseS8");
        unary(0x7D, INT_LANES, "extaddPairwiseU8");
    }

    private void i16x8() {
        unary(0x7E, INT_LANES, "extaddPairwiseS16");
        unary(0x7F, INT_LANES, "extaddPairwiseU16");
        unary(0x80, INT_LANES, "abs16");
        unary(0x81, INT_LANES, "neg16");
        binary(0x82, INT_LANES, "q15mulrSatS");
        reduce(0x83, "allTrue16");
        reduce(0x84, "bitmask16");
        narrow(0x85, INT_LANES, "narrowS32", false);
        narrow(0x86, INT_LANES, "narrowU32", false);
        extend(0x87, "S8");
        shift(0x8B, "shl16");
        shift(0x8C, "shrS16");
        shift(0x8D, "shrU16");
        binaries(0x8E, "add16", "addSatS16", "addSatU16", "sub16", "subSatS16", "subSatU16");
        binaries(0x95, "mul16", "minS16", "minU16", "maxS16", "maxU16");
        binary(0x9B, INT_LANES, "avgrU16");
        extmul(0x9C, "S8");
    }

    private void i32x4() {
        unary(0xA0, INT_LANES, "abs32");
        unary(0xA1, INT_LANES, "neg32");
        reduce(0xA3, "allTrue32");
        reduce(0xA4, "bitmask32");
        extend(0xA7, "S16");
        shift(0xAB, "shl32");
        shift(0xAC, "shrS32");
        shift(0xAD, "shrU32");
        binary(0xAE, INT_LANES, "add32");
        binary(0xB1, INT_LANES, "sub32");
        binaries(0xB5, "mul32", "minS32", "minU32", "maxS32", "maxU32", "dotS16");
        extmul(0xBC, "S16");
    }

    private void i64x2() {
        table.register(op(0xC0), (m, in) -> VectorCode.halfUnary(m, mv -> { // abs: (x ^ s) - s, s = x >> 63
            mv.visitInsn(DUP2);
            mv.visitIntInsn(BIPUSH, 63);
            mv.visitInsn(LSHR);
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(LXOR);
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(LSUB);
        }));
        table.register(op(0xC1), (m, in) -> VectorCode.halfUnary(m, VectorCode.insn(LNEG)));
        reduce(0xC3, "allTrue64");
        reduce(0xC4, "bitmask64");
        extend(0xC7, "S32");
        // the JVM's long shifts take the count mod 64, as wasm's i64x2 shifts do
        table.register(op(0xCB), (m, in) -> VectorCode.halfShift(m, VectorCode.insn(LSHL)));
        table.register(op(0xCC), (m, in) -> VectorCode.halfShift(m, VectorCode.insn(LSHR)));
        table.register(op(0xCD), (m, in) -> VectorCode.halfShift(m, VectorCode.insn(LUSHR)));
        table.register(op(0xCE), (m, in) -> VectorCode.halfBinary(m, VectorCode.insn(LADD)));
        table.register(op(0xD1), (m, in) -> VectorCode.halfBinary(m, VectorCode.insn(LSUB)));
        table.register(op(0xD5), (m, in) -> VectorCode.halfBinary(m, VectorCode.insn(LMUL)));
        extmul(0xDC, "S32");
    }

    private void floats() {
        String[] rounding = {"ceil", "floor", "trunc", "nearest"};
        for (int i = 0; i < rounding.length; i++) {
            unary(0x67 + i, FLOAT_LANES, rounding[i] + "F32");
        }
        unary(0x74, FLOAT_LANES, "ceilF64");
        unary(0x75, FLOAT_LANES, "floorF64");
        unary(0x7A, FLOAT_LANES, "truncF64");
        unary(0x94, FLOAT_LANES, "nearestF64");
        String[] unaries = {"abs", "neg", null, "sqrt"};
        String[] binaries = {"add", "sub", "mul", "div", "min", "max", "pmin", "pmax"};
        String[] suffix = {"F32", "F64"};
        for (int s = 0; s < 2; s++) {
            int base = 0xE0 + 12 * s;
            for (int i = 0; i < unaries.length; i++) {
                if (unaries[i] != null) {
                    unary(base + i, FLOAT_LANES, unaries[i] + suffix[s]);
                }
            }
            for (int i = 0; i < binaries.length; i++) {
                binary(base + 4 + i, FLOAT_LANES, binaries[i] + suffix[s]);
            }
        }
    }

    private void conversions() {
        narrow(0x5E, FLOAT_LANES, "demoteF64", true);
        widen(0x5F, false, FLOAT_LANES, "promoteLow", "promoteHigh");
        unary(0xF8, FLOAT_LANES, "truncSatF32S");
        unary(0xF9, FLOAT_LANES, "truncSatF32U");
        unary(0xFA, FLOAT_LANES, "convertI32S");
        unary(0xFB, FLOAT_LANES, "convertI32U");
        narrow(0xFC, FLOAT_LANES, "truncSatF64S", true);
        narrow(0xFD, FLOAT_LANES, "truncSatF64U", true);
        widen(0xFE, false, FLOAT_LANES, "convertLowS", "convertHighS");
        widen(0xFF, false, FLOAT_LANES, "convertLowU", "convertHighU");
    }

    // ---- registration by shape ------------------------------------------------------------------

    private void unary(int sub, String owner, String name) {
        Half f = VectorCode.unary(owner, name);
        table.register(op(sub), (m, in) -> VectorCode.halfUnary(m, f));
    }

    private void binary(int sub, String owner, String name) {
        Half f = VectorCode.binary(owner, name);
        table.register(op(sub), (m, in) -> VectorCode.halfBinary(m, f));
    }

    /** Consecutive sub-opcodes from {@code first}, each an IntLanes binary helper. */
    private void binaries(int first, String... names) {
        for (int i = 0; i < names.length; i++) {
            binary(first + i, INT_LANES, names[i]);
        }
    }

    private void shift(int sub, String name) {
        Half f = VectorCode.call(INT_LANES, name, "(JI)J");
        table.register(op(sub), (m, in) -> VectorCode.halfShift(m, f));
    }

    private void reduce(int sub, String name) {
        Half f = VectorCode.call(INT_LANES, name, "(JJ)I");
        table.register(op(sub), (m, in) -> VectorCode.reduce(m, f));
    }

    private void narrow(int sub, String owner, String name, boolean zero) {
        Half f = VectorCode.binary(owner, name);
        table.register(op(sub), (m, in) -> VectorCode.narrow(m, zero, f));
    }

    private void widen(int sub, boolean high, String owner, String low, String highName) {
        Half l = VectorCode.unary(owner, low);
        Half h = VectorCode.unary(owner, highName);
        table.register(op(sub), (m, in) -> VectorCode.widenUnary(m, high, l, h));
    }

    /** extend_low_s, extend_high_s, extend_low_u, extend_high_u from {@code first}; {@code from} e.g. "S8". */
    private void extend(int first, String from) {
        String u = "U" + from.substring(1);
        widen(first, false, INT_LANES, "extendLow" + from, "extendHigh" + from);
        widen(first + 1, true, INT_LANES, "extendLow" + from, "extendHigh" + from);
        widen(first + 2, false, INT_LANES, "extendLow" + u, "extendHigh" + u);
        widen(first + 3, true, INT_LANES, "extendLow" + u, "extendHigh" + u);
    }

    /** extmul_low_s, extmul_high_s, extmul_low_u, extmul_high_u from {@code first}. */
    private void extmul(int first, String from) {
        String u = "U" + from.substring(1);
        String[][] pairs = {{from, "false"}, {from, "true"}, {u, "false"}, {u, "true"}};
        for (int i = 0; i < 4; i++) {
            Half l = VectorCode.binary(INT_LANES, "extmulLow" + pairs[i][0]);
            Half h = VectorCode.binary(INT_LANES, "extmulHigh" + pairs[i][0]);
            boolean high = Boolean.parseBoolean(pairs[i][1]);
            table.register(op(first + i), (m, in) -> VectorCode.widenBinary(m, high, l, h));
        }
    }
}
