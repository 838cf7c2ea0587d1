package dev.wasmjar.compiler.internal;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ActiveElement;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Instruction;
import com.dylibso.chicory.wasm.types.OpCode;
import com.dylibso.chicory.wasm.types.PassiveElement;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.runtime.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates the JVM classes of one wasm module: the instance class, the code classes, and the
 * small support classes they share.
 *
 * <h2>Generated classes</h2>
 * For a main class {@code C}:
 * <ul>
 *   <li>{@code C} — public, extends {@code dev.wasmjar.runtime.Instance}, with a public
 *       constructor {@code C(Imports)} that instantiates the module as the spec says (below).
 *       Fields (package-private, read and written by the code classes):
 *       <ul>
 *         <li>{@code $memory} ({@code Memory}) — memory 0, imported or defined;</li>
 *         <li>{@code $table<i>} ({@code Table}) — every table, imported or defined;</li>
 *         <li>globals, named after the name section (sanitized, e.g. {@code __stack_pointer}),
 *             else {@code global$<i>}: a primitive or reference field of the value's JVM type,
 *             or a {@code dev.wasmjar.runtime.Global} box when the global is imported or
 *             exported (the box is what instances share, and gives an export one identity);</li>
 *         <li>{@code $import<f>} ({@code WasmFunction}) — imported function {@code f};</li>
 *         <li>{@code $refs} ({@code WasmFunction[]}) — the function values of this instance,
 *             created on first use ({@code $ref(int)}) so each function has one identity;</li>
 *         <li>{@code $data<d>} ({@code byte[]}) — passive data segments, {@code null} once dropped
 *             (active ones are dropped by instantiation and have no field);
 *             {@code $elem<e>} ({@code Object[]}) — element segments, {@code null} once
 *             dropped (active and declarative ones stay {@code null}).</li>
 *       </ul>
 *       The constructor's work is split into private {@code $init<k>} methods so that no JVM
 *       method limit is reached however many imports, globals or segments there are.</li>
 *   <li>{@code C$Code<k>} — defined functions as static methods
 *       {@code static R name(params..., C inst)} named after the name section ({@code main.fib}
 *       becomes {@code main·fib}, see {@link JvmNames}), else {@code func$<index>}. Each class
 *       holds a contiguous range of functions, bounded in count and code size; a class that
 *       still exceeds the JVM's limits is split and all code regenerated.</li>
 *   <li>{@code C$Imports} — for each imported function, a static bridge with the same
 *       convention that calls {@code inst.$import<f>.handle().invokeExact(params...)}.</li>
 *   <li>{@code C$Indirect} — for each (type, table) pair used by {@code call_indirect}, a static
 *       bridge {@code call_indirect$<type>$<table>(params..., int element, C inst)} that takes
 *       the function from the table (trapping on undefined or null elements); if it is a
 *       function of {@code inst} itself, calls its static method directly (a switch on its
 *       index, so the JIT can inline it); otherwise compares its type by reference with an
 *       interned {@code FunctionType} held in a static field and invokes its handle exactly.</li>
 *   <li>{@code C$Refs<k>} — {@code static WasmFunction ref(int index, C inst)}, which creates the
 *       function value of a defined function, only for functions that need values (exported, in
 *       segments, {@code ref.func}); the class is also the {@code IntFunction} that gives the
 *       value's {@code MethodHandle} when it is first used, from {@code C$Entries<k>}.</li>
 *   <li>{@code C$Entries<k>} — per function of {@code C$Refs<k>}, the method Java enters it
 *       through, which turns a stack overflow or out-of-memory error into a trap.</li>
 *   <li>{@code C$Data<k>} — data segment bytes as string constants of chars 0–255 (at most 32767
 *       chars each, so the modified UTF-8 fits a constant), decoded once per class into
 *       {@code static final byte[][] SEGMENTS}. Segments are never written, so instances share
 *       these arrays. Runs of active segments with constant offsets are applied by the data
 *       class's own {@code static void active<j>(Memory)}, keeping their offsets out of the main
 *       class's constant pool.</li>
 * </ul>
 *
 * <h2>Instantiation order</h2>
 * Resolve and check every import (one {@code LinkException} lists all problems); evaluate
 * global initialisers; create tables, then the memory (capped by {@code Imports.maxMemoryPages});
 * set up passive segments; publish exports; apply active element segments in order, then active
 * data segments (a trap propagates out of the constructor, earlier effects on shared tables and
 * memories stay); run the start function.
 *
 * <p>Code classes are written with a {@code ClassWriter} that computes nothing: the function
 * code generator emits its own frames and maximums, which keeps large modules fast to compile.
 * The small support classes let ASM compute frames.
 */
public final class ModuleCompiler {
    /** Generates the method(s) of one defined function into a code class. */
    @FunctionalInterface
    public interface BodyEmitter {
        void emit(ClassVisitor cv, int funcIndex, FunctionBody body);
    }

    /** Defaults; overridable for tests. */
    public static final int DEFAULT_MAX_FUNCTIONS_PER_CLASS = 2000;
    public static final int DEFAULT_MAX_INSTRUCTIONS_PER_CLASS = 60_000;
    private static final int REFS_PER_CLASS = 2000;
    private static final int INDIRECT_BRIDGES_PER_CLASS = 4000;
    /** Direct-call cases per call_indirect bridge (each about 10-20 bytes of a 64 KiB method). */
    private static final int DIRECT_CALLS_PER_BRIDGE = 1500;
    /** String constants per data class: at most 256 x 64 KiB of class file. */
    private static final int DATA_CONSTANTS_PER_CLASS = 256;
    /**
     * Segments per data class: bounds its {@code <clinit>} and {@code active<j>} methods (about
     * 25 bytes per segment each) well below 64 KiB. Standard Go emits tens of thousands of small
     * segments, so this, not the constants, usually decides the class count.
     */
    private static final int DATA_SEGMENTS_PER_CLASS = 1024;
    /** Chars per data string constant: modified UTF-8 needs at most 2 bytes for chars 0-255. */
    static final int DATA_CHUNK = 32767;
    private static final int INIT_METHOD_BUDGET = 16_000;
    /** The JVM's limit on fields and on methods per class (ASM checks neither). */
    private static final int MAX_MEMBERS = 65535;
    private static final String INSTANCE = "dev/wasmjar/runtime/Instance";
    private static final String SUPPORT = "dev/wasmjar/runtime/internal/InstanceSupport";
    private static final String IMPORTS_DESC = "Ldev/wasmjar/runtime/Imports;";
    private static final String INIT_DESC = "(" + IMPORTS_DESC + "Ljava/util/List;)V";
    private static final String FUNCTION_TYPE = "dev/wasmjar/runtime/FunctionType";
    private static final String VALUE_TYPE = "dev/wasmjar/runtime/ValueType";

    private final WasmModule module;
    private final byte[] rawBytes;
    private final String mainClass;
    private final Function<ModuleContext, BodyEmitter> emitters;
    private int maxFunctionsPerClass = DEFAULT_MAX_FUNCTIONS_PER_CLASS;
    private int maxInstructionsPerClass = DEFAULT_MAX_INSTRUCTIONS_PER_CLASS;
    private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * @param module the validated module
     * @param rawBytes its binary (for exact limits; may be a component or null)
     * @param mainClass internal name of the instance class, e.g. {@code com/acme/Hello}
     */
    public ModuleCompiler(WasmModule module, byte[] rawBytes, String mainClass) {
        this(module, rawBytes, mainClass, ctx -> new FunctionCodegen(ctx)::emit);
    }

