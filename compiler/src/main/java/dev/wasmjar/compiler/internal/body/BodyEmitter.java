package dev.wasmjar.compiler.internal.body;

import dev.wasmjar.compiler.internal.WasmTypes;
import static dev.wasmjar.compiler.internal.RuntimeNames.*;
import static org.objectweb.asm.Opcodes.*;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import com.dylibso.chicory.wasm.types.OpCode;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.ModuleContext;
import dev.wasmjar.runtime.ValueType;
import java.util.ArrayList;
import java.util.BitSet;
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
 *
 * <p>The code of each instruction comes from the emitter its family registered in the
 * {@link EmitterTable} ({@link ControlEmitter}, {@link MemoryEmitter}, ...); they reach this
 * method's state through {@link MethodState}.
 */
final class BodyEmitter implements MethodState {
    static final String OPS = "dev/wasmjar/runtime/internal/Ops";
    static final String LONG_ARRAY = "[J";
    static final String OBJECT_ARRAY = "[Ljava/lang/Object;";
    /** Headroom above the tracked wasm stack for what single instructions push temporarily. */
    private static final int EXTRA_STACK = 24;
    private static final EmitterTable EMITTERS = EmitterTable.standard();

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
    /** The first temporary's slot: lane blocks below it are lane-form locals, borrowed (read-only) by stack values. */
    private int tempFloor;
    private int maxLocals;
    /** Lane-form vectors on the tracked stack: their V128 (high-half) node → encoding (see {@link #pushLanes}). */
    private final java.util.IdentityHashMap<StackNode, Integer> laneForm = new java.util.IdentityHashMap<>();
    /** Lane temporaries in allocation order (first slots), and the dead ones among them. */
    private final List<Integer> laneBlocks = new ArrayList<>();
    private final java.util.BitSet deadLanes = new java.util.BitSet();

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
        tempFloor = slot;
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
        tempFloor = slot;
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
            exitRegion(self.results.length, Region.FALL_THROUGH);
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
            if (!laneForm.isEmpty() && (child != null || !VectorLanes.keepsLaneForm(op, in, fn, stack))) {
                materializeLanes();
            }
            if (child != null) {
                emitStub(child);
                if (rec != null) {
                    rec.low[i] = lowWater;
                }
                i = child.end - 1;
                continue;
            }
            InstructionEmitter emitter = EMITTERS.get(op);
            if (emitter == null) {
                throw unsupported(op);
            }
            emitter.emit(this, in);
            i = current; // past a br_if or if fused into a comparison
            if (!laneForm.isEmpty() && i == end - 1) {
                materializeLanes();
            }
            collectLanes();
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
                    ControlEmitter.doElse(this);
                }
                break;
            case END:
                if (deadNest > 0) {
                    deadNest--;
                } else {
                    ControlEmitter.doEnd(this);
                }
                break;
            default:
                break;
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

    @Override
    public void push(ValueType t) {
        stack = new StackNode(t, stack);
        if (stack.slots > maxStackSlots) {
            maxStackSlots = stack.slots;
        }
    }

    @Override
    public ValueType pop() {
        if (!laneForm.isEmpty() && laneForm.containsKey(stack)) {
            throw new IllegalStateException("internal error: a lane-form vector popped as a JVM value at "
                    + code[current].opcode());
        }
        ValueType t = stack.type;
        stack = stack.below;
        int h = StackNode.height(stack);
        if (h < lowWater) {
            lowWater = h;
        }
        return t;
    }

    @Override
    public void setStack(StackNode s) {
        stack = s;
        if (StackNode.slots(s) > maxStackSlots) {
            maxStackSlots = StackNode.slots(s);
        }
    }

    @Override
    public void pushLanes(int encoding) {
        push(ValueType.I64);
        push(ValueType.V128);
        laneForm.put(stack, encoding);
    }

    @Override
    public int peekLanes(int depth) {
        StackNode s = stack;
        for (int d = 0; d < depth && s != null; d++) {
            s = s.type == ValueType.V128 ? s.below.below : s.below;
        }
        if (s == null || s.type != ValueType.V128) {
            return -1;
        }
        Integer b = laneForm.get(s);
        return b == null ? -1 : b;
    }

    @Override
    public int takeLanes() {
        Integer b = stack == null ? null : laneForm.remove(stack);
        if (b == null) {
            return -1;
        }
        pop();
        pop();
        return b;
    }

    @Override
    public int newLaneTemps() {
        int dead = deadLanes.nextSetBit(0);
        if (dead >= 0) {
            // a dead block below the top: never handed out by newTemp, so free to reuse
            deadLanes.clear(dead);
            return dead;
        }
        int base = newTemp(ValueType.I32);
        newTemp(ValueType.I32);
        newTemp(ValueType.I32);
        newTemp(ValueType.I32);
        laneBlocks.add(base);
        return base;
    }

    @Override
    public void freeLanes(int base) {
        if (base >= tempFloor) {
            deadLanes.set(base);
        }
    }

    @Override
    public boolean ownsLanes(int encoding) {
        return (encoding >> 1) >= tempFloor;
    }

    /**
     * Returns dead lane temporaries at the top of the temporaries (a stack) to it; called between
     * instructions, when no emitter holds temporaries of its own.
     */
    private void collectLanes() {
        while (!laneBlocks.isEmpty()) {
            int last = laneBlocks.get(laneBlocks.size() - 1);
            if (!deadLanes.get(last) || last + 4 != tempTop) {
                return;
            }
            laneBlocks.remove(laneBlocks.size() - 1);
            deadLanes.clear(last);
            tempTop = last;
        }
    }

    /** Copies every pending stack value that borrows the lane-form local at {@code slot} into temporaries of its own. */
    private void unshareLanes(int slot, ValueType lane) {
        for (java.util.Map.Entry<StackNode, Integer> e : laneForm.entrySet()) {
            int enc = e.getValue();
            if (enc >> 1 != slot) {
                continue;
            }
            int t = newLaneTemps();
            for (int i = 0; i < 4; i++) {
                mv.visitVarInsn(Types.loadOp(lane), slot + i);
                mv.visitVarInsn(Types.storeOp(lane), t + i);
            }
            e.setValue(t * 2 + (enc & 1));
        }
    }

    /**
     * Puts every lane-form vector on the JVM stack as its two halves, in stack order: the values
     * above the deepest one are spilled to temporaries and reloaded around it.
     */
    private void materializeLanes() {
        StackNode deepest = null;
        for (StackNode s = stack; s != null; s = s.below) {
            if (laneForm.containsKey(s)) {
                deepest = s;
            }
        }
        if (deepest == null) {
            laneForm.clear();
            return;
        }
        // the nodes from the top down to the low half of the deepest lane-form vector
        java.util.List<StackNode> nodes = new java.util.ArrayList<>();
        for (StackNode s = stack; ; s = s.below) {
            nodes.add(s);
            if (s == deepest) {
                nodes.add(s.below);
                break;
            }
        }
        int mark = tempMark();
        int[] spilled = new int[nodes.size()];
        java.util.Arrays.fill(spilled, -1);
        for (int k = 0; k < nodes.size(); k++) {
            StackNode n = nodes.get(k);
            if (laneForm.containsKey(n)) {
                k++; // its low half has no JVM value either
                continue;
            }
            int t = newTemp(n.type);
            mv.visitVarInsn(Types.storeOp(n.type), t);
            spilled[k] = t;
        }
        for (int k = nodes.size() - 1; k >= 0; k--) {
            StackNode n = nodes.get(k);
            if (k > 0 && laneForm.containsKey(nodes.get(k - 1))) {
                int enc = laneForm.remove(nodes.get(k - 1));
                VectorLanes.emitPack(mv, enc);
                k--;
                freeLanes(enc >> 1);
                continue;
            }
            if (spilled[k] >= 0) {
                mv.visitVarInsn(Types.loadOp(n.type), spilled[k]);
            }
        }
        releaseTemps(mark);
    }

    @Override
    public void touch(int n) {
        int h = StackNode.height(stack) - n;
        if (h < lowWater) {
            lowWater = h;
        }
    }

    @Override
    public CodeSink mv() {
        return mv;
    }

    @Override
    public ModuleContext ctx() {
        return ctx;
    }

    @Override
    public FunctionInfo fn() {
        return fn;
    }

    @Override
    public StackNode stack() {
        return stack;
    }

    @Override
    public int lowWater() {
        return lowWater;
    }

    @Override
    public void setLowWater(int h) {
        lowWater = h;
    }

    @Override
    public int tempMark() {
        return tempTop;
    }

    @Override
    public void releaseTemps(int mark) {
        tempTop = mark;
    }

    @Override
    public int newTemp(ValueType t) {
        int slot = tempTop;
        tempTop += WasmTypes.slots(t);
        if (tempTop > maxLocals) {
            maxLocals = tempTop;
        }
        return slot;
    }

    @Override
    public void frame(StackNode s) {
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
    // control, as the emitters see it
    // ============================================================================================

    @Override
    public Ctl top() {
        return top;
    }

    @Override
    public void setTop(Ctl f) {
        top = f;
    }

    @Override
    public boolean isDead() {
        return dead;
    }

    @Override
    public void markDead() {
        dead = true;
    }

    @Override
    public void markLive() {
        dead = false;
        deadNest = 0;
    }

    @Override
    public Region region() {
        return self;
    }

    @Override
    public void exitRegion(int values, int code) {
        for (int j = values - 1; j >= 0; j--) {
            storeTransfer(j, pop());
        }
        pushInt(code);
        leaveRegion();
    }

    @Override
    public AnnotatedInstruction fusableNext() {
        int next = current + 1;
        if (fuse && next < runEnd && (plan == null || plan.childAt(next, self) == null)) {
            return code[next];
        }
        return null;
    }

    @Override
    public void consumeNext() {
        current++;
    }

    @Override
    public void record(int targetDepth) {
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

    // ============================================================================================
    // outlined regions
    // ============================================================================================

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
                ControlEmitter.emitReturn(this);
            } else {
                ValueType[] types = r.escapeTypes(code);
                for (int j = 0; j < types.length; j++) {
                    loadTransfer(j, types[j]);
                }
                ControlEmitter.branch(this, top.depth - code);
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

    @Override
    public void localGet(int wasmIndex) {
        int base = fn.localBase(wasmIndex);
        if (fn.isLaneLocal(wasmIndex)) {
            if (!arrayLocals && localSlot[base + 3] == localSlot[base] + 3) {
                // the value borrows the local's own variables (read-only); a local.set of it first
                // copies such values out (unshareLanes)
                pushLanes(localSlot[base] * 2 + fn.laneKind);
                return;
            }
            int t = newLaneTemps();
            ValueType lane = fn.locals[base];
            for (int i = 0; i < 4; i++) {
                loweredLoad(base + i, lane);
                mv.visitVarInsn(Types.storeOp(lane), t + i);
            }
            pushLanes(t * 2 + fn.laneKind);
            return;
        }
        loweredGet(base);
        if (fn.isVectorLocal(wasmIndex)) {
            loweredGet(base + 1);
        }
    }

    @Override
    public void localSet(int wasmIndex) {
        int base = fn.localBase(wasmIndex);
        if (fn.isLaneLocal(wasmIndex)) {
            int enc = VectorLanes.popLanes(this, fn.laneKind);
            ValueType lane = fn.locals[base];
            if (!arrayLocals) {
                unshareLanes(localSlot[base], lane);
                if (enc >> 1 == localSlot[base]) {
                    return; // local.set L (local.get L)
                }
            }
            for (int i = 0; i < 4; i++) {
                mv.visitVarInsn(Types.loadOp(lane), (enc >> 1) + i);
                loweredStore(base + i, lane);
            }
            freeLanes(enc >> 1);
            return;
        }
        if (fn.isVectorLocal(wasmIndex)) {
            loweredSet(base + 1);
        }
        loweredSet(base);
    }

    private void loweredGet(int idx) {
        ValueType t = fn.locals[idx];
        loweredLoad(idx, t);
        push(t);
    }

    /** Pushes lowered local {@code idx} (of type {@code t}) on the JVM stack only. */
    private void loweredLoad(int idx, ValueType t) {
        if (arrayLocals) {
            arrayGet(idx, t);
        } else {
            mv.visitVarInsn(Types.loadOp(t), localSlot[idx]);
        }
    }

    private void loweredSet(int idx) {
        loweredStore(idx, pop());
    }

    /** Pops the JVM value on top (of type {@code t}) into lowered local {@code idx}. */
    private void loweredStore(int idx, ValueType t) {
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
            case I64:
            case V128: name = "putI64"; break;
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

    @Override
    public void reloadMemory() {
        mv.visitVarInsn(ALOAD, instSlot);
        ctx.emitMemory(mv);
        mv.visitMethodInsn(INVOKEVIRTUAL, MEMORY, "buffer", "()[B", false);
        mv.visitVarInsn(ASTORE, memSlot);
    }

    @Override
    public boolean hasMemory() {
        return memSlot >= 0;
    }

    @Override
    public void loadMemoryBytes() {
        mv.visitVarInsn(ALOAD, memSlot);
    }

    @Override
    public void loadInstance() {
        mv.visitVarInsn(ALOAD, instSlot);
    }

    // ============================================================================================
    // constants
    // ============================================================================================

    @Override
    public void pushInt(int v) {
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

    @Override
    public void pushLong(long v) {
        if (v == 0 || v == 1) {
            mv.visitInsn(LCONST_0 + (int) v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    /** Bytes emitted so far (an upper bound). */
    long size() {
        return mv.worstCaseSize();
    }
}
