package dev.wasmjar.compiler.internal.body;

import com.dylibso.chicory.wasm.types.FunctionBody;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.ModuleContext;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Compiles one function: as one method when it fits the size budget, else split into the
 * function's method plus outlined region methods (see {@link SplitPlanner}).
 *
 * <p>Sizes come from dry runs: the same generator writing to a visitor that only measures.
 */
public final class FunctionCompiler {
    /** The JVM's hard limit on a method's code, less a margin. */
    static final int HARD_LIMIT = 65000;
    /** Above this many JVM local slots a function keeps its locals in frame arrays. */
    static final int MAX_JVM_LOCALS = 60000;
    /** The budget to fall back to when a tiny one fails. */
    static final int DEFAULT_BUDGET = 8000;

    private final ModuleContext ctx;
    private final int budget;

    public FunctionCompiler(ModuleContext ctx, int budget) {
        this.ctx = ctx;
        this.budget = budget;
    }

    public void compile(ClassVisitor cv, int funcIndex, FunctionBody body) {
        FunctionInfo fn = new FunctionInfo(ctx, funcIndex, body);
        if (fn.localSlots < MAX_JVM_LOCALS) {
            BodyEmitter dry = new BodyEmitter(ctx, fn, new CodeSink(null), null, null, null, false, true);
            dry.emitFunction();
            if (dry.size() <= budget) {
                MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, fn.methodName,
                        fn.descriptor, null, null);
                new BodyEmitter(ctx, fn, new CodeSink(mv), null, null, null, false, true).emitFunction();
                return;
            }
        }
        SplitPlan plan = planSplit(fn);
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, fn.methodName, fn.descriptor,
                null, null);
        new BodyEmitter(ctx, fn, new CodeSink(mv), plan, null, null, true, true).emitFunction();
        String desc = BodyEmitter.regionDescriptor(ctx);
        for (Region r : plan.regions) {
            MethodVisitor rmv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    r.methodName, desc, null, null);
            new BodyEmitter(ctx, fn, new CodeSink(rmv), plan, r, null, true, true).emitRegion();
        }
    }

    /** Plans the split with shrinking budgets until every method fits the JVM. */
    SplitPlan planSplit(FunctionInfo fn) {
        SplitPlan whole = new SplitPlan(fn.code.length, fn.locals.length);
        whole.needsRefs = true;
        Recorder rec = new Recorder(fn.code.length);
        new BodyEmitter(ctx, fn, new CodeSink(null), whole, null, rec, true, false).emitFunction();
        long target = budget;
        boolean triedDefault = false;
        while (true) {
            SplitPlan plan = new SplitPlanner(fn, rec, target).plan();
            long largest = measure(fn, plan);
            if (largest <= HARD_LIMIT) {
                return plan;
            }
            if (target < 512 && !triedDefault) {
                // a tiny (testing) budget can make stubs larger than what they replace
                target = DEFAULT_BUDGET;
                triedDefault = true;
                continue;
            }
            target = target * 2 / 3;
            if (target < 512) {
                throw new CompileException(CompileException.Kind.LIMIT,
                        "function " + fn.name + " cannot be split into JVM methods small enough");
            }
        }
    }

    /** The size of the largest method of {@code plan}, by dry runs. */
    private long measure(FunctionInfo fn, SplitPlan plan) {
        BodyEmitter main = new BodyEmitter(ctx, fn, new CodeSink(null), plan, null, null, true, true);
        main.emitFunction();
        long largest = main.size();
        for (Region r : plan.regions) {
            BodyEmitter e = new BodyEmitter(ctx, fn, new CodeSink(null), plan, r, null, true, true);
            e.emitRegion();
            largest = Math.max(largest, e.size());
        }
        return largest;
    }
}
