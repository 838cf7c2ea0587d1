package dev.wasmjar.compiler;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.wasmjar.compiler.internal.ModuleCompiler;
import dev.wasmjar.compiler.internal.ModuleContext;
import dev.wasmjar.compiler.internal.ModuleReader;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import dev.wasmjar.runtime.Instance;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Code classes that would exceed the JVM's class file limits are split until they fit; what
 * cannot fit becomes a {@link CompileException} of kind {@code LIMIT}, never an ASM exception.
 */
class ClassLimitsTest {

    /** A module of {@code n} functions {@code () -> i32} returning their index, all exported. */
    private static byte[] functions(int n) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        for (int i = 0; i < n; i++) {
            b.function(types(), types(I32)).i32Const(i).export("f" + i).end();
        }
        return b.build();
    }

    /** Emits {@code return funcIndex}, preceded by {@code constants} distinct string constants. */
    private static void emitWithConstants(ModuleContext ctx, org.objectweb.asm.ClassVisitor cv, int f, int constants,
            int helpers) {
        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_STATIC, ctx.functionMethodName(f), ctx.functionDescriptor(f), null,
                null);
        mv.visitCode();
        for (int c = 0; c < constants; c++) {
            mv.visitLdcInsn("f" + f + "c" + c);
            mv.visitInsn(Opcodes.POP);
        }
        mv.visitLdcInsn(f);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitMaxs(1, 1);
        mv.visitEnd();
        for (int h = 0; h < helpers; h++) {
            MethodVisitor hv = cv.visitMethod(Opcodes.ACC_STATIC, ctx.functionMethodName(f) + "$h" + h, "()V", null, null);
            hv.visitCode();
            hv.visitInsn(Opcodes.RETURN);
            hv.visitMaxs(0, 0);
            hv.visitEnd();
        }
    }

    @Test
    void aClassWithTooManyConstantsIsSplitAndStillWorks() {
        byte[] wasm = functions(4);
        // 4 x 10,000 strings need 80,000 constant pool entries in one class: too many
        Map<String, byte[]> classes = new ModuleCompiler(ModuleReader.read(wasm), wasm, "lim/Mod",
                ctx -> (cv, f, body) -> emitWithConstants(ctx, cv, f, 10_000, 0)).compile();
        long codeClasses = classes.keySet().stream().filter(n -> n.startsWith("lim/Mod$Code")).count();
        assertTrue(codeClasses >= 2, "split into " + codeClasses);
        Instance i = new CompiledModule("lim.Mod", classes).instantiate(Imports.none());
        for (int f = 0; f < 4; f++) {
            assertEquals(f, i.function("f" + f).invoke());
        }
    }

    @Test
    void aClassWithTooManyMethodsIsSplit() {
        byte[] wasm = functions(3);
        Map<String, byte[]> classes = new ModuleCompiler(ModuleReader.read(wasm), wasm, "lim/Mod",
                ctx -> (cv, f, body) -> emitWithConstants(ctx, cv, f, 0, 30_000)).compile();
        long codeClasses = classes.keySet().stream().filter(n -> n.startsWith("lim/Mod$Code")).count();
        assertTrue(codeClasses >= 2, "split into " + codeClasses);
        assertEquals(2, new CompiledModule("lim.Mod", classes).instantiate(Imports.none()).function("f2").invoke());
    }

    @Test
    void aSingleFunctionTooLargeForAClassIsALimitError() {
        byte[] wasm = functions(1);
        CompileException e = assertThrows(CompileException.class, () -> new ModuleCompiler(ModuleReader.read(wasm), wasm,
                "lim/Mod", ctx -> (cv, f, body) -> emitWithConstants(ctx, cv, f, 70_000, 0)).compile());
        assertEquals(CompileException.Kind.LIMIT, e.kind());
    }

    @Test
    void aMethodTooLargeIsALimitError() {
        byte[] wasm = functions(2);
        CompileException e = assertThrows(CompileException.class, () -> new ModuleCompiler(ModuleReader.read(wasm), wasm,
                "lim/Mod", ctx -> (cv, f, body) -> {
                    MethodVisitor mv = cv.visitMethod(Opcodes.ACC_STATIC, ctx.functionMethodName(f),
                            ctx.functionDescriptor(f), null, null);
                    mv.visitCode();
                    for (int k = 0; k < 40_000; k++) {
                        mv.visitInsn(Opcodes.ICONST_0);
                        mv.visitInsn(Opcodes.POP);
                    }
                    mv.visitInsn(Opcodes.ICONST_0);
                    mv.visitInsn(Opcodes.IRETURN);
                    mv.visitMaxs(1, 1);
                    mv.visitEnd();
                }).compile());
        assertEquals(CompileException.Kind.LIMIT, e.kind());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void errorsOfTheBodyGeneratorInWorkerThreadsReachTheCaller() {
        byte[] wasm = functions(10);
        CompileException e = assertThrows(CompileException.class, () -> new ModuleCompiler(ModuleReader.read(wasm), wasm,
                "lim/Mod", ctx -> (cv, f, body) -> {
                    throw new CompileException(CompileException.Kind.UNSUPPORTED, "nope " + f);
                }).classLimits(2, 100).parallelism(4).compile());
        assertTrue(e.getMessage().startsWith("nope"), e.getMessage());
    }

    @Test
    void malformedInputIsACompileException() {
        WasmCompiler c = WasmCompiler.builder().build();
        assertThrows(CompileException.class, () -> c.compile(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 99}));
        assertThrows(CompileException.class, () -> c.compile(new byte[0]));
        assertThrows(CompileException.class, () -> c.compile("hello".getBytes()));
    }

    @Test
    void classNamesAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> WasmCompiler.builder().className("com..Bad"));
        assertThrows(IllegalArgumentException.class, () -> WasmCompiler.builder().className("com.1Bad"));
        assertThrows(IllegalArgumentException.class, () -> WasmCompiler.builder().className("com/acme/Bad"));
        assertNotNull(WasmCompiler.builder().className("com.acme.Good$Name").build());
    }
}
