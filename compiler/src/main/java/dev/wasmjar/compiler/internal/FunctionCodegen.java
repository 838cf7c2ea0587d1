package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.types.FunctionBody;
import org.objectweb.asm.ClassVisitor;

/**
 * Generates the JVM code of one wasm function body: the static method described by
 * {@link ModuleContext#functionOwner}/{@link ModuleContext#functionMethodName}/
 * {@link ModuleContext#functionDescriptor}, plus any helper methods it needs when the body is
 * too large for one JVM method.
 */
public final class FunctionCodegen {
    private final ModuleContext ctx;

    public FunctionCodegen(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** Adds the method(s) for defined function {@code funcIndex} to {@code cv}. */
    public void emit(ClassVisitor cv, int funcIndex, FunctionBody body) {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
