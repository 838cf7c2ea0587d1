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
    /** How many smaller targets to try when a plan fits the JVM but not the budget. */
    private static final int BUDGET_RETRIES = 2;

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
        boolean arrayLocals = arrayLocals(fn);
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, fn.methodName, fn.descriptor,
                null, null);
        new BodyEmitter(ctx, fn, new CodeSink(mv), plan, null, null, arrayLocals, true).emitFunction();
        String desc = BodyEmitter.regionDescriptor(ctx);
        for (Region r : plan.regions) {
            MethodVisitor rmv = cv.visitMethod(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC,
                    r.methodName, desc, null, null);
            new BodyEmitter(ctx, fn, new CodeSink(rmv), plan, r, null, arrayLocals, true).emitRegion();
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
        SplitPlan best = null;
        long bestSize = Long.MAX_VALUE;
        int retries = 0;
        while (true) {
            SplitPlan plan = new SplitPlanner(fn, rec, target).plan();
            long largest = measure(fn, plan);
            if (largest <= HARD_LIMIT) {
                if (largest < bestSize) {
                    best = plan;
                    bestSize = largest;
                }
                // The planner estimates sizes from a pass that keeps locals in arrays, which can
                // miss the entry and exit code of regions using many locals. A method over the
                // budget is never JIT-compiled, so a smaller target is worth a few more tries.
                if (largest <= budget || budget < 512 || target < 512 || ++retries > BUDGET_RETRIES) {
                    return best;
                }
            } else if (best == null && target < 512 && !triedDefault) {
                // a tiny (testing) budget can make stubs larger than what they replace
                target = DEFAULT_BUDGET;
                triedDefault = true;
                continue;
            }
            target = target * 2 / 3;
            if (target < 512) {
                if (best != null) {
                    return best;
                }
                throw new CompileException(CompileException.Kind.LIMIT,
                        "function " + fn.name + " cannot be split into JVM methods small enough");
            }
        }
    }

    /**
     * Whether a split function keeps all its locals in the frame arrays, in every method: only
     * when it has too many for JVM variables. Otherwise each method keeps the locals it uses in
     * JVM variables (which the JIT keeps in registers) and the arrays only carry them across
     * calls between the methods.
     */
    private static boolean arrayLocals(FunctionInfo fn) {
        return fn.localSlots >= MAX_JVM_LOCALS;
    }

    /** The size of the largest method of {@code plan}, by dry runs. */
    private long measure(FunctionInfo fn, SplitPlan plan) {
        boolean arrayLocals = arrayLocals(fn);
        BodyEmitter main = new BodyEmitter(ctx, fn, new CodeSink(null), plan, null, null, arrayLocals, true);
        main.emitFunction();
        long largest = main.size();
        for (Region r : plan.regions) {
            BodyEmitter e = new BodyEmitter(ctx, fn, new CodeSink(null), plan, r, null, arrayLocals, true);
            e.emitRegion();
            largest = Math.max(largest, e.size());
        }
        return largest;
    }
}
