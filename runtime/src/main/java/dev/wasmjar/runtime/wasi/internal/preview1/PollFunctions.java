package dev.wasmjar.runtime.wasi.internal.preview1;

import dev.wasmjar.runtime.Memory;
import dev.wasmjar.runtime.wasi.internal.DeadlinePollable;
import dev.wasmjar.runtime.wasi.internal.HostFunctions;
import dev.wasmjar.runtime.wasi.internal.Pollable;
import dev.wasmjar.runtime.wasi.internal.ReadyPollable;
import dev.wasmjar.runtime.wasi.internal.fs.FileOperations;
import dev.wasmjar.runtime.wasi.internal.fs.FsException;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code poll_oneoff}: each subscription becomes a 0.2 {@link Pollable} (a deadline on the
 * monotonic clock, stdin's readiness, or already ready for files and output streams), and the
 * host's {@code PollWaiter} blocks in {@code Object.wait} until the earliest deadline or a host
 * event, exactly as {@code wasi:io/poll.poll} does: no spinning.
 */
final class PollFunctions {
    static final int EVENT_CLOCK = 0;
    static final int EVENT_FD_READ = 1;
    static final int EVENT_FD_WRITE = 2;
    static final int SUBCLOCK_ABSTIME = 1;
    static final int EVENT_SIZE = 32;

    private final Preview1State s;
    private final Abi abi;
    private final ProcFunctions clocks;

    private PollFunctions(Preview1State s, Abi abi, ProcFunctions clocks) {
        this.s = s;
        this.abi = abi;
        this.clocks = clocks;
    }

    static void register(HostFunctions f, Preview1State s, Abi abi, ProcFunctions clocks) {
        f.define(abi.module, "poll_oneoff", "(i32 i32 i32 i32)->(i32)", MethodHandles.lookup(),
                new PollFunctions(s, abi, clocks), "pollOneoff");
    }

    /** One subscription: what to wait for and what to report. */
    private static final class Sub {
        long userdata;
        int type;
        int error;
        long nbytes;
        int flags;
        Pollable pollable;
    }

    private int pollOneoff(int in, int out, int count, int neventsPtr) {
        if (count == 0) {
            return Errno.INVAL;
        }
        Memory m = s.memory();
        int size = abi.subscriptionSize();
        Memory.check(in, (int) Math.min(Integer.MAX_VALUE, (long) count * size), m.buffer().length);
        Memory.check(out, (int) Math.min(Integer.MAX_VALUE, (long) count * EVENT_SIZE), m.buffer().length);
        List<Sub> subs = new ArrayList<>(count);
        List<Pollable> pollables = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Sub sub = parse(m, in + i * size);
            subs.add(sub);
            pollables.add(sub.pollable);
        }
        int[] ready = s.ctx.waiter().poll(pollables);
        m = s.memory();
        for (int j = 0; j < ready.length; j++) {
            Sub sub = subs.get(ready[j]);
            int at = out + j * EVENT_SIZE;
            m.fill(at, 0, EVENT_SIZE);
            m.writeLong(at, sub.userdata);
            m.writeShort(at + 8, (short) sub.error);
            m.writeByte(at + 10, (byte) sub.type);
            if (sub.type != EVENT_CLOCK) {
                m.writeLong(at + 16, sub.nbytes);
                m.writeShort(at + 24, (short) sub.flags);
            }
        }
        m.writeInt(neventsPtr, ready.length);
        return Errno.SUCCESS;
    }

    private Sub parse(Memory m, int at) {
        Sub sub = new Sub();
        sub.userdata = m.readLong(at);
        sub.type = m.readByte(at + 8) & 0xff;
        switch (sub.type) {
            case EVENT_CLOCK:
                sub.pollable = clock(m, at, sub);
                break;
            case EVENT_FD_READ:
            case EVENT_FD_WRITE:
                sub.pollable = fd(m.readInt(at + 16), sub);
                break;
            default:
                sub.error = Errno.INVAL;
                sub.pollable = new ReadyPollable();
        }
        return sub;
    }

    private Pollable clock(Memory m, int at, Sub sub) {
        int c = at + abi.clockIdOffset();
        int id = m.readInt(c);
        long timeout = m.readLong(c + 8);
        int flags = m.readShort(c + 24) & 0xffff;
        long monoNow = s.ctx.monotonicClock().nanoTime();
        long deadline;
        if ((flags & SUBCLOCK_ABSTIME) == 0) {
            deadline = DeadlinePollable.deadlineAfter(monoNow, timeout);
        } else {
            long clockNow;
            try {
                clockNow = clocks.now(id);
            } catch (WasiError e) {
                sub.error = e.errno;
                return new ReadyPollable();
            }
            // An absolute time on any clock is a distance from now on the monotonic clock.
            deadline = Long.compareUnsigned(timeout, clockNow) <= 0 ? monoNow
                    : DeadlinePollable.deadlineAfter(monoNow, timeout - clockNow);
        }
        if (id < ProcFunctions.CLOCK_REALTIME || id > ProcFunctions.CLOCK_THREAD_CPUTIME) {
            sub.error = Errno.INVAL;
            return new ReadyPollable();
        }
        return new DeadlinePollable(s.ctx.monotonicClock(), deadline);
    }

    private Pollable fd(int fd, Sub sub) {
        OpenFd f;
        try {
            f = s.fds.get(fd);
            f.require(Rights.POLL_FD_READWRITE);
        } catch (WasiError e) {
            sub.error = e.errno;
            return new ReadyPollable();
        }
        if (f instanceof OpenFd.Stream) {
            OpenFd.Stream st = (OpenFd.Stream) f;
            if (sub.type == EVENT_FD_READ && st.in != null) {
                sub.nbytes = 1;
                return st.in.subscribe();
            }
            if (sub.type == EVENT_FD_WRITE && st.out != null) {
                sub.nbytes = 1 << 16;
                return st.out.subscribe();
            }
            sub.error = Errno.BADF;
            return new ReadyPollable();
        }
        if (f instanceof OpenFd.File) {
            // Regular files are always ready, as poll(2) says; a read reports what is left.
            OpenFd.File file = (OpenFd.File) f;
            if (sub.type == EVENT_FD_READ) {
                try {
                    sub.nbytes = Math.max(0, FileOperations.stat(file.descriptor).size() - file.position);
                } catch (FsException e) {
                    sub.error = Errno.of(e);
                }
            }
            return new ReadyPollable();
        }
        sub.error = Errno.BADF;
        return new ReadyPollable();
    }
}
