package dev.wasmjar.runtime.wasi.internal;

import dev.wasmjar.runtime.Trap;
import dev.wasmjar.runtime.TrapKind;
import java.lang.invoke.MethodHandles;
import java.util.random.RandomGenerator;

/**
 * {@code wasi:random/random}, {@code wasi:random/insecure} and {@code wasi:random/insecure-seed}.
 * Byte lists are returned as {@code (ptr, len)} in the return area; the seed tuple as two u64 at
 * 0 and 8, the same on every call (it seeds hash-map DoS protection once).
 */
final class Randoms {
    static final String RANDOM = "wasi:random/random";
    static final String INSECURE = "wasi:random/insecure";
    static final String SEED = "wasi:random/insecure-seed";

    private final WasiContext ctx;
    private long seed0;
    private long seed1;
    private boolean seeded;

    private Randoms(WasiContext ctx) {
        this.ctx = ctx;
    }

    static void register(HostFunctions f, WasiContext ctx) {
        Randoms r = new Randoms(ctx);
        MethodHandles.Lookup l = MethodHandles.lookup();
        f.define(RANDOM, "get-random-bytes", "(i64 i32)->()", l, r, "randomBytes");
        f.define(RANDOM, "get-random-u64", "()->(i64)", l, r, "randomU64");
        f.define(INSECURE, "get-insecure-random-bytes", "(i64 i32)->()", l, r, "insecureBytes");
        f.define(INSECURE, "get-insecure-random-u64", "()->(i64)", l, r, "insecureU64");
        f.define(SEED, "insecure-seed", "(i32)->()", l, r, "insecureSeed");
    }

    private void randomBytes(long len, int ret) {
        bytes(ctx.random(), len, ret);
    }

    private long randomU64() {
        return ctx.random().nextLong();
    }

    private void insecureBytes(long len, int ret) {
        bytes(ctx.insecureRandom(), len, ret);
    }

    private long insecureU64() {
        return ctx.insecureRandom().nextLong();
    }

    private void insecureSeed(int ret) {
        if (!seeded) {
            seed0 = ctx.insecureRandom().nextLong();
            seed1 = ctx.insecureRandom().nextLong();
            seeded = true;
        }
        GuestMemory mem = ctx.memory();
        mem.storeI64(ret, seed0);
        mem.storeI64(ret + 8, seed1);
    }

    private void bytes(RandomGenerator gen, long len, int ret) {
        GuestMemory mem = ctx.memory();
        if (len < 0 || len > mem.memory().maximumPages() * (long) dev.wasmjar.runtime.Memory.PAGE_SIZE) {
            throw new Trap(TrapKind.OUT_OF_MEMORY, "random bytes request of " + Long.toUnsignedString(len)
                    + " bytes cannot fit in guest memory");
        }
        byte[] b = new byte[(int) len];
        gen.nextBytes(b);
        mem.storeBytes(ret, b, 0, b.length);
    }
}
