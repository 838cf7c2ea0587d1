package dev.wasmjar.runtime.wasi.internal;

import java.lang.invoke.MethodHandles;

/**
 * {@code wasi:cli/terminal-input}, {@code terminal-output} and {@code terminal-stdin/stdout/stderr}.
 * A stdio stream counts as a terminal only when it is the JVM's own and the JVM has a console;
 * {@code option<own<terminal-...>>} is returned as a discriminant byte at 0 and the handle at 4.
 */
final class Terminals {
    /** The {@code terminal-input} resource: no methods in WASI 0.2.0. */
    static final class TerminalInput {
    }

    /** The {@code terminal-output} resource: no methods in WASI 0.2.0. */
    static final class TerminalOutput {
    }

    private final WasiContext ctx;

    private Terminals(WasiContext ctx) {
        this.ctx = ctx;
    }

    static void register(HostFunctions f, WasiContext ctx) {
        Terminals t = new Terminals(ctx);
        MethodHandles.Lookup l = MethodHandles.lookup();
        f.define("wasi:cli/terminal-input", "[resource-drop]terminal-input", "(i32)->()", l, t, "dropInput");
        f.define("wasi:cli/terminal-output", "[resource-drop]terminal-output", "(i32)->()", l, t, "dropOutput");
        f.define("wasi:cli/terminal-stdin", "get-terminal-stdin", "(i32)->()", l, t, "getTerminalStdin");
        f.define("wasi:cli/terminal-stdout", "get-terminal-stdout", "(i32)->()", l, t, "getTerminalStdout");
        f.define("wasi:cli/terminal-stderr", "get-terminal-stderr", "(i32)->()", l, t, "getTerminalStderr");
    }

    private void dropInput(int self) {
        ctx.table().drop(self, TerminalInput.class);
    }

    private void dropOutput(int self) {
        ctx.table().drop(self, TerminalOutput.class);
    }

    private void getTerminalStdin(int ret) {
        store(ret, ctx.config().stdin() == System.in && System.console() != null ? new TerminalInput() : null);
    }

    private void getTerminalStdout(int ret) {
        store(ret, ctx.config().stdout() == System.out && System.console() != null ? new TerminalOutput() : null);
    }

    private void getTerminalStderr(int ret) {
        store(ret, ctx.config().stderr() == System.err && System.console() != null ? new TerminalOutput() : null);
    }

    private void store(int ret, Object terminal) {
        GuestMemory mem = ctx.memory();
        if (terminal == null) {
            mem.storeU8(ret, 0);
        } else {
            mem.storeI32(ret + 4, ctx.table().add(terminal));
            mem.storeU8(ret, 1);
        }
    }
}
