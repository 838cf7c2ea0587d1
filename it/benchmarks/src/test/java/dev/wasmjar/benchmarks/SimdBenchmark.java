package dev.wasmjar.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SIMD against scalar: the C kernels of {@code it/benchmarks/programs/c-simd}, each built by clang
 * with and without {@code -msimd128}, on wasmjar and on Node.js, plus the measurement that chose
 * wasmjar's {@code v128} representation ({@link VectorRepresentations}). Writes
 * {@code docs/benchmarks-simd.md}.
 *
 * <p>Run by {@code mvn -B -pl it/benchmarks -am verify -Psimd -DskipTests}. wasmjar runs in this
 * JVM: each build compiled once, then run alternately (scalar, SIMD) for the warm-up time, then
 * {@code bench.simdRuns} measured runs of each, alternating, so that machine noise hits both
 * alike; the first run after compiling is reported too (a fresh instance, code not yet JIT-compiled).
 * Node runs each build in its own process with the same number of warm-up and measured runs.
 * Every run's output must be the same for both builds and both engines. System properties:
 * {@code bench.simdWarmupSeconds} (default 6), {@code bench.simdRuns} (default 5),
 * {@code bench.docs}, {@code bench.work}, {@code bench.extraPrograms}.
 */
public final class SimdBenchmark {
    /** Kernel → size: a fifth of the README's large size (about 0.5 s per scalar run under node). */
    static final Map<String, String> SIZES = new LinkedHashMap<>();

    static {
        SIZES.put("dot", "200000");
        SIZES.put("saxpy", "300000");
        SIZES.put("blur", "900");
        SIZES.put("hash", "2400000");
        SIZES.put("scan", "400");
    }

    private record Row(String kernel, String arg, Stats scalar, Stats simd, double scalarFirst, double simdFirst,
                       Stats nodeScalar, Stats nodeSimd, String output) {
    }

