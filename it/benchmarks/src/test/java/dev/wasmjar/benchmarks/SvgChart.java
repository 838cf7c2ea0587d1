package dev.wasmjar.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * A grouped bar chart on a logarithmic axis, written as plain SVG (no charting library): one
 * group of bars per program, one bar per engine, the value being a speed-up factor relative to a
 * baseline drawn as the 1× line.
 */
public final class SvgChart {
    private static final String[] COLORS = {"#8c8c8c", "#d9480f", "#1971c2", "#2f9e44", "#7048e8"};

    private SvgChart() {
    }

    /**
     * The chart as an SVG document.
     *
     * @param title   heading drawn above the plot
     * @param groups  x-axis groups (programs), in order
     * @param series  bar series (engines), in order; also the legend
     * @param values  {@code values[group][series]}: a factor &gt; 0, or NaN for no bar
     * @param axis    y-axis caption
     */
    public static String speedups(String title, List<String> groups, List<String> series, double[][] values, String axis) {
        double max = 1;
        double min = 1;
        for (double[] row : values) {
            for (double v : row) {
                if (v > 0 && !Double.isNaN(v)) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        // Whole decades on both ends, so gridlines fall on 0.1, 1, 10, 100 ...
        int loDecade = (int) Math.floor(Math.log10(min));
        int hiDecade = Math.max(loDecade + 1, (int) Math.ceil(Math.log10(max) + 1e-9));
        if (Math.pow(10, hiDecade) < max * 1.15) {
            hiDecade++; // leave room for the value labels above the tallest bar
        }

        int left = 70;
        int right = 20;
        int top = 60;
        int plotHeight = 300;
        int bottom = 90;
        int barWidth = 16;
        int groupGap = 18;
        int groupWidth = series.size() * barWidth + groupGap;
        int width = left + right + groups.size() * groupWidth;
        int height = top + plotHeight + bottom;
        double decades = hiDecade - loDecade;

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", left, esc(title)));

        // legend
        int lx = left;
        for (int i = 0; i < series.size(); i++) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"32\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"42\">%s</text>%n", lx, color(i), lx + 16, esc(series.get(i))));
            lx += 24 + series.get(i).length() * 6;
        }

        // y grid: decades (labelled) and 2x, 5x minor lines
        for (int d = loDecade; d <= hiDecade; d++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, d);
                if (Math.log10(v) > hiDecade + 1e-9) {
                    break;
                }
                double y = y(v, loDecade, decades, top, plotHeight);
                boolean major = m == 1;
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>%n",
                        left, y, width - right, y, major ? "#bbbbbb" : "#eeeeee"));
                if (major) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s×</text>%n",
                            left - 6, y + 4, label(v)));
                }
            }
        }
        double baseline = y(1, loDecade, decades, top, plotHeight);
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\" stroke-width=\"1.5\"/>%n",
                left, baseline, width - right, baseline));
        s.append(String.format(Locale.ROOT,
                "<text transform=\"translate(16,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>%n",
                top + plotHeight / 2, esc(axis)));

        // bars: from the 1x line up (faster) or down (slower)
        for (int g = 0; g < groups.size(); g++) {
            int gx = left + groupGap / 2 + g * groupWidth;
            for (int i = 0; i < series.size(); i++) {
                double v = g < values.length && i < values[g].length ? values[g][i] : Double.NaN;
                if (Double.isNaN(v) || v <= 0) {
                    continue;
                }
                double y = y(v, loDecade, decades, top, plotHeight);
                double y0 = Math.min(y, baseline);
                double h = Math.max(1, Math.abs(baseline - y));
                int x = gx + i * barWidth;
                s.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s×</title></rect>%n",
                        x, y0, barWidth - 2, h, color(i), esc(groups.get(g)), esc(series.get(i)), label(v)));
                s.append(String.format(Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" font-size=\"8\" text-anchor=\"middle\">%s</text>%n",
                        x + (barWidth - 2) / 2.0, v >= 1 ? y0 - 3 : y0 + h + 9, label(v)));
            }
            double cx = gx + series.size() * barWidth / 2.0;
            s.append(String.format(Locale.ROOT,
                    "<text transform=\"translate(%.1f,%d) rotate(-35)\" text-anchor=\"end\">%s</text>%n",
                    cx, top + plotHeight + 14, esc(groups.get(g))));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double y(double v, int loDecade, double decades, int top, int plotHeight) {
        return top + plotHeight * (1 - (Math.log10(v) - loDecade) / decades);
    }

    private static String color(int i) {
        return COLORS[i % COLORS.length];
    }

    /** 0.42, 0.1, 3.1, 37, 1234: two significant digits below 10, whole numbers above. */
    static String label(double v) {
        if (v >= 10) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }

    private static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
