package dev.wasmjar.compiler.internal.cli;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.LinkException;
import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.internal.GuestThread;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiExitException;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The {@code wasmjar} command line: {@code run} compiles a program (or takes it from the
 * {@link CompileCache}) and runs it with the WASI host (or, with {@code --invoke}, calls one of
 * its exports); {@code compile} writes the generated classes as a jar. Flags and exit codes follow {@code wasmtime run} where both have
 * the feature, so scripts can switch between the two.
 */
public final class Cli {
    /** Exit code for a trap, as wasmtime uses on Unix (128 + SIGABRT). */
    static final int EXIT_TRAP = 134;
    /** Exit code for bad usage or input that cannot be compiled or linked. */
    static final int EXIT_USAGE = 2;

    static final String USAGE = String.join("\n",
            "usage:",
            "  wasmjar run [OPTIONS] [--] PROGRAM.wasm [ARGS...]",
            "      Compiles PROGRAM (a WASI 0.2 component or a core module), or takes it from the",
            "      cache of compiled programs, and runs it.",
            "      --dir HOST[::GUEST[:ro]]  make host directory HOST visible to the guest as GUEST",
            "                                (default: HOST); a final :ro after GUEST makes it read-only",
            "      --env NAME=VALUE          set an environment variable for the guest",
            "      --env NAME                pass the host's NAME on (not at all if the host has none)",
            "      --no-cache                compile again even if the cache holds PROGRAM (compiled",
            "                                programs are cached in $WASMJAR_CACHE_DIR, else",
            "                                $XDG_CACHE_HOME/wasmjar or ~/.cache/wasmjar)",
            "      --invoke FUNC             instead of running the program, call its export FUNC with",
            "                                ARGS and print each result on a line of stdout;",
            "                                i32/i64: decimal (signed or unsigned) or 0x hex,",
            "                                f32/f64: decimal, nan, inf or -inf",
            "      -h, --help                print this help",
            "      Exit status: the guest's (proc_exit or wasi:cli/exit), 134 if it traps, 2 if the",
            "      command line is wrong or PROGRAM cannot be compiled or linked.",
            "  wasmjar compile PROGRAM.wasm --class com.acme.Hello -o hello.jar",
            "      Compiles PROGRAM into JVM classes and writes them as a jar.",
            "  wasmjar --version",
            "      Prints the version.",
            "");

    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream guestStderr;
    private final PrintStream err;
    /** Where {@code run} keeps compiled programs, or {@code null} for none. */
    private final CompileCache cache;

