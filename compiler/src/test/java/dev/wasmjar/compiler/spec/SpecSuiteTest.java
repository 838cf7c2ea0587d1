package dev.wasmjar.compiler.spec;

import dev.wasmjar.compiler.spec.CommandResult.Status;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs the official WebAssembly 2.0 core spec suite (wabt {@code wast2json} output in
 * {@code ../shared/wasm-spec-2.0/json}) against the compiler and runtime: one dynamic container
 * per script, one dynamic test per command, named {@code line N: command}.
 *
 * <p>Each script runs on its own thread, in isolation (fresh {@code spectest}, no modules from
 * other scripts), under a time limit; the container's tests then replay the recorded outcomes.
 * A failing test's message gives the line, the command, what was expected and what happened.
 *
 * <p>SIMD scripts ({@code simd_*}) are counted separately (a failure fails the build like any
 * other). Text-format {@code assert_malformed} commands are skipped (aborted): wasmjar reads
 * binaries only.
 *
 * <p>At the end, two summary lines go to stdout ({@code spec: N passed, M failed, K skipped}
 * and {@code spec-simd: ...}) and per-script counts with the first failures go to
 * {@code <build dir>/spec-report.txt}.
 *
 * <p>System properties: {@code wasmjar.shared} (where the shared test data is; surefire sets
 * it), {@code wasmjar.buildDirectory} (where the report goes), {@code wasmjar.spec.scripts}
 * (comma-separated script names to run only those, e.g. {@code i32,call_indirect}; for
 * development), {@code wasmjar.spec.timeoutSeconds} (per-script limit, default 120),
 * {@code wasmjar.spec.exhaustionStackKb} (stack of the thread that runs
 * {@code assert_exhaustion} actions, default 2048; see {@code ScriptRunner}) and
 * {@code wasmjar.spec.strictKinds} (require INVALID for assert_invalid and MALFORMED for
 * assert_malformed exactly; a diagnostic).
 *
 * <pre>
 * mvn -o -B -pl compiler -am test -Dtest=SpecSuiteTest -Dsurefire.failIfNoSpecifiedTests=false -Dwasmjar.spec.scripts=i32,call
 * </pre>
 */
class SpecSuiteTest {
    private static final int FIRST_FAILURES_IN_REPORT = 10;
    private static final int SIGNATURES_IN_REPORT = 40;
    private static final int SLOWEST_IN_REPORT = 15;
    private static final ConcurrentLinkedQueue<ScriptRunner.Outcome> OUTCOMES = new ConcurrentLinkedQueue<>();

