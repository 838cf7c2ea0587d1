package dev.wasmjar.runtime.wasi;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.internal.GuestThread;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * A compiled command program as a Java {@code main}: the generated facade's
 * {@code main(String[])} calls {@link #main}, so that
 * {@code java -cp hello.jar:wasmjar-runtime.jar com.acme.Hello ARGS} runs the program as
 * {@code wasmjar run hello.wasm ARGS} would.
 *
 * <p>The guest gets the process's stdin, stdout and stderr (unbuffered by the JVM's
 * {@code System} streams: the host buffers and flushes itself), its environment, and as
 * arguments the program name followed by {@code args}; no directories. It runs on a thread with
 * a 64 MiB stack, since wasm call depth maps onto the JVM stack. A trap
 * prints {@code wasm trap: MESSAGE} and the wasm backtrace on stderr and exits with
 * {@value #EXIT_TRAP}, as {@code wasmtime run} does on Unix.
 */
public final class WasiCommand {
    /** The exit code of a program that trapped (128 + SIGABRT). */
    public static final int EXIT_TRAP = 134;

    private WasiCommand() {
    }

    /** Runs {@code program} (as {@link #run}) and exits the JVM with its exit code. */
    public static void main(String name, String[] args, ToIntFunction<WasiConfig> program) {
        int code = run(name, args, program);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /**
     * Runs {@code program} (typically a facade's {@code run(WasiConfig)}) with the process's
     * stdio and environment and the arguments {@code name, args...}, and returns its exit code,
     * {@value #EXIT_TRAP} if it trapped.
     */
    public static int run(String name, String[] args, ToIntFunction<WasiConfig> program) {
        List<String> argv = new ArrayList<>();
        argv.add(name);
        argv.addAll(Arrays.asList(args));
        WasiConfig config = WasiConfig.builder()
                .args(argv)
                .inheritEnv()
                .stdin(new FileInputStream(FileDescriptor.in))
                .stdout(new FileOutputStream(FileDescriptor.out))
                .stderr(new FileOutputStream(FileDescriptor.err))
                .build();
        Throwable t;
        try {
            return GuestThread.run(() -> program.applyAsInt(config));
        } catch (InterruptedException e) {
            return EXIT_TRAP;
        } catch (Throwable e) {
            t = e;
        }
        PrintStream err = System.err;
        if (t instanceof Trap) {
            err.println("wasm trap: " + t.getMessage());
            err.print(((Trap) t).formatBacktrace());
        } else {
            err.println(name + ": the program failed: " + t);
            t.printStackTrace(err);
        }
        err.flush();
        return EXIT_TRAP;
    }
}
