package dev.wasmjar.runtime.wasi.internal;

import dev.wasmjar.runtime.wasi.WasiExitException;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi:cli/environment}, {@code exit}, {@code stdin}, {@code stdout} and {@code stderr}.
 *
 * <p>Return areas: {@code list<string>} and {@code list<tuple<string, string>>} as
 * {@code (ptr, len)} pointing at 8- resp. 16-byte elements; {@code option<string>} as a
 * discriminant byte at 0 and {@code (ptr, len)} at 4.
 */
final class Cli {
    static final String ENVIRONMENT = "wasi:cli/environment";
    static final String EXIT = "wasi:cli/exit";

    private final WasiContext ctx;

    private Cli(WasiContext ctx) {
        this.ctx = ctx;
    }

    static void register(HostFunctions f, WasiContext ctx) {
        Cli c = new Cli(ctx);
        MethodHandles.Lookup l = MethodHandles.lookup();
        f.define(ENVIRONMENT, "get-environment", "(i32)->()", l, c, "getEnvironment");
        f.define(ENVIRONMENT, "get-arguments", "(i32)->()", l, c, "getArguments");
        f.define(ENVIRONMENT, "initial-cwd", "(i32)->()", l, c, "initialCwd");
        f.define(EXIT, "exit", "(i32)->()", l, c, "exit");
        f.define("wasi:cli/stdin", "get-stdin", "()->(i32)", l, c, "getStdin");
        f.define("wasi:cli/stdout", "get-stdout", "()->(i32)", l, c, "getStdout");
        f.define("wasi:cli/stderr", "get-stderr", "()->(i32)", l, c, "getStderr");
    }

    private void getEnvironment(int ret) {
        GuestMemory mem = ctx.memory();
        Map<String, String> env = ctx.config().env();
        int base = mem.storeListHeader(ret, env.size(), 16, 4);
        int at = base;
        for (Map.Entry<String, String> e : env.entrySet()) {
            mem.storeString(at, e.getKey());
            mem.storeString(at + 8, e.getValue());
            at += 16;
        }
    }

    private void getArguments(int ret) {
        GuestMemory mem = ctx.memory();
        List<String> args = ctx.config().args();
        int base = mem.storeListHeader(ret, args.size(), 8, 4);
        for (int i = 0; i < args.size(); i++) {
            mem.storeString(base + 8 * i, args.get(i));
        }
    }

    private void initialCwd(int ret) {
        GuestMemory mem = ctx.memory();
        String cwd = ctx.config().initialCwd();
        if (cwd == null) {
            mem.storeU8(ret, 0);
        } else {
            mem.storeString(ret + 4, cwd);
            mem.storeU8(ret, 1);
        }
    }

    /** {@code exit(status: result)}: the flat form is the discriminant, 0 = ok. */
    private void exit(int status) {
        ctx.flushStdio();
        throw new WasiExitException(status == 0 ? 0 : 1);
    }

    /** Each call is a new handle to the one shared stream; dropping it leaves the stream open. */
    private int getStdin() {
        return ctx.table().add(ctx.stdin());
    }

    private int getStdout() {
        return ctx.table().add(ctx.stdout());
    }

    private int getStderr() {
        return ctx.table().add(ctx.stderr());
    }
}
