package dev.wasmjar.runtime.wasi.internal.preview1;

import static dev.wasmjar.runtime.wasi.internal.preview1.FdFunctions.call;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import dev.wasmjar.runtime.wasi.WasiExitException;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Arguments, environment, clocks, randomness, exit, yield and the socket functions (which only
 * report that a descriptor is not a socket: this host grants no sockets).
 */
final class ProcFunctions {
    static final int CLOCK_REALTIME = 0;
    static final int CLOCK_MONOTONIC = 1;
    static final int CLOCK_PROCESS_CPUTIME = 2;
    static final int CLOCK_THREAD_CPUTIME = 3;

    private final Preview1State s;

    private ProcFunctions(Preview1State s) {
        this.s = s;
    }

    static void register(HostFunctions f, Preview1State s, Abi abi) {
        ProcFunctions x = new ProcFunctions(s);
        MethodHandles.Lookup l = MethodHandles.lookup();
        String m = abi.module;
        f.define(m, "args_get", "(i32 i32)->(i32)", l, x, "argsGet");
        f.define(m, "args_sizes_get", "(i32 i32)->(i32)", l, x, "argsSizesGet");
        f.define(m, "environ_get", "(i32 i32)->(i32)", l, x, "environGet");
        f.define(m, "environ_sizes_get", "(i32 i32)->(i32)", l, x, "environSizesGet");
        f.define(m, "clock_res_get", "(i32 i32)->(i32)", l, x, "clockResGet");
        f.define(m, "clock_time_get", "(i32 i64 i32)->(i32)", l, x, "clockTimeGet");
        f.define(m, "proc_exit", "(i32)->()", l, x, "procExit");
        f.define(m, "proc_raise", "(i32)->(i32)", l, x, "procRaise");
        f.define(m, "sched_yield", "()->(i32)", l, x, "schedYield");
        f.define(m, "random_get", "(i32 i32)->(i32)", l, x, "randomGet");
        f.define(m, "sock_recv", "(i32 i32 i32 i32 i32 i32)->(i32)", l, x, "sockRecv");
        f.define(m, "sock_send", "(i32 i32 i32 i32 i32)->(i32)", l, x, "sockSend");
        f.define(m, "sock_shutdown", "(i32 i32)->(i32)", l, x, "sockShutdown");
        if (abi == Abi.SNAPSHOT_1) {
            f.define(m, "sock_accept", "(i32 i32 i32)->(i32)", l, x, "sockAccept");
        }
    }

    /** The clocks, for {@code poll_oneoff}'s absolute deadlines. */
    static ProcFunctions clocks(Preview1State s) {
        return new ProcFunctions(s);
    }

    private List<byte[]> args() {
        List<byte[]> out = new ArrayList<>();
        for (String a : s.ctx.config().args()) {
            out.add(a.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private List<byte[]> environ() {
        List<byte[]> out = new ArrayList<>();
        for (Map.Entry<String, String> e : s.ctx.config().env().entrySet()) {
            out.add((e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Stores the pointer array at {@code ptrs} and the NUL-terminated strings from {@code buf}. */
    private void storeStrings(List<byte[]> strings, int ptrs, int buf) {
        Memory m = s.memory();
        int at = buf;
        for (int i = 0; i < strings.size(); i++) {
            byte[] b = strings.get(i);
            m.writeInt(ptrs + 4 * i, at);
            m.writeBytes(at, b);
            m.writeByte(at + b.length, (byte) 0);
            at += b.length + 1;
        }
    }

    private void storeSizes(List<byte[]> strings, int countPtr, int sizePtr) {
        long size = 0;
        for (byte[] b : strings) {
            size += b.length + 1;
        }
        s.memory().writeInt(countPtr, strings.size());
        s.memory().writeInt(sizePtr, (int) size);
    }

    private int argsGet(int argv, int buf) {
        storeStrings(args(), argv, buf);
        return Errno.SUCCESS;
    }

    private int argsSizesGet(int countPtr, int sizePtr) {
        storeSizes(args(), countPtr, sizePtr);
        return Errno.SUCCESS;
    }

    private int environGet(int environ, int buf) {
        storeStrings(environ(), environ, buf);
        return Errno.SUCCESS;
    }

    private int environSizesGet(int countPtr, int sizePtr) {
        storeSizes(environ(), countPtr, sizePtr);
        return Errno.SUCCESS;
    }

    private int clockResGet(int id, int ptr) {
        return call(() -> {
            long res;
            switch (id) {
                case CLOCK_REALTIME: res = 1_000; break;
                case CLOCK_MONOTONIC: res = Math.max(1, s.ctx.monotonicClock().resolutionNanos()); break;
                case CLOCK_PROCESS_CPUTIME:
                case CLOCK_THREAD_CPUTIME: res = 1_000; break;
                default: throw new WasiError(Errno.INVAL);
            }
            s.memory().writeLong(ptr, res);
        });
    }

    private int clockTimeGet(int id, long precision, int ptr) {
        return call(() -> s.memory().writeLong(ptr, now(id)));
    }

    /** The time on clock {@code id} in nanoseconds; {@code EINVAL} for an unknown clock. */
    long now(int id) throws WasiError {
        switch (id) {
            case CLOCK_REALTIME:
                Instant t = s.ctx.config().wallClock().instant();
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            case CLOCK_MONOTONIC:
                return s.ctx.monotonicClock().nanoTime();
            case CLOCK_PROCESS_CPUTIME:
            case CLOCK_THREAD_CPUTIME:
                return CpuTime.nanos(s.ctx.monotonicClock());
            default:
                throw new WasiError(Errno.INVAL);
        }
    }

    /**
     * {@code proc_exit}: ends the run with exactly {@code code}. POSIX shells reserve 126 and up
     * for "not executable", "not found" and signals, so, as wasmtime, larger codes are an error.
     */
    private void procExit(int code) {
        s.ctx.flushStdio();
        if (code < 0 || code >= 126) {
            throw new Trap(TrapKind.UNREACHABLE, "proc_exit(" + Integer.toUnsignedString(code)
                    + "): exit status outside [0, 126)");
        }
        throw new WasiExitException(code);
    }

    /** {@code proc_raise}: signals are not part of this host (preview1 deprecated them). */
    private int procRaise(int signal) {
        return Errno.NOSYS;
    }

    private int schedYield() {
        s.ctx.waiter().checkStop();
        Thread.yield();
        return Errno.SUCCESS;
    }

    private int randomGet(int buf, int len) {
        Memory m = s.memory();
        Memory.check(buf, len, m.buffer().length);
        byte[] b = new byte[len];
        s.ctx.random().nextBytes(b);
        System.arraycopy(b, 0, m.buffer(), buf, len);
        return Errno.SUCCESS;
    }

    /** {@code EBADF} for a closed descriptor, {@code ENOTSOCK} for any open one (none is a socket). */
    private int notSocket(int fd) {
        return call(() -> {
            s.fds.get(fd);
            throw new WasiError(Errno.NOTSOCK);
        });
    }

    private int sockAccept(int fd, int flags, int fdPtr) {
        return notSocket(fd);
    }

    private int sockRecv(int fd, int iovs, int count, int flags, int datalenPtr, int roflagsPtr) {
        return notSocket(fd);
    }

    private int sockSend(int fd, int iovs, int count, int flags, int datalenPtr) {
        return notSocket(fd);
    }

    private int sockShutdown(int fd, int how) {
        return notSocket(fd);
    }
}
