package dev.wasmjar.compiler.internal.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.ModuleReader;
import dev.wasmjar.compiler.testing.WasmModuleBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComponentReaderTest {
    private static final byte[] PREAMBLE = {0, 'a', 's', 'm', 0x0d, 0, 1, 0};

    /** Builds component binaries section by section. */
    private static final class Component {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Component() {
            out.writeBytes(PREAMBLE);
        }

        Component section(int id, byte[] content) {
            out.write(id);
            leb(out, content.length);
            out.writeBytes(content);
            return this;
        }

        Component coreModule(byte[] module) {
            return section(1, module);
        }

        /** An import section of instance imports named {@code names} (0x00 name, externdesc instance 0). */
        Component imports(String... names) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            leb(s, names.length);
            for (String n : names) {
                s.write(0);
                string(s, n);
                s.write(0x05);
                s.write(0);
            }
            return section(10, s.toByteArray());
        }

        /** An export section exporting instance 0 as each of {@code names}, without a type. */
        Component exports(String... names) {
            ByteArrayOutputStream s = new ByteArrayOutputStream();
            leb(s, names.length);
            for (String n : names) {
                s.write(0);
                string(s, n);
                s.write(0x05);
                s.write(0);
                s.write(0);
            }
            return section(11, s.toByteArray());
        }

        byte[] build() {
            return out.toByteArray();
        }
    }

    private static void leb(ByteArrayOutputStream out, long v) {
        do {
            int b = (int) (v & 0x7F);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
    }

    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        leb(out, b.length);
        out.writeBytes(b);
    }

    /** A core module exporting memory and cabi_realloc, like TinyGo's main module. */
    private static byte[] mainModule() {
        WasmModuleBuilder b = new WasmModuleBuilder();
        b.memory(1, -1);
        b.exportMemory("memory", 0);
        b.function(WasmModuleBuilder.types(WasmModuleBuilder.I32, WasmModuleBuilder.I32, WasmModuleBuilder.I32,
                WasmModuleBuilder.I32), WasmModuleBuilder.types(WasmModuleBuilder.I32))
                .code(WasmModuleBuilder.I32_CONST, 0).export("cabi_realloc").end();
        return b.build();
    }

    /** A shim module: a table of functions, bigger than the main one on purpose. */
    private static byte[] shimModule(int functions) {
        WasmModuleBuilder b = new WasmModuleBuilder();
        for (int i = 0; i < functions; i++) {
            b.function(WasmModuleBuilder.types(), WasmModuleBuilder.types()).code(WasmModuleBuilder.NOP).export("f" + i).end();
        }
        return b.build();
    }

    @Test
    void findsModulesImportsExportsAndTheMainModule() {
        byte[] main = mainModule();
        byte[] shim = shimModule(40);
        assertTrue(shim.length > main.length, "the largest module is not the main one here");
        byte[] component = new Component()
                .imports("wasi:io/poll@0.2.0", "wasi:cli/stdout@0.2.3")
                .coreModule(shim)
                .coreModule(main)
                .exports("wasi:cli/run@0.2.0")
                .build();
        ComponentInfo info = ComponentReader.read(component);
        assertEquals(2, info.coreModules().size());
        assertEquals(main.length, info.mainModuleLength());
        assertArrayEquals(main, info.mainModuleBytes());
        assertArrayEquals(main, Arrays.copyOfRange(component, info.mainModuleOffset(), info.mainModuleOffset() + main.length));
        assertEquals(List.of("memory", "cabi_realloc"), info.mainModule().exports());
        assertEquals(List.of("wasi:io/poll@0.2.0", "wasi:cli/stdout@0.2.3"), info.imports());
        assertEquals(List.of("wasi:cli/run@0.2.0"), info.exports());
        assertEquals(Optional.of("0.2.0"), info.versionOf("wasi:io"));
        assertEquals(Optional.of("0.2.3"), info.versionOf("wasi:cli"));
        assertEquals(Optional.empty(), info.versionOf("wasi:http"));
        assertTrue(info.unsupportedWasiImports().isEmpty(), "0.2.x patch versions are served by the 0.2 host");

        // and ModuleReader compiles the main module out of it
        ModuleReader.Result r = ModuleReader.readAll(component);
        assertTrue(r.isComponent());
        assertEquals(1, r.module().functionSection().functionCount());
        assertArrayEquals(main, r.coreModule());
    }

    @Test
    void fallsBackToTheLargestModule() {
        byte[] small = shimModule(1);
        byte[] large = shimModule(10);
        ComponentInfo info = ComponentReader.read(new Component().coreModule(small).coreModule(large).coreModule(small).build());
        assertEquals(3, info.coreModules().size());
        assertEquals(large.length, info.mainModuleLength());
    }

    @Test
    void findsModulesInNestedComponents() {
        byte[] inner = new Component().coreModule(mainModule()).imports("ignored:in/nested@1.0.0").build();
        byte[] outer = new Component().imports("wasi:random/random@0.2.0").section(4, inner).exports("wasi:cli/run@0.2.0").build();
        ComponentInfo info = ComponentReader.read(outer);
        assertEquals(1, info.coreModules().size());
        assertEquals(1, info.mainModule().nestingDepth());
        assertEquals(List.of("wasi:random/random@0.2.0"), info.imports(), "only top-level imports are the host's");
    }

    @Test
    void versionSuffixEncodingAndUnsupportedWasiVersions() {
        // newer encoders write 0x01 name versionsuffix
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        leb(s, 2);
        s.write(1);
        string(s, "wasi:io/streams");
        string(s, "0.2.1");
        s.write(0x05);
        s.write(0);
        s.write(0);
        string(s, "wasi:io/poll@0.3.0");
        s.write(0x05);
        s.write(0);
        ComponentInfo info = ComponentReader.read(new Component().section(10, s.toByteArray()).coreModule(mainModule()).build());
        assertEquals(List.of("wasi:io/streams@0.2.1", "wasi:io/poll@0.3.0"), info.imports());
        assertEquals(List.of("wasi:io/poll@0.3.0"), info.unsupportedWasiImports());
        assertTrue(ComponentInfo.isWasi02("wasi:clocks/wall-clock@0.2.9"));
        assertFalse(ComponentInfo.isWasi02("wasi:clocks/wall-clock@0.20.0"));
        assertFalse(ComponentInfo.isWasi02("wasi:clocks/wall-clock"));
        assertEquals("wasi:io/poll", ComponentInfo.unversioned("wasi:io/poll@0.2.0"));
    }

    @Test
    void rejectsBrokenComponents() {
        CompileException e = assertThrows(CompileException.class, () -> ComponentReader.read(new Component().build()));
        assertEquals(CompileException.Kind.UNSUPPORTED, e.kind());
        byte[] truncated = new Component().coreModule(mainModule()).build();
        e = assertThrows(CompileException.class, () -> ComponentReader.read(Arrays.copyOf(truncated, truncated.length - 3)));
        assertEquals(CompileException.Kind.MALFORMED, e.kind());
        assertEquals(8, e.offset());
        byte[] badNested = new Component().section(4, new byte[] {1, 2, 3}).build();
        e = assertThrows(CompileException.class, () -> ComponentReader.read(badNested));
        assertTrue(e.getMessage().contains("nested component"), e.getMessage());
        // a vector count no section could hold
        e = assertThrows(CompileException.class, () -> ComponentReader.read(
                new Component().section(11, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}).build()));
        assertTrue(e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void deeplyNestedComponentsAreALimitNotAStackOverflow() {
        byte[] c = new Component().coreModule(mainModule()).build();
        for (int i = 0; i < 200; i++) {
            c = new Component().section(4, c).build();
        }
        byte[] nested = c;
        CompileException e = assertThrows(CompileException.class, () -> ComponentReader.read(nested));
        assertEquals(CompileException.Kind.LIMIT, e.kind());
    }

    @Test
    void readsTinyGoComponent() throws IOException {
        String shared = System.getProperty("wasmjar.shared", "../shared");
        Path p = Path.of(shared, "tinygo-corpus", "build", "hello.wasip2.wasm");
        assumeTrue(Files.isRegularFile(p), "TinyGo corpus not found at " + p + ": skipped");
        byte[] bytes = Files.readAllBytes(p);
        ComponentInfo info = ComponentReader.read(bytes);
        assertEquals(3, info.coreModules().size(), info::toString);
        int at = info.mainModuleOffset();
        assertArrayEquals(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, Arrays.copyOfRange(bytes, at, at + 8));
        assertTrue(info.mainModule().exports().contains("wasi:cli/run@0.2.0#run"));
        assertTrue(info.imports().contains("wasi:io/streams@0.2.0"), info::toString);
        assertTrue(info.imports().contains("wasi:filesystem/preopens@0.2.0"), info::toString);
        assertEquals(List.of("wasi:cli/run@0.2.0"), info.exports());
    }
}
