package dev.wasmjar.compiler;

import dev.wasmjar.compiler.spec.Json;
import dev.wasmjar.runtime.Trap;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One case of the shared TinyGo corpus's {@code cases.json} (see its README): how to run a
 * program and what it must produce, judged as the corpus's {@code check.py} judges it.
 */
final class CorpusCase {
    final String name;
    final String program;
    private final Map<String, Object> spec;

    private CorpusCase(Map<String, Object> spec) {
        this.spec = spec;
        this.name = (String) spec.get("name");
        this.program = (String) spec.getOrDefault("program", name);
    }

    /** Every case of the corpus at {@code corpus}, by name. */
    @SuppressWarnings("unchecked")
    static Map<String, CorpusCase> load(Path corpus) throws IOException {
        Map<String, CorpusCase> cases = new java.util.LinkedHashMap<>();
        for (Object o : (List<Object>) Json.parse(Files.readString(corpus.resolve("cases.json")))) {
            CorpusCase c = new CorpusCase((Map<String, Object>) o);
            cases.put(c.name, c);
        }
        return cases;
    }

    /** The guest's arguments, program name first. */
    @SuppressWarnings("unchecked")
    List<String> args() {
        List<String> args = new ArrayList<>();
        args.add(program);
        args.addAll((List<String>) spec.getOrDefault("args", List.of()));
        return args;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> env() {
        return (Map<String, String>) spec.getOrDefault("env", Map.of());
    }

    /** Guest path to fixture folder (relative to the corpus). */
    @SuppressWarnings("unchecked")
    Map<String, String> dirs() {
        return (Map<String, String>) spec.getOrDefault("dirs", Map.of());
    }

    /** The stdin bytes: a fixture file, or seeded random bytes (not check.py's, which only their echo checks). */
    byte[] stdin(Path corpus) throws IOException {
        if (spec.containsKey("stdin")) {
            return Files.readAllBytes(corpus.resolve((String) spec.get("stdin")));
        }
        if (spec.containsKey("stdin_random_bytes")) {
            byte[] b = new byte[((Long) spec.get("stdin_random_bytes")).intValue()];
            new Random(1).nextBytes(b);
            return b;
        }
        return new byte[0];
    }

    InputStream stdinStream(Path corpus) throws IOException {
        return new ByteArrayInputStream(stdin(corpus));
    }

    /**
     * What is wrong with run {@code r} of this case's {@code variant} build ({@code wasip1},
     * {@code wasip2}, {@code wasip2-core}); empty if nothing.
     */
    List<String> problems(GuestRun r, String variant, Path corpus) throws IOException {
        List<String> problems = new ArrayList<>();
        String base = variant.split("-")[0];
        Object wantExit = spec.getOrDefault("exit_" + base, spec.getOrDefault("exit", 0L));
        if ("nonzero".equals(wantExit)) {
            if (r.failure == null && r.exitCode == 0) {
                problems.add("exit 0, wanted non-zero");
            } else if (r.failure != null && !(r.failure instanceof Trap)) {
                problems.add("failed with " + r.failure);
            }
        } else if (r.failure != null) {
            problems.add("failed with " + r.failure);
        } else if (r.exitCode != ((Long) wantExit).intValue()) {
            problems.add("exit " + r.exitCode + ", wanted " + wantExit);
        }
        if (Boolean.TRUE.equals(spec.get("stdout_equals_stdin"))) {
            if (!Arrays.equals(stdin(corpus), r.stdout)) {
                problems.add("stdout (" + r.stdout.length + " bytes) differs from stdin");
            }
        } else {
            Path expected = corpus.resolve("expected").resolve(name + "." + base + ".stdout");
            if (!Files.exists(expected)) {
                expected = corpus.resolve("expected").resolve(name + ".stdout");
            }
            if (!Arrays.equals(Files.readAllBytes(expected), r.stdout)) {
                problems.add("stdout differs from " + expected.getFileName() + ":\n" + r.out());
            }
        }
        @SuppressWarnings("unchecked")
        List<String> stderrContains = (List<String>) spec.getOrDefault("stderr_contains", List.of());
        for (String s : stderrContains) {
            String want = spec.containsKey("stdin_random_bytes")
                    ? s.replace(String.valueOf(spec.get("stdin_random_bytes")), String.valueOf(stdin(corpus).length)) : s;
            if (!r.stderr.contains(want)) {
                problems.add("stderr lacks " + want + ": " + r.stderr);
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return name;
    }
}
