package dev.wasmjar.compiler;

import dev.wasmjar.runtime.Instance;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** stdout as UTF-8. */
    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
