package dev.wasmjar.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the shared end-to-end suites through the command line, exactly as a user would: the
 * official WASI Preview 1 test suite ({@code wasi-testsuite/run.py}) and the TinyGo corpus
 * checker ({@code tinygo-corpus/check.py}) for each of its variants. The engine is this build's
 * {@code Cli} on the test class path (the jar is only packaged after the tests). Each suite's
 * summary line is printed into the build output; a suite not under {@code ../shared} is skipped
 * with a message.
 */
class ExternalSuitesTest {
    private static final Pattern WASI_SUMMARY = Pattern.compile("(\\d+) passed, (\\d+) failed, (\\d+) skipped");
    private static final Pattern CORPUS_SUMMARY = Pattern.compile("(\\d+) passed, (\\d+) failed");

    @Test
    void wasiTestsuitePassesEveryProgram() throws Exception {
        Path runner = CompileUnderTest.shared().resolve("wasi-testsuite").resolve("run.py");
        assumeTrue(Files.isRegularFile(runner), "wasi-testsuite not found at " + runner + ": skipped");
        String out = python(List.of(runner.toString(), "--engine", engine(), "-j", "2"));
        Matcher m = lastMatch(WASI_SUMMARY, out);
        System.out.println("wasi-testsuite (preview1, through the CLI): " + m.group());
        assertEquals("0", m.group(2), "failures:\n" + failures(out));
        assertEquals("0", m.group(3), "skipped tests:\n" + out);
        assertTrue(Integer.parseInt(m.group(1)) >= 72, "the suite has 72 preview1 programs: " + m.group());
    }

    /**
     * Every case of the corpus through {@code check.py}, except the {@link #CLOCK_SLOWED_CASES}.
     * Their output depends on the machine not stalling the guest: "order: 10 20 30" (goroutines
     * sleeping 30, 10 and 20 ms) needs no 10 ms stall between two {@code time.Sleep} calls,
     * since TinyGo orders sleeps by when they read the clock and the host's deadlines follow
     * those reads exactly; {@code sleep} checks overshoots below 500 ms and 50 concurrent
     * 100 ms sleeps below 1 s, which a cold JVM on a loaded 2-core machine can miss. Those run
     * here in-process against the same expected output with the guest's clock slowed
     * ({@link GuestRun#slowTime}): every sleep still really blocks, and the margins grow by
     * the factor.
     */
    @ParameterizedTest(name = "tinygo-corpus --variant {0}")
    @ValueSource(strings = {"wasip1", "wasip2", "wasip2-core"})
    void tinygoCorpusPassesEveryCase(String variant) throws Exception {
        Path corpus = CompileUnderTest.shared().resolve("tinygo-corpus");
        Path checker = corpus.resolve("check.py");
        assumeTrue(Files.isRegularFile(checker), "TinyGo corpus not found at " + checker + ": skipped");
        List<String> cases = caseNames(corpus.resolve("cases.json"));
        assertTrue(cases.containsAll(CLOCK_SLOWED_CASES.keySet()), "cases.json lists " + CLOCK_SLOWED_CASES.keySet() + ": " + cases);
        cases.removeAll(CLOCK_SLOWED_CASES.keySet());
        String out = python(List.of(checker.toString(), "--engine", engine(), "--variant", variant,
                "--only", String.join(",", cases)));
        Matcher m = lastMatch(CORPUS_SUMMARY, out);
        Map<String, String> slowed = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> c : CLOCK_SLOWED_CASES.entrySet()) {
            slowed.put(c.getKey(), clockSlowedCase(corpus, variant, c.getKey(), c.getValue()));
        }
        System.out.println("tinygo-corpus --variant " + variant + " (through the CLI): " + m.group()
                + "; in-process with a slowed clock: " + slowed);
        assertEquals("0", m.group(2), "failures:\n" + failures(out));
        assertEquals(cases.size(), Integer.parseInt(m.group(1)), "every selected case ran: " + m.group());
        assertTrue(cases.size() + CLOCK_SLOWED_CASES.size() >= 29, "the corpus has 29 cases: " + cases);
        for (Map.Entry<String, String> r : slowed.entrySet()) {
            assertEquals("passed", r.getValue(), r.getKey());
        }
    }

    /** Timing-sensitive corpus cases and how many times slower than real time their clock runs. */
    private static final Map<String, Integer> CLOCK_SLOWED_CASES = new LinkedHashMap<>();

    static {
        CLOCK_SLOWED_CASES.put("goroutines", 20);
        CLOCK_SLOWED_CASES.put("sleep", 10);
    }

    /** The case names of the corpus's {@code cases.json}, in order. */
    private static List<String> caseNames(Path casesJson) throws IOException {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(casesJson));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Runs case {@code name}'s {@code variant} build in-process with its clock slowed: "passed" or what differed. */
    private static String clockSlowedCase(Path corpus, String variant, String name, int factor) throws IOException {
        Path wasm = corpus.resolve("build").resolve(name + "." + variant + ".wasm");
        CompiledModule program = CompileUnderTest.compile(Files.readAllBytes(wasm), "corpus.Slowed_" + name);
        GuestRun r = GuestRun.of(program, InputStream.nullInputStream(), c -> GuestRun.slowTime(c.args(name), factor));
        String expected = Files.readString(corpus.resolve("expected").resolve(name + ".stdout"));
        if (r.failure != null || r.exitCode != 0 || !expected.equals(r.out())) {
            return "FAILED: exit " + r.exitCode + ", failure " + r.failure + ", stdout [" + r.out() + "], stderr [" + r.stderr + "]";
        }
        return "passed";
    }

    /** The CLI as a wasmtime-style engine command line (the runners split it shell-style). */
    private static String engine() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        return quote(java) + " -cp " + quote(cp) + " dev.wasmjar.compiler.internal.cli.Cli run";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String python(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("python3");
        cmd.addAll(args);
        File log = File.createTempFile("wasmjar-suite", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
            // Generous: each runner limits its own programs; this only guards against a wedged runner.
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("runner did not finish: " + cmd);
            }
            return Files.readString(log.toPath(), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(log.toPath());
        }
    }

    /** The runner's summary: its last line matching {@code p}. */
    private static Matcher lastMatch(Pattern p, String out) {
        String[] lines = out.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            Matcher m = p.matcher(lines[i]);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("no summary line in the runner's output:\n" + out);
    }

    private static String failures(String out) {
        StringBuilder b = new StringBuilder();
        for (String line : out.split("\n")) {
            if (line.startsWith("FAIL") || line.startsWith("fail")) {
                b.append(line).append('\n');
            }
        }
        return b.length() > 0 ? b.toString() : out;
    }
}