    /**
     * A command line whose guests use the process's own stdio, unbuffered by the JVM's
     * {@code System} streams (the WASI host buffers and flushes itself), whose messages go to
     * {@code err}, and which caches compiled programs where {@link CompileCache#standard} says.
     */
    Cli(PrintStream err) {
        this(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), err, CompileCache.standard(System.getenv()));
    }

    /**
     * A command line on these streams, caching nothing: {@code stdout} carries the guest's output,
     * help, the version and {@code --invoke} results; {@code err} carries the command line's own
     * messages.
     */
    Cli(InputStream stdin, OutputStream stdout, OutputStream guestStderr, PrintStream err) {
        this(stdin, stdout, guestStderr, err, null);
    }

    /** As {@link #Cli(InputStream, OutputStream, OutputStream, PrintStream)}, with this cache (may be {@code null}). */
    Cli(InputStream stdin, OutputStream stdout, OutputStream guestStderr, PrintStream err, CompileCache cache) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.guestStderr = guestStderr;
        this.err = err;
        this.cache = cache;
    }

    public static void main(String[] args) {
        PrintStream err = System.err;
        int code = new Cli(err).execute(args);
        err.flush();
        System.out.flush();
        System.exit(code);
    }

    int execute(String[] args) {
        if (args.length == 0) {
            err.print(USAGE);
            return EXIT_USAGE;
        }
        try {
            switch (args[0]) {
                case "-h":
                case "--help":
                case "help":
                    // Asked for, help is output (so it can be paged or grepped), not a diagnostic.
                    return printOut(USAGE);
                case "-V":
                case "--version":
                    return printOut("wasmjar " + Version.current() + "\n");
                case "run": {
                    RunOptions o = RunOptions.parse(List.of(args).subList(1, args.length));
                    return o.help ? printOut(USAGE) : run(o);
                }
                case "compile": {
                    List<String> rest = List.of(args).subList(1, args.length);
                    if (rest.contains("-h") || rest.contains("--help")) {
                        return printOut(USAGE);
                    }
                    return compile(CompileOptions.parse(rest));
                }
                default:
                    throw new UsageException("unknown command: " + args[0]);
            }
        } catch (UsageException e) {
            err.println("wasmjar: " + e.getMessage());
            err.print(USAGE);
            return EXIT_USAGE;
        } catch (CompileException e) {
            err.println("wasmjar: cannot compile: " + e.getMessage());
            return EXIT_USAGE;
        } catch (LinkException e) {
            err.println("wasmjar: cannot link the program:");
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (NoSuchFileException e) {
            err.println("wasmjar: no such file: " + e.getFile());
            return EXIT_USAGE;
        } catch (IOException e) {
            err.println("wasmjar: " + e);
            return EXIT_USAGE;
        }
    }

    private int printOut(String text) throws IOException {
        stdout.write(text.getBytes(StandardCharsets.UTF_8));
        stdout.flush();
        return 0;
    }

    private int compile(CompileOptions o) throws IOException {
        byte[] wasm = Files.readAllBytes(o.program);
        // The same build as the Maven plugin's: --class names the facade; imports the WASI host
        // lacks are only a warning here, since a jar's user can supply them through the facade.
        dev.wasmjar.compiler.internal.build.ModuleBuild build = dev.wasmjar.compiler.internal.build.ModuleBuild.compile(
                wasm, new dev.wasmjar.compiler.internal.build.ModuleBuild.Options()
                        .className(o.className)
                        .source(String.valueOf(o.program.getFileName()))
                        .checkImports(false));
        for (String warning : build.warnings()) {
            err.println("wasmjar: warning: " + warning);
        }
        String written = build.writeJar(o.output);
        err.println("wasmjar: wrote " + o.output + " (" + written + ", instance class "
                + build.instanceClassName() + ")");
        return 0;
    }

    private int run(RunOptions o) throws IOException {
        for (WasiConfig.Preopen dir : o.dirs) {
            // Checked before compiling, and as a usage error: the host would only fail once the
            // guest thread starts. A missing "/data:ro" most likely meant read-only: say how.
            if (!Files.isDirectory(dir.hostPath())) {
                err.println("wasmjar: --dir: not a directory: " + dir.hostPath()
                        + (dir.hostPath().toString().endsWith(":ro") ? " (read-only is HOST::GUEST:ro)" : ""));
                return EXIT_USAGE;
            }
        }
        byte[] wasm = Files.readAllBytes(o.program);
        String className = "wasmjar.run.Program";
        Supplier<CompiledModule> compile = () -> WasmCompiler.builder().className(className).build().compile(wasm);
        CompiledModule module = cache == null || o.noCache ? compile.get() : cache.get(wasm, className, compile);
        WasiConfig.Builder config = WasiConfig.builder()
                .args(o.guestArgs)
                .stdin(stdin)
                .stdout(stdout)
                .stderr(guestStderr);
        o.env.forEach(config::env);
        for (WasiConfig.Preopen dir : o.dirs) {
            config.preopen(dir.hostPath(), dir.guestPath(), dir.readOnly());
        }
        List<String> results = new ArrayList<>();
        int exit;
        try {
            exit = GuestThread.run(() -> {
                try (WasiHost host = WasiHost.create(config.build())) {
                    Instance instance = module.instantiate(host.imports());
                    return o.invoke == null ? host.run(instance) : invoke(host, instance, o, results);
                }
            });
        } catch (InterruptedException e) {
            return EXIT_TRAP;
        } catch (Throwable t) {
            return failed(t);
        }
        // Only now: closing the host flushed what the guest wrote, which comes first, as with
        // wasmtime.
        StringBuilder lines = new StringBuilder();
        results.forEach(r -> lines.append(r).append('\n'));
        printOut(lines.toString());
        return exit;
    }

    /** What the guest thread threw: a trap's exit code, or the command line's own errors again. */
    private int failed(Throwable t) {
        if (t instanceof Trap) {
            Trap trap = (Trap) t;
            err.println("wasm trap: " + trap.getMessage());
            err.print(trap.formatBacktrace());
            return EXIT_TRAP;
        }
        if (t instanceof UsageException) {
            throw (UsageException) t;
        }
        if (t instanceof LinkException) {
            throw (LinkException) t;
        }
        if (t instanceof CompileException) {
            throw (CompileException) t;
        }
        err.println("wasmjar: the program failed: " + t);
        t.printStackTrace(err);
        return EXIT_TRAP;
    }

    /**
     * {@code --invoke}: calls the export on the guest thread and adds its results to
     * {@code results}; returns the exit code (0, or the guest's if it exits instead).
     */
    private static int invoke(WasiHost host, Instance instance, RunOptions o, List<String> results) {
        // Arguments are checked before any guest code beyond the start function runs.
        Invocation call = Invocation.prepare(instance, o.invoke, o.guestArgs.subList(1, o.guestArgs.size()));
        try {
            initialize(host, instance);
            results.addAll(call.call());
            return 0;
        } catch (WasiExitException e) {
            return e.code();
        }
    }

    /**
     * Readies the instance for a call: binds the WASI host, which also runs a reactor's
     * {@code _initialize}. A module without a {@code memory} export (one that needs no WASI, say)
     * cannot be bound, so only its {@code _initialize} runs.
     */
    private static void initialize(WasiHost host, Instance instance) {
        if (instance.exports().get("memory") instanceof Memory) {
            host.bind(instance);
        } else {
            WasiHost.initializeReactor(instance);
        }
    }

    /** Bad command-line usage; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Options of {@code run}. */
    static final class RunOptions {
        /** {@code --dir}s in order (only their paths and flags so far: nothing is opened). */
        final List<WasiConfig.Preopen> dirs = new ArrayList<>();
        final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        /** The export {@code --invoke} names, or {@code null} to run the program. */
        String invoke;
        /** {@code -h} or {@code --help} came before the program: print usage, run nothing. */
        boolean help;
        /** {@code --no-cache}: compile even if the cache holds the program. */
        boolean noCache;
        Path program;
        final List<String> guestArgs = new ArrayList<>();

        static RunOptions parse(List<String> args) {
            return parse(args, System::getenv);
        }

        /** Parses {@code args}; {@code hostEnv} answers {@code --env NAME} ({@code null}: unset). */
        static RunOptions parse(List<String> args, UnaryOperator<String> hostEnv) {
            RunOptions o = new RunOptions();
            int i = 0;
            for (; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--")) {
                    i++;
                    break;
                } else if (a.equals("-h") || a.equals("--help")) {
                    o.help = true;
                    return o;
                } else if (a.equals("--no-cache")) {
                    o.noCache = true;
                } else if (a.equals("--dir") || a.startsWith("--dir=")) {
                    o.dirs.add(dir(a.equals("--dir") ? value(args, ++i, a) : a.substring("--dir=".length())));
                } else if (a.equals("--env") || a.startsWith("--env=")) {
                    o.env(a.equals("--env") ? value(args, ++i, a) : a.substring("--env=".length()), hostEnv);
                } else if (a.equals("--invoke") || a.startsWith("--invoke=")) {
                    o.invoke = a.equals("--invoke") ? value(args, ++i, a) : a.substring("--invoke=".length());
                    if (o.invoke.isEmpty()) {
                        throw new UsageException("--invoke needs the name of an exported function");
                    }
                } else if (a.startsWith("-") && !a.equals("-")) {
                    throw new UsageException("unknown option for run: " + a);
                } else {
                    break;
                }
            }
            if (i >= args.size()) {
                throw new UsageException("run needs a PROGRAM.wasm");
            }
            o.program = Path.of(args.get(i));
            // With --invoke these are the function's arguments, yet the guest sees them as its
            // own too (after the program name), as wasmtime passes them.
            o.guestArgs.add(args.get(i));
            o.guestArgs.addAll(args.subList(i + 1, args.size()));
            return o;
        }

        /**
         * {@code HOST[::GUEST[:ro]]}. {@code :ro} counts only after a {@code ::GUEST}, so that any
         * host path, even one ending in {@code :ro}, can still be given alone; the guest path
         * (the name the program uses) is the one place a flag suffix cannot be mistaken.
         */
        private static WasiConfig.Preopen dir(String v) {
            int sep = v.indexOf("::");
            String host = sep < 0 ? v : v.substring(0, sep);
            String guestPath = sep < 0 ? v : v.substring(sep + 2);
            boolean readOnly = false;
            if (sep >= 0 && guestPath.endsWith(":ro")) {
                readOnly = true;
                guestPath = guestPath.substring(0, guestPath.length() - ":ro".length());
            }
            if (host.isEmpty() || guestPath.isEmpty()) {
                throw new UsageException("--dir needs HOST[::GUEST[:ro]], got: " + v);
            }
            return new WasiConfig.Preopen(Path.of(host), guestPath, readOnly);
        }

        /** {@code NAME=VALUE}, or {@code NAME} for the host's value; the last one for a name wins. */
        private void env(String v, UnaryOperator<String> hostEnv) {
            int eq = v.indexOf('=');
            if (eq == 0 || v.isEmpty()) {
                throw new UsageException("--env needs NAME=VALUE or NAME, got: " + v);
            }
            if (eq > 0) {
                env.put(v.substring(0, eq), v.substring(eq + 1));
                return;
            }
            String inherited = hostEnv.apply(v);
            if (inherited == null) {
                // Unset on the host: unset for the guest too, even if an earlier --env set it.
                env.remove(v);
            } else {
                env.put(v, inherited);
            }
        }
    }

    /** Options of {@code compile}. */
    static final class CompileOptions {
        Path program;
        String className;
        Path output;

        static CompileOptions parse(List<String> args) {
            CompileOptions o = new CompileOptions();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--class")) {
                    o.className = value(args, ++i, a);
                } else if (a.equals("-o") || a.equals("--output")) {
                    o.output = Path.of(value(args, ++i, a));
                } else if (a.startsWith("-")) {
                    throw new UsageException("unknown option for compile: " + a);
                } else if (o.program == null) {
                    o.program = Path.of(a);
                } else {
                    throw new UsageException("compile takes one PROGRAM.wasm, got another: " + a);
                }
            }
            if (o.program == null || o.className == null || o.output == null) {
                throw new UsageException("compile needs PROGRAM.wasm, --class NAME and -o FILE.jar");
            }
            if (!o.className.matches("([\\p{L}_$][\\p{L}\\p{N}_$]*\\.)*[\\p{L}_$][\\p{L}\\p{N}_$]*")) {
                throw new UsageException("not a Java class name: " + o.className);
            }
            return o;
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
