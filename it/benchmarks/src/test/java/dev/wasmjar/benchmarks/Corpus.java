package dev.wasmjar.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared TinyGo corpus ({@code ../shared/tinygo-corpus} beside the checkout, or the
 * {@code wasmjar.shared} system property): the bench programs' builds, their {@code cases.json}
 * arguments and expected outputs; and where the suite's own (non-TinyGo) programs' preview1 builds
 * are ({@link #preview1}).
 */
public final class Corpus {
    /** The ten benchmark programs, in report order. */
    public static final List<String> BENCH_PROGRAMS = List.of(
            "bench-nbody", "bench-fannkuch", "bench-spectral", "bench-bintrees", "bench-sha256",
            "bench-json", "bench-sort", "bench-maps", "bench-pingpong", "bench-strings");

    private final Path root;

    private Corpus(Path root) {
        this.root = root;
    }

    /** The corpus, if it can be found. */
    public static Optional<Corpus> locate() {
        String prop = System.getProperty("wasmjar.shared");
        List<Path> candidates = new ArrayList<>();
        if (prop != null && !prop.isBlank()) {
            candidates.add(Paths.get(prop));
        }
        // Beside the checkout: walk up from the working directory (a module folder when run by Maven).
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            candidates.add(p.resolve("shared"));
            candidates.add(p.resolveSibling("shared"));
        }
        for (Path c : candidates) {
            Path corpus = c.resolve("tinygo-corpus");
            if (Files.isRegularFile(corpus.resolve("cases.json")) && Files.isDirectory(corpus.resolve("build"))) {
                return Optional.of(new Corpus(corpus.toAbsolutePath().normalize()));
            }
        }
        return Optional.empty();
    }

    public Path root() {
        return root;
    }

    /** {@code build/NAME.wasip2-core.wasm}: the core module inside the component. */
    public Path coreModule(String program) {
        return root.resolve("build").resolve(program + ".wasip2-core.wasm");
    }

    /** {@code build/NAME.wasip2.wasm}: the component as TinyGo emits it. */
    public Path component(String program) {
        return root.resolve("build").resolve(program + ".wasip2.wasm");
    }

    /**
     * {@code NAME.wasip1.wasm}, the preview1 build: in the corpus's {@code build/} for its
     * programs (hello and {@link #BENCH_PROGRAMS}), else in {@code build/} of the suite's own
     * standard-Go and Rust programs ({@link #extraProgramsDir()}), which must exist.
     */
    public Path preview1(String program) {
        if (BENCH_PROGRAMS.contains(program) || program.equals("hello")) {
            return root.resolve("build").resolve(program + ".wasip1.wasm");
        }
        Path extra = extraProgramsDir().resolve("build").resolve(program + ".wasip1.wasm");
        if (!Files.isRegularFile(extra)) {
            throw new IllegalStateException("no " + extra + " (run " + extraProgramsDir().resolve("build.sh") + ")");
        }
        return extra;
    }

    /**
     * The benchmark programs that are not TinyGo corpus programs ({@code it/benchmarks/programs}:
     * sources, {@code build.sh} and {@code build/NAME.wasip1.wasm}): the {@code bench.extraPrograms}
     * system property, else {@code programs} or {@code it/benchmarks/programs} in the working
     * directory or one of its parents.
     */
    public static Path extraProgramsDir() {
        String prop = System.getProperty("bench.extraPrograms");
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop).toAbsolutePath().normalize();
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path c : List.of(p.resolve("programs"), p.resolve("it").resolve("benchmarks").resolve("programs"))) {
                if (Files.isRegularFile(c.resolve("build.sh")) && Files.isDirectory(c.resolve("build"))) {
                    return c.normalize();
                }
            }
        }
        return Paths.get("it", "benchmarks", "programs").toAbsolutePath();
    }

    /** {@code expected/NAME.stdout}. */
    public byte[] expectedStdout(String program) {
        try {
            return Files.readAllBytes(root.resolve("expected").resolve(program + ".stdout"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code args} cases.json gives {@code program} (the arguments its expected output was
     * recorded with); empty if it gives none.
     */
    public List<String> caseArgs(String program) {
        String json;
        try {
            json = Files.readString(root.resolve("cases.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // cases.json is a flat list of small objects; a targeted match keeps us free of a JSON library.
        Matcher m = Pattern.compile("\\{[^{}]*\"name\"\\s*:\\s*\"" + Pattern.quote(program) + "\"[^{}]*\\}").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no case for " + program + " in cases.json");
        }
        Matcher a = Pattern.compile("\"args\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(m.group());
        List<String> args = new ArrayList<>();
        if (a.find()) {
            Matcher s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(a.group(1));
            while (s.find()) {
                args.add(s.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
            }
        }
        return args;
    }
}
