package dev.wasmjar.compiler.internal.validate;

import com.dylibso.chicory.wasm.types.Instruction;

/**
 * Vector (SIMD) instructions, the {@code 0xFD} prefix: {@code v128} loads and stores (whole,
 * extending, splatting, zero-filling, per lane), constants, shuffles, lane access, and the
 * lane-wise operators. Registered by the binary encoding's sub-opcode ranges of equal
 * signature; lane immediates must be below the shape's lane count.
 */
final class VectorInstructions implements InstructionFamily {
    private static final OperandType V128 = OperandType.V128;
    private static final OperandType I32 = OperandType.I32;
    private static final OperandType I64 = OperandType.I64;
    private static final OperandType F32 = OperandType.F32;
    private static final OperandType F64 = OperandType.F64;

    private static final Signature UNARY = Signature.of(V128, null, V128);
    private static final Signature BINARY = Signature.of(V128, V128, V128);
    private static final Signature TERNARY = new Signature(new OperandType[] {V128, V128, V128}, new OperandType[] {V128});
    private static final Signature TEST = Signature.of(V128, null, I32);
    private static final Signature SHIFT = Signature.of(V128, I32, V128);
    private static final Signature LOAD = Signature.of(I32, null, V128);
    private static final Signature STORE = Signature.of(I32, V128, null);
    private static final Signature LOAD_LANE = Signature.of(I32, V128, V128);

    private InstructionTable table;

    @Override
    public void register(InstructionTable t) {
        table = t;
        memory();
        t.register(op(0x0C), Signature.producing(V128)); // v128.const
        t.register(op(0x0D), VectorInstructions::shuffle);
        lanes();
        range(UNARY, 0x4D, 0x4D, 0x5E, 0x62, 0x67, 0x6A, 0x74, 0x75, 0x7A, 0x7A, 0x7C, 0x81, 0x87, 0x8A, 0x94, 0x94,
                0xA0, 0xA1, 0xA7, 0xAA, 0xC0, 0xC1, 0xC7, 0xCA, 0xE0, 0xE1, 0xE3, 0xE3, 0xEC, 0xED, 0xEF, 0xEF, 0xF8, 0xFF);
        range(BINARY, 0x0E, 0x0E, 0x23, 0x4C, 0x4E, 0x51, 0x65, 0x66, 0x6E, 0x73, 0x76, 0x79, 0x7B, 0x7B, 0x82, 0x82,
                0x85, 0x86, 0x8E, 0x93, 0x95, 0x99, 0x9B, 0x9F, 0xAE, 0xAE, 0xB1, 0xB1, 0xB5, 0xBA, 0xBC, 0xBF,
                0xCE, 0xCE, 0xD1, 0xD1, 0xD5, 0xDF, 0xE4, 0xEB, 0xF0, 0xF7);
        range(TERNARY, 0x52, 0x52);
        range(TEST, 0x53, 0x53, 0x63, 0x64, 0x83, 0x84, 0xA3, 0xA4, 0xC3, 0xC4);
        range(SHIFT, 0x6B, 0x6D, 0x8B, 0x8D, 0xAB, 0xAD, 0xCB, 0xCD);
        OperandType[] splats = {I32, I32, I32, I64, F32, F64};
        for (int i = 0; i < splats.length; i++) {
            t.register(op(0x0F + i), Signature.of(splats[i], null, V128));
        }
    }

    private void memory() {
        // log2 of the access width of v128.load, the extending loads and the splats
        int[] loadWidths = {4, 3, 3, 3, 3, 3, 3, 0, 1, 2, 3};
        for (int i = 0; i < loadWidths.length; i++) {
            table.register(op(i), MemoryInstructions.access(loadWidths[i], LOAD));
        }
        table.register(op(0x0B), MemoryInstructions.access(4, STORE));
        table.register(op(0x5C), MemoryInstructions.access(2, LOAD)); // v128.load32_zero
        table.register(op(0x5D), MemoryInstructions.access(3, LOAD)); // v128.load64_zero
        for (int width = 0; width < 4; width++) {
            table.register(op(0x54 + width), laneAccess(width, LOAD_LANE));
            table.register(op(0x58 + width), laneAccess(width, STORE));
        }
    }

    /** {@code v128.loadN_lane}/{@code storeN_lane}: a memory argument, then the lane (operand 3). */
    private static InstructionRule laneAccess(int widthLog2, Signature effect) {
        InstructionRule access = MemoryInstructions.access(widthLog2, effect);
        int lanes = 16 >> widthLog2;
        return (in, f) -> {
            checkLane(in.operand(3), lanes);
            access.check(in, f);
        };
    }

    /** extract_lane and replace_lane of each shape: i8x16 (signed, unsigned), i16x8 (both), i32x4, i64x2, f32x4, f64x2. */
    private void lanes() {
        int code = 0x15;
        code = lanes(code, 16, I32, true);
        code = lanes(code, 8, I32, true);
        code = lanes(code, 4, I32, false);
        code = lanes(code, 2, I64, false);
        code = lanes(code, 4, F32, false);
        lanes(code, 2, F64, false);
    }

    /** Registers the lane instructions of one shape from {@code code}; returns the next code. */
    private int lanes(int code, int lanes, OperandType scalar, boolean signedAndUnsigned) {
        Signature extract = Signature.of(V128, null, scalar);
        Signature replace = Signature.of(V128, scalar, V128);
        for (int i = 0; i < (signedAndUnsigned ? 2 : 1); i++) {
            table.register(op(code++), withLane(lanes, extract));
        }
        table.register(op(code++), withLane(lanes, replace));
        return code;
    }

    private static InstructionRule withLane(int lanes, Signature effect) {
        return (in, f) -> {
            checkLane(in.operand(0), lanes);
            effect.apply(f.operands());
        };
    }

    /** i8x16.shuffle: 16 lane indices into the two operands' 32 bytes (Chicory: two little-endian longs). */
    private static void shuffle(Instruction in, FunctionValidator f) {
        for (int i = 0; i < 16; i++) {
            checkLane((in.operand(i / 8) >>> (8 * (i % 8))) & 0xFF, 32);
        }
        BINARY.apply(f.operands());
    }

    private static void checkLane(long lane, int lanes) {
        if (lane < 0 || lane >= lanes) {
            throw ValidationFailure.invalid("invalid lane index", lane + " (of " + lanes + " lanes)");
        }
    }

    /** Registers {@code rule} for each sub-opcode range {@code [first, last]} of {@code bounds}. */
    private void range(InstructionRule rule, int... bounds) {
        for (int i = 0; i < bounds.length; i += 2) {
            table.registerRange(0xFD00 + bounds[i], 0xFD00 + bounds[i + 1], rule);
        }
    }

    private static com.dylibso.chicory.wasm.types.OpCode op(int subOpcode) {
        return InstructionTable.opcode(0xFD00 + subOpcode);
    }
}
