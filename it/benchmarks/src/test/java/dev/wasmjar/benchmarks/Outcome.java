package dev.wasmjar.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** What one run of a guest program produced: its exit code and everything it wrote to stdout. */
public final class Outcome {
    private final int exitCode;
    private final byte[] stdout;

    public Outcome(int exitCode, byte[] stdout) {
        this.exitCode = exitCode;
        this.stdout = stdout.clone();
    }

    public int exitCode() {
        return exitCode;
    }

    public byte[] stdout() {
        return stdout.clone();
    }

    /** Stdout as UTF-8 text (the bench programs print ASCII). */
    public String text() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome && ((Outcome) o).exitCode == exitCode && Arrays.equals(((Outcome) o).stdout, stdout);
    }

    @Override
    public int hashCode() {
        return 31 * exitCode + Arrays.hashCode(stdout);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", stdout " + text().strip().replace("\n", " | ");
    }
}