    /** As above, with another function body generator (tests). */
    public ModuleCompiler(WasmModule module, byte[] rawBytes, String mainClass,
            Function<ModuleContext, BodyEmitter> emitters) {
        this.module = module;
        this.rawBytes = rawBytes;
        this.mainClass = mainClass;
        this.emitters = emitters;
    }

    /** Caps code classes (tests use small caps to exercise splitting). */
    public ModuleCompiler classLimits(int maxFunctions, int maxInstructions) {
        this.maxFunctionsPerClass = Math.max(1, maxFunctions);
        this.maxInstructionsPerClass = Math.max(1, maxInstructions);
        return this;
    }

    /** Threads generating code classes. */
    public ModuleCompiler parallelism(int threads) {
        this.parallelism = Math.max(1, threads);
        return this;
    }

    /** Generates every class: internal name to class file, main class first. */
    public Map<String, byte[]> compile() {
        RawLimits limits = RawLimits.read(rawBytes);
        FunctionBody[] bodies = module.codeSection().functionBodies();
        int[] starts = partition(bodies);
        while (true) {
            ModuleLayout layout = new ModuleLayout(module, mainClass, limits, starts);
            byte[][] code = new byte[layout.codeClassCount()][];
            List<Integer> tooLarge = generateCodeClasses(layout, bodies, code);
            if (tooLarge.isEmpty()) {
                Map<String, byte[]> out = new LinkedHashMap<>();
                // One plan for both sides: the main class calls what the data classes define.
                DataPlan dataPlan = new DataPlan(layout);
                out.put(mainClass, new MainClassWriter(layout, dataPlan).write());
                for (int k = 0; k < code.length; k++) {
                    out.put(layout.codeClass(k), code[k]);
                }
                writeSupportClasses(layout, dataPlan, out);
                return out;
            }
            starts = split(starts, tooLarge, layout);
        }
    }

    private int[] partition(FunctionBody[] bodies) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        int count = 0;
        long instructions = 0;
        for (int d = 0; d < bodies.length; d++) {
            int size = bodies[d].instructions().size();
            if (count > 0 && (count >= maxFunctionsPerClass || instructions + size > maxInstructionsPerClass)) {
                starts.add(d);
                count = 0;
                instructions = 0;
            }
            count++;
            instructions += size;
        }
        if (bodies.length > 0) {
            starts.add(bodies.length);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] split(int[] starts, List<Integer> tooLarge, ModuleLayout layout) {
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k + 1 < starts.length; k++) {
            out.add(starts[k]);
            if (tooLarge.contains(k)) {
                int lo = starts[k];
                int hi = starts[k + 1];
                if (hi - lo <= 1) {
                    throw new CompileException(CompileException.Kind.LIMIT, "function "
                            + layout.functionName(layout.importedFunctionCount + lo)
                            + " is too large for one JVM class");
                }
                out.add(lo + (hi - lo) / 2);
            }
        }
        out.add(starts[starts.length - 1]);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Generates the code classes into {@code out}; returns the classes that exceeded a JVM limit. */
    private List<Integer> generateCodeClasses(ModuleLayout layout, FunctionBody[] bodies, byte[][] out) {
        int n = layout.codeClassCount();
        List<Integer> tooLarge = new ArrayList<>();
        if (parallelism <= 1 || n <= 1) {
            for (int k = 0; k < n; k++) {
                out[k] = generateCodeClass(layout, bodies, k);
                if (out[k] == null) {
                    tooLarge.add(k);
                }
            }
            return tooLarge;
        }
        // Deeply nested wasm may recurse deeply in the code generator: give workers big stacks.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, n), r -> {
            Thread t = new Thread(null, r, "wasmjar-codegen", 256L << 20);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int cls = k;
                futures.add(pool.submit(() -> generateCodeClass(layout, bodies, cls)));
            }
            for (int k = 0; k < n; k++) {
                out[k] = futures.get(k).get();
                if (out[k] == null) {
                    tooLarge.add(k);
                }
            }
            return tooLarge;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompileException(CompileException.Kind.LIMIT, "compilation interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            if (c instanceof Error) {
                throw (Error) c;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One code class, or null when it exceeds the JVM's class limits. */
    private byte[] generateCodeClass(ModuleLayout layout, FunctionBody[] bodies, int k) {
        ClassWriter cw = new ClassWriter(0);
        MethodCounter cv = new MethodCounter(cw);
        cv.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, layout.codeClass(k), null,
                "java/lang/Object", null);
        cv.visitSource(simpleName(mainClass) + ".wasm", null);
        BodyEmitter emitter = emitters.apply(layout);
        int imported = layout.importedFunctionCount;
        for (int d = layout.codeClassStarts[k]; d < layout.codeClassStarts[k + 1]; d++) {
            try {
                emitter.emit(cv, imported + d, bodies[d]);
            } catch (StackOverflowError e) {
                throw new CompileException(CompileException.Kind.LIMIT,
                        "function " + layout.functionName(imported + d) + " is nested too deeply", -1, null);
            }
        }
        cv.visitEnd();
        if (cv.methods > MAX_MEMBERS) {
            return null;
        }
        try {
            return cw.toByteArray();
        } catch (ClassTooLargeException e) {
            return null;
        } catch (MethodTooLargeException e) {
            throw new CompileException(CompileException.Kind.LIMIT,
                    "method " + e.getMethodName() + " is too large for the JVM (" + e.getCodeSize() + " bytes)", -1, e);
        }
    }

    /** Counts methods: ASM does not check the JVM's limit of 65535 per class. */
    private static final class MethodCounter extends ClassVisitor {
        int methods;

        MethodCounter(ClassVisitor cv) {
            super(Opcodes.ASM9, cv);
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                String[] exceptions) {
            methods++;
            return super.visitMethod(access, name, descriptor, signature, exceptions);
        }
    }

