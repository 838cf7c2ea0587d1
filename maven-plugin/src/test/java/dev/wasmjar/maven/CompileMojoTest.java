package dev.wasmjar.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal on a tiny hand-assembled module, outside Maven: outputs, up-to-date checks, failures. */
class CompileMojoTest {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};

    /** (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)) */
    private static final byte[] ADD = concat(HEADER,
            bytes(0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f),
            bytes(0x03, 0x02, 0x01, 0x00),
            bytes(0x07, 0x07, 0x01, 0x03, 'a', 'd', 'd', 0x00, 0x00),
            bytes(0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b));

    /** (module (import "env" "foo" (func (param i32)))) */
    private static final byte[] IMPORTS_ENV_FOO = concat(HEADER,
            bytes(0x01, 0x05, 0x01, 0x60, 0x01, 0x7f, 0x00),
            bytes(0x02, 0x0b, 0x01, 0x03, 'e', 'n', 'v', 0x03, 'f', 'o', 'o', 0x00, 0x00));

    @TempDir
    Path basedir;
    private MavenProject project;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        Model model = new Model();
        model.setGroupId("g");
        model.setArtifactId("a");
        model.setVersion("1");
        model.setBuild(new Build());
        project = new MavenProject(model);
        project.setFile(basedir.resolve("pom.xml").toFile());
        DefaultArtifact runtime = new DefaultArtifact("dev.wasmjar", "wasmjar-runtime", "0.1.0-SNAPSHOT", Artifact.SCOPE_COMPILE,
                "jar", null, new DefaultArtifactHandler("jar"));
        project.setArtifacts(Set.of(runtime));
        Files.createDirectories(basedir.resolve("src/main/wasm"));
        Files.write(basedir.resolve("src/main/wasm/add.wasm"), ADD);
    }

    private CompileMojo mojo(Module... modules) throws Exception {
        CompileMojo m = new CompileMojo();
        set(m, "project", project);
        set(m, "modules", List.of(modules));
        set(m, "checkImports", true);
        set(m, "outputDirectory", basedir.resolve("target/classes").toFile());
        set(m, "generatedSourcesDirectory", basedir.resolve("target/generated-sources/wasmjar").toFile());
        set(m, "stampDirectory", basedir.resolve("target/wasmjar").toFile());
        m.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add("INFO " + content);
            }

            @Override
            public void warn(CharSequence content) {
                log.add("WARN " + content);
            }
        });
        return m;
    }

    private static Module module(String wasm, String className) {
        Module m = new Module();
        m.setWasm(new File(wasm));
        m.setClassName(className);
        return m;
    }

    @Test
    void compilesThenSkipsWhileUnchanged() throws Exception {
        mojo(module("src/main/wasm/add.wasm", "com.acme.Adder")).execute();
        Path facade = basedir.resolve("target/generated-sources/wasmjar/com/acme/Adder.java");
        Path instance = basedir.resolve("target/classes/com/acme/Adder$Module.class");
        assertTrue(Files.isRegularFile(facade));
        assertTrue(Files.isRegularFile(instance));
        assertTrue(Files.readString(facade).contains("public int add(int arg0, int arg1)"));
        assertTrue(Files.readString(facade).contains("<code>src/main/wasm/add.wasm</code>"),
                "documents the path relative to the basedir");
        assertTrue(project.getCompileSourceRoots().contains(basedir.resolve("target/generated-sources/wasmjar").toString()));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("INFO wasmjar: compiled src/main/wasm/add.wasm (41 bytes)")
                && l.contains("facade com.acme.Adder (target/generated-sources/wasmjar/com/acme/Adder.java)")), log.toString());

        log.clear();
        long written = Files.getLastModifiedTime(instance).toMillis();
        mojo(module("src/main/wasm/add.wasm", "com.acme.Adder")).execute();
        assertEquals(List.of("INFO wasmjar: com.acme.Adder is up to date (src/main/wasm/add.wasm)"), log);
        assertEquals(written, Files.getLastModifiedTime(instance).toMillis());

        // a changed input, or a deleted output, means a rebuild
        byte[] sub = ADD.clone();
        sub[sub.length - 2] = 0x6b;
        Files.write(basedir.resolve("src/main/wasm/add.wasm"), sub);
        log.clear();
        mojo(module("src/main/wasm/add.wasm", "com.acme.Adder")).execute();
        assertTrue(log.get(0).startsWith("INFO wasmjar: compiled"), log.toString());
        Files.delete(instance);
        log.clear();
        mojo(module("src/main/wasm/add.wasm", "com.acme.Adder")).execute();
        assertTrue(log.get(0).startsWith("INFO wasmjar: compiled"), log.toString());
        assertTrue(Files.isRegularFile(instance));
    }

    @Test
    void renamedModuleLeavesNothingBehind() throws Exception {
        mojo(module("src/main/wasm/add.wasm", "com.acme.Adder")).execute();
        mojo(module("src/main/wasm/add.wasm", "com.acme.Summer")).execute();
        assertFalse(Files.exists(basedir.resolve("target/classes/com/acme/Adder$Module.class")));
        assertFalse(Files.exists(basedir.resolve("target/generated-sources/wasmjar/com/acme/Adder.java")));
        assertTrue(Files.exists(basedir.resolve("target/classes/com/acme/Summer$Module.class")));
    }

    @Test
    void missingFileFailsNamingIt() throws Exception {
        MojoFailureException e = assertThrows(MojoFailureException.class,
                () -> mojo(module("src/main/wasm/missing.wasm", "com.acme.Missing")).execute());
        assertTrue(e.getMessage().contains("wasm file not found: " + basedir.resolve("src/main/wasm/missing.wasm")), e.getMessage());
        assertTrue(e.getMessage().contains("com.acme.Missing"), e.getMessage());
    }

    @Test
    void malformedAndUnsupportedImportFail() throws Exception {
        Files.write(basedir.resolve("src/main/wasm/bad.wasm"), "not wasm".getBytes());
        MojoFailureException bad = assertThrows(MojoFailureException.class,
                () -> mojo(module("src/main/wasm/bad.wasm", "com.acme.Bad")).execute());
        assertTrue(bad.getMessage().startsWith("wasmjar: cannot compile src/main/wasm/bad.wasm into com.acme.Bad: "),
                bad.getMessage());

        Files.write(basedir.resolve("src/main/wasm/foo.wasm"), IMPORTS_ENV_FOO);
        MojoFailureException imp = assertThrows(MojoFailureException.class,
                () -> mojo(module("src/main/wasm/foo.wasm", "com.acme.Foo")).execute());
        assertTrue(imp.getMessage().contains("src/main/wasm/foo.wasm"), imp.getMessage());
        assertTrue(imp.getMessage().contains("env.foo: function (i32)->() is not provided by the WASI 0.2 host"),
                imp.getMessage());

        Module lenient = module("src/main/wasm/foo.wasm", "com.acme.Foo");
        lenient.setCheckImports(false);
        mojo(lenient).execute();
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARN") && l.contains("env.foo")), log.toString());
    }

    @Test
    void configurationErrors() throws Exception {
        MojoFailureException noClass = assertThrows(MojoFailureException.class,
                () -> mojo(module("src/main/wasm/add.wasm", null)).execute());
        assertTrue(noClass.getMessage().contains("has no <className>"), noClass.getMessage());
        MojoFailureException twice = assertThrows(MojoFailureException.class,
                () -> mojo(module("src/main/wasm/add.wasm", "a.B"), module("src/main/wasm/add.wasm", "a.B")).execute());
        assertTrue(twice.getMessage().contains("is used by two modules"), twice.getMessage());
        project.setArtifacts(Set.of());
        MojoFailureException noRuntime = assertThrows(MojoFailureException.class,
                () -> mojo(module("src/main/wasm/add.wasm", "a.B")).execute());
        assertTrue(noRuntime.getMessage().contains("<artifactId>wasmjar-runtime</artifactId>"), noRuntime.getMessage());
    }

    @Test
    void skipDoesNothing() throws Exception {
        CompileMojo m = mojo(module("src/main/wasm/missing.wasm", "a.B"));
        set(m, "skip", true);
        m.execute();
        assertFalse(Files.exists(basedir.resolve("target")));
        assertEquals(List.of("INFO wasmjar: skipped (wasmjar.skip)"), log);
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = CompileMojo.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
