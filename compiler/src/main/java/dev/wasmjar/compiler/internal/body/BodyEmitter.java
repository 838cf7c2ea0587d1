package dev.wasmjar.compiler.internal.body;

import dev.wasmjar.compiler.internal.WasmTypes;
import static dev.wasmjar.compiler.internal.RuntimeNames.*;
import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.ModuleContext;
import dev.wasmjar.runtime.ValueType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;

/**
 * Generates one JVM method from a range of a wasm function body: either the function's own
 * method, or the method of an outlined {@link Region}.
 *
 * <p>Wasm operand-stack values live on the JVM operand stack; the emitter tracks their types
 * (a persistent {@link StackNode} list) so it can write every stack map frame itself. Locals
 * are JVM locals; a function split into several methods also passes them between its methods
 * through shared frame arrays (see {@link Region}), and keeps them only there if it has too many
 * for JVM variables. Instructions are processed in one loop with an explicit control stack, so
 * deeply nested code cannot overflow the compiler's own stack. Code after an unconditional branch
 * is skipped up to the end of its block, because the JVM verifier would reject it.
 */
final class BodyEmitter {
    static final String OPS = "dev/wasmjar/runtime/internal/Ops";
    static final String VAR_HANDLE = "java/lang/invoke/VarHandle";
    static final String VAR_HANDLE_DESC = "Ljava/lang/invoke/VarHandle;";
    static final String LONG_ARRAY = "[J";
    static final String OBJECT_ARRAY = "[Ljava/lang/Object;";
    /** br_table with more entries than this maps indices through a string instead of a tableswitch. */
    static final int COMPACT_BR_TABLE = 256;
    private static final int STRING_CHUNK = 16384;
    /** Headroom above the tracked wasm stack for what single instructions push temporarily. */
    private static final int EXTRA_STACK = 24;

    private final ModuleContext ctx;
    private final FunctionInfo fn;
    private final CodeSink mv;
    private final Region self;
    private final SplitPlan plan;
    private final Recorder rec;
    private final boolean arrayLocals;
    private final boolean fuse;
    private final AnnotatedInstruction[] code;

    // local variable layout
    private int[] localSlot;
    private int instSlot;
    private int memSlot = -1;
    private int flSlot = -1;
    private int frSlot = -1;
    /** Split methods: where the exit code of an outlined region call is kept (an int in every frame). */
    private int codeSlot = -1;
    private Object[] frameLocals;
    /** Region methods keeping locals in JVM variables: the locals their own code writes. */
    private BitSet ownWritten;
    /** Region methods: the shared exit that stores {@link #ownWritten}, once something branches to it. */
    private Label exit;
    private int tempTop;
    private int maxLocals;

    // state
    private StackNode stack;
    private int maxStackSlots;
    private Ctl top;
    private boolean dead;
    private int deadNest;
    private int lowWater;
    private int current;
    /** End (exclusive) of the range this method covers. */
    private int runEnd;

    /**
     * @param plan the split plan, or null when the function is one method
     * @param self the region whose method this is, or null for the function's own method
     * @param rec where to record per-instruction facts, or null
     * @param arrayLocals whether all locals live in the frame arrays (only split functions with
     *     too many locals for JVM variables, and the planning pass)
     * @param fuse whether to fuse comparisons with a following {@code br_if} or {@code if}
     */
    BodyEmitter(ModuleContext ctx, FunctionInfo fn, CodeSink mv, SplitPlan plan, Region self, Recorder rec,
            boolean arrayLocals, boolean fuse) {
        this.ctx = ctx;
        this.fn = fn;
        this.mv = mv;
        this.plan = plan;
        this.self = self;
        this.rec = rec;
        this.arrayLocals = arrayLocals;
        this.fuse = fuse;
        this.code = fn.code;
    }

    // ============================================================================================
    // methods
    // ============================================================================================

    /** Emits the function's own method (visitCode .. visitEnd). */
    void emitFunction() {
        List<Object> fl = new ArrayList<>();
        int slot = 0;
        for (ValueType p : fn.params) {
            fl.add(Types.frameType(p));
            slot += WasmTypes.slots(p);
        }
        instSlot = slot++;
        fl.add(ctx.instanceClass());
        int paramFrameLocals = fl.size();
        Label tryStart = new Label();
        Label tryEnd = new Label();
        Label handler = new Label();
        mv.visitCode();
        // RuntimeException, not Throwable: a StackOverflowError must unwind natively (a handler in
        // each of hundreds of thousands of frames makes exhaustion take tens of seconds); it is
        // converted once where Java enters wasm (InstanceSupport.functionRef).
        mv.visitTryCatchBlock(tryStart, tryEnd, handler, "java/lang/RuntimeException");
        mv.visitLabel(tryStart);
        if (plan != null) {
            // the frame arrays: locals, then the transfer area for outlined regions
            flSlot = slot++;
            frSlot = slot++;
            fl.add(LONG_ARRAY);
            pushInt(plan.arraySize);
            mv.visitIntInsn(NEWARRAY, T_LONG);
            mv.visitVarInsn(ASTORE, flSlot);
            if (plan.needsRefs) {
                fl.add(OBJECT_ARRAY);
                pushInt(plan.arraySize);
                mv.visitTypeInsn(ANEWARRAY, Types.OBJECT);
            } else {
                fl.add(NULL);
                mv.visitInsn(ACONST_NULL);
            }
            mv.visitVarInsn(ASTORE, frSlot);
        }
        if (!arrayLocals) {
            // parameters stay where the caller put them; other locals are zeroed, like the frame
            // arrays, so a split function needs no extra stores for locals only regions use
            localSlot = new int[fn.locals.length];
            java.util.Arrays.fill(localSlot, -1);
            int s = 0;
            for (int i = 0; i < fn.params.length; i++) {
                localSlot[i] = s;
                s += WasmTypes.slots(fn.params[i]);
            }
            BitSet own = plan == null ? null : ownLocals(0, code.length, null);
            for (int i = fn.params.length; i < fn.locals.length; i++) {
                if (own != null && !own.get(i)) {
                    continue;
                }
                ValueType t = fn.locals[i];
                localSlot[i] = slot;
                slot += WasmTypes.slots(t);
                fl.add(Types.frameType(t));
                mv.visitInsn(Types.zeroOp(t));
                mv.visitVarInsn(Types.storeOp(t), localSlot[i]);
            }
        } else {
            int s = 0;
            for (int i = 0; i < fn.params.length; i++) {
                ValueType t = fn.params[i];
                mv.visitVarInsn(Types.loadOp(t), s);
                s += WasmTypes.slots(t);
                arrayPut(i, t);
            }
        }
        if (fn.usesMemory) {
            memSlot = slot++;
            fl.add("[B");
            reloadMemory();
        }
        if (plan != null) {
            codeSlot = slot++;
            fl.add(INTEGER);
            mv.visitInsn(ICONST_0);
            mv.visitVarInsn(ISTORE, codeSlot);
        }
        frameLocals = fl.toArray();
        tempTop = slot;
        maxLocals = slot;

        top = new Ctl(null, Ctl.FUNC, 0, Types.NONE, fn.results, null);
        run(0, code.length);
        if (!dead) {
            throw new IllegalStateException("function body fell off its end");
        }
        mv.visitLabel(tryEnd);
        mv.visitLabel(handler);
        Object[] handlerLocals = new Object[paramFrameLocals];
        System.arraycopy(frameLocals, 0, handlerLocals, 0, paramFrameLocals);
        mv.visitFrame(F_NEW, handlerLocals.length, handlerLocals, 1, new Object[] {"java/lang/RuntimeException"});
        mv.visitLdcInsn(fn.name);
        mv.visitMethodInsn(INVOKESTATIC, "dev/wasmjar/runtime/Trap", "unwind",
                "(Ljava/lang/RuntimeException;Ljava/lang/String;)Ljava/lang/RuntimeException;", false);
        mv.visitInsn(ATHROW);
        mv.visitMaxs(Math.max(maxStackSlots, 1) + EXTRA_STACK, maxLocals);
        mv.visitEnd();
    }

    /** The descriptor of every region method. */
    static String regionDescriptor(ModuleContext ctx) {
        return "([J[Ljava/lang/Object;" + ctx.instanceDescriptor() + ")I";
    }

