package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.types.FunctionBody;
import dev.wasmjar.compiler.internal.body.FunctionCompiler;
import org.objectweb.asm.ClassVisitor;

/**
 * Generates the JVM code of one wasm function body: the static method described by
 * {@link ModuleContext#functionOwner}/{@link ModuleContext#functionMethodName}/
 * {@link ModuleContext#functionDescriptor}, plus any helper methods it needs when the body is
 * too large for one JVM method.
 *
 * <p>The code writes its own stack map frames and maximums, so the class writer needs neither
 * {@code COMPUTE_FRAMES} nor {@code COMPUTE_MAXS}. Functions whose code would exceed
 * {@link #maxMethodBytes()} (by default the JIT's limit for compiling a method at all) are
 * split into several methods (see {@link dev.wasmjar.compiler.internal.body.FunctionCompiler}).
 * Instances keep no per-function state: one may serve several functions (not concurrently).
 */
public final class FunctionCodegen {
    /**
     * Default largest method, in bytes of bytecode: HotSpot never JIT-compiles methods over
     * 8000 bytes ({@code -XX:HugeMethodLimit}), and an interpreted hot function is far slower
     * than a split one.
     */
    public static final int DEFAULT_MAX_METHOD_BYTES = 8000;

    private final ModuleContext ctx;
    private final int maxMethodBytes;

    public FunctionCodegen(ModuleContext ctx) {
        this(ctx, Integer.getInteger("wasmjar.maxMethodBytes", DEFAULT_MAX_METHOD_BYTES));
    }

    /** With a method size budget in bytes (clamped to [32, 65535]); small values force splitting (tests). */
    public FunctionCodegen(ModuleContext ctx, int maxMethodBytes) {
        this.ctx = ctx;
        this.maxMethodBytes = Math.max(32, Math.min(65535, maxMethodBytes));
    }

    /** The method size budget in bytes. */
    public int maxMethodBytes() {
        return maxMethodBytes;
    }

    /** Adds the method(s) for defined function {@code funcIndex} to {@code cv}. */
    public void emit(ClassVisitor cv, int funcIndex, FunctionBody body) {
        new FunctionCompiler(ctx, maxMethodBytes).compile(cv, funcIndex, body);
    }
}
