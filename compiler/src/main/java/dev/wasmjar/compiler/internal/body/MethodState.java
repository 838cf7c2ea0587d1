package dev.wasmjar.compiler.internal.body;

import com.dylibso.chicory.wasm.types.AnnotatedInstruction;
import dev.wasmjar.compiler.internal.ModuleContext;
import dev.wasmjar.runtime.ValueType;

/**
 * What an {@link InstructionEmitter} sees of the JVM method being generated (a
 * {@link BodyEmitter}): the code sink, the tracked operand and control stacks, temporaries,
 * and the method-level plumbing (locals layout, memory and instance slots, region exits) that
 * instructions use but do not own.
 *
 * <p>Every instruction pops the operands it consumes and pushes its results, even when the JVM
 * value stays in place: the split planner's low-water mark must see every operand an
 * instruction reads.
 */
interface MethodState {
    CodeSink mv();

    ModuleContext ctx();

    FunctionInfo fn();

    // ---- operand stack -------------------------------------------------------------------------

    void push(ValueType t);

    ValueType pop();

    /**
     * Notes that the top {@code n} values are read (though maybe left in place): an outlined
     * range starting here must receive them as parameters.
     */
    void touch(int n);

    StackNode stack();

    void setStack(StackNode s);

    /** Emits a stack map frame for the current position with operand stack {@code s}. */
    void frame(StackNode s);

    /** The lowest stack height the current instruction has reached (see {@link #touch}). */
    int lowWater();

    /** Resets the low-water mark, for pops that are no use of the values (see {@code adjustStackFor}). */
    void setLowWater(int h);

    // ---- vectors in lane form (see VectorLanes) ---------------------------------------------

    /**
     * Records a vector whose four 32-bit lanes are in temporaries {@code base .. base + 3} (from
     * {@link #newLaneTemps}) as the top of the tracked stack, given as {@code encoding = base * 2
     * + kind} ({@code VectorLanes.INT} or {@code FLOAT}); nothing is on the JVM stack for it
     * until it is consumed or put there.
     */
    void pushLanes(int encoding);

    /**
     * The encoding of the value {@code depth} values below the top (0: the top value) if it is a
     * lane-form vector, else -1.
     */
    int peekLanes(int depth);

    /** Pops the top value if it is a lane-form vector and returns its encoding; else returns -1 and pops nothing. */
    int takeLanes();

    /** Four int temporaries for a lane-form vector, kept until {@link #freeLanes}. */
    int newLaneTemps();

    /** Lane temporaries {@code base} are dead again (consumed into another value or packed); a no-op for a borrowed local. */
    void freeLanes(int base);

    /**
     * Whether lane-form value {@code encoding} has lane temporaries of its own that its consumer
     * may overwrite, rather than borrowing a lane-form local's variables.
     */
    boolean ownsLanes(int encoding);

    /** Emits the shortest push of int constant {@code v}. */
    void pushInt(int v);

    /** Emits the shortest push of long constant {@code v}. */
    void pushLong(long v);

    // ---- JVM locals ----------------------------------------------------------------------------

    /** A fresh temporary JVM variable for a value of type {@code t}, free again at {@link #releaseTemps}. */
    int newTemp(ValueType t);

    /** A mark to pass to {@link #releaseTemps} once the temporaries allocated after it are dead. */
    int tempMark();

    void releaseTemps(int mark);

    /** Pushes the module instance (on the JVM stack only: it is no wasm value). */
    void loadInstance();

    /** Pushes the memory's byte array (on the JVM stack only). */
    void loadMemoryBytes();

    /** Whether the method keeps the memory's byte array in a variable (the function uses memory). */
    boolean hasMemory();

    /** Re-reads the memory's byte array, after anything that may have grown the memory. */
    void reloadMemory();

    /** Pushes wasm local {@code wasmIndex} (both halves of a vector), wherever the method keeps it. */
    void localGet(int wasmIndex);

    /** Pops the top value (both halves of a vector) into wasm local {@code wasmIndex}. */
    void localSet(int wasmIndex);

    // ---- control -------------------------------------------------------------------------------

    /** The innermost control frame. */
    Ctl top();

    void setTop(Ctl f);

    /** Whether the current position is unreachable (after an unconditional branch). */
    boolean isDead();

    /** Makes the code that follows unreachable, up to the end of its block. */
    void markDead();

    /** Makes the current position reachable again (a branch target or join). */
    void markLive();

    /** Records, for the split planner, that the current instruction branches to frame depth {@code targetDepth}. */
    void record(int targetDepth);

    /** The region whose method this is, or {@code null} for the function's own method. */
    Region region();

    /**
     * Leaves this region's method: the top {@code values} operands go to the transfer area and
     * {@code code} (a frame depth, or {@link Region#RETURN}) is returned to the caller.
     */
    void exitRegion(int values, int code);

    /**
     * The instruction after the current one if a comparison may fuse with it: fusion is on and
     * it lies in this method's code (not past its end, not the start of an outlined region);
     * otherwise {@code null}.
     */
    AnnotatedInstruction fusableNext();

    /** Makes the instruction after the current one the current one (it was fused into it). */
    void consumeNext();
}