    static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    /** A writer for the small classes: ASM computes frames and maximums (all merges are of equal types). */
    static ClassWriter supportWriter() {
        return new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected String getCommonSuperClass(String type1, String type2) {
                return "java/lang/Object";
            }
        };
    }

    private static byte[] finish(ClassWriter cw, String what) {
        try {
            return cw.toByteArray();
        } catch (ClassTooLargeException | MethodTooLargeException e) {
            throw new CompileException(CompileException.Kind.LIMIT, "the module has too many " + what
                    + " for the JVM's class file limits", -1, e);
        }
    }

    // --- support classes -----------------------------------------------------------------------

    private void writeSupportClasses(ModuleLayout layout, DataPlan plan, Map<String, byte[]> out) {
        if (layout.importedFunctionCount > 0) {
            out.put(layout.importsClass(), writeImportBridges(layout));
        }
        if (!layout.indirectCalls.isEmpty()) {
            out.put(layout.indirectClass(), writeIndirectBridges(layout));
        }
        List<int[]> refRanges = refClassRanges(layout);
        for (int k = 0; k < refRanges.size(); k++) {
            out.put(layout.refsClass(k), writeRefs(layout, k, refRanges.get(k)));
            out.put(layout.entriesClass(k), writeEntries(layout, k, refRanges.get(k)));
        }
        for (int k = 0; k < plan.classCount(); k++) {
            out.put(layout.dataClass(k), writeData(layout, plan, k));
        }
    }

    private static ClassWriter beginSupportClass(String name) {
        ClassWriter cw = supportWriter();
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, name, null,
                "java/lang/Object", null);
        return cw;
    }

    private byte[] writeImportBridges(ModuleLayout layout) {
        if (layout.importedFunctionCount > MAX_MEMBERS) {
            throw new CompileException(CompileException.Kind.LIMIT, "too many imported functions for one JVM class");
        }
        ClassWriter cw = beginSupportClass(layout.importsClass());
        for (int f = 0; f < layout.importedFunctionCount; f++) {
            FunctionType t = layout.functionType(f);
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, layout.functionMethodName(f),
                    layout.functionDescriptor(f), null, null);
            mv.visitCode();
            int instSlot = WasmTypes.parameterSlots(t);
            mv.visitVarInsn(Opcodes.ALOAD, instSlot);
            mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, ModuleLayout.importField(f), RuntimeNames.WASM_FUNCTION_DESC);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.WASM_FUNCTION, "handle", "()Ljava/lang/invoke/MethodHandle;", false);
            VectorBoundary.loadLoweredAsPublic(mv, t, 0);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact",
                    WasmTypes.publicMethodDescriptor(t, ""), false);
            VectorBoundary.publicResultToLowered(mv, t, layout, instSlot);
            mv.visitInsn(Bytecode.returnOpcode(WasmTypes.returnDescriptor(t)));
            mv.visitMaxs(instSlot + 6, instSlot + 1);
            mv.visitEnd();
        }
        cw.visitEnd();
        return finish(cw, "imported functions");
    }

    /** Pushes the (lowered) parameters of compiled code's method for {@code t}, held from {@code firstSlot}. */
    private static void loadParams(MethodVisitor mv, FunctionType t, int firstSlot) {
        int slot = firstSlot;
        for (ValueType p : WasmTypes.lowered(t.params())) {
            mv.visitVarInsn(Bytecode.loadOpcode(WasmTypes.loweredDescriptor(p)), slot);
            slot += WasmTypes.slots(p);
        }
    }

    private byte[] writeIndirectBridges(ModuleLayout layout) {
        List<Long> pairs = new ArrayList<>(layout.indirectCalls);
        pairs.sort(null);
        if (pairs.size() > INDIRECT_BRIDGES_PER_CLASS * 4L) {
            throw new CompileException(CompileException.Kind.LIMIT, "too many call_indirect signatures");
        }
        String owner = layout.indirectClass();
        ClassWriter cw = beginSupportClass(owner);
        java.util.TreeSet<Integer> typeIndices = new java.util.TreeSet<>();
        for (long p : pairs) {
            typeIndices.add((int) (p >>> 32));
        }
        MethodVisitor clinit = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        clinit.visitCode();
        for (int t : typeIndices) {
            cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, ModuleLayout.typeField(t), "L" + FUNCTION_TYPE + ";",
                    null, null).visitEnd();
            clinit.visitLdcInsn(WasmTypes.runtimeType(layout.type(t)).toString());
            clinit.visitMethodInsn(Opcodes.INVOKESTATIC, FUNCTION_TYPE, "parse", "(Ljava/lang/String;)L" + FUNCTION_TYPE + ";",
                    false);
            clinit.visitFieldInsn(Opcodes.PUTSTATIC, owner, ModuleLayout.typeField(t), "L" + FUNCTION_TYPE + ";");
        }
        clinit.visitInsn(Opcodes.RETURN);
        clinit.visitMaxs(1, 0);
        clinit.visitEnd();
        Map<dev.wasmjar.runtime.FunctionType, int[]> candidates = directCallCandidates(layout);
        for (long p : pairs) {
            int typeIndex = (int) (p >>> 32);
            int tableIndex = (int) p;
            FunctionType t = layout.type(typeIndex);
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, ModuleLayout.indirectBridgeName(typeIndex, tableIndex),
                    layout.indirectBridgeDescriptor(typeIndex), null, null);
            mv.visitCode();
            int elemSlot = WasmTypes.parameterSlots(t);
            int instSlot = elemSlot + 1;
            int functionSlot = elemSlot + 2;
            mv.visitVarInsn(Opcodes.ALOAD, instSlot);
            layout.emitTable(mv, tableIndex);
            mv.visitVarInsn(Opcodes.ILOAD, elemSlot);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.TABLE, "function", "(I)" + RuntimeNames.WASM_FUNCTION_DESC, false);
            mv.visitVarInsn(Opcodes.ASTORE, functionSlot);
            Label slow = new Label();
            int[] direct = candidates.getOrDefault(WasmTypes.runtimeType(t), new int[0]);
            if (direct.length > 0) {
                // A function of this instance: call its static method directly, which the JIT can
                // inline, instead of through the method handle, which it cannot.
                mv.visitVarInsn(Opcodes.ALOAD, functionSlot);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.WASM_FUNCTION, "owner", "()Ljava/lang/Object;", false);
                mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                mv.visitJumpInsn(Opcodes.IF_ACMPNE, slow);
                mv.visitVarInsn(Opcodes.ALOAD, functionSlot);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.WASM_FUNCTION, "index", "()I", false);
                Label[] cases = labels(direct.length);
                mv.visitLookupSwitchInsn(slow, direct, cases);
                for (int i = 0; i < direct.length; i++) {
                    mv.visitLabel(cases[i]);
                    loadParams(mv, t, 0);
                    mv.visitVarInsn(Opcodes.ALOAD, instSlot);
                    layout.emitCall(mv, direct[i]);
                    mv.visitInsn(Bytecode.returnOpcode(WasmTypes.returnDescriptor(t)));
                }
            }
            mv.visitLabel(slow);
            mv.visitVarInsn(Opcodes.ALOAD, functionSlot);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.WASM_FUNCTION, "type", "()L" + FUNCTION_TYPE + ";", false);
            mv.visitFieldInsn(Opcodes.GETSTATIC, owner, ModuleLayout.typeField(typeIndex), "L" + FUNCTION_TYPE + ";");
            Label ok = new Label();
            mv.visitJumpInsn(Opcodes.IF_ACMPEQ, ok);
            mv.visitTypeInsn(Opcodes.NEW, "dev/wasmjar/runtime/Trap");
            mv.visitInsn(Opcodes.DUP);
            mv.visitFieldInsn(Opcodes.GETSTATIC, "dev/wasmjar/runtime/TrapKind", "INDIRECT_CALL_TYPE_MISMATCH",
                    "Ldev/wasmjar/runtime/TrapKind;");
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "dev/wasmjar/runtime/Trap", "<init>",
                    "(Ldev/wasmjar/runtime/TrapKind;)V", false);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitLabel(ok);
            mv.visitVarInsn(Opcodes.ALOAD, functionSlot);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.WASM_FUNCTION, "handle", "()Ljava/lang/invoke/MethodHandle;", false);
            VectorBoundary.loadLoweredAsPublic(mv, t, 0);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact",
                    WasmTypes.publicMethodDescriptor(t, ""), false);
            VectorBoundary.publicResultToLowered(mv, t, layout, instSlot);
            mv.visitInsn(Bytecode.returnOpcode(WasmTypes.returnDescriptor(t)));
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return finish(cw, "call_indirect signatures");
    }

    /**
     * By function type: the defined functions a {@code call_indirect} bridge may call directly
     * when it finds them in a table — those that have function values at all (only they can be
     * in a table), at most {@link #DIRECT_CALLS_PER_BRIDGE} per type.
     */
    private static Map<dev.wasmjar.runtime.FunctionType, int[]> directCallCandidates(ModuleLayout layout) {
        Map<dev.wasmjar.runtime.FunctionType, List<Integer>> byType = new java.util.HashMap<>();
        for (int f : layout.sortedReferencedFunctions()) {
            if (f >= layout.importedFunctionCount && f < layout.functionCount) {
                byType.computeIfAbsent(WasmTypes.runtimeType(layout.functionType(f)), k -> new ArrayList<>()).add(f);
            }
        }
        Map<dev.wasmjar.runtime.FunctionType, int[]> out = new java.util.HashMap<>();
        byType.forEach((t, fs) -> out.put(t,
                fs.stream().limit(DIRECT_CALLS_PER_BRIDGE).mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /** Defined functions needing values, in index order, in chunks of {@link #REFS_PER_CLASS}. */
    private static List<int[]> refClassRanges(ModuleLayout layout) {
        List<Integer> defined = new ArrayList<>();
        for (int f : layout.sortedReferencedFunctions()) {
            if (f >= layout.importedFunctionCount && f < layout.functionCount) {
                defined.add(f);
            }
        }
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < defined.size(); i += REFS_PER_CLASS) {
            List<Integer> chunk = defined.subList(i, Math.min(defined.size(), i + REFS_PER_CLASS));
            out.add(chunk.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private byte[] writeRefs(ModuleLayout layout, int k, int[] functions) {
        String owner = layout.refsClass(k);
        ClassWriter cw = supportWriter();
        // The class is itself the IntFunction that gives the runtime a function's method handle
        // when a function value's handle is first needed (InstanceSupport.functionRef): resolving
        // a MethodHandle constant per element at instantiation was most of a first one's time.
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC, owner,
                "Ljava/lang/Object;Ljava/util/function/IntFunction<Ljava/lang/invoke/MethodHandle;>;",
                "java/lang/Object", new String[] {"java/util/function/IntFunction"});
        String selfDesc = "L" + owner + ";";
        cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "CODE", selfDesc, null, null).visitEnd();

        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PRIVATE, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitTypeInsn(Opcodes.NEW, owner);
        mv.visitInsn(Opcodes.DUP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "<init>", "()V", false);
        mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, "CODE", selfDesc);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        // public Object apply(int index): the entry method of function index, as a MethodHandle
        // (from the Entries class, loaded only when a handle is first needed)
        mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "apply", "(I)Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ILOAD, 1);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, layout.entriesClass(k), "handle", "(I)Ljava/lang/invoke/MethodHandle;",
                false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();

        // static WasmFunction ref(int index, C inst): the function value of function index
        MethodVisitor ref = cw.visitMethod(Opcodes.ACC_STATIC, "ref", "(I" + layout.instanceDescriptor() + ")L"
                + RuntimeNames.WASM_FUNCTION + ";", null, null);
        ref.visitCode();
        returnPerFunction(ref, 0, functions, f -> {
            ref.visitFieldInsn(Opcodes.GETSTATIC, owner, "CODE", selfDesc);
            ref.visitLdcInsn(WasmTypes.runtimeType(layout.functionType(f)).toString());
            ref.visitVarInsn(Opcodes.ILOAD, 0);
            ref.visitVarInsn(Opcodes.ALOAD, 1);
            ref.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "functionRef",
                    "(Ljava/util/function/IntFunction;Ljava/lang/String;IL" + INSTANCE + ";)" + RuntimeNames.WASM_FUNCTION_DESC,
                    false);
        });
        ref.visitMaxs(0, 0);
        ref.visitEnd();
        cw.visitEnd();
        return finish(cw, "function references");
    }

    /**
     * {@code C$Entries<k>}: for each function of {@code C$Refs<k>}, a static method
     * {@code entry$<f>(params..., C inst)} that calls it and turns a {@link StackOverflowError} or
     * {@link OutOfMemoryError} into a trap (the one place where Java enters wasm, see
     * {@code Trap.callStackExhausted}), and {@code static MethodHandle handle(int index)} giving
     * it. Bytecode handlers, not {@code MethodHandles.catchException}: building those combinators
     * for a first entry spun about 150 lambda-form classes, 100-150 ms of a fresh JVM.
     */
    private byte[] writeEntries(ModuleLayout layout, int k, int[] functions) {
        String owner = layout.entriesClass(k);
        ClassWriter cw = beginSupportClass(owner);
        String trap = "dev/wasmjar/runtime/Trap";
        for (int f : functions) {
            FunctionType t = layout.functionType(f);
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "entry$" + f, entryDescriptor(layout, f), null, null);
            mv.visitCode();
            Label start = new Label();
            Label end = new Label();
            Label overflow = new Label();
            Label oom = new Label();
            mv.visitTryCatchBlock(start, end, overflow, "java/lang/StackOverflowError");
            mv.visitTryCatchBlock(start, end, oom, "java/lang/OutOfMemoryError");
            mv.visitLabel(start);
            int instSlot = WasmTypes.publicParameterSlots(t);
            VectorBoundary.loadPublicAsLowered(mv, t, 0);
            mv.visitVarInsn(Opcodes.ALOAD, instSlot);
            layout.emitCall(mv, f);
            VectorBoundary.loweredResultToPublic(mv, t, layout, instSlot);
            mv.visitLabel(end);
            mv.visitInsn(Bytecode.returnOpcode(WasmTypes.publicReturnDescriptor(t)));
            mv.visitLabel(overflow);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, trap, "callStackExhausted",
                    "(Ljava/lang/StackOverflowError;)L" + trap + ";", false);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitLabel(oom);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, trap, "outOfMemory", "(Ljava/lang/OutOfMemoryError;)L" + trap + ";",
                    false);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "handle", "(I)Ljava/lang/invoke/MethodHandle;", null, null);
        mv.visitCode();
        returnPerFunction(mv, 0, functions, f -> mv.visitLdcInsn(
                new Handle(Opcodes.H_INVOKESTATIC, owner, "entry$" + f, entryDescriptor(layout, f), false)));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        cw.visitEnd();
        return finish(cw, "function references");
    }

    /** The descriptor of {@code entry$<f>}: the function's method handle type, then the instance. */
    private static String entryDescriptor(ModuleLayout layout, int f) {
        return WasmTypes.publicMethodDescriptor(layout.functionType(f), layout.instanceDescriptor());
    }

    /**
     * A switch on the function index in local {@code slot}: for each of {@code functions}, what
     * {@code value} pushes, returned ({@code areturn}); {@code null} for any other index.
     */
    private static void returnPerFunction(MethodVisitor mv, int slot, int[] functions,
                                          java.util.function.IntConsumer value) {
        Label[] cases = labels(functions.length);
        Label dflt = new Label();
        mv.visitVarInsn(Opcodes.ILOAD, slot);
        mv.visitLookupSwitchInsn(dflt, functions, cases);
        for (int i = 0; i < functions.length; i++) {
            mv.visitLabel(cases[i]);
            value.accept(functions[i]);
            mv.visitInsn(Opcodes.ARETURN);
        }
        mv.visitLabel(dflt);
        mv.visitInsn(Opcodes.ACONST_NULL);
        mv.visitInsn(Opcodes.ARETURN);
    }

    private static Label[] labels(int n) {
        Label[] out = new Label[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Label();
        }
        return out;
    }

    /**
     * Which data class holds which segment, each as string constants, and which runs of active
     * segments each data class applies itself.
     *
     * <p>Active segments with a constant offset into memory 0 are applied by static methods
     * {@code active<j>(Memory)} of their data class, one per run of consecutive such segments:
     * their offsets and lengths then sit in the data classes' constant pools, not the main
     * class's, whose 65535 entries would otherwise run out on modules with tens of thousands
     * of segments (standard Go). The main class calls the runs in segment order.
     */
    static final class DataPlan {
        final int[] classOf;
        final int[] indexInClass;
        final List<List<Integer>> segmentsOfClass = new ArrayList<>();
        /** Per data class, its runs of active segments (segment indices, ascending). */
        final List<List<List<Integer>>> runsOfClass = new ArrayList<>();
        /** For the first segment of each run: its data class and run index; else {@code null}. */
        final int[][] runStartingAt;

        DataPlan(ModuleLayout layout) {
            int n = layout.dataCount();
            classOf = new int[n];
            indexInClass = new int[n];
            runStartingAt = new int[n][];
            int constants = 0;
            List<Integer> run = null;
            for (int d = 0; d < n; d++) {
                DataSegment seg = layout.module.dataSection().getDataSegment(d);
                int len = seg.data().length;
                int chunks = Math.max(1, (len + DATA_CHUNK - 1) / DATA_CHUNK);
                if (segmentsOfClass.isEmpty() || (constants > 0 && constants + chunks > DATA_CONSTANTS_PER_CLASS)
                        || segmentsOfClass.get(segmentsOfClass.size() - 1).size() >= DATA_SEGMENTS_PER_CLASS) {
                    segmentsOfClass.add(new ArrayList<>());
                    runsOfClass.add(new ArrayList<>());
                    constants = 0;
                    run = null;
                }
                int k = segmentsOfClass.size() - 1;
                List<Integer> current = segmentsOfClass.get(k);
                classOf[d] = k;
                indexInClass[d] = current.size();
                current.add(d);
                constants += chunks;
                if (constantOffset(seg) == null) {
                    run = null;
                    continue;
                }
                if (run == null) {
                    run = new ArrayList<>();
                    runStartingAt[d] = new int[] {k, runsOfClass.get(k).size()};
                    runsOfClass.get(k).add(run);
                }
                run.add(d);
            }
        }

        int classCount() {
            return segmentsOfClass.size();
        }

        /** The offset of an active segment into memory 0 given by one {@code i32.const}, else {@code null}. */
        static Integer constantOffset(DataSegment seg) {
            if (!(seg instanceof ActiveDataSegment) || ((ActiveDataSegment) seg).index() != 0) {
                return null;
            }
            List<Instruction> expr = ((ActiveDataSegment) seg).offsetInstructions();
            if (expr.isEmpty() || expr.get(0).opcode() != OpCode.I32_CONST) {
                return null;
            }
            for (int i = 1; i < expr.size(); i++) {
                if (expr.get(i).opcode() != OpCode.END) {
                    return null;
                }
            }
            return (int) expr.get(0).operand(0);
        }
    }

    private byte[] writeData(ModuleLayout layout, DataPlan plan, int k) {
        String owner = layout.dataClass(k);
        ClassWriter cw = beginSupportClass(owner);
        cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "SEGMENTS", "[[B", null, null).visitEnd();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        List<Integer> segments = plan.segmentsOfClass.get(k);
        Bytecode.pushInt(mv, segments.size());
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "[B");
        for (int i = 0; i < segments.size(); i++) {
            byte[] data = layout.module.dataSection().getDataSegment(segments.get(i)).data();
            mv.visitInsn(Opcodes.DUP);
            Bytecode.pushInt(mv, i);
            Bytecode.pushInt(mv, data.length);
            int chunks = (data.length + DATA_CHUNK - 1) / DATA_CHUNK;
            Bytecode.pushInt(mv, chunks);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/String");
            for (int c = 0; c < chunks; c++) {
                int from = c * DATA_CHUNK;
                int to = Math.min(data.length, from + DATA_CHUNK);
                mv.visitInsn(Opcodes.DUP);
                Bytecode.pushInt(mv, c);
                mv.visitLdcInsn(new String(data, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1));
                mv.visitInsn(Opcodes.AASTORE);
            }
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "decodeBytes", "(I[Ljava/lang/String;)[B", false);
            mv.visitInsn(Opcodes.AASTORE);
        }
        mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, "SEGMENTS", "[[B");
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        List<List<Integer>> runs = plan.runsOfClass.get(k);
        for (int j = 0; j < runs.size(); j++) {
            // In segment order: a segment out of bounds traps, and the ones before it stay applied.
            mv = cw.visitMethod(Opcodes.ACC_STATIC, "active" + j, "(" + RuntimeNames.MEMORY_DESC + ")V", null, null);
            mv.visitCode();
            for (int d : runs.get(j)) {
                DataSegment seg = layout.module.dataSection().getDataSegment(d);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitFieldInsn(Opcodes.GETSTATIC, owner, "SEGMENTS", "[[B");
                Bytecode.pushInt(mv, plan.indexInClass[d]);
                mv.visitInsn(Opcodes.AALOAD);
                Bytecode.pushInt(mv, DataPlan.constantOffset(seg));
                mv.visitInsn(Opcodes.ICONST_0);
                Bytecode.pushInt(mv, seg.data().length);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.MEMORY, "init", "([BIII)V", false);
            }
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return finish(cw, "data segments");
    }

    // --- the main class ------------------------------------------------------------------------

    /** Writes the instance class. */
    private final class MainClassWriter {
        private final ModuleLayout layout;
        private final ClassWriter cw = supportWriter();
        private final MethodCounter cv = new MethodCounter(cw);
        private final List<String> initMethods = new ArrayList<>();
        private final DataPlan dataPlan;
        private MethodVisitor init;
        private int initSize;
        private int helperCount;

        MainClassWriter(ModuleLayout layout, DataPlan dataPlan) {
            this.layout = layout;
            this.dataPlan = dataPlan;
        }

        byte[] write() {
            cv.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, mainClass, null, INSTANCE,
                    null);
            cv.visitSource(simpleName(mainClass) + ".wasm", null);
            fields();
            initItems();
            closeInit();
            constructor();
            refMethods();
            cv.visitEnd();
            if (cv.methods > MAX_MEMBERS) {
                throw new CompileException(CompileException.Kind.LIMIT, "the module has too many segments for one JVM class");
            }
            return finish(cw, "imports, globals or segments");
        }

        private void field(String name, String desc) {
            cv.visitField(0, name, desc, null, null).visitEnd();
        }

        private void fields() {
            long count = 2L + layout.tables.size() + layout.globals.size() + layout.importedFunctionCount
                    + layout.passiveDataCount() + layout.elementCount();
            if (count > MAX_MEMBERS) {
                // ASM does not check this JVM limit; the class would be corrupt
                throw new CompileException(CompileException.Kind.LIMIT, "the module has too many globals, tables,"
                        + " imports and segments for one JVM class (" + count + " fields)");
            }
            field(ModuleLayout.REFS_FIELD, "[" + RuntimeNames.WASM_FUNCTION_DESC);
            if (layout.memory != null) {
                field(ModuleLayout.MEMORY_FIELD, RuntimeNames.MEMORY_DESC);
            }
            for (ModuleLayout.TableSlot t : layout.tables) {
                field(t.field, RuntimeNames.TABLE_DESC);
            }
            for (ModuleLayout.GlobalSlot g : layout.globals) {
                field(g.field, g.fieldDescriptor());
            }
            for (int f = 0; f < layout.importedFunctionCount; f++) {
                field(ModuleLayout.importField(f), RuntimeNames.WASM_FUNCTION_DESC);
            }
            if (layout.returnsVectors()) {
                field(WasmTypes.VECTOR_RESULT_FIELD, "J");
            }
            for (int d = 0; d < layout.dataCount(); d++) {
                // Active segments are dropped by instantiation: they need no field (see ModuleLayout).
                if (layout.isPassiveData(d)) {
                    field(ModuleLayout.dataField(d), "[B");
                }
            }
            for (int e = 0; e < layout.elementCount(); e++) {
                field(ModuleLayout.elementField(e), "[Ljava/lang/Object;");
            }
        }

        /** The method to add the next piece of constructor work to, of about {@code size} bytes. */
        private MethodVisitor init(int size) {
            if (init == null || initSize + size > INIT_METHOD_BUDGET) {
                closeInit();
                String name = "$init" + initMethods.size();
                initMethods.add(name);
                init = cv.visitMethod(Opcodes.ACC_PRIVATE, name, INIT_DESC, null, null);
                init.visitCode();
                initSize = 0;
            }
            initSize += size;
            return init;
        }

        private void closeInit() {
            if (init != null) {
                init.visitInsn(Opcodes.RETURN);
                init.visitMaxs(0, 0);
                init.visitEnd();
                init = null;
            }
        }

        private void constructor() {
            MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(" + IMPORTS_DESC + ")V", null, null);
            mv.visitCode();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, INSTANCE, "<init>", "()V", false);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            Bytecode.pushInt(mv, layout.functionCount);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, RuntimeNames.WASM_FUNCTION);
            mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, ModuleLayout.REFS_FIELD, "[" + RuntimeNames.WASM_FUNCTION_DESC);
            mv.visitTypeInsn(Opcodes.NEW, "java/util/ArrayList");
            mv.visitInsn(Opcodes.DUP);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/util/ArrayList", "<init>", "()V", false);
            mv.visitVarInsn(Opcodes.ASTORE, 2);
            for (String m : initMethods) {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitVarInsn(Opcodes.ALOAD, 2);
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, mainClass, m, INIT_DESC, false);
            }
            mv.visitInsn(Opcodes.RETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        private void initItems() {
            link();
            MethodVisitor mv = init(8);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "throwIfProblems", "(Ljava/util/List;)V", false);
            definedGlobals();
            definedTables();
            definedMemory();
            passiveSegments();
            exports();
            activeElements();
            activeData();
            start();
        }

        // --- linking ---

        private void link() {
            int f = 0;
            int t = 0;
            int g = 0;
            for (int i = 0; i < module.importSection().importCount(); i++) {
                var imp = module.importSection().getImport(i);
                MethodVisitor mv = init(40);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitLdcInsn(imp.module());
                mv.visitLdcInsn(imp.name());
                if (imp instanceof FunctionImport) {
                    mv.visitLdcInsn(WasmTypes.runtimeType(layout.functionType(f)).toString());
                    mv.visitMethodInsn(Opcodes.INVOKESTATIC, FUNCTION_TYPE, "parse",
                            "(Ljava/lang/String;)L" + FUNCTION_TYPE + ";", false);
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                    mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "importFunction", "(" + IMPORTS_DESC
                            + "Ljava/lang/String;Ljava/lang/String;L" + FUNCTION_TYPE + ";Ljava/util/List;)L"
                            + RuntimeNames.WASM_FUNCTION + ";", false);
                    mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, ModuleLayout.importField(f),
                            RuntimeNames.WASM_FUNCTION_DESC);
                    // an imported function's value is the imported object itself
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, ModuleLayout.REFS_FIELD,
                            "[" + RuntimeNames.WASM_FUNCTION_DESC);
                    Bytecode.pushInt(mv, f);
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, ModuleLayout.importField(f),
                            RuntimeNames.WASM_FUNCTION_DESC);
                    mv.visitInsn(Opcodes.AASTORE);
                    f++;
                } else if (imp instanceof com.dylibso.chicory.wasm.types.TableImport) {
                    ModuleLayout.TableSlot slot = layout.tables.get(t++);
                    pushValueType(mv, slot.elementType);
                    Bytecode.pushLong(mv, slot.min);
                    Bytecode.pushLong(mv, slot.max);
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                    mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "importTable", "(" + IMPORTS_DESC
                            + "Ljava/lang/String;Ljava/lang/String;L" + VALUE_TYPE + ";JJLjava/util/List;)"
                            + RuntimeNames.TABLE_DESC, false);
                    mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, slot.field, RuntimeNames.TABLE_DESC);
                } else if (imp instanceof com.dylibso.chicory.wasm.types.MemoryImport) {
                    Bytecode.pushLong(mv, layout.memory.min);
                    Bytecode.pushLong(mv, layout.memory.max);
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                    mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "importMemory", "(" + IMPORTS_DESC
                            + "Ljava/lang/String;Ljava/lang/String;JJLjava/util/List;)" + RuntimeNames.MEMORY_DESC, false);
                    mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, ModuleLayout.MEMORY_FIELD, RuntimeNames.MEMORY_DESC);
                } else {
                    ModuleLayout.GlobalSlot slot = layout.globals.get(g++);
                    pushValueType(mv, slot.type);
                    mv.visitInsn(slot.mutable ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                    mv.visitVarInsn(Opcodes.ALOAD, 2);
                    mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "importGlobal", "(" + IMPORTS_DESC
                            + "Ljava/lang/String;Ljava/lang/String;L" + VALUE_TYPE + ";ZLjava/util/List;)"
                            + RuntimeNames.GLOBAL_DESC, false);
                    mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, slot.field, RuntimeNames.GLOBAL_DESC);
                }
            }
        }

        private void pushValueType(MethodVisitor mv, ValueType t) {
            mv.visitFieldInsn(Opcodes.GETSTATIC, VALUE_TYPE, t.name(), "L" + VALUE_TYPE + ";");
        }

        // --- globals, tables, memory ---

        private void definedGlobals() {
            for (ModuleLayout.GlobalSlot g : layout.globals) {
                if (g.imported != null) {
                    continue;
                }
                MethodVisitor mv = init(20 + 12 * g.init.size());
                if (g.boxed) {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitTypeInsn(Opcodes.NEW, RuntimeNames.GLOBAL);
                    mv.visitInsn(Opcodes.DUP);
                    pushValueType(mv, g.type);
                    mv.visitInsn(g.mutable ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
                    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, RuntimeNames.GLOBAL, "<init>", "(L" + VALUE_TYPE + ";Z)V",
                            false);
                    mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, g.field, RuntimeNames.GLOBAL_DESC);
                }
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                constExpr(mv, g.init);
                layout.emitGlobalSet(mv, g.index);
            }
        }

        private void definedTables() {
            for (ModuleLayout.TableSlot t : layout.tables) {
                if (t.imported != null) {
                    continue;
                }
                MethodVisitor mv = init(30 + (t.init == null ? 0 : 12 * t.init.size()));
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                pushValueType(mv, t.elementType);
                // sizes beyond int make the Table constructor trap with OUT_OF_MEMORY
                Bytecode.pushInt(mv, t.min > Integer.MAX_VALUE ? -1 : (int) t.min);
                Bytecode.pushInt(mv, t.max < 0 ? -1 : (int) Math.min(t.max, Integer.MAX_VALUE));
                if (t.init == null) {
                    mv.visitInsn(Opcodes.ACONST_NULL);
                } else {
                    constExpr(mv, t.init);
                }
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "newTable",
                        "(L" + VALUE_TYPE + ";IILjava/lang/Object;)" + RuntimeNames.TABLE_DESC, false);
                mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, t.field, RuntimeNames.TABLE_DESC);
            }
        }

        private void definedMemory() {
            ModuleLayout.MemorySlot m = layout.memory;
            if (m == null || m.imported != null) {
                return;
            }
            MethodVisitor mv = init(30);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            // sizes beyond int make the Memory constructor trap with OUT_OF_MEMORY; so does the cap
            Bytecode.pushInt(mv, m.min > Integer.MAX_VALUE ? -1 : (int) m.min);
            Bytecode.pushInt(mv, m.max < 0 ? -1 : (int) Math.min(m.max, Integer.MAX_VALUE));
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "dev/wasmjar/runtime/Imports", "maxMemoryPages", "()I", false);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "newMemory", "(III)" + RuntimeNames.MEMORY_DESC, false);
            mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, ModuleLayout.MEMORY_FIELD, RuntimeNames.MEMORY_DESC);
        }

        // --- segments ---

        private void pushDataBytes(MethodVisitor mv, int d) {
            mv.visitFieldInsn(Opcodes.GETSTATIC, layout.dataClass(dataPlan.classOf[d]), "SEGMENTS", "[[B");
            Bytecode.pushInt(mv, dataPlan.indexInClass[d]);
            mv.visitInsn(Opcodes.AALOAD);
        }

        private void passiveSegments() {
            for (int d = 0; d < layout.dataCount(); d++) {
                if (!layout.isPassiveData(d)) {
                    continue;
                }
                MethodVisitor mv = init(20);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                pushDataBytes(mv, d);
                mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, ModuleLayout.dataField(d), "[B");
            }
            Element[] elements = module.elementSection().elements();
            for (int e = 0; e < elements.length; e++) {
                if (!(elements[e] instanceof PassiveElement)) {
                    continue;
                }
                MethodVisitor mv = init(30);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                pushElements(e, elements[e]);
                mv = init;
                mv.visitFieldInsn(Opcodes.PUTFIELD, mainClass, ModuleLayout.elementField(e), "[Ljava/lang/Object;");
            }
        }

        /**
         * Pushes a new {@code Object[]} with the values of element segment {@code e}, built by a
         * helper method (so large segments cannot overflow the init method).
         */
        private void pushElements(int e, Element element) {
            String builder = elementBuilder(e, element);
            MethodVisitor mv = init;
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, mainClass, builder, "()[Ljava/lang/Object;", false);
        }

        private String elementBuilder(int e, Element element) {
            List<List<Instruction>> inits = element.initializers();
            String name = "$elem" + e + "$" + (helperCount++);
            MethodVisitor mv = cv.visitMethod(Opcodes.ACC_PRIVATE, name, "()[Ljava/lang/Object;", null, null);
            mv.visitCode();
            int[] indices = functionIndicesOnly(inits);
            if (indices != null) {
                // plain function indices (the usual case): packed into string constants, decoded at run time
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                int perChunk = 8192;
                int chunks = (indices.length + perChunk - 1) / perChunk;
                Bytecode.pushInt(mv, chunks);
                mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/String");
                for (int c = 0; c < chunks; c++) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = c * perChunk; i < Math.min(indices.length, (c + 1) * perChunk); i++) {
                        sb.append((char) (indices[i] >>> 16)).append((char) indices[i]);
                    }
                    mv.visitInsn(Opcodes.DUP);
                    Bytecode.pushInt(mv, c);
                    mv.visitLdcInsn(sb.toString());
                    mv.visitInsn(Opcodes.AASTORE);
                }
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, SUPPORT, "decodeIndices", "([Ljava/lang/String;)[I", false);
                mv.visitMethodInsn(Opcodes.INVOKESPECIAL, mainClass, "$refArray", "([I)[Ljava/lang/Object;", false);
                mv.visitInsn(Opcodes.ARETURN);
            } else {
                // general constant expressions, filled in by helpers of bounded size
                Bytecode.pushInt(mv, inits.size());
                mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
                mv.visitVarInsn(Opcodes.ASTORE, 1);
                int perFill = 500;
                for (int from = 0; from < inits.size(); from += perFill) {
                    String fill = name + "$fill" + from;
                    MethodVisitor fv = cv.visitMethod(Opcodes.ACC_PRIVATE, fill, "([Ljava/lang/Object;)V", null, null);
                    fv.visitCode();
                    for (int i = from; i < Math.min(inits.size(), from + perFill); i++) {
                        fv.visitVarInsn(Opcodes.ALOAD, 1);
                        Bytecode.pushInt(fv, i);
                        constExpr(fv, inits.get(i));
                        fv.visitInsn(Opcodes.AASTORE);
                    }
                    fv.visitInsn(Opcodes.RETURN);
                    fv.visitMaxs(0, 0);
                    fv.visitEnd();
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                    mv.visitVarInsn(Opcodes.ALOAD, 1);
                    mv.visitMethodInsn(Opcodes.INVOKESPECIAL, mainClass, fill, "([Ljava/lang/Object;)V", false);
                }
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitInsn(Opcodes.ARETURN);
            }
            mv.visitMaxs(0, 0);
            mv.visitEnd();
            return name;
        }

        /** The function indices (-1 for null) if every initializer is {@code ref.func} or {@code ref.null}, else null. */
        private int[] functionIndicesOnly(List<List<Instruction>> inits) {
            int[] out = new int[inits.size()];
            for (int i = 0; i < out.length; i++) {
                Instruction op = null;
                for (Instruction in : inits.get(i)) {
                    if (in.opcode() == OpCode.END) {
                        continue;
                    }
                    if (op != null) {
                        return null;
                    }
                    op = in;
                }
                if (op == null) {
                    return null;
                } else if (op.opcode() == OpCode.REF_FUNC) {
                    out[i] = (int) op.operand(0);
                } else if (op.opcode() == OpCode.REF_NULL) {
                    out[i] = -1;
                } else {
                    return null;
                }
            }
            return out;
        }

        private void exports() {
            for (int i = 0; i < module.exportSection().exportCount(); i++) {
                Export e = module.exportSection().getExport(i);
                MethodVisitor mv = init(20);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitLdcInsn(e.name());
                switch (e.exportType()) {
                    case FUNCTION:
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        layout.emitFunctionRef(mv, e.index());
                        break;
                    case MEMORY:
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        layout.emitMemory(mv);
                        break;
                    case TABLE:
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        layout.emitTable(mv, e.index());
                        break;
                    case GLOBAL:
                        exportedGlobal(mv, layout.globals.get(e.index()));
                        break;
                    default:
                        throw new CompileException(CompileException.Kind.UNSUPPORTED,
                                "unsupported export " + e.name() + " (" + e.exportType() + ")");
                }
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, mainClass, "export", "(Ljava/lang/String;Ljava/lang/Object;)V",
                        false);
            }
        }

        /** Pushes the Global an export publishes: the box every exported global lives in. */
        private void exportedGlobal(MethodVisitor mv, ModuleLayout.GlobalSlot g) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, g.field, RuntimeNames.GLOBAL_DESC);
        }

        private void activeElements() {
            Element[] elements = module.elementSection().elements();
            for (int e = 0; e < elements.length; e++) {
                if (!(elements[e] instanceof ActiveElement)) {
                    continue; // passive: set up above; declarative: dropped, i.e. never stored
                }
                ActiveElement a = (ActiveElement) elements[e];
                MethodVisitor mv = init(40 + 12 * a.offset().size());
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                layout.emitTable(mv, a.tableIndex());
                pushElements(e, a);
                mv = init;
                constExpr(mv, a.offset());
                mv.visitInsn(Opcodes.ICONST_0);
                Bytecode.pushInt(mv, a.elementCount());
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.TABLE, "init", "([Ljava/lang/Object;III)V", false);
            }
        }

        private void activeData() {
            for (int d = 0; d < layout.dataCount(); d++) {
                DataSegment seg = layout.module.dataSection().getDataSegment(d);
                if (!(seg instanceof ActiveDataSegment)) {
                    continue;
                }
                if (DataPlan.constantOffset(seg) != null) {
                    // applied by its run, which is called where the run starts
                    int[] run = dataPlan.runStartingAt[d];
                    if (run != null) {
                        MethodVisitor mv = init(10);
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        layout.emitMemory(mv);
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, layout.dataClass(run[0]), "active" + run[1],
                                "(" + RuntimeNames.MEMORY_DESC + ")V", false);
                    }
                    continue;
                }
                ActiveDataSegment a = (ActiveDataSegment) seg;
                if (a.index() != 0) {
                    throw new CompileException(CompileException.Kind.UNSUPPORTED, "multiple memories are not supported");
                }
                MethodVisitor mv = init(40 + 12 * a.offsetInstructions().size());
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                layout.emitMemory(mv);
                pushDataBytes(mv, d);
                constExpr(mv, a.offsetInstructions());
                mv.visitInsn(Opcodes.ICONST_0);
                Bytecode.pushInt(mv, a.data().length);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.MEMORY, "init", "([BIII)V", false);
            }
        }

        private void start() {
            module.startSection().ifPresent(s -> {
                MethodVisitor mv = init(10);
                // Through its function value, the entry point that turns a stack overflow into a trap.
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                layout.emitFunctionRef(mv, (int) s.startIndex());
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, RuntimeNames.WASM_FUNCTION, "handle",
                        "()Ljava/lang/invoke/MethodHandle;", false);
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", "()V", false);
            });
        }

        // --- constant expressions ---

        /** Pushes the value of a constant expression; local 0 must be the instance. */
        private void constExpr(MethodVisitor mv, List<Instruction> expr) {
            for (Instruction in : expr) {
                OpCode op = in.opcode();
                switch (op) {
                    case END:
                        break;
                    case I32_CONST:
                        Bytecode.pushInt(mv, (int) in.operand(0));
                        break;
                    case I64_CONST:
                        Bytecode.pushLong(mv, in.operand(0));
                        break;
                    case F32_CONST:
                        // through the raw bits, so NaN payloads survive
                        Bytecode.pushInt(mv, (int) in.operand(0));
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                        break;
                    case F64_CONST:
                        Bytecode.pushLong(mv, in.operand(0));
                        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                        break;
                    case V128_CONST:
                        // lowered: the low half, then the high half
                        Bytecode.pushLong(mv, in.operand(0));
                        Bytecode.pushLong(mv, in.operand(1));
                        break;
                    case GLOBAL_GET:
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        layout.emitGlobalGet(mv, (int) in.operand(0));
                        break;
                    case REF_NULL:
                        mv.visitInsn(Opcodes.ACONST_NULL);
                        break;
                    case REF_FUNC:
                        mv.visitVarInsn(Opcodes.ALOAD, 0);
                        layout.emitFunctionRef(mv, (int) in.operand(0));
                        break;
                    case I32_ADD:
                        mv.visitInsn(Opcodes.IADD);
                        break;
                    case I32_SUB:
                        mv.visitInsn(Opcodes.ISUB);
                        break;
                    case I32_MUL:
                        mv.visitInsn(Opcodes.IMUL);
                        break;
                    case I64_ADD:
                        mv.visitInsn(Opcodes.LADD);
                        break;
                    case I64_SUB:
                        mv.visitInsn(Opcodes.LSUB);
                        break;
                    case I64_MUL:
                        mv.visitInsn(Opcodes.LMUL);
                        break;
                    default:
                        throw new CompileException(CompileException.Kind.UNSUPPORTED,
                                "unsupported instruction in a constant expression: " + op);
                }
            }
        }

        // --- function references ---

        private void refMethods() {
            String refsDesc = "[" + RuntimeNames.WASM_FUNCTION_DESC;
            // final WasmFunction $ref(int index): cached function value
            MethodVisitor mv = cv.visitMethod(Opcodes.ACC_FINAL, ModuleLayout.REF_METHOD, ModuleLayout.REF_DESCRIPTOR,
                    null, null);
            mv.visitCode();
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, mainClass, ModuleLayout.REFS_FIELD, refsDesc);
            mv.visitVarInsn(Opcodes.ASTORE, 2);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitVarInsn(Opcodes.ILOAD, 1);
            mv.visitInsn(Opcodes.AALOAD);
            mv.visitVarInsn(Opcodes.ASTORE, 3);
            mv.visitVarInsn(Opcodes.ALOAD, 3);
            Label done = new Label();
            mv.visitJumpInsn(Opcodes.IFNONNULL, done);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ILOAD, 1);
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, mainClass, "$newRef", ModuleLayout.REF_DESCRIPTOR, false);
            mv.visitVarInsn(Opcodes.ASTORE, 3);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitVarInsn(Opcodes.ILOAD, 1);
            mv.visitVarInsn(Opcodes.ALOAD, 3);
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitLabel(done);
            mv.visitVarInsn(Opcodes.ALOAD, 3);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();

            // private WasmFunction $newRef(int index): dispatch to the Refs class covering index
            mv = cv.visitMethod(Opcodes.ACC_PRIVATE, "$newRef", ModuleLayout.REF_DESCRIPTOR, null, null);
            mv.visitCode();
            List<int[]> ranges = refClassRanges(layout);
            for (int k = 0; k < ranges.size(); k++) {
                int[] fs = ranges.get(k);
                Label next = new Label();
                mv.visitVarInsn(Opcodes.ILOAD, 1);
                Bytecode.pushInt(mv, fs[fs.length - 1]);
                mv.visitJumpInsn(Opcodes.IF_ICMPGT, next);
                mv.visitVarInsn(Opcodes.ILOAD, 1);
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, layout.refsClass(k), "ref",
                        "(I" + layout.instanceDescriptor() + ")" + RuntimeNames.WASM_FUNCTION_DESC, false);
                mv.visitInsn(Opcodes.ARETURN);
                mv.visitLabel(next);
            }
            mv.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
            mv.visitInsn(Opcodes.DUP);
            mv.visitLdcInsn("no function value for this function index");
            mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>",
                    "(Ljava/lang/String;)V", false);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();

            // private Object[] $refArray(int[] indices): function values, -1 meaning null
            mv = cv.visitMethod(Opcodes.ACC_PRIVATE, "$refArray", "([I)[Ljava/lang/Object;", null, null);
            mv.visitCode();
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.ARRAYLENGTH);
            mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
            mv.visitVarInsn(Opcodes.ASTORE, 2);
            mv.visitInsn(Opcodes.ICONST_0);
            mv.visitVarInsn(Opcodes.ISTORE, 3);
            Label loop = new Label();
            Label end = new Label();
            Label skip = new Label();
            mv.visitLabel(loop);
            mv.visitVarInsn(Opcodes.ILOAD, 3);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitInsn(Opcodes.ARRAYLENGTH);
            mv.visitJumpInsn(Opcodes.IF_ICMPGE, end);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitVarInsn(Opcodes.ILOAD, 3);
            mv.visitInsn(Opcodes.IALOAD);
            mv.visitJumpInsn(Opcodes.IFLT, skip);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitVarInsn(Opcodes.ILOAD, 3);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(Opcodes.ALOAD, 1);
            mv.visitVarInsn(Opcodes.ILOAD, 3);
            mv.visitInsn(Opcodes.IALOAD);
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, mainClass, ModuleLayout.REF_METHOD, ModuleLayout.REF_DESCRIPTOR,
                    false);
            mv.visitInsn(Opcodes.AASTORE);
            mv.visitLabel(skip);
            mv.visitIincInsn(3, 1);
            mv.visitJumpInsn(Opcodes.GOTO, loop);
            mv.visitLabel(end);
            mv.visitVarInsn(Opcodes.ALOAD, 2);
            mv.visitInsn(Opcodes.ARETURN);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
    }
}
