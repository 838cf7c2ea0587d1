package dev.wasmjar.fuzz.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The shell script {@code wasm-reduce} runs on each candidate module: the fuzzer's own
 * {@code check} command, in a fresh JVM, which prints the candidate's {@link Verdict#signature()}
 * and exits 0. {@code wasm-reduce} keeps a candidate only while that output is unchanged, so the
 * reduced module still shows the same problem.
 */
public final class ReductionScript {
    private ReductionScript() {
    }

    /**
     * The script's text.
     *
     * @param java the {@code java} executable
     * @param classPath the fuzzer's class path
     * @param checkOptions options passed on to {@code check} (e.g. {@code --simd true})
     * @param candidate the file {@code wasm-reduce} writes each candidate to
     */
    public static String text(Path java, String classPath, List<String> checkOptions, Path candidate) {
        List<String> cmd = new ArrayList<>(List.of(java.toString(),
                // a short-lived JVM: start fast rather than optimise
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss16m",
                "-cp", classPath, "dev.wasmjar.fuzz.Fuzz", "check", candidate.toAbsolutePath().toString()));
        cmd.addAll(checkOptions);
        StringBuilder sb = new StringBuilder("#!/bin/sh\n")
                .append("# Written by wasmjar's fuzzer for wasm-reduce: prints the verdict of the candidate module.\n")
                .append("exec");
        for (String arg : cmd) {
            sb.append(' ').append(quote(arg));
        }
        return sb.append('\n').toString();
    }

    /** {@code s} as one single-quoted shell word. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
