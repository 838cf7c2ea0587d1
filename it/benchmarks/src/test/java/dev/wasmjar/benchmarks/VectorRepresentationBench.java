package dev.wasmjar.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Times {@link VectorRepresentations}' candidates warm in this JVM; rows for the SIMD report. */
final class VectorRepresentationBench {
    private static final int FLOATS = 1 << 20;
    private static final int SCAN_BYTES = 4 << 20;

    private VectorRepresentationBench() {
    }

    /** Rows: representation, saxpy ns/vector, count ns/vector, and both relative to the scalar loop. */
    static List<String[]> run(double warmupSeconds, int runs) {
        byte[] m = VectorRepresentations.memory(FLOATS, SCAN_BYTES);
        int candidates = VectorRepresentations.CANDIDATES.length;
        long expectedCount = VectorRepresentations.count(0, m, 8 * FLOATS, SCAN_BYTES / 16, (byte) 7);
        for (int c = 1; c < candidates; c++) {
            long got = VectorRepresentations.count(c, m, 8 * FLOATS, SCAN_BYTES / 16, (byte) 7);
            if (got != expectedCount) {
                throw new IllegalStateException(VectorRepresentations.CANDIDATES[c] + " counted " + got + ", not " + expectedCount);
            }
        }
        double[][] saxpy = new double[candidates][runs];
        double[][] count = new double[candidates][runs];
        double sink = 0;
        long until = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < until) {
            for (int c = 0; c < candidates; c++) {
                sink += VectorRepresentations.saxpy(c, m, FLOATS, c % 2 == 0 ? 0.5f : -0.5f);
                sink += VectorRepresentations.count(c, m, 8 * FLOATS, SCAN_BYTES / 16, (byte) 7);
            }
        }
        for (int i = 0; i < runs; i++) {
            for (int c = 0; c < candidates; c++) {
                long t0 = System.nanoTime();
                sink += VectorRepresentations.saxpy(c, m, FLOATS, c % 2 == 0 ? 0.5f : -0.5f);
                saxpy[c][i] = (System.nanoTime() - t0) / (FLOATS / 4.0);
                t0 = System.nanoTime();
                sink += VectorRepresentations.count(c, m, 8 * FLOATS, SCAN_BYTES / 16, (byte) 7);
                count[c][i] = (System.nanoTime() - t0) / (SCAN_BYTES / 16.0);
            }
        }
        if (sink == 42.125) {
            System.out.println(); // keeps sink alive
        }
        List<String[]> rows = new ArrayList<>();
        double s0 = median(saxpy[0]);
        double c0 = median(count[0]);
        for (int c = 0; c < candidates; c++) {
            double s = median(saxpy[c]);
            double k = median(count[c]);
            rows.add(new String[] {VectorRepresentations.CANDIDATES[c], String.format(Locale.ROOT, "%.2f", s),
                String.format(Locale.ROOT, "%.2f", k), String.format(Locale.ROOT, "%.2f×", s0 / s),
                String.format(Locale.ROOT, "%.2f×", c0 / k)});
        }
        return rows;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
