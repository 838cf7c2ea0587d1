package dev.wasmjar.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs each engine of the suite once on a tiny input (bench-fannkuch with the arguments of
 * cases.json; its wasip2 core module on the WASI 0.2 engines, its wasip1 build on the preview1
 * ones and node) and checks the output against the corpus's expected stdout; runs the suite's own
 * Rust and standard-Go builds of fannkuch the same way, and the SIMD benchmark's C kernels (SIMD
 * build against scalar build). Keeps the harness, the Chicory bridge and
 * Chicory's preview1 host working in the normal build without running any benchmark.
 */
class SmokeTest {
    private static final String PROGRAM = "bench-fannkuch";
    private static Corpus corpus;

    @BeforeAll
    static void findCorpus() {
        corpus = Corpus.locate().orElse(null);
    }

    private static List<String> args() {
        assumeTrue(corpus != null, "the TinyGo corpus (../shared/tinygo-corpus) is absent: smoke test skipped");
        return corpus.caseArgs(PROGRAM);
    }

    private static void check(Outcome o) {
        assertEquals(0, o.exitCode(), () -> "exit code; " + o);
        assertEquals(new String(corpus.expectedStdout(PROGRAM), StandardCharsets.UTF_8), o.text());
    }

    @Test
    void wasmjar() {
        List<String> args = args();
        check(Engine.WASMJAR.prepare(corpus, PROGRAM).run(args));
    }

    @Test
    void chicoryInterpreter() {
        List<String> args = args();
        ChicoryEngine engine = (ChicoryEngine) Engine.CHICORY_INTERPRETER.prepare(corpus, PROGRAM);
        check(engine.run(args));
        // get-arguments goes through cabi_realloc and stdout through blocking-write-and-flush:
        // both directions of the memory bridge were used.
        assertTrue(engine.lastStats().hostCalls() > 0, "no host call went through the bridge");
        assertTrue(engine.lastStats().bytesCopied() > 0, "the bridge copied nothing");
    }

    @Test
    void chicoryCompiler() {
        List<String> args = args();
        check(Engine.CHICORY_AOT.prepare(corpus, PROGRAM).run(args));
    }

    @Test
    void chicoryPassesOtherArguments() {
        // Another size gives another answer (fannkuch(3): checksum 2, 2 flips at most): the bridge
        // hands the guest its arguments through cabi_realloc faithfully, not just the expected case.
        assumeTrue(corpus != null, "the TinyGo corpus is absent");
        Outcome o = Engine.CHICORY_INTERPRETER.prepare(corpus, PROGRAM).run(List.of("3"));
        assertEquals(0, o.exitCode());
        assertEquals("2\nPfannkuchen(3) = 2\n", o.text());
    }

    @Test
    void wasmjarPreview1() {
        List<String> args = args();
        check(Engine.WASMJAR_P1.prepare(corpus, PROGRAM).run(args));
    }

    @Test
    void chicoryPreview1() {
        // Chicory's own preview1 host, interpreter and compiler, on the same .wasip1.wasm.
        List<String> args = args();
        check(Engine.CHICORY_INTERPRETER_P1.prepare(corpus, PROGRAM).run(args));
        check(Engine.CHICORY_AOT_P1.prepare(corpus, PROGRAM).run(args));
        Outcome o = Engine.CHICORY_INTERPRETER_P1.prepare(corpus, PROGRAM).run(List.of("3"));
        assertEquals(0, o.exitCode());
        assertEquals("2\nPfannkuchen(3) = 2\n", o.text());
    }

    @Test
    void rustAndGoPrograms() {
        // The suite's own programs print what the TinyGo program they reimplement prints.
        List<String> args = args();
        check(Engine.WASMJAR_P1.prepare(corpus, "rust-fannkuch").run(args));
        check(Engine.CHICORY_INTERPRETER_P1.prepare(corpus, "rust-fannkuch").run(args));
        check(Engine.WASMJAR_P1.prepare(corpus, "go-fannkuch").run(args));
    }

    @Test
    void simdBuildsPrintWhatTheirScalarBuildsPrint() {
        // The C kernels of the SIMD benchmark (programs/c-simd): the -msimd128 build compiled by
        // wasmjar must agree with the scalar build at several sizes (odd ones reach the loops' tails).
        assumeTrue(corpus != null, "the TinyGo corpus is absent");
        for (String kernel : SimdBenchmark.SIZES.keySet()) {
            GuestProgram scalar = Engine.WASMJAR_P1.prepare(corpus, "c-" + kernel);
            GuestProgram simd = Engine.WASMJAR_P1.prepare(corpus, "c-" + kernel + "-simd");
            for (String n : List.of("1", "3", "17")) {
                Outcome want = scalar.run(List.of(n));
                assertEquals(0, want.exitCode(), () -> kernel + " " + n + ": " + want);
                assertTrue(want.text().startsWith(kernel + " n=" + n + " checksum="), want::toString);
                assertEquals(want, simd.run(List.of(n)), kernel + " " + n);
            }
        }
    }

    @Test
    void node(@org.junit.jupiter.api.io.TempDir Path work) {
        List<String> args = args();
        NodeEngine node = NodeEngine.find(work).orElse(null);
        assumeTrue(node != null, "node is not on the PATH");
        NodeEngine.Result r = node.run(corpus.preview1(PROGRAM), args, 0, 2);
        assertEquals(2, r.nanos.size());
        assertTrue(r.nanos.stream().allMatch(n -> n > 0));
        check(r.outcome);
    }
}
