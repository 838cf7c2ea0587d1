package dev.wasmjar.compiler;

import static dev.wasmjar.compiler.testing.WasmModuleBuilder.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmjar.compiler.CompileException.Kind;
import dev.wasmjar.compiler.internal.ModuleReader;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Inputs that are not compilable WebAssembly must fail with a {@link CompileException} whose
 * kind and message name the problem (with its byte offset where the reader knows it), quickly,
 * and never with a JVM error, a hang or an out-of-memory.
 */
class BadInputTest {
    private static final Duration QUICK = Duration.ofSeconds(10);
    private static final byte[] HEADER = {0, 'a', 's', 'm', 1, 0, 0, 0};

    // ------------------------------------------------------------------ helpers

    /** Compiles {@code input} expecting a CompileException of {@code kind} whose message contains {@code fragment}. */
    private static CompileException assertRejected(byte[] input, Kind kind, String fragment) {
        CompileException e = assertTimeoutPreemptively(QUICK, () -> assertThrows(CompileException.class,
                () -> CompileUnderTest.compile(input, "bad.Input")));
        if (kind != null) {
            assertEquals(kind, e.kind(), () -> "kind of: " + e.getMessage());
        }
        if (fragment != null) {
            assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)),
                    () -> "message should mention '" + fragment + "': " + e.getMessage());
        }
        return e;
    }

    /** A core module: the header followed by {@code content} (section bytes). */
    private static byte[] module(int... content) {
        byte[] out = Arrays.copyOf(HEADER, HEADER.length + content.length);
        for (int i = 0; i < content.length; i++) {
            out[HEADER.length + i] = (byte) content[i];
        }
        return out;
    }

    /** A section: id, LEB128 size, content. */
    private static int[] section(int id, int... content) {
        return concat(new int[] {id}, uleb(content.length), content);
    }

    /** Type section with the single type {@code [] -> []}, function section with one function of it. */
    private static final int[] ONE_FUNCTION = concat(section(1, 1, 0x60, 0, 0), section(3, 1, 0));

    /** A module with one function {@code [] -> []} whose body (locals + code + end) is {@code body}. */
    private static byte[] oneFunction(int... body) {
        return module(concat(ONE_FUNCTION, section(10, concat(new int[] {1}, uleb(body.length), body))));
    }

    /** Offsets at which a section of a core module (at {@code start}) ends: prefixes there can be well-formed. */
    private static Set<Integer> sectionBoundaries(byte[] b, int start, int end) {
        Set<Integer> out = new TreeSet<>();
        out.add(start + 8);
        for (FuzzTest.Section s : FuzzTest.sections(b, start + 8, end)) {
            out.add(s.contentEnd());
        }
        return out;
    }

    private static byte[] smallModule() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        int log = b.importFunction("env", "log", types(I32), types());
        b.memory(1, 2);
        b.exportMemory("memory", 0);
        int g = b.global("counter", I64, true, i64Const(7));
        b.exportGlobal("counter", g);
        WasmModuleBuilder.FunctionBuilder f = b.function("add", types(I32, I32), types(I32));
        int add = f.index();
        f
                .locals(2, I64)
                .code(concat(
                        new int[] {BLOCK, EMPTY_BLOCK, BLOCK, EMPTY_BLOCK, LOCAL_GET, 0, 0x0E, 2, 0, 1, 0, END, END},
                        new int[] {LOCAL_GET, 0, CALL, log},
                        new int[] {LOCAL_GET, 0, LOCAL_GET, 1, I32_ADD}))
                .export("add")
                .end();
        b.table(FUNCREF, 1, 1);
        b.activeElements(0, add);
        b.activeData(16, "hello".getBytes(StandardCharsets.UTF_8));
        return b.build();
    }

    // ------------------------------------------------------------------ tests

    @Test
    void emptyInput() {
        CompileException e = assertRejected(new byte[0], Kind.MALFORMED, "empty");
        assertEquals(0, e.offset());
    }

    @Test
    void garbage() {
        assertRejected("hello, world\n".getBytes(StandardCharsets.UTF_8), Kind.MALFORMED, "magic");
        assertRejected(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 61}, Kind.MALFORMED, "magic");
        assertRejected(new byte[] {0, 'a', 's', 'm'}, Kind.MALFORMED, "unexpected end");
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            assertRejected(junk, Kind.MALFORMED, null);
            // garbage after a valid header: a section id/size or count problem, with an offset
            byte[] afterHeader = Arrays.copyOf(HEADER, 8 + junk.length);
            System.arraycopy(junk, 0, afterHeader, 8, junk.length);
            CompileException e = assertRejected(afterHeader, null, null);
            assertTrue(e.kind() == Kind.MALFORMED || e.kind() == Kind.INVALID, e::getMessage);
        }
    }

    @Test
    void wrongVersion() {
        CompileException e = assertRejected(new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0}, Kind.MALFORMED, "unknown binary version");
        assertEquals(4, e.offset());
        // an older pre-standard component version: named as such
        assertRejected(new byte[] {0, 'a', 's', 'm', 0x0a, 0, 1, 0}, Kind.MALFORMED, "component of version 0xa");
    }

    @Test
    void everyPrefixOfASmallModule() {
        byte[] full = smallModule();
        assertNotNull(ModuleReader.read(full), "the untruncated module is valid");
        Set<Integer> boundaries = sectionBoundaries(full, 0, full.length);
        int accepted = 0;
        for (int len = 0; len < full.length; len++) {
            byte[] prefix = Arrays.copyOf(full, len);
            try {
                assertTimeoutPreemptively(QUICK, () -> CompileUnderTest.compile(prefix, "bad.Prefix"));
                assertTrue(boundaries.contains(len), "only a prefix ending at a section boundary can be well-formed: " + len);
                accepted++;
            } catch (CompileException e) {
                assertTrue(e.kind() == Kind.MALFORMED || e.kind() == Kind.INVALID, e::getMessage);
                assertTrue(e.offset() <= len, () -> "offset within the input: " + e.getMessage());
                if (!boundaries.contains(len)) {
                    assertEquals(Kind.MALFORMED, e.kind(), () -> "prefix " + prefix.length + ": " + e.getMessage());
                    assertTrue(e.offset() >= 0, () -> "offset known for truncation: " + e.getMessage());
                }
            }
        }
        assertTrue(accepted < boundaries.size() + 1);
    }

    @Test
    void sampledPrefixesOfTinyGoModules() throws IOException {
        Path build = CompileUnderTest.corpusBuild();
        assumeTrue(build != null, "TinyGo corpus not found under " + CompileUnderTest.shared() + ": skipped");
        Random random = new Random(11);
        for (String name : List.of("hello.wasip2-core.wasm", "hello.wasip2.wasm")) {
            byte[] full = Files.readAllBytes(build.resolve(name));
            int coreStart = 0;
            int coreEnd = full.length;
            if (full[4] == 0x0d) {
                var info = ModuleReader.readAll(full).component();
                coreStart = info.mainModuleOffset();
                coreEnd = coreStart + info.mainModuleLength();
            }
            Set<Integer> boundaries = sectionBoundaries(full, coreStart, coreEnd);
            // a component cut between its own sections is a well-formed (if useless) component
            boundaries.addAll(sectionBoundaries(full, 0, full.length));
            for (int i = 0; i < 100; i++) {
                int len = random.nextInt(full.length);
                if (boundaries.contains(len)) {
                    continue;
                }
                byte[] prefix = Arrays.copyOf(full, len);
                CompileException e = assertRejected(prefix, Kind.MALFORMED, null);
                assertTrue(e.offset() >= 0 && e.offset() <= len, () -> name + " prefix " + len + ": " + e.getMessage());
            }
        }
    }

    @Test
    void hostileSectionSize() {
        CompileException e = assertRejected(module(1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F), Kind.MALFORMED, "exceeds");
        assertEquals(8, e.offset());
    }

    @Test
    void hostileVectorCounts() {
        // type section claiming 2^32-1 types
        CompileException e = assertRejected(module(1, 5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F), Kind.MALFORMED, "count");
        assertEquals(10, e.offset());
        // br_table with 2^31-1 labels in a 9-byte body
        assertRejected(oneFunction(0, 0x41, 0, 0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0, 0x0B), Kind.MALFORMED, "br_table");
        // data segment of 0xFFFFFFF0 bytes
        assertRejected(module(concat(section(5, 1, 0, 1), section(11, 1, 0, 0x41, 0, 0x0B, 0xF0, 0xFF, 0xFF, 0xFF, 0x0F))),
                Kind.MALFORMED, "count");
        // import with a 2^32-1 byte name
        assertRejected(module(2, 7, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0), Kind.MALFORMED, "count");
        // select with 2^32-1 result types
        assertRejected(oneFunction(0, 0x1C, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x0B), Kind.MALFORMED, "select");
    }

    @Test
    void hostileLocalCounts() {
        // 2^32-1 locals: well-formed but beyond what wasmjar (and the JVM) can compile
        CompileException e = assertRejected(oneFunction(1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, I32, 0x0B), Kind.LIMIT, "locals");
        assertTrue(e.offset() > 0);
        // more than 2^32-1 in total: malformed (spec "too many locals")
        assertRejected(oneFunction(2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, I32, 2, I64, 0x0B), Kind.MALFORMED, "too many locals");
    }

    @Test
    void badLeb128() {
        // a 6-byte u32 (too long), and a 5-byte one with bits beyond 32 (too large)
        assertRejected(module(1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), Kind.MALFORMED, "too long");
        assertRejected(module(1, 5, 0x80, 0x80, 0x80, 0x80, 0x10), Kind.MALFORMED, "too large");
        // i32.const whose unused high bits are not sign bits
        assertRejected(oneFunction(0, 0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x4F, 0x1A, 0x0B), Kind.MALFORMED, "too large");
    }

    @Test
    void malformedDetailsChicoryAccepts() {
        // Chicory 1.7.5 accepts these; the WebAssembly 2.0 spec says malformed
        assertRejected(module(concat(section(1, 1, 0x60, 0, 0), section(3, 1, 0), section(5, 1, 0, 1),
                section(10, 1, 8, 0, 0x41, 0, 0x40, 0x80, 0x00, 0x1A, 0x0B))), Kind.MALFORMED, "zero byte expected");
        assertRejected(module(section(5, 1, 2, 1)), Kind.MALFORMED, "limits flag");
    }

    @Test
    void sectionStructure() {
        assertRejected(module(0x0E, 0), Kind.MALFORMED, "section id");
        assertRejected(module(concat(section(3, 1, 0), section(1, 1, 0x60, 0, 0))), Kind.MALFORMED, "out of order");
        assertRejected(module(concat(section(1, 0), section(1, 0))), Kind.MALFORMED, "duplicate");
        assertRejected(module(ONE_FUNCTION), Kind.MALFORMED, "inconsistent");
        assertRejected(oneFunction(0, 0x0B, 0x0B), Kind.MALFORMED, "after its final end");
        assertRejected(oneFunction(0, 0x05, 0x0B), Kind.MALFORMED, "misplaced else");
        assertRejected(oneFunction(0, 0x41, 0, 0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B), Kind.MALFORMED, "misplaced else");
        assertRejected(module(section(1, 1, 0x60, 0, 0, 0)), Kind.MALFORMED, "size mismatch");
        assertRejected(module(0, 3, 0x10, 'a', 'b'), Kind.MALFORMED, "count");
    }

    @Test
    void invalidModulesChicoryAccepts() {
        // WebAssembly 2.0 validation rules Chicory 1.7.5 does not apply
        assertRejected(module(concat(section(1, 1, 0x60, 0, 0), section(3, 1, 0), section(7, 2, 1, 'f', 0, 0, 1, 'f', 0, 0),
                section(10, 1, 2, 0, 0x0B))), Kind.INVALID, "duplicate export name");
        assertRejected(module(section(7, 1, 1, 'f', 0, 3)), Kind.INVALID, "unknown function 3");
        assertRejected(module(section(2, 2, 0, 0, 2, 0, 1, 0, 0, 2, 0, 1)), Kind.INVALID, "multiple memories");
        assertRejected(module(concat(section(1, 1, 0x60, 0, 0), section(2, 1, 1, 'm', 1, 'f', 0, 1))), Kind.INVALID, "unknown type 1");
        assertRejected(module(section(6, 2, 0x7F, 0, 0x41, 0, 0x0B, 0x7F, 0, 0x23, 0, 0x0B)), Kind.INVALID, "unknown global 0");
    }

    @Test
    void invalidCodeIsInvalidNotMalformed() {
        CompileException e = assertRejected(oneFunction(0, 0x41, 1, 0x0B), Kind.INVALID, null);
        assertFalse(e.getMessage().isBlank());
        assertRejected(oneFunction(0, 0x10, 9, 0x0B), Kind.INVALID, "unknown function");
    }

    @Test
    void deeplyNestedBlocks() {
        int depth = 100_000;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        for (int i = 0; i < depth; i++) {
            body.write(BLOCK);
            body.write(EMPTY_BLOCK);
        }
        for (int i = 0; i <= depth; i++) {
            body.write(END);
        }
        int[] bodyInts = new int[body.size()];
        byte[] raw = body.toByteArray();
        for (int i = 0; i < raw.length; i++) {
            bodyInts[i] = raw[i] & 0xFF;
        }
        CompileException e = assertRejected(oneFunction(bodyInts), Kind.LIMIT, "nested");
        assertTrue(e.offset() > 0);
    }

    @Test
    void brokenNameSectionIsIgnoredNotFatal() {
        // a name section whose function-name map claims 2^32-1 entries: only debug info, so the
        // module is read without it (the spec says custom sections never make a module malformed)
        byte[] name = {4, 'n', 'a', 'm', 'e', 1, 5, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F};
        int[] custom = new int[name.length];
        for (int i = 0; i < name.length; i++) {
            custom[i] = name[i] & 0xFF;
        }
        byte[] bytes = module(concat(ONE_FUNCTION, section(10, 1, 2, 0, 0x0B), section(0, custom)));
        ModuleReader.Result r = ModuleReader.readAll(bytes);
        assertEquals(1, r.module().functionSection().functionCount());
        assertEquals(1, r.warnings().size(), r.warnings()::toString);
        assertTrue(r.warnings().get(0).contains("name section"), r.warnings()::toString);
    }

    @Test
    void componentWithoutCoreModule() {
        byte[] preamble = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
        assertRejected(preamble, Kind.UNSUPPORTED, "no core module");
        byte[] withCustom = Arrays.copyOf(preamble, preamble.length + 4);
        System.arraycopy(new byte[] {0, 2, 1, 'x'}, 0, withCustom, 8, 4);
        assertRejected(withCustom, Kind.UNSUPPORTED, "no core module");
    }

    @Test
    void malformedComponents() {
        byte[] preamble = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};
        // hostile section size
        byte[] huge = Arrays.copyOf(preamble, 14);
        System.arraycopy(new byte[] {1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}, 0, huge, 8, 6);
        CompileException e = assertRejected(huge, Kind.MALFORMED, "exceeds");
        assertEquals(8, e.offset());
        // unknown section id
        byte[] badId = Arrays.copyOf(preamble, 10);
        badId[8] = 0x20;
        assertRejected(badId, Kind.MALFORMED, "section id");
        // an embedded core module with a bad version: reported with the module's position
        byte[] badCore = Arrays.copyOf(preamble, 18);
        System.arraycopy(new byte[] {1, 8, 0, 'a', 's', 'm', 2, 0, 0, 0}, 0, badCore, 8, 10);
        e = assertRejected(badCore, Kind.MALFORMED, "core module at offset 10");
        assertEquals(14, e.offset());
        // an import with an unknown name prefix
        byte[] badImport = Arrays.copyOf(preamble, 13);
        System.arraycopy(new byte[] {10, 3, 1, 7, 0}, 0, badImport, 8, 5);
        assertRejected(badImport, Kind.MALFORMED, "name prefix");
    }

    // ------------------------------------------------------------------ the spec suite as oracle

    private static final Pattern COMMAND = Pattern.compile("\\{[^{}]*\\}");
    private static final Pattern FIELD = Pattern.compile("\"(type|filename|module_type|text)\": \"((?:[^\"\\\\]|\\\\.)*)\"");

    /**
     * Every binary module of the WebAssembly 2.0 spec suite gets the reader's verdict the spec
     * requires: valid modules (including ones that only fail to link or instantiate) are read,
     * {@code assert_malformed} binaries are MALFORMED and {@code assert_invalid} ones INVALID.
     */
    @Test
    void specSuiteBinaryModulesAreClassifiedAsTheSpecRequires() throws IOException {
        Path json = CompileUnderTest.shared().resolve("wasm-spec-2.0").resolve("json");
        assumeTrue(Files.isDirectory(json), "spec suite not found at " + json + ": skipped");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        long t0 = System.nanoTime();
        List<Path> scripts;
        try (var s = Files.list(json)) {
            scripts = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path script : scripts) {
            Matcher m = COMMAND.matcher(Files.readString(script));
            while (m.find()) {
                String type = null;
                String file = null;
                String moduleType = "binary";
                Matcher f = FIELD.matcher(m.group());
                while (f.find()) {
                    switch (f.group(1)) {
                        case "type" -> type = f.group(2);
                        case "filename" -> file = f.group(2);
                        case "module_type" -> moduleType = f.group(2);
                        default -> {
                        }
                    }
                }
                if (type == null || file == null || !file.endsWith(".wasm") || !moduleType.equals("binary")) {
                    continue;
                }
                String expected = switch (type) {
                    case "module", "assert_unlinkable", "assert_uninstantiable" -> "ok";
                    case "assert_malformed" -> "MALFORMED";
                    case "assert_invalid" -> "INVALID";
                    default -> null;
                };
                if (expected == null) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(json.resolve(file));
                String got;
                try {
                    ModuleReader.readAll(bytes);
                    got = "ok";
                } catch (CompileException e) {
                    got = e.kind().name() + " (" + e.getMessage() + ")";
                }
                checked++;
                if (!got.startsWith(expected)) {
                    wrong.add(file + ": expected " + expected + ", got " + got);
                }
            }
        }
        System.out.printf("spec suite: %d binary modules classified in %d ms, %d wrong%n", checked,
                (System.nanoTime() - t0) / 1_000_000, wrong.size());
        assertTrue(checked > 4000, "the suite has 4592 binary modules; found " + checked);
        if (!wrong.isEmpty()) {
            fail(wrong.size() + " spec modules misclassified:\n" + String.join("\n", wrong.subList(0, Math.min(30, wrong.size()))));
        }
    }
}