    /**
     * Emits the method of region {@link #self}. It has no exception handler: raw JVM errors
     * propagate to the function's own method, whose handler converts them, so the backtrace
     * names the function once.
     */
    void emitRegion() {
        flSlot = 0;
        frSlot = 1;
        instSlot = 2;
        int slot = 3;
        List<Object> fl = new ArrayList<>();
        fl.add(LONG_ARRAY);
        fl.add(OBJECT_ARRAY);
        fl.add(ctx.instanceClass());
        mv.visitCode();
        if (fn.usesMemory) {
            memSlot = slot++;
            fl.add("[B");
            reloadMemory();
        }
        codeSlot = slot++;
        fl.add(INTEGER);
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, codeSlot);
        if (!arrayLocals) {
            // the locals this method's own code uses, from the frame arrays
            localSlot = new int[fn.locals.length];
            java.util.Arrays.fill(localSlot, -1);
            ownWritten = new BitSet();
            BitSet own = ownLocals(self.start, self.end, ownWritten);
            for (int i = own.nextSetBit(0); i >= 0; i = own.nextSetBit(i + 1)) {
                ValueType t = fn.locals[i];
                localSlot[i] = slot;
                slot += WasmTypes.slots(t);
                fl.add(Types.frameType(t));
            }
            fillLocals(own);
        }
        frameLocals = fl.toArray();
        tempTop = slot;
        maxLocals = slot;
        for (int j = 0; j < self.params.length; j++) {
            loadTransfer(j, self.params[j]);
        }
        top = new Ctl(null, Ctl.REGION, self.outer.depth, self.params, self.results, null);
        run(self.start, self.end);
        if (!dead) {
            if (StackNode.height(stack) != self.results.length) {
                throw new IllegalStateException("region " + self.start + ".." + self.end + " of " + fn.name
                        + " ends with " + StackNode.height(stack) + " values, expected " + self.results.length);
            }
            for (int j = self.results.length - 1; j >= 0; j--) {
                storeTransfer(j, pop());
            }
            mv.visitInsn(ICONST_M1);
            leaveRegion();
        }
        if (exit != null) {
            // the shared exit: the locals this method wrote go back to the frame arrays
            mv.visitLabel(exit);
            frame(null);
            spillLocals(ownWritten);
            mv.visitVarInsn(ILOAD, codeSlot);
            mv.visitInsn(IRETURN);
        }
        mv.visitMaxs(Math.max(maxStackSlots, 1) + EXTRA_STACK, maxLocals);
        mv.visitEnd();
    }

    /**
     * The locals the code of this method itself (not of the regions it calls) reads or writes in
     * {@code [start, end)}; those it writes are added to {@code written} if not null.
     */
    private BitSet ownLocals(int start, int end, BitSet written) {
        BitSet accessed = new BitSet();
        BitSet w = written == null ? new BitSet() : written;
        for (int i = start; i < end; i++) {
            Region child = plan == null ? null : plan.childAt(i, self);
            if (child != null) {
                i = child.end - 1;
                continue;
            }
            fn.localsUsed(i, i + 1, accessed, w);
        }
        return accessed;
    }

    /**
     * Returns from a region method with the exit code on the stack (above the tracked operands),
     * after the locals it wrote went back to the frame arrays (through one shared exit, to keep
     * the method small).
     */
    private void leaveRegion() {
        if (arrayLocals || ownWritten.isEmpty()) {
            mv.visitInsn(IRETURN);
            return;
        }
        mv.visitVarInsn(ISTORE, codeSlot);
        // a branch may leave operands below its own values; the shared exit expects none
        for (StackNode n = stack; n != null; n = n.below) {
            mv.visitInsn(WasmTypes.slots(n.type) == 2 ? POP2 : POP);
        }
        if (exit == null) {
            exit = new Label();
        }
        mv.visitJumpInsn(GOTO, exit);
    }

    // ============================================================================================
    // the instruction loop
    // ============================================================================================

    private void run(int start, int end) {
        runEnd = end;
        for (int i = start; i < end; i++) {
            current = i;
            if (rec != null) {
                rec.offset[i] = mv.size;
                rec.live[i] = !dead;
                rec.stack[i] = stack;
                rec.ctl[i] = top;
            }
            AnnotatedInstruction in = code[i];
            OpCode op = in.opcode();
            if (dead) {
                skipDead(op);
                continue;
            }
            lowWater = StackNode.height(stack);
            Region child = plan == null ? null : plan.childAt(i, self);
            if (child != null) {
                emitStub(child);
                if (rec != null) {
                    rec.low[i] = lowWater;
                }
                i = child.end - 1;
                continue;
            }
            i = emit(i, in, op);
            if (rec != null) {
                rec.low[current] = lowWater;
            }
        }
        if (rec != null) {
            rec.offset[end] = mv.size;
            rec.live[end] = !dead;
            rec.stack[end] = stack;
            rec.ctl[end] = top;
        }
    }

    private void skipDead(OpCode op) {
        switch (op) {
            case BLOCK:
            case LOOP:
            case IF:
                deadNest++;
                break;
            case ELSE:
                if (deadNest == 0) {
                    doElse();
                }
                break;
            case END:
                if (deadNest > 0) {
                    deadNest--;
                } else {
                    doEnd();
                }
                break;
            default:
                break;
        }
    }

    /** Emits instruction {@code i}; returns the last instruction index it consumed. */
    private int emit(int i, AnnotatedInstruction in, OpCode op) {
        switch (op) {
            // ---- control ------------------------------------------------------------------------
            case UNREACHABLE:
                mv.visitMethodInsn(INVOKESTATIC, OPS, "unreachable", "()Ldev/wasmjar/runtime/Trap;", false);
                mv.visitInsn(ATHROW);
                dead = true;
                return i;
            case NOP:
                return i;
            case BLOCK:
            case LOOP:
                enterBlock(op == OpCode.BLOCK ? Ctl.BLOCK : Ctl.LOOP, in.operand(0));
                return i;
            case IF:
                pop();
                enterIf(in.operand(0), IFEQ);
                return i;
            case ELSE:
                doElse();
                return i;
            case END:
                doEnd();
                return i;
            case BR:
                branch((int) in.operand(0));
                dead = true;
                return i;
            case BR_IF:
                pop();
                branchIf((int) in.operand(0), IFNE);
                return i;
            case BR_TABLE:
                brTable(in.operands());
                return i;
            case RETURN:
                record(0);
                emitReturn();
                return i;
            case CALL: {
                int f = (int) in.operand(0);
                var type = ctx.functionType(f);
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitCall(mv, f);
                afterCall(Types.of(type.params()), Types.of(type.returns()));
                return i;
            }
            case CALL_INDIRECT: {
                int typeIndex = (int) in.operand(0);
                int table = (int) in.operand(1);
                var type = ctx.type(typeIndex);
                pop(); // the table index
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitCallIndirect(mv, typeIndex, table);
                afterCall(Types.of(type.params()), Types.of(type.returns()));
                return i;
            }
            case DROP: {
                ValueType t = pop();
                mv.visitInsn(WasmTypes.slots(t) == 2 ? POP2 : POP);
                return i;
            }
            case SELECT:
            case SELECT_T:
                select();
                return i;

            // ---- variables ----------------------------------------------------------------------
            case LOCAL_GET:
                localGet((int) in.operand(0));
                return i;
            case LOCAL_SET:
                localSet((int) in.operand(0));
                return i;
            case LOCAL_TEE: {
                int idx = (int) in.operand(0);
                ValueType t = fn.localType(idx);
                touch(1);
                mv.visitInsn(WasmTypes.slots(t) == 2 ? DUP2 : DUP);
                push(t);
                localSet(idx);
                return i;
            }
            case GLOBAL_GET: {
                int g = (int) in.operand(0);
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitGlobalGet(mv, g);
                push(ctx.globalType(g));
                return i;
            }
            case GLOBAL_SET: {
                int g = (int) in.operand(0);
                ValueType t = pop();
                mv.visitVarInsn(ALOAD, instSlot);
                if (WasmTypes.slots(t) == 2) {
                    mv.visitInsn(DUP_X2);
                    mv.visitInsn(POP);
                } else {
                    mv.visitInsn(SWAP);
                }
                ctx.emitGlobalSet(mv, g);
                return i;
            }

            // ---- tables and references ----------------------------------------------------------
            case TABLE_GET: {
                int t = (int) in.operand(0);
                pop();
                pushTable(t);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "tableGet", "(I" + TABLE_DESC + ")Ljava/lang/Object;", false);
                ValueType et = ctx.tableElementType(t);
                if (et == ValueType.FUNCREF) {
                    mv.visitTypeInsn(CHECKCAST, WASM_FUNCTION);
                }
                push(et);
                return i;
            }
            case TABLE_SET:
                pop();
                pop();
                pushTable((int) in.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "tableSet", "(ILjava/lang/Object;" + TABLE_DESC + ")V", false);
                return i;
            case TABLE_SIZE:
                pushTable((int) in.operand(0));
                mv.visitMethodInsn(INVOKEVIRTUAL, TABLE, "size", "()I", false);
                push(ValueType.I32);
                return i;
            case TABLE_GROW:
                pop();
                pop();
                pushTable((int) in.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "tableGrow", "(Ljava/lang/Object;I" + TABLE_DESC + ")I", false);
                push(ValueType.I32);
                return i;
            case TABLE_FILL:
                pop();
                pop();
                pop();
                pushTable((int) in.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "tableFill", "(ILjava/lang/Object;I" + TABLE_DESC + ")V", false);
                return i;
            case TABLE_COPY:
                pop();
                pop();
                pop();
                pushTable((int) in.operand(0));
                pushTable((int) in.operand(1));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "tableCopy", "(III" + TABLE_DESC + TABLE_DESC + ")V", false);
                return i;
            case TABLE_INIT:
                pop();
                pop();
                pop();
                pushTable((int) in.operand(1));
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitElementSegment(mv, (int) in.operand(0));
                mv.visitMethodInsn(INVOKESTATIC, OPS, "tableInit", "(III" + TABLE_DESC + "[Ljava/lang/Object;)V", false);
                return i;
            case ELEM_DROP:
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitElementDrop(mv, (int) in.operand(0));
                return i;
            case REF_NULL:
                mv.visitInsn(ACONST_NULL);
                push(heapType(in.operand(0)));
                return i;
            case REF_IS_NULL:
                pop();
                return condition(i, IFNULL);
            case REF_FUNC:
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitFunctionRef(mv, (int) in.operand(0));
                push(ValueType.FUNCREF);
                return i;

            // ---- memory -------------------------------------------------------------------------
            case I32_LOAD:
                load(in, "INT", "I", ValueType.I32);
                return i;
            case I64_LOAD:
                load(in, "LONG", "J", ValueType.I64);
                return i;
            case F32_LOAD:
                load(in, "INT", "I", ValueType.F32);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                return i;
            case F64_LOAD:
                load(in, "LONG", "J", ValueType.F64);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                return i;
            case I32_LOAD8_S:
                loadByte(in, ValueType.I32);
                return i;
            case I32_LOAD8_U:
                loadByte(in, ValueType.I32);
                pushInt(0xFF);
                mv.visitInsn(IAND);
                return i;
            case I32_LOAD16_S:
                load(in, "SHORT", "S", ValueType.I32);
                return i;
            case I32_LOAD16_U:
                load(in, "SHORT", "S", ValueType.I32);
                pushInt(0xFFFF);
                mv.visitInsn(IAND);
                return i;
            case I64_LOAD8_S:
                loadByte(in, ValueType.I64);
                mv.visitInsn(I2L);
                return i;
            case I64_LOAD8_U:
                loadByte(in, ValueType.I64);
                pushInt(0xFF);
                mv.visitInsn(IAND);
                mv.visitInsn(I2L);
                return i;
            case I64_LOAD16_S:
                load(in, "SHORT", "S", ValueType.I64);
                mv.visitInsn(I2L);
                return i;
            case I64_LOAD16_U:
                load(in, "SHORT", "S", ValueType.I64);
                pushInt(0xFFFF);
                mv.visitInsn(IAND);
                mv.visitInsn(I2L);
                return i;
            case I64_LOAD32_S:
                load(in, "INT", "I", ValueType.I64);
                mv.visitInsn(I2L);
                return i;
            case I64_LOAD32_U:
                load(in, "INT", "I", ValueType.I64);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
                return i;
            case I32_STORE:
                store(in, "INT", "I", 0);
                return i;
            case I64_STORE:
                store(in, "LONG", "J", 0);
                return i;
            case F32_STORE:
                store(in, "INT", "I", F2I_BITS);
                return i;
            case F64_STORE:
                store(in, "LONG", "J", D2L_BITS);
                return i;
            case I32_STORE8:
                store(in, null, null, 0);
                return i;
            case I32_STORE16:
                store(in, "SHORT", "S", I2S);
                return i;
            case I64_STORE8:
                store(in, null, null, L2I);
                return i;
            case I64_STORE16:
                store(in, "SHORT", "S", L2I_I2S);
                return i;
            case I64_STORE32:
                store(in, "INT", "I", L2I);
                return i;
            case MEMORY_SIZE:
                mv.visitVarInsn(ALOAD, memSlot);
                mv.visitInsn(ARRAYLENGTH);
                pushInt(16);
                mv.visitInsn(IUSHR);
                push(ValueType.I32);
                return i;
            case MEMORY_GROW:
                pop();
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitMemory(mv);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "memoryGrow", "(IL" + MEMORY + ";)I", false);
                reloadMemory();
                push(ValueType.I32);
                return i;
            case MEMORY_FILL:
                pop();
                pop();
                pop();
                mv.visitVarInsn(ALOAD, memSlot);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "memoryFill", "(III[B)V", false);
                return i;
            case MEMORY_COPY:
                pop();
                pop();
                pop();
                mv.visitVarInsn(ALOAD, memSlot);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "memoryCopy", "(III[B)V", false);
                return i;
            case MEMORY_INIT:
                pop();
                pop();
                pop();
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitDataSegment(mv, (int) in.operand(0));
                mv.visitVarInsn(ALOAD, memSlot);
                mv.visitMethodInsn(INVOKESTATIC, OPS, "memoryInit", "(III[B[B)V", false);
                return i;
            case DATA_DROP:
                mv.visitVarInsn(ALOAD, instSlot);
                ctx.emitDataDrop(mv, (int) in.operand(0));
                return i;

            // ---- constants ----------------------------------------------------------------------
            case I32_CONST:
                pushInt((int) in.operand(0));
                push(ValueType.I32);
                return i;
            case I64_CONST:
                pushLong(in.operand(0));
                push(ValueType.I64);
                return i;
            case F32_CONST:
                pushFloat((int) in.operand(0));
                push(ValueType.F32);
                return i;
            case F64_CONST:
                pushDouble(in.operand(0));
                push(ValueType.F64);
                return i;

            // ---- comparisons --------------------------------------------------------------------
            case I32_EQZ:
                pop();
                return condition(i, IFEQ);
            case I32_EQ:
                return condition(i, intCompare(IF_ICMPEQ));
            case I32_NE:
                return condition(i, intCompare(IF_ICMPNE));
            case I32_LT_S:
                return condition(i, intCompare(IF_ICMPLT));
            case I32_GT_S:
                return condition(i, intCompare(IF_ICMPGT));
            case I32_LE_S:
                return condition(i, intCompare(IF_ICMPLE));
            case I32_GE_S:
                return condition(i, intCompare(IF_ICMPGE));
            case I32_LT_U:
                return condition(i, unsignedIntCompare(IF_ICMPLT));
            case I32_GT_U:
                return condition(i, unsignedIntCompare(IF_ICMPGT));
            case I32_LE_U:
                return condition(i, unsignedIntCompare(IF_ICMPLE));
            case I32_GE_U:
                return condition(i, unsignedIntCompare(IF_ICMPGE));
            case I64_EQZ:
                pop();
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                return condition(i, IFEQ);
            case I64_EQ:
                return condition(i, compare(LCMP, IFEQ));
            case I64_NE:
                return condition(i, compare(LCMP, IFNE));
            case I64_LT_S:
                return condition(i, compare(LCMP, IFLT));
            case I64_GT_S:
                return condition(i, compare(LCMP, IFGT));
            case I64_LE_S:
                return condition(i, compare(LCMP, IFLE));
            case I64_GE_S:
                return condition(i, compare(LCMP, IFGE));
            case I64_LT_U:
                return condition(i, unsignedLongCompare(IFLT));
            case I64_GT_U:
                return condition(i, unsignedLongCompare(IFGT));
            case I64_LE_U:
                return condition(i, unsignedLongCompare(IFLE));
            case I64_GE_U:
                return condition(i, unsignedLongCompare(IFGE));
            // fcmpl yields -1 for NaN and fcmpg +1: each comparison picks the one that makes
            // NaN operands compare false (true for ne).
            case F32_EQ:
                return condition(i, compare(FCMPL, IFEQ));
            case F32_NE:
                return condition(i, compare(FCMPL, IFNE));
            case F32_LT:
                return condition(i, compare(FCMPG, IFLT));
            case F32_GT:
                return condition(i, compare(FCMPL, IFGT));
            case F32_LE:
                return condition(i, compare(FCMPG, IFLE));
            case F32_GE:
                return condition(i, compare(FCMPL, IFGE));
            case F64_EQ:
                return condition(i, compare(DCMPL, IFEQ));
            case F64_NE:
                return condition(i, compare(DCMPL, IFNE));
            case F64_LT:
                return condition(i, compare(DCMPG, IFLT));
            case F64_GT:
                return condition(i, compare(DCMPL, IFGT));
            case F64_LE:
                return condition(i, compare(DCMPG, IFLE));
            case F64_GE:
                return condition(i, compare(DCMPL, IFGE));

            // ---- i32 arithmetic -----------------------------------------------------------------
            case I32_CLZ:
                unary(ValueType.I32, "java/lang/Integer", "numberOfLeadingZeros", "(I)I");
                return i;
            case I32_CTZ:
                unary(ValueType.I32, "java/lang/Integer", "numberOfTrailingZeros", "(I)I");
                return i;
            case I32_POPCNT:
                unary(ValueType.I32, "java/lang/Integer", "bitCount", "(I)I");
                return i;
            case I32_ADD:
                binary(IADD);
                return i;
            case I32_SUB:
                binary(ISUB);
                return i;
            case I32_MUL:
                binary(IMUL);
                return i;
            case I32_DIV_S:
                binary(OPS, "i32DivS", "(II)I");
                return i;
            case I32_DIV_U:
                binary(OPS, "i32DivU", "(II)I");
                return i;
            case I32_REM_S:
                binary(IREM);
                return i;
            case I32_REM_U:
                binary(OPS, "i32RemU", "(II)I");
                return i;
            case I32_AND:
                binary(IAND);
                return i;
            case I32_OR:
                binary(IOR);
                return i;
            case I32_XOR:
                binary(IXOR);
                return i;
            case I32_SHL:
                binary(ISHL);
                return i;
            case I32_SHR_S:
                binary(ISHR);
                return i;
            case I32_SHR_U:
                binary(IUSHR);
                return i;
            case I32_ROTL:
                binary("java/lang/Integer", "rotateLeft", "(II)I");
                return i;
            case I32_ROTR:
                binary("java/lang/Integer", "rotateRight", "(II)I");
                return i;

            // ---- i64 arithmetic -----------------------------------------------------------------
            case I64_CLZ:
                unary(ValueType.I64, "java/lang/Long", "numberOfLeadingZeros", "(J)I");
                mv.visitInsn(I2L);
                return i;
            case I64_CTZ:
                unary(ValueType.I64, "java/lang/Long", "numberOfTrailingZeros", "(J)I");
                mv.visitInsn(I2L);
                return i;
            case I64_POPCNT:
                unary(ValueType.I64, "java/lang/Long", "bitCount", "(J)I");
                mv.visitInsn(I2L);
                return i;
            case I64_ADD:
                binary(LADD);
                return i;
            case I64_SUB:
                binary(LSUB);
                return i;
            case I64_MUL:
                binary(LMUL);
                return i;
            case I64_DIV_S:
                binary(OPS, "i64DivS", "(JJ)J");
                return i;
            case I64_DIV_U:
                binary(OPS, "i64DivU", "(JJ)J");
                return i;
            case I64_REM_S:
                binary(LREM);
                return i;
            case I64_REM_U:
                binary(OPS, "i64RemU", "(JJ)J");
                return i;
            case I64_AND:
                binary(LAND);
                return i;
            case I64_OR:
                binary(LOR);
                return i;
            case I64_XOR:
                binary(LXOR);
                return i;
            case I64_SHL:
                shift64(LSHL);
                return i;
            case I64_SHR_S:
                shift64(LSHR);
                return i;
            case I64_SHR_U:
                shift64(LUSHR);
                return i;
            case I64_ROTL:
                mv.visitInsn(L2I); // the count
                binary("java/lang/Long", "rotateLeft", "(JI)J");
                return i;
            case I64_ROTR:
                mv.visitInsn(L2I);
                binary("java/lang/Long", "rotateRight", "(JI)J");
                return i;

            // ---- float arithmetic ---------------------------------------------------------------
            case F32_ABS:
                unary(ValueType.F32, OPS, "f32Abs", "(F)F");
                return i;
            case F32_NEG:
                unary(ValueType.F32, OPS, "f32Neg", "(F)F");
                return i;
            case F32_CEIL:
                unary(ValueType.F32, OPS, "f32Ceil", "(F)F");
                return i;
            case F32_FLOOR:
                unary(ValueType.F32, OPS, "f32Floor", "(F)F");
                return i;
            case F32_TRUNC:
                unary(ValueType.F32, OPS, "f32Trunc", "(F)F");
                return i;
            case F32_NEAREST:
                unary(ValueType.F32, OPS, "f32Nearest", "(F)F");
                return i;
            case F32_SQRT:
                unary(ValueType.F32, OPS, "f32Sqrt", "(F)F");
                return i;
            case F32_ADD:
                binary(FADD);
                return i;
            case F32_SUB:
                binary(FSUB);
                return i;
            case F32_MUL:
                binary(FMUL);
                return i;
            case F32_DIV:
                binary(FDIV);
                return i;
            case F32_MIN:
                binary(OPS, "f32Min", "(FF)F");
                return i;
            case F32_MAX:
                binary(OPS, "f32Max", "(FF)F");
                return i;
            case F32_COPYSIGN:
                binary(OPS, "f32Copysign", "(FF)F");
                return i;
            case F64_ABS:
                unary(ValueType.F64, OPS, "f64Abs", "(D)D");
                return i;
            case F64_NEG:
                unary(ValueType.F64, OPS, "f64Neg", "(D)D");
                return i;
            case F64_CEIL:
                unary(ValueType.F64, OPS, "f64Ceil", "(D)D");
                return i;
            case F64_FLOOR:
                unary(ValueType.F64, OPS, "f64Floor", "(D)D");
                return i;
            case F64_TRUNC:
                unary(ValueType.F64, OPS, "f64Trunc", "(D)D");
                return i;
            case F64_NEAREST:
                unary(ValueType.F64, OPS, "f64Nearest", "(D)D");
                return i;
            case F64_SQRT:
                unary(ValueType.F64, "java/lang/Math", "sqrt", "(D)D");
                return i;
            case F64_ADD:
                binary(DADD);
                return i;
            case F64_SUB:
                binary(DSUB);
                return i;
            case F64_MUL:
                binary(DMUL);
                return i;
            case F64_DIV:
                binary(DDIV);
                return i;
            case F64_MIN:
                binary(OPS, "f64Min", "(DD)D");
                return i;
            case F64_MAX:
                binary(OPS, "f64Max", "(DD)D");
                return i;
            case F64_COPYSIGN:
                binary(OPS, "f64Copysign", "(DD)D");
                return i;

            // ---- conversions --------------------------------------------------------------------
            case I32_WRAP_I64:
                convert(L2I, ValueType.I32);
                return i;
            case I32_TRUNC_F32_S:
                convert(OPS, "i32TruncF32S", "(F)I", ValueType.I32);
                return i;
            case I32_TRUNC_F32_U:
                convert(OPS, "i32TruncF32U", "(F)I", ValueType.I32);
                return i;
            case I32_TRUNC_F64_S:
                convert(OPS, "i32TruncF64S", "(D)I", ValueType.I32);
                return i;
            case I32_TRUNC_F64_U:
                convert(OPS, "i32TruncF64U", "(D)I", ValueType.I32);
                return i;
            case I64_EXTEND_I32_S:
                convert(I2L, ValueType.I64);
                return i;
            case I64_EXTEND_I32_U:
                convert("java/lang/Integer", "toUnsignedLong", "(I)J", ValueType.I64);
                return i;
            case I64_TRUNC_F32_S:
                convert(OPS, "i64TruncF32S", "(F)J", ValueType.I64);
                return i;
            case I64_TRUNC_F32_U:
                convert(OPS, "i64TruncF32U", "(F)J", ValueType.I64);
                return i;
            case I64_TRUNC_F64_S:
                convert(OPS, "i64TruncF64S", "(D)J", ValueType.I64);
                return i;
            case I64_TRUNC_F64_U:
                convert(OPS, "i64TruncF64U", "(D)J", ValueType.I64);
                return i;
            case F32_CONVERT_I32_S:
                convert(I2F, ValueType.F32);
                return i;
            case F32_CONVERT_I32_U:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
                convert(L2F, ValueType.F32);
                return i;
            case F32_CONVERT_I64_S:
                convert(L2F, ValueType.F32);
                return i;
            case F32_CONVERT_I64_U:
                convert(OPS, "f32ConvertI64U", "(J)F", ValueType.F32);
                return i;
            case F32_DEMOTE_F64:
                convert(D2F, ValueType.F32);
                return i;
            case F64_CONVERT_I32_S:
                convert(I2D, ValueType.F64);
                return i;
            case F64_CONVERT_I32_U:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
                convert(L2D, ValueType.F64);
                return i;
            case F64_CONVERT_I64_S:
                convert(L2D, ValueType.F64);
                return i;
            case F64_CONVERT_I64_U:
                convert(OPS, "f64ConvertI64U", "(J)D", ValueType.F64);
                return i;
            case F64_PROMOTE_F32:
                convert(F2D, ValueType.F64);
                return i;
            case I32_REINTERPRET_F32:
                convert("java/lang/Float", "floatToRawIntBits", "(F)I", ValueType.I32);
                return i;
            case I64_REINTERPRET_F64:
                convert("java/lang/Double", "doubleToRawLongBits", "(D)J", ValueType.I64);
                return i;
            case F32_REINTERPRET_I32:
                convert("java/lang/Float", "intBitsToFloat", "(I)F", ValueType.F32);
                return i;
            case F64_REINTERPRET_I64:
                convert("java/lang/Double", "longBitsToDouble", "(J)D", ValueType.F64);
                return i;
            case I32_EXTEND_8_S:
                inPlace(I2B);
                return i;
            case I32_EXTEND_16_S:
                inPlace(I2S);
                return i;
            case I64_EXTEND_8_S:
                inPlace(L2I, I2B, I2L);
                return i;
            case I64_EXTEND_16_S:
                inPlace(L2I, I2S, I2L);
                return i;
            case I64_EXTEND_32_S:
                inPlace(L2I, I2L);
                return i;
            // The JVM's f2i/d2i/f2l/d2l saturate and map NaN to 0: exactly trunc_sat_s.
            case I32_TRUNC_SAT_F32_S:
                convert(F2I, ValueType.I32);
                return i;
            case I32_TRUNC_SAT_F64_S:
                convert(D2I, ValueType.I32);
                return i;
            case I64_TRUNC_SAT_F32_S:
                convert(F2L, ValueType.I64);
                return i;
            case I64_TRUNC_SAT_F64_S:
                convert(D2L, ValueType.I64);
                return i;
            case I32_TRUNC_SAT_F32_U:
                convert(OPS, "i32TruncSatF32U", "(F)I", ValueType.I32);
                return i;
            case I32_TRUNC_SAT_F64_U:
                convert(OPS, "i32TruncSatF64U", "(D)I", ValueType.I32);
                return i;
            case I64_TRUNC_SAT_F32_U:
                convert(OPS, "i64TruncSatF32U", "(F)J", ValueType.I64);
                return i;
            case I64_TRUNC_SAT_F64_U:
                convert(OPS, "i64TruncSatF64U", "(D)J", ValueType.I64);
                return i;
            default:
                throw unsupported(op);
        }
    }

    static CompileException unsupported(OpCode op) {
        int prefix = op.opcode() >>> 8;
        String what = prefix == 0xFD ? "SIMD instruction " : prefix == 0xFE ? "atomic instruction " : "instruction ";
        return new CompileException(CompileException.Kind.UNSUPPORTED, what + op + " is not supported");
    }

    // ============================================================================================
    // operand stack tracking
    // ============================================================================================

    private void push(ValueType t) {
        stack = new StackNode(t, stack);
        if (stack.slots > maxStackSlots) {
            maxStackSlots = stack.slots;
        }
    }

    private ValueType pop() {
        ValueType t = stack.type;
        stack = stack.below;
        int h = StackNode.height(stack);
        if (h < lowWater) {
            lowWater = h;
        }
        return t;
    }

    private void setStack(StackNode s) {
        stack = s;
        if (StackNode.slots(s) > maxStackSlots) {
            maxStackSlots = StackNode.slots(s);
        }
    }

    /**
     * Notes that the top {@code n} values are read (though maybe left in place): an outlined
     * range starting here must receive them as parameters.
     */
    private void touch(int n) {
        int h = StackNode.height(stack) - n;
        if (h < lowWater) {
            lowWater = h;
        }
    }

    /** The number of values a branch {@code d} levels out carries. */
    private int arity(int d) {
        Ctl t = target(d);
        if (t.kind == Ctl.FUNC) {
            return fn.results.length;
        }
        if (t.kind == Ctl.REGION) {
            int depth = top.depth - d;
            return depth == 0 ? fn.results.length : self.escapeTypes(depth).length;
        }
        return t.labelTypes().length;
    }

    private int newTemp(ValueType t) {
        int slot = tempTop;
        tempTop += WasmTypes.slots(t);
        if (tempTop > maxLocals) {
            maxLocals = tempTop;
        }
        return slot;
    }

    /** Emits a stack map frame for the current position with operand stack {@code s}. */
    private void frame(StackNode s) {
        if (!mv.dirty) {
            return; // a frame is already here: both describe the same state (validation)
        }
        int n = StackNode.height(s);
        Object[] st = new Object[n];
        for (int k = n - 1; k >= 0; k--) {
            st[k] = Types.frameType(s.type);
            s = s.below;
        }
        mv.visitFrame(F_NEW, frameLocals.length, frameLocals, n, st);
    }

    // ============================================================================================
    // control flow
    // ============================================================================================

    private ValueType[][] blockType(long operand) {
        if (operand == 0x40) {
            return new ValueType[][] {Types.NONE, Types.NONE};
        }
        if (ValType.isValid(operand)) {
            ValType t = ValType.builder().fromId(operand).build();
            return new ValueType[][] {Types.NONE, new ValueType[] {Types.of(t)}};
        }
        var type = ctx.type((int) operand);
        return new ValueType[][] {Types.of(type.params()), Types.of(type.returns())};
    }

    private void enterBlock(int kind, long blockType) {
        ValueType[][] bt = blockType(blockType);
        StackNode base = StackNode.drop(stack, bt[0].length);
        lowWater = Math.min(lowWater, StackNode.height(base));
        Ctl f = new Ctl(top, kind, top.depth + 1, bt[0], bt[1], base);
        top = f;
        if (kind == Ctl.LOOP) {
            mv.visitLabel(f.label);
            frame(stack);
            // Every backward branch passes here: a guest that computes without ever calling the
            // host still stops when its thread is interrupted (or its deadline passes).
            mv.visitMethodInsn(INVOKESTATIC, "dev/wasmjar/runtime/internal/Ops", "checkInterrupt", "()V", false);
        }
    }

    /** The condition is consumed already; {@code jumpIfFalse} jumps when it is false. */
    private void enterIf(long blockType, int jumpIfFalse) {
        ValueType[][] bt = blockType(blockType);
        StackNode base = StackNode.drop(stack, bt[0].length);
        lowWater = Math.min(lowWater, StackNode.height(base));
        Ctl f = new Ctl(top, Ctl.IF, top.depth + 1, bt[0], bt[1], base);
        f.elseLabel = new Label();
        mv.visitJumpInsn(jumpIfFalse, f.elseLabel);
        top = f;
    }

    private void doElse() {
        Ctl f = top;
        if (!dead) {
            mv.visitJumpInsn(GOTO, f.label);
            f.targeted = true;
        }
        mv.visitLabel(f.elseLabel);
        f.hasElse = true;
        setStack(StackNode.pushAll(f.base, f.params));
        frame(stack);
        dead = false;
        deadNest = 0;
    }

    private void doEnd() {
        Ctl f = top;
        if (f.kind == Ctl.FUNC) {
            if (!dead) {
                emitReturn();
            }
            dead = true;
            return;
        }
        if (f.kind == Ctl.REGION) {
            throw new IllegalStateException("end of an enclosing block inside region of " + fn.name);
        }
        boolean ifWithoutElse = f.kind == Ctl.IF && !f.hasElse;
        boolean joins = f.kind != Ctl.LOOP && f.targeted;
        StackNode after = StackNode.pushAll(f.base, f.results);
        if (ifWithoutElse) {
            mv.visitLabel(f.elseLabel);
        }
        if (joins) {
            mv.visitLabel(f.label);
        }
        if (ifWithoutElse || joins) {
            frame(after);
            dead = false;
        }
        top = f.parent;
        setStack(after);
        deadNest = 0;
    }

    /** The frame {@code d} levels out, or the region bottom when the target lies outside this method. */
    private Ctl target(int d) {
        Ctl t = top;
        for (int k = 0; k < d && t.kind != Ctl.REGION; k++) {
            t = t.parent;
        }
        return t;
    }

    private void record(int targetDepth) {
        if (rec != null) {
            int[] old = rec.targets[current];
            if (old == null) {
                rec.targets[current] = new int[] {targetDepth};
            } else {
                for (int v : old) {
                    if (v == targetDepth) {
                        return;
                    }
                }
                int[] n = java.util.Arrays.copyOf(old, old.length + 1);
                n[old.length] = targetDepth;
                rec.targets[current] = n;
            }
        }
    }

    /** Unconditional branch {@code d} levels out; leaves the tracked stack undefined (dead code follows). */
    private void branch(int d) {
        touch(arity(d));
        Ctl t = target(d);
        if (t.kind == Ctl.FUNC) {
            record(0);
            emitReturn();
            return;
        }
        if (t.kind == Ctl.REGION) {
            // leaving the region: the target is an enclosing frame, by absolute depth
            int depth = top.depth - d;
            record(depth);
            if (depth == 0) {
                emitReturn();
            } else {
                ValueType[] types = self.escapeTypes(depth);
                for (int j = types.length - 1; j >= 0; j--) {
                    storeTransfer(j, pop());
                }
                pushInt(depth);
                leaveRegion();
            }
            return;
        }
        record(t.depth);
        adjustStackFor(t);
        mv.visitJumpInsn(GOTO, t.label);
        if (t.kind != Ctl.LOOP) {
            t.targeted = true;
        }
    }

    /** Whether a branch to {@code t} can jump directly: nothing to drop below the branch values. */
    private boolean direct(Ctl t) {
        return (t.kind == Ctl.BLOCK || t.kind == Ctl.LOOP || t.kind == Ctl.IF)
                && StackNode.height(stack) == StackNode.height(t.base) + t.labelTypes().length;
    }

    /** Drops the values between {@code t}'s base and the branch values, keeping the latter on top. */
    private void adjustStackFor(Ctl t) {
        ValueType[] keep = t.labelTypes();
        int surplus = StackNode.height(stack) - StackNode.height(t.base) - keep.length;
        if (surplus == 0) {
            return;
        }
        // Dropping values below the target's base is no use of them: in an outlined range the
        // caller drops them. So the low-water mark ignores these pops.
        int savedLow = lowWater;
        int mark = tempTop;
        int[] temps = new int[keep.length];
        for (int j = keep.length - 1; j >= 0; j--) {
            ValueType v = pop();
            temps[j] = newTemp(v);
            mv.visitVarInsn(Types.storeOp(v), temps[j]);
        }
        for (int s = 0; s < surplus; s++) {
            mv.visitInsn(WasmTypes.slots(pop()) == 2 ? POP2 : POP);
        }
        for (int j = 0; j < keep.length; j++) {
            mv.visitVarInsn(Types.loadOp(keep[j]), temps[j]);
            push(keep[j]);
        }
        tempTop = mark;
        lowWater = savedLow;
    }

    /** Branch {@code d} levels out if the condition consumed by {@code jumpIfTrue} holds. */
    private void branchIf(int d, int jumpIfTrue) {
        touch(arity(d));
        Ctl t = target(d);
        if (direct(t)) {
            record(t.depth);
            mv.visitJumpInsn(jumpIfTrue, t.label);
            if (t.kind != Ctl.LOOP) {
                t.targeted = true;
            }
            return;
        }
        Label skip = new Label();
        mv.visitJumpInsn(negate(jumpIfTrue), skip);
        StackNode saved = stack;
        branch(d);
        setStack(saved);
        dead = false;
        mv.visitLabel(skip);
        frame(stack);
    }

    private void brTable(long[] operands) {
        pop(); // the index
        int n = operands.length - 1;
        touch(arity((int) operands[n]));
        // destinations: one per distinct depth, a direct label or a trampoline
        Map<Integer, Label> dest = new LinkedHashMap<>();
        List<Integer> trampolines = new ArrayList<>();
        for (long o : operands) {
            int d = (int) o;
            if (!dest.containsKey(d)) {
                Ctl t = target(d);
                if (direct(t)) {
                    record(t.depth);
                    if (t.kind != Ctl.LOOP) {
                        t.targeted = true;
                    }
                    dest.put(d, t.label);
                } else {
                    dest.put(d, new Label());
                    trampolines.add(d);
                }
            }
        }
        Label dflt = dest.get((int) operands[n]);
        if (n == 0) {
            mv.visitInsn(POP);
            mv.visitJumpInsn(GOTO, dflt);
        } else if (n <= COMPACT_BR_TABLE) {
            Label[] labels = new Label[n];
            for (int k = 0; k < n; k++) {
                labels[k] = dest.get((int) operands[k]);
            }
            mv.visitTableSwitchInsn(0, n - 1, dflt, labels);
        } else {
            compactBrTable(operands, dest, dflt);
        }
        StackNode saved = stack;
        for (int d : trampolines) {
            mv.visitLabel(dest.get(d));
            setStack(saved);
            frame(stack);
            branch(d);
        }
        dead = true;
    }

    /**
     * A br_table with many entries: a string constant maps each index to the ordinal of its
     * distinct destination (chars are 16-bit), and a tableswitch over the ordinals jumps. The
     * code stays small however many entries there are.
     */
    private void compactBrTable(long[] operands, Map<Integer, Label> dest, Label dflt) {
        int n = operands.length - 1;
        List<Integer> depths = new ArrayList<>(dest.keySet());
        Map<Integer, Integer> ordinal = new LinkedHashMap<>();
        for (int k = 0; k < depths.size(); k++) {
            ordinal.put(depths.get(k), k);
        }
        // the index stays on the stack (not in a temp): temps are not part of the frames
        StackNode withIndex = new StackNode(ValueType.I32, stack);
        setStack(withIndex);
        Label outOfRange = new Label();
        // index >=u n, as a signed comparison of both sides with the sign bit flipped
        mv.visitInsn(DUP);
        pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        pushInt(n ^ Integer.MIN_VALUE);
        mv.visitJumpInsn(IF_ICMPGE, outOfRange);
        int chunks = (n + STRING_CHUNK - 1) / STRING_CHUNK;
        Label dispatch = new Label();
        Label[] chunkLabels = new Label[chunks];
        if (chunks > 1) {
            for (int c = 0; c < chunks; c++) {
                chunkLabels[c] = new Label();
            }
            mv.visitInsn(DUP);
            pushInt(Integer.numberOfTrailingZeros(STRING_CHUNK));
            mv.visitInsn(IUSHR);
            mv.visitTableSwitchInsn(0, chunks - 1, chunkLabels[chunks - 1], chunkLabels);
        }
        for (int c = 0; c < chunks; c++) {
            if (chunks > 1) {
                mv.visitLabel(chunkLabels[c]);
                frame(withIndex);
            }
            int from = c * STRING_CHUNK;
            int to = Math.min(n, from + STRING_CHUNK);
            StringBuilder sb = new StringBuilder(to - from);
            for (int k = from; k < to; k++) {
                sb.append((char) (int) ordinal.get((int) operands[k]));
            }
            mv.visitLdcInsn(sb.toString());
            mv.visitInsn(SWAP);
            if (chunks > 1) {
                pushInt(STRING_CHUNK - 1);
                mv.visitInsn(IAND);
            }
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/String", "charAt", "(I)C", false);
            if (chunks > 1) {
                mv.visitJumpInsn(GOTO, dispatch);
            }
        }
        if (chunks > 1) {
            mv.visitLabel(dispatch);
            frame(withIndex); // now the ordinal, also an int
        }
        Label[] labels = new Label[depths.size()];
        for (int k = 0; k < labels.length; k++) {
            labels[k] = dest.get(depths.get(k));
        }
        mv.visitTableSwitchInsn(0, labels.length - 1, dflt, labels);
        mv.visitLabel(outOfRange);
        frame(withIndex);
        mv.visitInsn(POP);
        mv.visitJumpInsn(GOTO, dflt);
        setStack(withIndex.below);
    }

    /** Returns from the function (or, in a region, leaves with the RETURN code); results are on top. */
    private void emitReturn() {
        ValueType[] rs = fn.results;
        touch(rs.length);
        if (self != null) {
            for (int j = rs.length - 1; j >= 0; j--) {
                storeTransfer(j, pop());
            }
            pushInt(Region.RETURN);
            leaveRegion();
            dead = true;
            return;
        }
        if (rs.length == 0) {
            mv.visitInsn(RETURN);
        } else if (rs.length == 1) {
            mv.visitInsn(Types.returnOp(rs[0]));
        } else {
            int mark = tempTop;
            int[] temps = new int[rs.length];
            for (int j = rs.length - 1; j >= 0; j--) {
                ValueType t = pop();
                temps[j] = newTemp(t);
                mv.visitVarInsn(Types.storeOp(t), temps[j]);
            }
            pushInt(rs.length);
            mv.visitTypeInsn(ANEWARRAY, Types.OBJECT);
            for (int j = 0; j < rs.length; j++) {
                mv.visitInsn(DUP);
                pushInt(j);
                mv.visitVarInsn(Types.loadOp(rs[j]), temps[j]);
                String box = Types.boxClass(rs[j]);
                if (box != null) {
                    mv.visitMethodInsn(INVOKESTATIC, box, "valueOf",
                            "(" + Types.descriptor(rs[j]) + ")L" + box + ";", false);
                }
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(ARETURN);
            tempTop = mark;
        }
        dead = true;
    }

    // ============================================================================================
    // calls and outlined regions
    // ============================================================================================

    private void afterCall(ValueType[] params, ValueType[] results) {
        for (int j = 0; j < params.length; j++) {
            pop();
        }
        if (results.length > 1) {
            unpackResults(results);
        } else if (results.length == 1) {
            push(results[0]);
        }
        if (memSlot >= 0) {
            reloadMemory();
        }
    }

    /** Unpacks a multi-value result array (on top of the stack) onto the stack. */
    private void unpackResults(ValueType[] results) {
        int mark = tempTop;
        int arr = newTemp(ValueType.EXTERNREF);
        mv.visitVarInsn(ASTORE, arr);
        for (int j = 0; j < results.length; j++) {
            ValueType t = results[j];
            mv.visitVarInsn(ALOAD, arr);
            pushInt(j);
            mv.visitInsn(AALOAD);
            String box = Types.boxClass(t);
            if (box != null) {
                mv.visitTypeInsn(CHECKCAST, box);
                mv.visitMethodInsn(INVOKEVIRTUAL, box, Types.unboxMethod(t), "()" + Types.descriptor(t), false);
            } else if (t == ValueType.FUNCREF) {
                mv.visitTypeInsn(CHECKCAST, WASM_FUNCTION);
            }
            push(t);
        }
        tempTop = mark;
    }

    /**
     * Calls outlined region {@code r} and dispatches on its exit code: fall through, return,
     * branch to a frame of this method, or (in a region) pass the code on to this method's own
     * caller when the target frame is outside this method too.
     */
    private void emitStub(Region r) {
        for (int j = r.params.length - 1; j >= 0; j--) {
            storeTransfer(j, pop());
        }
        spillLocals(r.accessed);
        mv.visitVarInsn(ALOAD, flSlot);
        mv.visitVarInsn(ALOAD, frSlot);
        mv.visitVarInsn(ALOAD, instSlot);
        mv.visitMethodInsn(INVOKESTATIC, fn.owner, r.methodName, regionDescriptor(ctx), false);
        StackNode below = stack;
        if (r.escapes.length == 0 && !r.returns) {
            mv.visitInsn(POP);
            if (memSlot >= 0) {
                reloadMemory();
            }
            fillLocals(r.written);
            if (r.fallsThrough) {
                for (int j = 0; j < r.results.length; j++) {
                    loadTransfer(j, r.results[j]);
                }
            } else {
                mv.visitInsn(ACONST_NULL); // never reached: the region always traps or loops
                mv.visitInsn(ATHROW);
                dead = true;
            }
            return;
        }
        mv.visitVarInsn(ISTORE, codeSlot);
        if (memSlot >= 0) {
            reloadMemory();
        }
        fillLocals(r.written);
        int outerDepth = self == null ? -1 : self.outer.depth;
        java.util.TreeMap<Integer, Label> cases = new java.util.TreeMap<>();
        Label fall = new Label();
        Label pass = new Label();
        boolean passes = false;
        if (r.fallsThrough) {
            cases.put(Region.FALL_THROUGH, fall);
        }
        if (r.returns) {
            if (self == null) {
                cases.put(Region.RETURN, new Label());
            } else {
                passes = true;
            }
        }
        for (int t : r.escapes) {
            if (t <= outerDepth) {
                passes = true;
            } else {
                cases.put(t, new Label());
            }
        }
        Label dflt = passes ? pass : cases.firstEntry().getValue();
        int[] keys = new int[cases.size()];
        Label[] labels = new Label[cases.size()];
        int n = 0;
        for (Map.Entry<Integer, Label> e : cases.entrySet()) {
            keys[n] = e.getKey();
            labels[n++] = e.getValue();
        }
        mv.visitVarInsn(ILOAD, codeSlot);
        mv.visitLookupSwitchInsn(dflt, keys, labels);
        if (passes) {
            mv.visitLabel(pass);
            frame(below);
            mv.visitVarInsn(ILOAD, codeSlot);
            leaveRegion();
        }
        for (Map.Entry<Integer, Label> e : cases.entrySet()) {
            int code = e.getKey();
            if (code == Region.FALL_THROUGH) {
                continue;
            }
            mv.visitLabel(e.getValue());
            setStack(below);
            frame(stack);
            if (code == Region.RETURN) {
                for (int j = 0; j < fn.results.length; j++) {
                    loadTransfer(j, fn.results[j]);
                }
                emitReturn();
            } else {
                ValueType[] types = r.escapeTypes(code);
                for (int j = 0; j < types.length; j++) {
                    loadTransfer(j, types[j]);
                }
                branch(top.depth - code);
            }
        }
        setStack(below);
        if (r.fallsThrough) {
            mv.visitLabel(fall);
            frame(stack);
            for (int j = 0; j < r.results.length; j++) {
                loadTransfer(j, r.results[j]);
            }
            dead = false;
        } else {
            dead = true;
        }
    }

    // ============================================================================================
    // locals and frame arrays
    // ============================================================================================

    /**
     * Copies the locals of {@code set} that this method keeps in JVM variables into the frame
     * arrays (before a region call that uses them, or when a region method returns).
     */
    private void spillLocals(BitSet set) {
        if (arrayLocals) {
            return;
        }
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            if (localSlot[i] >= 0) {
                ValueType t = fn.locals[i];
                mv.visitVarInsn(Types.loadOp(t), localSlot[i]);
                arrayPut(i, t);
            }
        }
    }

    /**
     * Loads the locals of {@code set} that this method keeps in JVM variables from the frame
     * arrays (when a region method starts, or after a region call that may have written them).
     */
    private void fillLocals(BitSet set) {
        if (arrayLocals) {
            return;
        }
        for (int i = set.nextSetBit(0); i >= 0; i = set.nextSetBit(i + 1)) {
            if (localSlot[i] >= 0) {
                ValueType t = fn.locals[i];
                arrayGet(i, t);
                mv.visitVarInsn(Types.storeOp(t), localSlot[i]);
            }
        }
    }

    private void localGet(int idx) {
        ValueType t = fn.localType(idx);
        if (arrayLocals) {
            arrayGet(idx, t);
        } else {
            mv.visitVarInsn(Types.loadOp(t), localSlot[idx]);
        }
        push(t);
    }

    private void localSet(int idx) {
        ValueType t = pop();
        if (arrayLocals) {
            arrayPut(idx, t);
        } else {
            mv.visitVarInsn(Types.storeOp(t), localSlot[idx]);
        }
    }

    /** Pushes frame-array slot {@code idx} as a value of type {@code t}. */
    private void arrayGet(int idx, ValueType t) {
        if (Types.isRef(t)) {
            mv.visitVarInsn(ALOAD, frSlot);
            pushInt(idx);
            mv.visitInsn(AALOAD);
            if (t == ValueType.FUNCREF) {
                mv.visitTypeInsn(CHECKCAST, WASM_FUNCTION);
            }
            return;
        }
        mv.visitVarInsn(ALOAD, flSlot);
        pushInt(idx);
        mv.visitInsn(LALOAD);
        switch (t) {
            case I32:
                mv.visitInsn(L2I);
                break;
            case F32:
                mv.visitInsn(L2I);
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                break;
            case F64:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                break;
            default:
                break;
        }
    }

    /** Stores the value of type {@code t} on top of the JVM stack into frame-array slot {@code idx}. */
    private void arrayPut(int idx, ValueType t) {
        if (Types.isRef(t)) {
            mv.visitVarInsn(ALOAD, frSlot);
            pushInt(idx);
            mv.visitMethodInsn(INVOKESTATIC, OPS, "putRef", "(Ljava/lang/Object;[Ljava/lang/Object;I)V", false);
            return;
        }
        mv.visitVarInsn(ALOAD, flSlot);
        pushInt(idx);
        String name;
        switch (t) {
            case I32: name = "putI32"; break;
            case I64: name = "putI64"; break;
            case F32: name = "putF32"; break;
            default: name = "putF64"; break;
        }
        mv.visitMethodInsn(INVOKESTATIC, OPS, name, "(" + Types.descriptor(t) + "[JI)V", false);
    }

    private void storeTransfer(int j, ValueType t) {
        arrayPut(plan.transferBase + j, t);
    }

    private void loadTransfer(int j, ValueType t) {
        arrayGet(plan.transferBase + j, t);
        push(t);
    }

    // ============================================================================================
    // memory
    // ============================================================================================

    private void reloadMemory() {
        mv.visitVarInsn(ALOAD, instSlot);
        ctx.emitMemory(mv);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "buffer", "()[B", false);
        mv.visitVarInsn(ASTORE, memSlot);
    }

    /**
     * Turns the i32 address on the stack into the array index of the access: the address
     * itself when the offset is 0; {@code (addr + offset) | (addr >> 31)} for offsets below
     * 2^31, which is negative (so the access throws) whenever the 33-bit effective address
     * exceeds 2^31 - 1, beyond the largest JVM array; and -1 for larger offsets.
     */
    private void effectiveAddress(AnnotatedInstruction in) {
        long offset = in.operand(1);
        if (offset == 0) {
            return;
        }
        if (offset < 0x8000_0000L) {
            mv.visitInsn(DUP);
            pushInt(31);
            mv.visitInsn(ISHR);
            mv.visitInsn(SWAP);
            pushInt((int) offset);
            mv.visitInsn(IADD);
            mv.visitInsn(IOR);
        } else {
            mv.visitInsn(POP);
            mv.visitInsn(ICONST_M1);
        }
    }

    /** A load through little-endian view {@code view} (a Memory field) of JVM type {@code jvm}. */
    private void load(AnnotatedInstruction in, String view, String jvm, ValueType result) {
        pop();
        effectiveAddress(in);
        mv.visitFieldInsn(GETSTATIC, MEMORY, view, VAR_HANDLE_DESC);
        mv.visitInsn(SWAP);
        mv.visitVarInsn(ALOAD, memSlot);
        mv.visitInsn(SWAP);
        mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "get", "([BI)" + jvm, false);
        push(result);
    }

    private void loadByte(AnnotatedInstruction in, ValueType result) {
        pop();
        effectiveAddress(in);
        mv.visitVarInsn(ALOAD, memSlot);
        mv.visitInsn(SWAP);
        mv.visitInsn(BALOAD);
        push(result);
    }

    private static final int F2I_BITS = -1;
    private static final int D2L_BITS = -2;
    private static final int L2I_I2S = -3;

    /**
     * A store of the value on top through view {@code view} ({@code null}: a byte), after
     * converting it with {@code conv} (a JVM opcode or one of the pseudo conversions above).
     */
    private void store(AnnotatedInstruction in, String view, String jvm, int conv) {
        pop();
        pop();
        switch (conv) {
            case 0:
                break;
            case F2I_BITS:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "floatToRawIntBits", "(F)I", false);
                break;
            case D2L_BITS:
                mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "doubleToRawLongBits", "(D)J", false);
                break;
            case L2I_I2S:
                mv.visitInsn(L2I);
                mv.visitInsn(I2S);
                break;
            default:
                mv.visitInsn(conv);
                break;
        }
        boolean wide = "J".equals(jvm);
        ValueType vt = wide ? ValueType.I64 : ValueType.I32;
        int mark = tempTop;
        int value = newTemp(vt);
        mv.visitVarInsn(wide ? LSTORE : ISTORE, value);
        effectiveAddress(in);
        if (view == null) {
            mv.visitVarInsn(ALOAD, memSlot);
            mv.visitInsn(SWAP);
            mv.visitVarInsn(ILOAD, value);
            mv.visitInsn(BASTORE);
        } else {
            mv.visitFieldInsn(GETSTATIC, MEMORY, view, VAR_HANDLE_DESC);
            mv.visitInsn(SWAP);
            mv.visitVarInsn(ALOAD, memSlot);
            mv.visitInsn(SWAP);
            mv.visitVarInsn(wide ? LLOAD : ILOAD, value);
            mv.visitMethodInsn(INVOKEVIRTUAL, VAR_HANDLE, "set", "([BI" + jvm + ")V", false);
        }
        tempTop = mark;
    }

    // ============================================================================================
    // numeric helpers
    // ============================================================================================

    private void pushTable(int t) {
        mv.visitVarInsn(ALOAD, instSlot);
        ctx.emitTable(mv, t);
    }

    // Operations pop their operands and push a fresh result, even when the JVM value stays in
    // place: the planner's low-water mark must see every operand an instruction consumes.

    private void unary(ValueType t, String owner, String name, String desc) {
        pop();
        mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
        push(t);
    }

    /** Opcodes applied to the top value, which keeps its type. */
    private void inPlace(int... opcodes) {
        ValueType t = pop();
        for (int op : opcodes) {
            mv.visitInsn(op);
        }
        push(t);
    }

    private void binary(int opcode) {
        pop();
        ValueType t = pop();
        mv.visitInsn(opcode);
        push(t);
    }

    private void binary(String owner, String name, String desc) {
        pop();
        ValueType t = pop();
        mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
        push(t);
    }

    private void shift64(int opcode) {
        mv.visitInsn(L2I);
        binary(opcode);
    }

    private void convert(int opcode, ValueType to) {
        pop();
        mv.visitInsn(opcode);
        push(to);
    }

    private void convert(String owner, String name, String desc, ValueType to) {
        pop();
        mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
        push(to);
    }

    /** Two i32 operands compared by {@code jump} (an if_icmp opcode). */
    private int intCompare(int jump) {
        pop();
        pop();
        return jump;
    }

    /** Two operands reduced to an int by {@code cmpOpcode} (lcmp, fcmpl, ...), tested by {@code jump}. */
    private int compare(int cmpOpcode, int jump) {
        pop();
        pop();
        mv.visitInsn(cmpOpcode);
        return jump;
    }

    /*
     * Unsigned comparisons flip the sign bit of both operands and compare signed: x <u y exactly
     * when (x ^ MIN) < (y ^ MIN). Integer/Long.compareUnsigned are avoided on purpose: HotSpot
     * C2 has miscompiled unsigned-comparison intrinsics in some tiers (Chicory issues #755 and
     * #843), and the inline form is as cheap (two xors) and needs no call in the interpreter.
     */

    /** Two i32 operands compared unsigned; {@code jump} is the signed if_icmp opcode to apply. */
    private int unsignedIntCompare(int jump) {
        pop();
        pop();
        // [a, b] -> [b', a'] with x' = x ^ MIN; the caller's a OP b becomes b' (reversed OP) a'
        pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        mv.visitInsn(SWAP);
        pushInt(Integer.MIN_VALUE);
        mv.visitInsn(IXOR);
        return reversed(jump);
    }

    /** Two i64 operands compared unsigned into an lcmp-style int; {@code jump} tests it (iflt, ...). */
    private int unsignedLongCompare(int jump) {
        pop();
        pop();
        // [a, b] -> [b', a'] (dup2_x2 + pop2 swaps two longs), then lcmp(b', a') with the test reversed
        pushLong(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
        mv.visitInsn(DUP2_X2);
        mv.visitInsn(POP2);
        pushLong(Long.MIN_VALUE);
        mv.visitInsn(LXOR);
        mv.visitInsn(LCMP);
        return reversed(jump);
    }

    /** The jump that tests {@code b OP a} where {@code jump} tests {@code a OP b}. */
    static int reversed(int jump) {
        switch (jump) {
            case IF_ICMPLT: return IF_ICMPGT;
            case IF_ICMPGT: return IF_ICMPLT;
            case IF_ICMPLE: return IF_ICMPGE;
            case IF_ICMPGE: return IF_ICMPLE;
            case IFLT: return IFGT;
            case IFGT: return IFLT;
            case IFLE: return IFGE;
            case IFGE: return IFLE;
            default: throw new IllegalArgumentException("not an ordering jump: " + jump);
        }
    }

    /**
     * Finishes a comparison whose operands are consumed and whose outcome {@code jumpIfTrue}
     * tests: fused into a directly following {@code br_if} or {@code if}, or materialised as
     * an i32 0/1. Returns the last instruction index consumed.
     */
    private int condition(int i, int jumpIfTrue) {
        if (fuse && i + 1 < runEnd && (plan == null || plan.childAt(i + 1, self) == null)) {
            AnnotatedInstruction next = code[i + 1];
            if (next.opcode() == OpCode.BR_IF) {
                current = i + 1;
                branchIf((int) next.operand(0), jumpIfTrue);
                return i + 1;
            }
            if (next.opcode() == OpCode.IF) {
                current = i + 1;
                enterIf(next.operand(0), negate(jumpIfTrue));
                return i + 1;
            }
        }
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(jumpIfTrue, yes);
        mv.visitInsn(ICONST_0);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        frame(stack);
        mv.visitInsn(ICONST_1);
        mv.visitLabel(done);
        push(ValueType.I32);
        frame(stack);
        return i;
    }

    static int negate(int jump) {
        switch (jump) {
            case IFEQ: return IFNE;
            case IFNE: return IFEQ;
            case IFLT: return IFGE;
            case IFGE: return IFLT;
            case IFGT: return IFLE;
            case IFLE: return IFGT;
            case IF_ICMPEQ: return IF_ICMPNE;
            case IF_ICMPNE: return IF_ICMPEQ;
            case IF_ICMPLT: return IF_ICMPGE;
            case IF_ICMPGE: return IF_ICMPLT;
            case IF_ICMPGT: return IF_ICMPLE;
            case IF_ICMPLE: return IF_ICMPGT;
            case IFNULL: return IFNONNULL;
            case IFNONNULL: return IFNULL;
            default: throw new IllegalArgumentException("not a conditional jump: " + jump);
        }
    }

    /**
     * select: {@code cond ? a : b}, by jumping over the code that drops {@code a}. A frame is
     * needed at both joins, which we know exactly.
     */
    private void select() {
        pop(); // condition
        ValueType t = pop();
        pop();
        boolean wide = WasmTypes.slots(t) == 2;
        Label pickA = new Label();
        Label done = new Label();
        push(t);
        push(t);
        StackNode both = stack;
        mv.visitJumpInsn(IFNE, pickA);
        if (wide) {
            mv.visitInsn(DUP2_X2);
            mv.visitInsn(POP2);
            mv.visitInsn(POP2);
        } else {
            mv.visitInsn(SWAP);
            mv.visitInsn(POP);
        }
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(pickA);
        frame(both);
        mv.visitInsn(wide ? POP2 : POP);
        mv.visitLabel(done);
        pop();
        frame(stack);
    }

    private ValueType heapType(long operand) {
        // ref.null's heap type: -16 (0x70) func, -17 (0x6F) extern
        if (operand == -16 || operand == 0x70) {
            return ValueType.FUNCREF;
        }
        if (operand == -17 || operand == 0x6F) {
            return ValueType.EXTERNREF;
        }
        throw new CompileException(CompileException.Kind.UNSUPPORTED, "unsupported heap type " + operand);
    }

    // ============================================================================================
    // constants
    // ============================================================================================

    private void pushInt(int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(ICONST_0 + v);
        } else if (v == (byte) v) {
            mv.visitIntInsn(BIPUSH, v);
        } else if (v == (short) v) {
            mv.visitIntInsn(SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void pushLong(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private void pushFloat(int bits) {
        float f = Float.intBitsToFloat(bits);
        if (f != f) {
            // NaN constants go through their bits so the payload is exact
            pushInt(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
        } else if (bits == 0) {
            mv.visitInsn(FCONST_0);
        } else if (f == 1f) {
            mv.visitInsn(FCONST_1);
        } else if (f == 2f) {
            mv.visitInsn(FCONST_2);
        } else {
            mv.visitLdcInsn(f);
        }
    }

    private void pushDouble(long bits) {
        double d = Double.longBitsToDouble(bits);
        if (d != d) {
            mv.visitLdcInsn(bits);
            mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
        } else if (bits == 0) {
            mv.visitInsn(DCONST_0);
        } else if (d == 1.0) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(d);
        }
    }

    /** Bytes emitted so far (an upper bound). */
    long size() {
        return mv.worstCaseSize();
    }
}
