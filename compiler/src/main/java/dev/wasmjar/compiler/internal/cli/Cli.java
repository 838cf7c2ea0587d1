package dev.wasmjar.compiler.internal.cli;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.LinkException;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code wasmjar} command line: {@code run} compiles a program in memory and runs it with
 * the WASI 0.2 host; {@code compile} writes the generated classes as a jar.
 */
public final class Cli {
    /** Exit code for a trap, as wasmtime uses on Unix (128 + SIGABRT). */
    static final int EXIT_TRAP = 134;
    /** Exit code for bad usage or input that cannot be compiled or linked. */
    static final int EXIT_USAGE = 2;
    /**
     * JVM stack for the guest thread: wasm call depth maps onto it. 64 MiB holds hundreds of
     * thousands of wasm frames, yet a runaway recursion still traps within seconds (every frame
     * is unwound through its handler to build the backtrace).
     */
    private static final long GUEST_STACK_BYTES = 64L << 20;

    static final String USAGE = String.join("\n",
            "usage:",
            "  wasmjar run [--dir HOST[::GUEST]]... [--env NAME=VALUE]... [--] PROGRAM.wasm [ARGS...]",
            "      Compiles PROGRAM (a WASI 0.2 component or core module) in memory and runs it.",
            "      --dir HOST[::GUEST]  make host directory HOST visible to the guest as GUEST (default: HOST)",
            "      --env NAME=VALUE     set an environment variable for the guest",
            "  wasmjar compile PROGRAM.wasm --class com.acme.Hello -o hello.jar",
            "      Compiles PROGRAM into JVM classes and writes them as a jar.",
            "");

    private final PrintStream err;

    Cli(PrintStream err) {
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream err = System.err;
        int code = new Cli(err).execute(args);
        err.flush();
        System.out.flush();
        System.exit(code);
    }

    int execute(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            err.print(USAGE);
            return args.length == 0 ? EXIT_USAGE : 0;
        }
        try {
            switch (args[0]) {
                case "run":
                    return run(RunOptions.parse(List.of(args).subList(1, args.length)));
                case "compile":
                    return compile(CompileOptions.parse(List.of(args).subList(1, args.length)));
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
        byte[] wasm = Files.readAllBytes(o.program);
        CompiledModule module = WasmCompiler.builder().className("wasmjar.run.Program").build().compile(wasm);
        WasiConfig.Builder config = WasiConfig.builder()
                .args(o.guestArgs)
                .stdin(new FileInputStream(FileDescriptor.in))
                .stdout(new FileOutputStream(FileDescriptor.out))
                .stderr(new FileOutputStream(FileDescriptor.err));
        o.env.forEach(config::env);
        for (String[] dir : o.dirs) {
            config.preopen(Path.of(dir[0]), dir[1], false);
        }
        int[] exit = {0};
        Throwable[] failure = {null};
        Thread guest = new Thread(null, () -> {
            try (WasiHost host = WasiHost.create(config.build())) {
                Instance instance = module.instantiate(host.imports());
                exit[0] = host.run(instance);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "wasm-main", GUEST_STACK_BYTES);
        guest.start();
        try {
            guest.join();
        } catch (InterruptedException e) {
            guest.interrupt();
            Thread.currentThread().interrupt();
            return EXIT_TRAP;
        }
        Throwable t = failure[0];
        if (t == null) {
            return exit[0];
        }
        if (t instanceof Trap) {
            Trap trap = (Trap) t;
            err.println("wasm trap: " + trap.getMessage());
            err.print(trap.formatBacktrace());
            return EXIT_TRAP;
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

    /** Bad command-line usage; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Options of {@code run}. */
    static final class RunOptions {
        final List<String[]> dirs = new ArrayList<>();
        final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        Path program;
        final List<String> guestArgs = new ArrayList<>();

        static RunOptions parse(List<String> args) {
            RunOptions o = new RunOptions();
            int i = 0;
            for (; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--")) {
                    i++;
                    break;
                } else if (a.equals("--dir") || a.startsWith("--dir=")) {
                    String v = a.equals("--dir") ? value(args, ++i, a) : a.substring("--dir=".length());
                    int sep = v.indexOf("::");
                    String host = sep < 0 ? v : v.substring(0, sep);
                    String guestPath = sep < 0 ? v : v.substring(sep + 2);
                    if (host.isEmpty() || guestPath.isEmpty()) {
                        throw new UsageException("--dir needs HOST[::GUEST], got: " + v);
                    }
                    o.dirs.add(new String[] {host, guestPath});
                } else if (a.equals("--env") || a.startsWith("--env=")) {
                    String v = a.equals("--env") ? value(args, ++i, a) : a.substring("--env=".length());
                    int eq = v.indexOf('=');
                    if (eq <= 0) {
                        throw new UsageException("--env needs NAME=VALUE, got: " + v);
                    }
                    o.env.put(v.substring(0, eq), v.substring(eq + 1));
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
            o.guestArgs.add(args.get(i));
            o.guestArgs.addAll(args.subList(i + 1, args.size()));
            return o;
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
