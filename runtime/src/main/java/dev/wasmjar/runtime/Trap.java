package dev.wasmjar.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A WebAssembly trap: the guest did something the spec says must stop execution.
 *
 * <p>Carries its {@link TrapKind} and a wasm backtrace: the names of the wasm functions that
 * were active, innermost first, taken from the module's name section (or {@code func[N]}).
 * Generated code never lets a raw JVM error escape: each generated function converts the
 * runtime exceptions wasm code can raise (index out of bounds, arithmetic) into a {@code Trap}
 * and adds itself to the backtrace while the exception unwinds through it
 * ({@link #unwind}); a stack overflow or an out-of-memory error is converted once, where Java
 * entered wasm ({@link #callStackExhausted}, {@link #outOfMemory}).
 */
public class Trap extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** Frames kept in the backtrace; deeper ones are only counted. */
    static final int MAX_FRAMES = 256;

    private final TrapKind kind;
    private final transient List<String> frames = new ArrayList<>();
    private int omittedFrames;

    public Trap(TrapKind kind) {
        this(kind, kind.message(), null);
    }

    public Trap(TrapKind kind, String message) {
        this(kind, message, null);
    }

    public Trap(TrapKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public TrapKind kind() {
        return kind;
    }

    /** The wasm functions active when the trap happened, innermost first. */
    public List<String> wasmBacktrace() {
        return Collections.unmodifiableList(frames);
    }

    /** Adds the next outer wasm function to the backtrace. */
    public void addFrame(String function) {
        if (frames.size() < MAX_FRAMES) {
            frames.add(function);
        } else {
            omittedFrames++;
        }
    }

    /**
     * The backtrace as text, one {@code   at NAME} line per frame; a run of the same function
     * (deep recursion) is shown once with its repeat count.
     */
    public String formatBacktrace() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < frames.size(); ) {
            String f = frames.get(i);
            int run = 1;
            while (i + run < frames.size() && frames.get(i + run).equals(f)) {
                run++;
            }
            sb.append("  at ").append(f).append('\n');
            if (run > 1) {
                sb.append("  ... ").append(f).append(" repeated ").append(run - 1).append(" more times\n");
            }
            i += run;
        }
        if (omittedFrames > 0) {
            sb.append("  ... ").append(omittedFrames).append(" more\n");
        }
        return sb.toString();
    }

    /**
     * Called by every generated function's exception handler while a runtime exception unwinds
     * through it: turns the exceptions wasm code raises (index out of bounds from a memory
     * access, division by zero) into traps, adds {@code function} to a trap's backtrace, and
     * returns what the handler must rethrow. Exceptions that are not wasm traps (for example a
     * host function's own exception, or a guest's exit) pass through unchanged.
     */
    public static RuntimeException unwind(RuntimeException e, String function) {
        Trap trap;
        if (e instanceof Trap) {
            trap = (Trap) e;
        } else if (e instanceof IndexOutOfBoundsException || e instanceof NegativeArraySizeException) {
            trap = new Trap(TrapKind.MEMORY_OUT_OF_BOUNDS, TrapKind.MEMORY_OUT_OF_BOUNDS.message(), null);
        } else if (e instanceof ArithmeticException) {
            trap = new Trap(TrapKind.INTEGER_DIVIDE_BY_ZERO, TrapKind.INTEGER_DIVIDE_BY_ZERO.message(), null);
        } else {
            return e;
        }
        trap.addFrame(function);
        return trap;
    }

    /**
     * The trap for a wasm call stack that overflowed the JVM stack. Generated functions let a
     * {@link StackOverflowError} unwind without catching it (cheap even through hundreds of
     * thousands of frames); the point where Java entered wasm converts it here, reading the
     * backtrace from the error's own stack trace.
     */
    public static Trap callStackExhausted(StackOverflowError e) {
        return withFramesOf(new Trap(TrapKind.CALL_STACK_EXHAUSTED, TrapKind.CALL_STACK_EXHAUSTED.message(), null), e);
    }

    /**
     * The trap for a JVM that ran out of heap while running wasm code: a host function (or the
     * runtime) could not allocate what the guest asked for, say a huge random-bytes buffer.
     * Like a stack overflow, it unwinds through generated functions unconverted and becomes a
     * trap where Java entered wasm, so no {@link OutOfMemoryError} reaches the embedder from a
     * guest. ({@code memory.grow} itself never gets here: it fails with -1 instead.)
     */
    public static Trap outOfMemory(OutOfMemoryError e) {
        return withFramesOf(new Trap(TrapKind.OUT_OF_MEMORY, "the JVM ran out of memory: " + e.getMessage(), e), e);
    }

    /**
     * Adds the wasm functions on {@code e}'s stack trace to {@code trap}: generated functions
     * are the methods of the {@code $Code} classes whose names do not start with {@code $}, and
     * their JVM names write the {@code .} of wasm names as {@code \u00B7}.
     */
    private static Trap withFramesOf(Trap trap, Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String cls = frame.getClassName();
            String method = frame.getMethodName();
            int code = cls.lastIndexOf("$Code");
            if (code >= 0 && code + 5 < cls.length() && Character.isDigit(cls.charAt(code + 5))
                    && !method.startsWith("$")) {
                trap.addFrame(method.replace('\u00B7', '.'));
            }
        }
        return trap;
    }
}
