package dev.wasmjar.compiler.internal.build;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.compiler.internal.ModuleReader;
import dev.wasmjar.compiler.internal.WasmTypes;
import dev.wasmjar.compiler.internal.facade.FacadeSourceGenerator;
import dev.wasmjar.compiler.internal.facade.FacadeSpec;
import dev.wasmjar.compiler.internal.facade.ModuleExport;
import dev.wasmjar.runtime.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Build-time compilation of one module, shared by the CLI's {@code compile} command and the
 * Maven plugin: compiles the wasm into the instance classes, checks its imports against the
 * WASI host, generates the facade source, and writes the result to a class directory or a jar.
 *
 * <p>The facade gets the name the user chose ({@code com.acme.Hello}); the compiled instance
 * class it wraps is named {@code com.acme.Hello$Module} (its code classes
 * {@code com.acme.Hello$Module$Code0}, ...), so all generated classes sit beside the facade
 * and clearly belong to it.
 */
public final class ModuleBuild {
    /** Appended to the facade's name to name the instance class. */
    public static final String INSTANCE_SUFFIX = "$Module";

    /** What to build; mutable, set before {@link ModuleBuild#compile}. */
    public static final class Options {
        private String className;
        private String source = "module.wasm";
        private Set<String> include;
        private boolean checkImports = true;
        private int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors());

        /** The facade's binary name, e.g. {@code com.acme.Hello} (required). */
        public Options className(String className) {
            this.className = Objects.requireNonNull(className, "className");
            return this;
        }

        /** How the facade's documentation names the wasm input, e.g. {@code src/main/wasm/hello.wasm}. */
        public Options source(String source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The exports to expose as facade methods; {@code null} or empty for all. */
        public Options include(java.util.Collection<String> exports) {
            this.include = exports == null || exports.isEmpty() ? null : new TreeSet<>(exports);
            return this;
        }

        /** Whether every import must be one the WASI host provides (default true). */
        public Options checkImports(boolean check) {
            this.checkImports = check;
            return this;
        }

        /** Compiler threads (does not affect the output). */
        public Options parallelism(int threads) {
            this.parallelism = threads;
            return this;
        }

        public String className() {
            return className;
        }

        /** Everything that affects the output, as text for up-to-date stamps. */
        String describe() {
            return "class=" + className + "\nsource=" + source + "\ninclude=" + (include == null ? "*" : include)
                    + "\ncheckImports=" + checkImports;
        }
    }

    private final Options options;
    private final String sha256;
    private final CompiledModule module;
    private final List<ModuleExport> exports;
    private final String facadeSource;
    private final List<String> warnings;

    private ModuleBuild(Options options, String sha256, CompiledModule module, List<ModuleExport> exports,
            String facadeSource, List<String> warnings) {
        this.options = options;
        this.sha256 = sha256;
        this.module = module;
        this.exports = exports;
        this.facadeSource = facadeSource;
        this.warnings = warnings;
    }

    /**
     * Compiles {@code wasm} (a component or a core module) as {@code options} say.
     *
     * @throws CompileException if the input cannot be compiled, or (with
     *     {@link Options#checkImports}) imports something the WASI host does not provide
     * @throws IllegalArgumentException if the options are wrong: a bad class name, or an
     *     included export the module does not have
     */
    public static ModuleBuild compile(byte[] wasm, Options options) {
        Objects.requireNonNull(options.className, "className");
        String instanceClass = options.className + INSTANCE_SUFFIX;
        // Validates the name (the facade's, since the suffix is a valid identifier part).
        WasmCompiler compiler = WasmCompiler.builder().className(instanceClass).parallelism(options.parallelism).build();
        // Parsed here for the imports and exports, and again by the compiler, whose API takes
        // bytes: a second parse costs far less than the code generation that follows.
        ModuleReader.Result read = ModuleReader.readAll(wasm);
        WasmModule wasmModule = read.module();
        List<String> warnings = new ArrayList<>(read.warnings());
        List<String> unsatisfied = ImportCheck.unsatisfied(wasmModule);
        if (!unsatisfied.isEmpty()) {
            String list = String.join("\n  ", unsatisfied);
            if (options.checkImports) {
                throw new CompileException(CompileException.Kind.UNSUPPORTED, "unsupported import"
                        + (unsatisfied.size() == 1 ? "" : "s") + " (the generated class links only WASI 0.2 imports):\n  "
                        + list);
            }
            warnings.add("imports the WASI host does not provide (supply them through the facade's Imports.Resolver):\n  "
                    + list);
        }
        List<ModuleExport> exports = exportsOf(wasmModule);
        if (options.include != null) {
            Set<String> missing = new LinkedHashSet<>(options.include);
            exports.forEach(e -> missing.remove(e.name()));
            if (!missing.isEmpty()) {
                List<String> available = new ArrayList<>();
                exports.forEach(e -> available.add(e.name()));
                throw new IllegalArgumentException("the module has no export named " + String.join(", ", missing)
                        + "; it exports: " + String.join(", ", available));
            }
        }
        CompiledModule compiled = compiler.compile(wasm);
        String sha = hex(sha256(wasm));
        FacadeSpec spec = new FacadeSpec(options.className, instanceClass, options.source, sha,
                "wasmjar " + version(), exports, options.include);
        return new ModuleBuild(options, sha, compiled, List.copyOf(exports),
                FacadeSourceGenerator.generate(spec), List.copyOf(warnings));
    }

