package dev.wasmjar.compiler.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmjar.compiler.CompiledModule;
import dev.wasmjar.compiler.WasmCompiler;
import dev.wasmjar.runtime.wasi.WasiConfig;
import dev.wasmjar.runtime.wasi.WasiHost;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stream throughput of the TinyGo {@code cat} program (stdin → stdout) run in-process through
 * the Java API, without the CLI's process pipes: several runs of 200 MB, reporting MB/s for each
 * (the first includes JIT warm-up). Run with
 * {@code mvn -B -pl compiler -am test -Dgroups=benchmark -Dwasmjar.excludedGroups=none -Dtest=CatThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class CatThroughputBenchmark {

    @Test
    void catThroughput() throws Exception {
        byte[] wasm = Files.readAllBytes(Path.of("..", "testdata", "tinygo", "cat", "cat.wasm"));
        CompiledModule cat = WasmCompiler.builder().className("bench.Cat").build().compile(wasm);
        byte[] data = new byte[200_000_000];
        new Random(1).nextBytes(data);
        for (int run = 0; run < 4; run++) {
            long[] written = {0};
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    written[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    written[0] += len;
                }
            };
            WasiConfig config = WasiConfig.builder().args("cat").stdin(new ByteArrayInputStream(data))
                    .stdout(sink).stderr(OutputStream.nullOutputStream()).build();
            long t0 = System.nanoTime();
            try (WasiHost host = WasiHost.create(config)) {
                assertEquals(0, host.run(cat.instantiate(host.imports())));
            }
            double s = (System.nanoTime() - t0) / 1e9;
            assertEquals(data.length, written[0]);
            System.out.printf("cat run %d: %.0f MB in %.2f s = %.0f MB/s%n", run, data.length / 1e6, s, data.length / 1e6 / s);
        }
    }
}
