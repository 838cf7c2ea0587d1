package dev.wasmjar.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianAndQuartilesInterpolate() {
        Stats s = Stats.of(List.of(4.0, 1.0, 3.0, 2.0));
        assertEquals(2.5, s.median(), 1e-12);
        assertEquals(1.75, s.quantile(0.25), 1e-12);
        assertEquals(3.25, s.quantile(0.75), 1e-12);
        assertEquals(1.5 / 2.5, s.relativeIqr(), 1e-12);
        assertEquals(1.0, s.min());
        assertEquals(4.0, s.max());
        assertEquals(4, s.n());
    }

    @Test
    void oddSampleMedianIsTheMiddleValue() {
        assertEquals(7.0, Stats.of(List.of(9.0, 7.0, 1.0)).median());
    }

    @Test
    void geometricMeanOfRatios() {
        assertEquals(10.0, Stats.geometricMean(List.of(1.0, 100.0)), 1e-9);
        assertEquals(1.0, Stats.geometricMean(List.of(0.5, 2.0)), 1e-12);
        assertEquals(Double.NaN, Stats.geometricMean(List.of()));
    }

    @Test
    void emptySampleIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(List.of()));
    }
}