    /** The exports of {@code module} in order, with function types resolved. */
    static List<ModuleExport> exportsOf(WasmModule module) {
        int importedFunctions = module.importSection().count(ExternalType.FUNCTION);
        List<ModuleExport> out = new ArrayList<>();
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export e = module.exportSection().getExport(i);
            switch (e.exportType()) {
                case FUNCTION -> {
                    int typeIndex = e.index() < importedFunctions
                            ? ((com.dylibso.chicory.wasm.types.FunctionImport) module.importSection().stream()
                                    .filter(im -> im.importType() == ExternalType.FUNCTION)
                                    .skip(e.index()).findFirst().orElseThrow()).typeIndex()
                            : module.functionSection().getFunctionType(e.index() - importedFunctions);
                    out.add(new ModuleExport(e.name(), ModuleExport.Kind.FUNCTION,
                            WasmTypes.runtimeType(module.typeSection().getType(typeIndex))));
                }
                case MEMORY -> out.add(ModuleExport.of(e.name(), ModuleExport.Kind.MEMORY));
                case TABLE -> out.add(ModuleExport.of(e.name(), ModuleExport.Kind.TABLE));
                case GLOBAL -> out.add(ModuleExport.of(e.name(), ModuleExport.Kind.GLOBAL));
                default -> {
                    // tags (exception handling) are not part of WebAssembly 2.0: nothing to expose
                }
            }
        }
        return out;
    }

    /** The compiled instance classes. */
    public CompiledModule module() {
        return module;
    }

    /** The facade's binary name, e.g. {@code com.acme.Hello}. */
    public String facadeClassName() {
        return options.className;
    }

    /** The instance class's binary name, e.g. {@code com.acme.Hello$Module}. */
    public String instanceClassName() {
        return module.className();
    }

    /** The facade's Java source. */
    public String facadeSource() {
        return facadeSource;
    }

    /** Every export of the module. */
    public List<ModuleExport> exports() {
        return exports;
    }

    /** Hex SHA-256 of the input. */
    public String sha256() {
        return sha256;
    }

    /** Things worth telling the user that did not stop the build. */
    public List<String> warnings() {
        return warnings;
    }

    /** Path of the facade source below a source root, e.g. {@code com/acme/Hello.java}. */
    public String facadeSourcePath() {
        return options.className.replace('.', '/') + ".java";
    }

    /** Writes the instance classes below {@code dir} (as {@code com/acme/Hello$Module.class}, ...); returns their paths. */
    public List<Path> writeClasses(Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : module.classes().entrySet()) {
            Path file = dir.resolve(e.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
            written.add(file);
        }
        return written;
    }

    /** Writes the facade source below {@code sourceRoot}; returns its path. */
    public Path writeFacadeSource(Path sourceRoot) throws IOException {
        Path file = sourceRoot.resolve(facadeSourcePath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, facadeSource, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Writes a jar with the instance classes and the facade, compiled with the JDK's
     * {@code javac} when one is available (else the facade's source goes into the jar, and a
     * warning says so). Returns what it wrote, for the user: a short description.
     */
    public String writeJar(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        module.classes().forEach((name, bytes) -> entries.put(name + ".class", bytes));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String facade;
        if (javac != null) {
            entries.putAll(compileFacade(javac));
            facade = "facade " + options.className;
        } else {
            entries.put(facadeSourcePath(), facadeSource.getBytes(StandardCharsets.UTF_8));
            facade = "facade source " + facadeSourcePath() + " (no javac in this Java runtime: compile it with your code)";
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Created-By", "wasmjar " + version());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                // a fixed time (1980-02-01, inside the zip format's range in every time zone) keeps the jar identical for identical input
                entry.setTime(318211200000L);
                jos.putNextEntry(entry);
                jos.write(e.getValue());
                jos.closeEntry();
            }
        }
        return entries.size() + " entries: " + module.classes().size() + " generated classes, " + facade;
    }

    /** The facade's class files by jar entry name, compiled against the instance classes and the runtime. */
    private Map<String, byte[]> compileFacade(JavaCompiler javac) throws IOException {
        Path tmp = Files.createTempDirectory("wasmjar-facade");
        try {
            Path classes = tmp.resolve("classes");
            Path out = tmp.resolve("out");
            Files.createDirectories(out);
            writeClasses(classes);
            Path src = writeFacadeSource(tmp.resolve("src"));
            String classpath = classes + java.io.File.pathSeparator + runtimeLocation();
            StringWriter diagnostics = new StringWriter();
            boolean ok = javac.getTask(diagnostics, null, null,
                    List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-nowarn",
                            "-cp", classpath, "-d", out.toString()),
                    null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src.toFile()))
                    .call();
            if (!ok) {
                throw new IOException("cannot compile the generated facade " + options.className + ":\n" + diagnostics);
            }
            Map<String, byte[]> result = new LinkedHashMap<>();
            try (Stream<Path> files = Files.walk(out)) {
                for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    result.put(out.relativize(p).toString().replace(java.io.File.separatorChar, '/'), Files.readAllBytes(p));
                }
            }
            return result;
        } finally {
            deleteTree(tmp);
        }
    }

    private static String runtimeLocation() throws IOException {
        try {
            return Path.of(Instance.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot locate the wasmjar runtime classes to compile the facade against", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A stamp of everything the output of building {@code wasm} with {@code options} depends on:
     * the input bytes, the options, and the compiler and runtime that generate and run the code.
     * Equal stamps mean the previous output is still right.
     */
    public static String stamp(byte[] wasm, Options options) {
        return "wasmjar-stamp 1\ninput-sha256=" + hex(sha256(wasm)) + "\n" + options.describe()
                + "\ncompiler=" + version() + "\ntoolchain=" + toolchainFingerprint() + "\n";
    }

    private static volatile String toolchainFingerprint;

    /**
     * Hash of the jars holding the compiler and the runtime, so a rebuilt SNAPSHOT (same version,
     * different code) still invalidates stamps. Classes in directories (a development build) count
     * by their location only.
     */
    static String toolchainFingerprint() {
        String f = toolchainFingerprint;
        if (f == null) {
            MessageDigest md = digest();
            for (Class<?> c : List.of(ModuleBuild.class, Instance.class)) {
                try {
                    Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                    md.update(p.toString().getBytes(StandardCharsets.UTF_8));
                    if (Files.isRegularFile(p)) {
                        md.update(Files.readAllBytes(p));
                    }
                } catch (IOException | URISyntaxException | RuntimeException e) {
                    md.update(c.getName().getBytes(StandardCharsets.UTF_8));
                }
            }
            f = hex(md.digest()).substring(0, 16);
            toolchainFingerprint = f;
        }
        return f;
    }

    /** The compiler's version (from its Maven metadata), or {@code dev} in a development build. */
    public static String version() {
        try (InputStream in = ModuleBuild.class.getResourceAsStream(
                "/META-INF/maven/dev.wasmjar/wasmjar-compiler/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "dev");
            }
        } catch (IOException e) {
            // fall through: the version is informational
        }
        String v = ModuleBuild.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    static byte[] sha256(byte[] data) {
        MessageDigest md = digest();
        return md.digest(data);
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The class files {@link #writeClasses} writes, relative to its directory, sorted (for stale-output cleanup). */
    public List<String> classFiles() {
        List<String> names = new ArrayList<>();
        module.classes().keySet().forEach(n -> names.add(n + ".class"));
        Collections.sort(names);
        return names;
    }
}
