package dev.wasmjar.compiler.internal.cli;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.I32;
import static dev.wasmjar.compiler.testing.WasmModuleBuilder.types;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import dev.wasmjar.runtime.Imports;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCacheTest {
    @TempDir
    Path dir;

    private final AtomicInteger compiles = new AtomicInteger();

    /** A module exporting {@code answer} returning {@code value}. */
    private static byte[] answering(int value) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.function(types(), types(I32)).i32Const(value).export("answer").end();
        return b.build();
    }

    private CompiledModule get(CompileCache cache, byte[] wasm) {
        return cache.get(wasm, "cached.Program", () -> {
            compiles.incrementAndGet();
            return WasmCompiler.builder().className("cached.Program").build().compile(wasm);
        });
    }

    private static int answer(CompiledModule m) {
        return (Integer) m.instantiate(Imports.none()).function("answer").invoke();
    }

    private List<Path> entries() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jar")).toList();
        }
    }

    @Test
    void aSecondGetReadsTheSameClassesInsteadOfCompiling() throws Exception {
        CompileCache cache = new CompileCache(dir, "test 1");
        byte[] wasm = answering(42);
        CompiledModule first = get(cache, wasm);
        CompiledModule second = get(cache, wasm);
        assertEquals(1, compiles.get());
        assertEquals(first.classes().keySet(), second.classes().keySet());
        for (Map.Entry<String, byte[]> e : first.classes().entrySet()) {
            assertArrayEquals(e.getValue(), second.classes().get(e.getKey()), e.getKey());
        }
        assertEquals(42, answer(second));
        assertEquals(1, entries().size());
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".writing-")), "temporary files left");
        }
    }

    @Test
    void anotherProgramOrCompilerIsAnotherEntry() throws Exception {
        get(new CompileCache(dir, "test 1"), answering(1));
        assertEquals(2, answer(get(new CompileCache(dir, "test 1"), answering(2))));
        assertEquals(1, answer(get(new CompileCache(dir, "test 2"), answering(1))));
        assertEquals(3, compiles.get());
        assertEquals(3, entries().size());
    }

    @Test
    void aDamagedEntryIsCompiledAgainAndReplaced() throws Exception {
        CompileCache cache = new CompileCache(dir, "test 1");
        byte[] wasm = answering(7);
        get(cache, wasm);
        Path entry = entries().get(0);
        Files.write(entry, "not a jar".getBytes(StandardCharsets.UTF_8));
        assertEquals(7, answer(get(cache, wasm)));
        assertEquals(2, compiles.get());
        assertEquals(7, answer(get(cache, wasm)));
        assertEquals(2, compiles.get(), "the replaced entry is read");
    }

    @Test
    void anUnwritableCacheOnlyCostsACompile() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "in the way");
        CompileCache cache = new CompileCache(file.resolve("cache"), "test 1");
        assertEquals(5, answer(get(cache, answering(5))));
        assertEquals(5, answer(get(cache, answering(5))));
        assertEquals(2, compiles.get());
    }

    @Test
    void theLeastRecentlyUsedEntriesGoPastTheLimit() throws Exception {
        CompileCache cache = new CompileCache(dir, "test 1", 2, Long.MAX_VALUE);
        get(cache, answering(1));
        get(cache, answering(2));
        // Entry 1 is older; a hit on it makes entry 2 the least recently used.
        long past = System.currentTimeMillis() - 60_000;
        for (Path p : entries()) {
            Files.setLastModifiedTime(p, FileTime.fromMillis(past));
        }
        get(cache, answering(1));
        get(cache, answering(3));
        assertEquals(3, compiles.get());
        assertEquals(2, entries().size());
        get(cache, answering(1));
        assertEquals(3, compiles.get(), "entry 1 was kept");
        get(cache, answering(2));
        assertEquals(4, compiles.get(), "entry 2 was evicted");
    }

    @Test
    void theStandardPlaceFollowsTheEnvironment() {
        // Tests run from a build directory, which has no stable identity: no caching there.
        assertNull(CompileCache.standard(Map.of(CompileCache.DIR_VARIABLE, dir.toString())));
    }

    @Test
    void runUsesTheCacheUnlessToldNot() throws Exception {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.exportMemory("memory", b.memory(1, -1));
        b.function(types(), types(I32)).i32Const(0).export("wasi:cli/run@0.2.0#run").end();
        Path wasm = dir.resolve("ok.wasm");
        Files.write(wasm, b.build());
        Path cacheDir = dir.resolve("cache");
        CompileCache cache = new CompileCache(cacheDir, "test 1");
        assertEquals(0, run(cache, "run", "--no-cache", wasm.toString()));
        assertTrue(Files.notExists(cacheDir), "--no-cache wrote an entry");
        assertEquals(0, run(cache, "run", wasm.toString()));
        try (Stream<Path> s = Files.list(cacheDir)) {
            assertEquals(1, s.count());
        }
        assertEquals(0, run(cache, "run", wasm.toString()));
        assertNotNull(CompiledModule.readJar(Files.list(cacheDir).findFirst().orElseThrow()));
    }

    private static int run(CompileCache cache, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new Cli(new ByteArrayInputStream(new byte[0]), out, out, err, cache).execute(args);
    }
}
