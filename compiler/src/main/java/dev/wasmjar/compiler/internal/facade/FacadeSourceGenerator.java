package dev.wasmjar.compiler.internal.facade;

import dev.wasmjar.runtime.FunctionType;
import dev.wasmjar.runtime.ValueType;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the Java source of a module's facade: a public final class that instantiates the
 * compiled instance class with a fresh WASI host, runs the module as a command, and exposes
 * every exported function as a typed method.
 *
 * <p>The facade is plain Java that needs only {@code wasmjar-runtime}: it names the instance
 * class directly (so {@code javac} checks it exists), calls exports through their
 * {@code MethodHandle}s with {@code invokeExact} (the handle types are fixed by the wasm types,
 * so the calls link once and inline), and does no parsing or code generation when loaded.
 *
 * <p>Everything taken from the module (export names, the source name) may be any string, so it
 * is escaped wherever it lands: Java identifiers are sanitised and made unique, string
 * literals and Javadoc are escaped so that no name can end a comment, inject a unicode escape
 * or break the source. Types from the runtime and {@code java.lang} are written fully
 * qualified, so a facade named {@code Instance} or {@code Error} still compiles.
 */
public final class FacadeSourceGenerator {
    /** Names the facade itself defines (and {@code Object}'s methods): an export never takes them. */
    private static final Set<String> RESERVED = Set.of(
            "run", "instantiate", "close", "instance", "host",
            "getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait", "clone", "finalize");