    @TestFactory
    Stream<DynamicNode> specSuite() throws IOException {
        Path dir = specDir();
        if (!Files.isDirectory(dir)) {
            // A skipped test rather than an aborted factory: surefire counts only tests, so this
            // keeps the skip (and its reason) visible in the build output.
            String why = "WebAssembly spec suite not found (looked for wasm-spec-2.0/json under "
                    + sharedDir().toAbsolutePath().normalize() + "); skipping the spec tests";
            System.out.println(why);
            return Stream.of(DynamicTest.dynamicTest("spec suite", () -> Assumptions.abort(why)));
        }
        Set<String> only = onlyScripts();
        List<Path> scripts;
        try (Stream<Path> s = Files.list(dir)) {
            scripts = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> only.isEmpty() || only.contains(scriptName(p)))
                    .sorted()
                    .collect(Collectors.toList());
        }
        Duration timeout = Duration.ofSeconds(Long.getLong("wasmjar.spec.timeoutSeconds", 120));
        return scripts.stream().map(p -> container(p, timeout));
    }

    private static DynamicContainer container(Path json, Duration timeout) {
        String script = scriptName(json);
        // The children stream is consumed only when JUnit executes the container, so scripts run
        // one after another, each right before its results are reported.
        Stream<DynamicNode> children = Stream.of(json).flatMap(p -> {
            ScriptRunner.Outcome o = ScriptRunner.run(p, timeout);
            OUTCOMES.add(o);
            return o.results.stream().map(r -> test(json, r));
        });
        return DynamicContainer.dynamicContainer(script, json.toUri(), children);
    }

    private static DynamicNode test(Path json, CommandResult r) {
        String name = "line " + r.line + ": " + abbreviate(r.command, 160);
        URI source = URI.create(json.toUri() + "?line=" + r.line);
        return DynamicTest.dynamicTest(name, source, () -> {
            switch (r.status) {
                case PASSED:
                    return;
                case SKIPPED:
                    throw withoutStack(new TestAbortedException("skipped: " + r.detail));
                default:
                    throw withoutStack(new AssertionFailedError(r.toString()));
            }
        });
    }

    /**
     * The stack of a replayed outcome only shows this class and JUnit's stream plumbing; without
     * it, surefire's XML report of ~54,000 tests stays a few times smaller.
     */
    private static <T extends Throwable> T withoutStack(T t) {
        t.setStackTrace(new StackTraceElement[0]);
        return t;
    }

    @AfterAll
    static void summarize() throws IOException {
        List<ScriptRunner.Outcome> all = new ArrayList<>(OUTCOMES);
        OUTCOMES.clear();
        long[] core = new long[3];
        long[] simd = new long[3];
        for (ScriptRunner.Outcome o : all) {
            long[] c = isSimd(o.script) ? simd : core;
            c[0] += o.count(Status.PASSED);
            c[1] += o.count(Status.FAILED);
            c[2] += o.count(Status.SKIPPED);
        }
        System.out.println("spec: " + core[0] + " passed, " + core[1] + " failed, " + core[2] + " skipped");
        System.out.println("spec-simd: " + simd[0] + " passed, " + simd[1] + " failed, " + simd[2] + " skipped");
        writeReport(all, core, simd);
    }

    private static void writeReport(List<ScriptRunner.Outcome> all, long[] core, long[] simd) throws IOException {
        Path buildDir = Paths.get(System.getProperty("wasmjar.buildDirectory", "target"));
        Files.createDirectories(buildDir);
        StringBuilder sb = new StringBuilder();
        sb.append("spec: ").append(core[0]).append(" passed, ").append(core[1]).append(" failed, ")
                .append(core[2]).append(" skipped\n");
        sb.append("spec-simd: ").append(simd[0]).append(" passed, ").append(simd[1]).append(" failed, ")
                .append(simd[2]).append(" skipped\n\n");
        sb.append(String.format("%-36s %7s %7s %7s %8s%n", "script", "passed", "failed", "skipped", "ms"));
        all.sort((a, b) -> a.script.compareTo(b.script));
        for (ScriptRunner.Outcome o : all) {
            sb.append(String.format("%-36s %7d %7d %7d %8d%s%n", o.script, o.count(Status.PASSED),
                    o.count(Status.FAILED), o.count(Status.SKIPPED), o.millis, o.timedOut ? "  TIMED OUT" : ""));
        }
        sb.append('\n');
        sb.append("Slowest commands:\n");
        all.stream().flatMap(o -> o.results.stream().map(r -> new Object[] {o.script, r}))
                .sorted((a, b) -> Long.compare(((CommandResult) b[1]).millis, ((CommandResult) a[1]).millis))
                .limit(SLOWEST_IN_REPORT)
                .forEach(x -> sb.append(String.format("%8d ms  %s %s%n", ((CommandResult) x[1]).millis, x[0],
                        abbreviate(((CommandResult) x[1]).toString(), 200))));
        sb.append('\n');
        appendSignatures(sb, all, false);
        appendSignatures(sb, all, true);
        for (ScriptRunner.Outcome o : all) {
            List<CommandResult> failed = o.results.stream().filter(r -> r.status == Status.FAILED)
                    .collect(Collectors.toList());
            if (failed.isEmpty()) {
                continue;
            }
            sb.append("== ").append(o.script).append(": ").append(failed.size()).append(" failed\n");
            for (CommandResult r : failed.subList(0, Math.min(FIRST_FAILURES_IN_REPORT, failed.size()))) {
                sb.append("  ").append(abbreviate(r.toString(), 600)).append('\n');
            }
            if (failed.size() > FIRST_FAILURES_IN_REPORT) {
                sb.append("  ... ").append(failed.size() - FIRST_FAILURES_IN_REPORT).append(" more\n");
            }
        }
        Files.writeString(buildDir.resolve("spec-report.txt"), sb.toString(), StandardCharsets.UTF_8);
    }

    /**
     * Failures grouped by what went wrong, with numbers, module files and command names blurred,
     * most frequent first: a quick guide to which compiler or runtime problem costs most tests.
     */
    private static void appendSignatures(StringBuilder sb, List<ScriptRunner.Outcome> all, boolean simd) {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, String> example = new HashMap<>();
        for (ScriptRunner.Outcome o : all) {
            if (isSimd(o.script) != simd) {
                continue;
            }
            for (CommandResult r : o.results) {
                if (r.status != Status.FAILED) {
                    continue;
                }
                String sig = signature(r.detail);
                counts.computeIfAbsent(sig, k -> new long[1])[0]++;
                example.putIfAbsent(sig, o.script + " " + r);
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        sb.append(simd ? "SIMD failures" : "Failures").append(" by cause (").append(counts.size()).append(" kinds):\n");
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .limit(SIGNATURES_IN_REPORT)
                .forEach(e -> sb.append(String.format("%7d  %s%n           e.g. %s%n", e.getValue()[0],
                        abbreviate(e.getKey(), 300), abbreviate(example.get(e.getKey()), 400))));
        sb.append('\n');
    }

    static String signature(String detail) {
        String s = detail.replaceAll("[\\w.-]+\\.wasm", "X.wasm")
                .replaceAll("\\$[\\w-]+", "\\$M")
                .replaceAll("line \\d+", "line N")
                .replaceAll("(got|expected) (i32|i64|f32|f64|v128):[^\\s,)\\]]+( \\(0x\\w+\\))?", "$1 $2:V")
                .replaceAll("export(ed)? (function |global )?\"[^\"]*\"", "export$1 $2\"F\"")
                .replaceAll("0x[0-9a-fA-F]+", "0xN")
                .replaceAll("\\b\\d+\\b", "N");
        return s.length() > 300 ? s.substring(0, 300) : s;
    }

    static boolean isSimd(String script) {
        return script.startsWith("simd_");
    }

    private static String scriptName(Path json) {
        return json.getFileName().toString().replaceFirst("\\.json$", "");
    }

    private static Path sharedDir() {
        String prop = System.getProperty("wasmjar.shared");
        // Outside surefire (e.g. an IDE running from the module directory) fall back to ../shared.
        return prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("..", "shared");
    }

    private static Path specDir() {
        Path p = sharedDir().resolve("wasm-spec-2.0").resolve("json");
        if (!Files.isDirectory(p) && System.getProperty("wasmjar.shared") != null) {
            // A property that points nowhere (e.g. a different checkout layout): try ../shared too.
            Path fallback = Paths.get("..", "shared", "wasm-spec-2.0", "json");
            if (Files.isDirectory(fallback)) {
                return fallback;
            }
        }
        return p;
    }

    private static Set<String> onlyScripts() {
        String s = System.getProperty("wasmjar.spec.scripts", "").trim();
        if (s.isEmpty()) {
            return Set.of();
        }
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet());
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
