package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.*;

import dev.wasmjar.compiler.internal.ModuleCompiler;
import dev.wasmjar.compiler.internal.ModuleReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The module-level structure of real TinyGo programs, with every function body replaced by a
 * trap: all classes (instance, code, bridges, data) must load and pass the JVM's verifier, and
 * large modules must be split into several code classes.
 */
class CorpusStructureTest {

    static Path corpus() {
        Path dir = Path.of(System.getProperty("wasmjar.shared", "../../shared"), "tinygo-corpus", "build");
        Assumptions.assumeTrue(Files.isDirectory(dir), "TinyGo corpus not found at " + dir);
        return dir;
    }

    static List<Path> coreModules() throws Exception {
        try (Stream<Path> s = Files.list(corpus())) {
            // a few different programs suffice here (CorpusCompileTest compiles them all for real)
            List<String> picked = List.of("bench-json", "files", "goroutines", "cat");
            return s.filter(p -> picked.stream().anyMatch(n -> p.getFileName().toString().equals(n + ".wasip2-core.wasm")))
                    .sorted().toList();
        }
    }

    @Test
    void everyCorpusModuleLoadsAndVerifiesWithStubBodies() throws Exception {
        List<Path> modules = coreModules();
        assertFalse(modules.isEmpty());
        for (Path p : modules) {
            byte[] wasm = Files.readAllBytes(p);
            Map<String, byte[]> classes = new ModuleCompiler(ModuleReader.read(wasm), wasm, "corpus/Prog",
                    ctx -> (cv, f, body) -> {
                        MethodVisitor mv = cv.visitMethod(Opcodes.ACC_STATIC, ctx.functionMethodName(f),
                                ctx.functionDescriptor(f), null, null);
                        mv.visitCode();
                        mv.visitTypeInsn(Opcodes.NEW, "dev/wasmjar/runtime/Trap");
                        mv.visitInsn(Opcodes.DUP);
                        mv.visitFieldInsn(Opcodes.GETSTATIC, "dev/wasmjar/runtime/TrapKind", "UNREACHABLE",
                                "Ldev/wasmjar/runtime/TrapKind;");
                        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "dev/wasmjar/runtime/Trap", "<init>",
                                "(Ldev/wasmjar/runtime/TrapKind;)V", false);
                        mv.visitInsn(Opcodes.ATHROW);
                        mv.visitMaxs(3, 255);
                        mv.visitEnd();
                    }).compile();
            CompiledModule m = new CompiledModule("corpus.Prog", classes);
            ClassLoader loader = m.load().getClassLoader();
            for (String name : classes.keySet()) {
                assertNotNull(Class.forName(name.replace('/', '.'), true, loader), name);
            }
            int functions = ModuleReader.read(wasm).functionSection().functionCount();
            long codeClasses = classes.keySet().stream().filter(n -> n.contains("$Code")).count();
            assertTrue(codeClasses >= (functions + ModuleCompiler.DEFAULT_MAX_FUNCTIONS_PER_CLASS - 1)
                    / ModuleCompiler.DEFAULT_MAX_FUNCTIONS_PER_CLASS, p + ": " + codeClasses + " code classes");
        }
    }
}