    private static final Set<String> KEYWORDS = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "true", "false", "null", "_",
            // contextual: legal to declare, but an unqualified call is an error or confusing
            "yield", "var", "record", "sealed", "permits", "non");

    /**
     * Exports that TinyGo modules carry for the host rather than for callers: the C library
     * TinyGo links (wasi-libc) and the allocator. Their methods say so, and the usage example in
     * the class comment picks another export when there is one.
     */
    private static final Set<String> LIBC = Set.of(
            "malloc", "free", "calloc", "realloc", "strlen", "write", "read", "pread", "pwrite", "lseek", "close",
            "dup", "mmap", "munmap", "mprotect", "chmod", "mkdir", "rmdir", "rename", "symlink", "link", "fsync",
            "readlink", "unlink", "getpagesize", "stat", "fstat", "lstat", "open", "fdopendir", "fdclosedir",
            "readdir", "getenv", "setenv", "unsetenv", "arc4random_buf", "chdir", "getcwd", "truncate");

    private static final String RT = "dev.wasmjar.runtime.";
    private static final String WASI = "dev.wasmjar.runtime.wasi.";

    private FacadeSourceGenerator() {
    }

    /** The Java source of the facade described by {@code spec}. */
    public static String generate(FacadeSpec spec) {
        return new Writer(spec).write();
    }

    /**
     * The Java method names the facade gives the exposed exports, by export name, in module
     * order: sanitised to ASCII identifiers, never a keyword or a name the facade defines, and
     * unique (a clash gets {@code _2}, {@code _3}, ...).
     */
    public static Map<String, String> methodNames(FacadeSpec spec) {
        Map<String, String> names = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>(RESERVED);
        for (ModuleExport e : spec.exports()) {
            if (!spec.exposes(e)) {
                continue;
            }
            String base = identifier(e.name());
            String name = base;
            for (int n = 2; !taken.add(name); n++) {
                name = base + "_" + n;
            }
            names.put(e.name(), name);
        }
        return names;
    }

    /**
     * A Java identifier for an export name: runs of characters other than ASCII letters and
     * digits become one {@code _} ({@code wasi:cli/run@0.2.0#run} becomes
     * {@code wasi_cli_run_0_2_0_run}); a keyword, a reserved name or a leading digit gets a
     * {@code _} added.
     */
    static String identifier(String exportName) {
        StringBuilder sb = new StringBuilder();
        boolean pendingUnderscore = false;
        for (int i = 0; i < exportName.length(); i++) {
            char c = exportName.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (ok) {
                if (pendingUnderscore) {
                    sb.append('_');
                    pendingUnderscore = false;
                }
                sb.append(c);
            } else if (c == '_') {
                // keep literal underscores as they are: asyncify_get_state stays readable
                if (pendingUnderscore) {
                    sb.append('_');
                    pendingUnderscore = false;
                }
                sb.append('_');
            } else if (sb.length() > 0) {
                pendingUnderscore = true;
            }
        }
        String s = sb.toString();
        if (s.isEmpty() || s.chars().allMatch(ch -> ch == '_')) {
            return "export_";
        }
        if (Character.isDigit(s.charAt(0))) {
            s = "_" + s;
        }
        if (KEYWORDS.contains(s) || RESERVED.contains(s)) {
            s = s + "_";
        }
        return s;
    }

    /** The export a command runs: {@code wasi:cli/run@0.2.x#run} of type {@code ()->(i32)}, else {@code _start}. */
    static ModuleExport commandEntry(List<ModuleExport> exports) {
        ModuleExport start = null;
        for (ModuleExport e : exports) {
            if (e.kind() != ModuleExport.Kind.FUNCTION) {
                continue;
            }
            if (e.name().startsWith("wasi:cli/run@0.2.") && e.name().endsWith("#run")
                    && e.type() == FunctionType.parse("()->(i32)")) {
                return e;
            }
            if (e.name().equals("_start") && e.type() == FunctionType.parse("()->()")) {
                start = e;
            }
        }
        return start;
    }

    /**
     * Whether export {@code name} is plumbing: the C library or allocator (see {@link #LIBC}),
     * asyncify's or the canonical ABI's helpers, or an entry point.
     */
    static boolean isPlumbing(String name) {
        return LIBC.contains(name) || name.startsWith("asyncify_") || name.startsWith("cabi_")
                || name.startsWith("wasi:") || name.startsWith("_");
    }

    /** Java source text of a string literal holding {@code s} (ASCII only, everything else escaped). */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append(c);
                    } else {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * {@code s} as Javadoc text inside {@code <code>}: HTML-escaped, and with every character
     * that could end the comment ({@code *}: no {@code *}, no comment end), start a tag
     * ({@code @ { }}) or a unicode escape ({@code \}) written as a character reference;
     * non-ASCII too, so the source stays ASCII.
     */
    static String doc(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '*', '@', '{', '}', '\\' -> sb.append("&#").append((int) c).append(';');
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append(c);
                    } else {
                        sb.append("&#").append((int) c).append(';');
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The Java type that carries a wasm value of type {@code t} in facade signatures. */
    static String javaType(ValueType t) {
        return switch (t) {
            case I32 -> "int";
            case I64 -> "long";
            case F32 -> "float";
            case F64 -> "double";
            case FUNCREF -> RT + "WasmFunction";
            case V128 -> RT + "V128";
            case EXTERNREF -> "java.lang.Object";
        };
    }

    /** The Java return type of a function of type {@code t}. */
    static String returnType(FunctionType t) {
        return switch (t.results().size()) {
            case 0 -> "void";
            case 1 -> javaType(t.results().get(0));
            default -> "java.lang.Object[]";
        };
    }

    /** Builds one facade's source. */
    private static final class Writer {
        private final FacadeSpec spec;
        private final StringBuilder out = new StringBuilder();
        private final String simple;
        private final String instanceRef;
        private final Map<String, String> names;
        private final ModuleExport entry;
        private final boolean hasMemory;

        Writer(FacadeSpec spec) {
            this.spec = spec;
            this.simple = spec.simpleName();
            // Same package: the simple (binary) name, e.g. Hello$Module; javac resolves it from
            // the class file as a top-level class of the package.
            String pkg = spec.packageName();
            String inst = spec.instanceClassName();
            int dot = inst.lastIndexOf('.');
            String instPkg = dot < 0 ? "" : inst.substring(0, dot);
            this.instanceRef = instPkg.equals(pkg) ? inst.substring(dot + 1) : inst;
            this.names = methodNames(spec);
            this.entry = commandEntry(spec.exports());
            this.hasMemory = spec.exports().stream()
                    .anyMatch(e -> e.kind() == ModuleExport.Kind.MEMORY && e.name().equals("memory"));
        }

        String write() {
            line("// Generated by " + ascii(spec.generator()) + " from " + ascii(spec.source()) + ". Do not edit:");
            line("// the build regenerates this file whenever the wasm input changes.");
            if (!spec.packageName().isEmpty()) {
                line("package " + spec.packageName() + ";");
            }
            line("");
            classDoc();
            // No @javax.annotation.processing.Generated: it lives in module java.compiler, which a
            // modular project would then have to require just for this class.
            line("public final class " + simple + " implements java.lang.AutoCloseable {");
            constants();
            fields();
            constructors();
            factories();
            if (entry != null) {
                runMethods();
            }
            accessors();
            for (ModuleExport e : spec.exports()) {
                if (!spec.exposes(e)) {
                    continue;
                }
                if (e.kind() == ModuleExport.Kind.FUNCTION) {
                    functionMethod(e);
                } else {
                    exportAccessor(e);
                }
            }
            helpers();
            line("}");
            return out.toString();
        }

        private void classDoc() {
            String src = doc(spec.source());
            line("/**");
            line(" * The WebAssembly module <code>" + src + "</code>, compiled ahead of time to JVM bytecode by");
            line(" * wasmjar. Needs only <code>dev.wasmjar:wasmjar-runtime</code> at run time.");
            line(" *");
            if (entry != null) {
                line(" * <p>Run it as a command (its <code>main</code>), with the program name first among the arguments:");
                line(" * <pre>");
                line(" * int exitCode = " + simple + ".run(WasiConfig.builder().args(\"prog\", \"arg1\").build());");
                line(" * </pre>");
                line(" *");
            }
            ModuleExport sample = spec.exports().stream()
                    .filter(e -> e.kind() == ModuleExport.Kind.FUNCTION && spec.exposes(e) && e != entry)
                    .min(java.util.Comparator.comparing(e -> isPlumbing(e.name())))
                    .orElse(null);
            line(" * <p>Or create an instance and call its exported functions:");
            line(" * <pre>");
            line(" * try (" + simple + " module = " + simple + ".instantiate(WasiConfig.builder().build())) {");
            if (sample != null) {
                String call = "module." + names.get(sample.name()) + "(" + sampleArgs(sample.type()) + ")";
                String rt = returnType(sample.type());
                line(" *     " + (rt.equals("void") ? call : shortType(rt) + " result = " + call) + ";");
            } else {
                line(" *     // ...");
            }
            line(" * }");
            line(" * </pre>");
            line(" *");
            line(" * <p>Every instance has its own memory, globals and WASI host (arguments, environment,");
            line(" * stdio, preopened directories): instances share nothing. An instance is not thread-safe;");
            line(" * use it from one thread at a time. Wasm traps surface as {@link dev.wasmjar.runtime.Trap}.");
            line(" * Deep wasm recursion uses the calling thread's stack: run on a thread with a large stack");
            line(" * if the module needs it.");
            line(" *");
            line(" * <p>Source: <code>" + src + "</code>, SHA-256 <code>" + doc(spec.sha256()) + "</code>.");
            line(" * Instance class: <code>" + doc(spec.instanceClassName()) + "</code>. Generated by "
                    + doc(spec.generator()) + ".");
            line(" */");
        }

        private void constants() {
            line("    /** The wasm file this class was compiled from. */");
            line("    public static final java.lang.String SOURCE = " + literal(spec.source()) + ";");
            line("");
            line("    /** SHA-256 (hex) of the wasm file this class was compiled from. */");
            line("    public static final java.lang.String SOURCE_SHA256 = " + literal(spec.sha256()) + ";");
            line("");
        }

        private void fields() {
            line("    private final " + WASI + "WasiHost host;");
            line("    private final " + RT + "Instance instance;");
            for (ModuleExport e : spec.exports()) {
                if (spec.exposes(e) && e.kind() == ModuleExport.Kind.FUNCTION) {
                    line("    private final java.lang.invoke.MethodHandle " + handleField(e) + ";");
                }
            }
            line("");
        }

        private void constructors() {
            line("    /**");
            line("     * Instantiates the module with a new WASI host that gives it {@code config}: links its");
            line("     * imports, initialises its memory and runs its start function (not {@code main}: see");
            line("     * " + (entry != null ? "{@link #run()}" : "the exported functions") + ").");
            line("     *");
            line("     * @throws dev.wasmjar.runtime.LinkException if the module imports something the WASI host");
            line("     *     does not provide (use the two-argument constructor to supply it)");
            line("     * @throws dev.wasmjar.runtime.Trap if initialisation traps");
            line("     */");
            line("    public " + simple + "(" + WASI + "WasiConfig config) {");
            line("        this(config, null);");
            line("    }");
            line("");
            line("    /**");
            line("     * Like {@link #" + simple + "(" + WASI + "WasiConfig)}, and asks {@code imports} (if not");
            line("     * {@code null}) first for every import, so the caller can supply non-WASI imports or");
            line("     * replace WASI functions.");
            line("     */");
            line("    public " + simple + "(" + WASI + "WasiConfig config, " + RT + "Imports.Resolver imports) {");
            line("        java.util.Objects.requireNonNull(config, \"config\");");
            line("        this.host = " + WASI + "WasiHost.create(config);");
            line("        try {");
            line("            " + RT + "Imports.Builder linked = " + RT + "Imports.builder();");
            line("            if (imports != null) {");
            line("                linked.resolver(imports);");
            line("            }");
            line("            this.instance = new " + instanceRef + "(host.addTo(linked).build());");
            if (hasMemory) {
                line("            host.bind(instance);");
            }
            for (ModuleExport e : spec.exports()) {
                if (spec.exposes(e) && e.kind() == ModuleExport.Kind.FUNCTION) {
                    line("            this." + handleField(e) + " = $function(instance, " + literal(e.name()) + ", "
                            + literal(e.type().toString()) + ");");
                }
            }
            line("        } catch (java.lang.RuntimeException | java.lang.Error e) {");
            line("            host.close();");
            line("            throw e;");
            line("        }");
            line("    }");
            line("");
        }

        private void factories() {
            line("    /** A new, independent instance that sees {@code config}; the same as the constructor. */");
            line("    public static " + simple + " instantiate(" + WASI + "WasiConfig config) {");
            line("        return new " + simple + "(config);");
            line("    }");
            line("");
        }

        private void runMethods() {
            String en = doc(entry.name());
            line("    /**");
            line("     * Runs the module as a command in a new instance that sees {@code config}, and returns its");
            line("     * exit code: 0 for success, else non-zero. Stdout and stderr are flushed before it returns.");
            line("     *");
            line("     * @throws dev.wasmjar.runtime.Trap if the program traps (a Go panic, for example)");
            line("     */");
            line("    public static int run(" + WASI + "WasiConfig config) {");
            line("        try (" + simple + " module = new " + simple + "(config)) {");
            line("            return module.run();");
            line("        }");
            line("    }");
            line("");
            line("    /**");
            line("     * Runs this instance's command entry point, wasm export <code>" + en + "</code>, and returns");
            line("     * the exit code (see {@link #run(" + WASI + "WasiConfig)}).");
            line("     */");
            line("    public int run() {");
            line("        return host.run(instance);");
            line("    }");
            line("");
            line("    /**");
            line("     * Runs the module as a command with this process's stdio and environment, the guest seeing");
            line("     * {@link #SOURCE} and {@code args} as its arguments, and exits with its exit code (134 if it");
            line("     * traps): {@code java -cp app.jar:wasmjar-runtime.jar " + doc(spec.className()) + " ARGS}.");
            line("     * See {@link " + WASI + "WasiCommand}.");
            line("     */");
            line("    public static void main(java.lang.String[] args) {");
            line("        " + WASI + "WasiCommand.main(SOURCE, args, " + simple + "::run);");
            line("    }");
            line("");
        }

        private void accessors() {
            line("    /** The underlying instance, for exports by name ({@code instance().exports()}). */");
            line("    public " + RT + "Instance instance() {");
            line("        return instance;");
            line("    }");
            line("");
            line("    /** The WASI host this instance uses. */");
            line("    public " + WASI + "WasiHost host() {");
            line("        return host;");
            line("    }");
            line("");
            line("    /** Stops the host's stdin reader and flushes stdout and stderr (the streams stay open). */");
            line("    @java.lang.Override");
            line("    public void close() {");
            line("        host.close();");
            line("    }");
            line("");
        }

        private void functionMethod(ModuleExport e) {
            FunctionType t = e.type();
            String rt = returnType(t);
            List<ValueType> params = t.params();
            line("    /**");
            line("     * Calls the wasm export <code>" + doc(e.name()) + "</code>, of type <code>" + doc(t.toString())
                    + "</code>.");
            if (isPlumbing(e.name())) {
                line("     * Part of the module's runtime or C library, exported for the host; callers rarely need it.");
            }
            line("     *");
            if (t.results().size() > 1) {
                line("     * @return the " + t.results().size() + " results, boxed ({@code Integer}, {@code Long},"
                        + " {@code Float}, {@code Double} or a reference)");
            }
            line("     * @throws dev.wasmjar.runtime.Trap if the wasm code traps");
            line("     */");
            StringBuilder sig = new StringBuilder("    public " + rt + " " + names.get(e.name()) + "(");
            StringBuilder args = new StringBuilder();
            for (int i = 0; i < params.size(); i++) {
                sig.append(i == 0 ? "" : ", ").append(javaType(params.get(i))).append(" arg").append(i);
                args.append(i == 0 ? "" : ", ").append("arg").append(i);
            }
            line(sig.append(") {").toString());
            line("        try {");
            String call = handleField(e) + ".invokeExact(" + args + ")";
            // invokeExact needs the call site's type to equal the handle's: the cast supplies the
            // return type, and the arguments already have the parameter types.
            if (rt.equals("void")) {
                line("            " + call + ";");
            } else {
                line("            return (" + rt + ") " + call + ";");
            }
            line("        } catch (java.lang.Throwable t) {");
            line("            throw $unchecked(t);");
            line("        }");
            line("    }");
            line("");
        }

        private void exportAccessor(ModuleExport e) {
            String kind = switch (e.kind()) {
                case MEMORY -> "Memory";
                case TABLE -> "Table";
                case GLOBAL -> "Global";
                case FUNCTION -> throw new AssertionError();
            };
            line("    /** The wasm export <code>" + doc(e.name()) + "</code> (a " + kind.toLowerCase(Locale.ROOT)
                    + "). */");
            line("    public " + RT + kind + " " + names.get(e.name()) + "() {");
            line("        return instance." + kind.toLowerCase(Locale.ROOT) + "(" + literal(e.name()) + ");");
            line("    }");
            line("");
        }

        private void helpers() {
            line("    /** The handle of function export {@code name}, checked to have the type this facade was generated for. */");
            line("    private static java.lang.invoke.MethodHandle $function(" + RT + "Instance instance, java.lang.String name,");
            line("            java.lang.String type) {");
            line("        " + RT + "WasmFunction f = instance.function(name);");
            line("        if (f.type() != " + RT + "FunctionType.parse(type)) {");
            line("            throw new java.lang.IllegalStateException(\"wasm export \\\"\" + name + \"\\\" has type \" + f.type()");
            line("                    + \", but \" + " + simple + ".class.getName() + \" was generated for \" + type"
                    + " + \": recompile the module\");");
            line("        }");
            line("        return f.handle();");
            line("    }");
            line("");
            line("    /** Wasm code throws only unchecked exceptions; anything else is wrapped. */");
            line("    private static java.lang.RuntimeException $unchecked(java.lang.Throwable t) {");
            line("        if (t instanceof java.lang.RuntimeException) {");
            line("            return (java.lang.RuntimeException) t;");
            line("        }");
            line("        if (t instanceof java.lang.Error) {");
            line("            throw (java.lang.Error) t;");
            line("        }");
            line("        return new java.lang.IllegalStateException(t);");
            line("    }");
        }

        private String handleField(ModuleExport e) {
            return "$" + names.get(e.name());
        }

        private static String sampleArgs(FunctionType t) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < t.params().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(switch (t.params().get(i)) {
                    case I32 -> String.valueOf(i + 1);
                    case I64 -> (i + 1) + "L";
                    case F32 -> (i + 1) + ".5f";
                    case F64 -> (i + 1) + ".5";
                    default -> "null";
                });
            }
            return sb.toString();
        }

        private static String shortType(String t) {
            return t.startsWith("java.lang.") ? t.substring("java.lang.".length())
                    : t.startsWith(RT) ? t.substring(RT.length()) : t;
        }

        /** For line comments: ASCII printable only, so no character ends the line early. */
        private static String ascii(String s) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                sb.append(c >= 0x20 && c < 0x7f && c != '\\' ? c : '?');
            }
            return sb.toString();
        }

        private void line(String s) {
            out.append(s).append('\n');
        }
    }
}
