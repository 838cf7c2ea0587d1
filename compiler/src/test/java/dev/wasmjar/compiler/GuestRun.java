package dev.wasmjar.compiler;

import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.wasi.MonotonicClock;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/** One run of a WASI program on the calling thread with stdio captured, as the program tests check it. */
final class GuestRun {
    /** The guest's exit code; -1 if it did not finish (see {@link #failure}). */
    int exitCode = -1;
    byte[] stdout;
    String stderr;
    /** What the run threw (a trap, say), or {@code null}. */
    Throwable failure;

    private GuestRun() {
    }

    /** Runs {@code program} reading {@code stdin}; {@code setup} adds arguments, environment, preopens. */
    static GuestRun of(CompiledModule program, InputStream stdin, Consumer<WasiConfig.Builder> setup) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        WasiConfig.Builder config = WasiConfig.builder().stdin(stdin).stdout(out).stderr(err);
        setup.accept(config);
        GuestRun r = new GuestRun();
        try (WasiHost host = WasiHost.create(config.build())) {
            Instance instance = program.instantiate(host.imports());
            r.exitCode = host.run(instance);
        } catch (RuntimeException e) {
            r.failure = e;
        }
        r.stdout = out.toByteArray();
        r.stderr = err.toString(StandardCharsets.UTF_8);
        return r;
    }

    /**
     * Makes both guest clocks, monotonic and wall, run {@code factor} times slower than real
     * time (from now), for programs whose output depends on timing margins. TinyGo's scheduler
     * orders its sleep queue by the time each {@code time.Sleep} read the clock, so sleeps of
     * 30, 10 and 20 ms started one after another end out of order whenever the machine stalls
     * the guest's thread for 10 ms between two of those calls (a loaded 2-core machine does).
     * Slowed 20×, the same program needs a 200 ms stall to misorder, while every sleep still
     * really blocks. Both clocks, because programs time sleeps with either (TinyGo's wasip1
     * {@code time.Since} reads the wall clock).
     */
    static WasiConfig.Builder slowTime(WasiConfig.Builder config, int factor) {
        long origin = System.nanoTime();
        Instant wallOrigin = Instant.now();
        MonotonicClock mono = () -> (System.nanoTime() - origin) / factor;
        Clock wall = new Clock() {
            @Override
            public Instant instant() {
                return wallOrigin.plusNanos(mono.nanoTime());
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException("a test clock");
            }
        };
        return config.monotonicClock(mono).wallClock(wall);
    }

    /** stdout as UTF-8. */
    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
