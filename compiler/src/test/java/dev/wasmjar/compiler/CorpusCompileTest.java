package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmjar.compiler.internal.ModuleReader;
import dev.wasmjar.compiler.internal.component.ComponentInfo;
import dev.wasmjar.runtime.Instance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every TinyGo corpus program — as a wasip2 core module, as a wasip2 component and (bench
 * programs) as a wasip1 module — compiles, and every generated class loads and passes the JVM
 * verifier. Also measures the compile time of the largest benchmark, bench-json.
 */
class CorpusCompileTest {

    /** Defines the generated classes (keyed by internal name) and nothing else. */
    private static final class FreshLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        FreshLoader(Map<String, byte[]> classes) {
            super(Instance.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name.replace('.', '/'));
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }

    private static List<Path> corpus() throws IOException {
        Path build = CompileUnderTest.corpusBuild();
        assumeTrue(build != null, "TinyGo corpus not found under " + CompileUnderTest.shared() + ": skipped");
        try (Stream<Path> s = Files.list(build)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".wasip2-core.wasm") || n.endsWith(".wasip1.wasm") || n.endsWith(".wasip2.wasm");
            }).sorted().toList();
        }
    }

    /** {@code bench-json.wasip2-core.wasm} → {@code corpus.Bench_json_wasip2_core}. */
    private static String className(Path p) {
        String n = p.getFileName().toString().replaceFirst("\\.wasm$", "").replaceAll("[^A-Za-z0-9]", "_");
        return "corpus." + n.substring(0, 1).toUpperCase(Locale.ROOT) + n.substring(1);
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusProgramCompilesLoadsAndVerifies() throws IOException {
        return corpus().stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            byte[] wasm = Files.readAllBytes(p);
            String name = className(p);
            long t0 = System.nanoTime();
            CompiledModule m = CompileUnderTest.compile(wasm, name);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(name, m.className());
            Map<String, byte[]> classes = m.classes();
            assertFalse(classes.isEmpty());
            assertTrue(classes.containsKey(name.replace('.', '/')), "instance class present: " + classes.keySet());
            // define every class in a fresh loader and initialise it: linking runs the verifier
            ClassLoader loader = new FreshLoader(classes);
            for (String internal : classes.keySet()) {
                Class<?> c = Class.forName(internal.replace('/', '.'), true, loader);
                assertEquals(loader, c.getClassLoader());
            }
            assertTrue(Instance.class.isAssignableFrom(Class.forName(name, false, loader)));
            System.out.printf("corpus: %s compiled in %d ms into %d classes%n", p.getFileName(), ms, classes.size());
        }));
    }

    @Test
    void componentsUnwrapToTheirMainModule() throws IOException {
        int components = 0;
        for (Path p : corpus()) {
            if (!p.getFileName().toString().endsWith(".wasip2.wasm")) {
                continue;
            }
            ModuleReader.Result r = ModuleReader.readAll(Files.readAllBytes(p));
            assertTrue(r.isComponent());
            ComponentInfo info = r.component();
            assertTrue(info.coreModules().size() >= 2, "TinyGo adds adapter modules: " + info);
            assertTrue(info.mainModule().exports().contains("cabi_realloc"), info::toString);
            assertTrue(info.mainModule().exports().contains("memory"), info::toString);
            assertTrue(info.imports().contains("wasi:cli/stdout@0.2.0"), info::toString);
            assertEquals(List.of("wasi:cli/run@0.2.0"), info.exports());
            assertEquals("0.2.0", info.versionOf("wasi:cli").orElseThrow());
            assertTrue(info.unsupportedWasiImports().isEmpty(), info::toString);
            // the core module inside is the wasip2-core build of the same program, give or take
            // the custom sections wit-component rewrites
            Path core = p.resolveSibling(p.getFileName().toString().replace(".wasip2.wasm", ".wasip2-core.wasm"));
            assertEquals(ModuleReader.read(Files.readAllBytes(core)).functionSection().functionCount(),
                    r.module().functionSection().functionCount());
            components++;
        }
        assertTrue(components > 10, "components found: " + components);
    }

    @Test
    void benchJsonCompileTime() throws IOException {
        Path build = CompileUnderTest.corpusBuild();
        assumeTrue(build != null, "TinyGo corpus not found: skipped");
        byte[] wasm = Files.readAllBytes(build.resolve("bench-json.wasip2-core.wasm"));
        long[] ms = new long[3];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            CompiledModule m = CompileUnderTest.compile(wasm, "corpus.BenchJson" + i);
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
            assertFalse(m.classes().isEmpty());
        }
        System.out.printf("corpus: bench-json.wasip2-core.wasm (%d KB) compile time: %d ms cold, %d ms, %d ms warm (%d processors)%n",
                wasm.length / 1024, ms[0], ms[1], ms[2], Runtime.getRuntime().availableProcessors());
    }
}