    private SimdBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Corpus corpus = Corpus.locate().orElseThrow(() -> new IllegalStateException(
                "the TinyGo corpus was not found (set -Dwasmjar.shared=.../shared)"));
        double warmup = Double.parseDouble(System.getProperty("bench.simdWarmupSeconds", "6"));
        int runs = Integer.getInteger("bench.simdRuns", 5);
        Path work = Path.of(System.getProperty("bench.work", "target/benchmarks")).toAbsolutePath();
        Path docs = Path.of(System.getProperty("bench.docs", "docs")).toAbsolutePath().normalize();
        Files.createDirectories(work);
        Optional<NodeEngine> node = NodeEngine.find(work);
        long started = System.nanoTime();
        List<Row> rows = new ArrayList<>();
        boolean ok = true;
        for (Map.Entry<String, String> k : SIZES.entrySet()) {
            Row r = measure(corpus, node.orElse(null), k.getKey(), k.getValue(), warmup, runs);
            System.out.println(r);
            ok &= r.output != null;
            rows.add(r);
        }
        List<String[]> repr = VectorRepresentationBench.run(warmup / 2, runs);
        double minutes = (System.nanoTime() - started) / 60e9;
        String md = report(rows, repr, node.map(NodeEngine::version).orElse("not found"), warmup, runs, minutes);
        Files.createDirectories(docs);
        Files.writeString(docs.resolve("benchmarks-simd.md"), md, StandardCharsets.UTF_8);
        System.out.println(md);
        if (!ok) {
            System.err.println("a build printed something else than the others: see the report");
            System.exit(1);
        }
    }

    private static Row measure(Corpus corpus, NodeEngine node, String kernel, String arg, double warmup, int runs) {
        Path scalarWasm = corpus.preview1("c-" + kernel);
        Path simdWasm = corpus.preview1("c-" + kernel + "-simd");
        List<String> args = List.of(arg);
        GuestProgram scalar = WasmjarEngine.prepare(scalarWasm);
        GuestProgram simd = WasmjarEngine.prepare(simdWasm);
        long t0 = System.nanoTime();
        Outcome expected = scalar.run(args);
        double scalarFirst = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        Outcome simdOut = simd.run(args);
        double simdFirst = (System.nanoTime() - t0) / 1e6;
        boolean same = expected.exitCode() == 0 && expected.equals(simdOut);
        long until = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < until) {
            same &= expected.equals(scalar.run(args));
            same &= expected.equals(simd.run(args));
        }
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            t0 = System.nanoTime();
            same &= expected.equals(scalar.run(args));
            a.add((System.nanoTime() - t0) / 1e6);
            t0 = System.nanoTime();
            same &= expected.equals(simd.run(args));
            b.add((System.nanoTime() - t0) / 1e6);
        }
        Stats nodeScalar = null;
        Stats nodeSimd = null;
        if (node != null) {
            int nodeWarmup = Math.max(1, (int) Math.ceil(warmup / 3));
            NodeEngine.Result ns = node.run(scalarWasm, args, nodeWarmup, runs);
            NodeEngine.Result nv = node.run(simdWasm, args, nodeWarmup, runs);
            same &= expected.equals(ns.outcome) && expected.equals(nv.outcome);
            nodeScalar = Stats.of(ns.nanos.stream().map(x -> x / 1e6).toList());
            nodeSimd = Stats.of(nv.nanos.stream().map(x -> x / 1e6).toList());
        }
        return new Row(kernel, arg, Stats.of(a), Stats.of(b), scalarFirst, simdFirst, nodeScalar, nodeSimd,
                same ? expected.text().strip() : null);
    }

    /** A cell as the main report writes it: median ± relative interquartile range. */
    private static String ms(Stats s) {
        return s == null ? "–" : String.format(Locale.ROOT, "%s ±%.0f%%", Report.ms(s.median()), 100 * s.relativeIqr());
    }

    private static String ratio(double num, double den) {
        return Report.ratio(num / den);
    }

    private static String report(List<Row> rows, List<String[]> repr, String nodeVersion, double warmup, int runs,
                                 double minutes) {
        StringBuilder md = new StringBuilder();
        md.append("# SIMD benchmarks\n\n");
        md.append("Generated by `mvn -B -pl it/benchmarks -am verify -Psimd -DskipTests` on ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(String.format(Locale.ROOT, " (%.0f s warm-up, %d measured runs per build and engine; %.1f min in all). ",
                        warmup, runs, minutes))
                .append("Do not edit by hand: rerun the command. Machine as in [benchmarks.md](benchmarks.md); Node.js ")
                .append(nodeVersion).append(".\n\n");
        md.append("## Scalar build against SIMD build\n\n");
        md.append("The C kernels of `it/benchmarks/programs/c-simd` (sources and what each SIMD build uses in its README), ")
                .append("each built by clang 15 at `-O3` for `wasm32-wasi`, once as is and once with `-msimd128` ")
                .append("(auto-vectorised: no intrinsics). Times are whole program runs (instantiate, `_start`, print) ")
                .append("in milliseconds, median ± interquartile range; wasmjar runs in one JVM, both builds compiled ")
                .append("once and run alternately, node (`node:wasi`) in a process per build. *first* is wasmjar's first run ")
                .append("after compiling (a fresh instance; guest code not yet JIT-compiled). \"SIMD speed-up\" is scalar ")
                .append("time / SIMD time on the same engine (> 1: the SIMD build is faster). Both builds and both engines ")
                .append("print the same checksum (last column).\n\n");
        md.append("| kernel | N | wasmjar scalar | wasmjar SIMD | wasmjar SIMD speed-up | node scalar | node SIMD | node SIMD speed-up "
                + "| wasmjar SIMD vs node SIMD | first run: wasmjar scalar / SIMD | output |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        double logUs = 0;
        double logNode = 0;
        double logVs = 0;
        int n = 0;
        for (Row r : rows) {
            double up = r.scalar.median() / r.simd.median();
            logUs += Math.log(up);
            String nodeUp = "–";
            String vs = "–";
            if (r.nodeScalar != null) {
                nodeUp = ratio(r.nodeScalar.median(), r.nodeSimd.median());
                vs = ratio(r.nodeSimd.median(), r.simd.median());
                logNode += Math.log(r.nodeScalar.median() / r.nodeSimd.median());
                logVs += Math.log(r.nodeSimd.median() / r.simd.median());
            }
            n++;
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %,.0f / %,.0f | %s |%n",
                    r.kernel, r.arg, ms(r.scalar), ms(r.simd), ratio(r.scalar.median(), r.simd.median()),
                    ms(r.nodeScalar), ms(r.nodeSimd), nodeUp, vs, r.scalarFirst, r.simdFirst,
                    r.output == null ? "**outputs differ**" : "`" + r.output + "`"));
        }
        md.append(String.format(Locale.ROOT, "| **geometric mean** | | | | **%.2f×** | | | **%.2f×** | **%.2f×** | | |%n%n",
                Math.exp(logUs / n), Math.exp(logNode / n), Math.exp(logVs / n)));
        md.append("\"wasmjar SIMD vs node SIMD\" = node time / wasmjar time (> 1: wasmjar is faster).\n\n");
        md.append("## How v128 is represented: the measurement\n\n");
        md.append("The same two vectorised loops written as the Java a compiler would emit for each candidate ")
                .append("representation (`VectorRepresentations`), over a `byte[]` memory through the little-endian ")
                .append("views generated code uses; warm (after the warm-up), in this JVM, median of the measured runs, ")
                .append("nanoseconds per 16 bytes of input (one vector). *saxpy* is `y = a*x + y` on f32 lanes ")
                .append("(1 Mi floats); *count* counts the bytes equal to a value (i8x16.eq and i8x16.sub as a counter; 4 MiB). ")
                .append("The scalar row is the loop without SIMD: what a SIMD build must beat.\n\n");
        md.append("| representation | saxpy (ns / vector) | count (ns / vector) | saxpy vs scalar | count vs scalar |\n");
        md.append("| --- | ---: | ---: | ---: | ---: |\n");
        for (String[] r : repr) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append('\n');
        return md.toString();
    }
}
