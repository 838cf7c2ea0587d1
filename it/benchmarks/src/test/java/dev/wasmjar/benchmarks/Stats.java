package dev.wasmjar.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample of times (any unit): median, quartiles, extremes. */
public final class Stats {
    private final double[] sorted;

    private Stats(double[] sorted) {
        this.sorted = sorted;
    }

    /** Statistics of {@code values}; at least one is required. */
    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return new Stats(a);
    }

    public int n() {
        return sorted.length;
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double median() {
        return quantile(0.5);
    }

    /** The {@code q}-quantile by linear interpolation between order statistics (type 7). */
    public double quantile(double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Interquartile range relative to the median: the spread the report prints as ±. */
    public double relativeIqr() {
        return (quantile(0.75) - quantile(0.25)) / median();
    }

    /** Geometric mean of positive {@code values}. */
    public static double geometricMean(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double logSum = 0;
        for (double v : values) {
            logSum += Math.log(v);
        }
        return Math.exp(logSum / values.size());
    }
}
