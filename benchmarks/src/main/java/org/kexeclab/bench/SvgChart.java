package org.kexeclab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small self-contained SVG line chart with logarithmic axes (no fonts, scripts or network
 * references): series of (x, y) points drawn as polylines with markers, a legend, gridlines at
 * powers of two (x) and ten (y).
 */
public final class SvgChart {
    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 80;
    private static final int RIGHT = 260;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf"};

    /** One line: its legend label, colour index, dash style (null for solid) and points. */
    public record Series(String label, int color, String dash, double[] xs, double[] ys) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    /** A chart with these titles. */
    public SvgChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a line; points with a non-positive or NaN y are left out. */
    public SvgChart add(Series s) {
        series.add(s);
        return this;
    }

    /** A colour of the palette; index -1 is grey (for reference lines). */
    static String color(int i) {
        return i < 0 ? "#7f7f7f" : COLORS[i % COLORS.length];
    }

    /** The SVG document. */
    public String render() {
        double[] xr = range(true);
        double[] yr = range(false);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", W, H, W, H));
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
        text(b, W / 2.0, 25, "middle", 16, title);
        grid(b, xr, yr);
        for (int i = 0; i < series.size(); i++) {
            line(b, series.get(i), xr, yr);
            legend(b, series.get(i), i);
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private void grid(StringBuilder b, double[] xr, double[] yr) {
        for (double x = xr[0]; x <= xr[1] * 1.0001; x *= 2) {
            double px = px(x, xr);
            b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", px, TOP, px, H - BOTTOM));
            text(b, px, H - BOTTOM + 16, "middle", 11, fmt(x));
        }
        for (double y = yr[0]; y <= yr[1] * 1.0001; y *= 10) {
            double py = py(y, yr);
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, py, W - RIGHT, py));
            text(b, LEFT - 6, py + 4, "end", 11, fmt(y));
        }
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"black\"/>%n",
                LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM));
        text(b, (LEFT + W - RIGHT) / 2.0, H - 18, "middle", 13, xLabel);
        b.append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" "
                + "transform=\"rotate(-90 18 %.1f)\">%s</text>%n", H / 2.0, H / 2.0, escape(yLabel)));
    }

    private void line(StringBuilder b, Series s, double[] xr, double[] yr) {
        StringBuilder pts = new StringBuilder();
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < s.xs().length; i++) {
            if (s.ys()[i] > 0 && !Double.isNaN(s.ys()[i])) {
                double px = px(s.xs()[i], xr);
                double py = py(s.ys()[i], yr);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
                marks.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", px, py, color(s.color())));
            }
        }
        b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
                color(s.color()), s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\"", pts.toString().trim()));
        b.append(marks);
    }

    private void legend(StringBuilder b, Series s, int i) {
        double y = TOP + 10 + i * 20;
        double x = W - RIGHT + 15;
        b.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                x, y, x + 30, y, color(s.color()), s.dash() == null ? "" : " stroke-dasharray=\"" + s.dash() + "\""));
        text(b, x + 36, y + 4, "start", 12, s.label());
    }

    /** [min, max] over all points, widened to powers of 2 (x) or 10 (y). */
    private double[] range(boolean x) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                double v = x ? s.xs()[i] : s.ys()[i];
                if (v > 0 && !Double.isNaN(v) && !Double.isInfinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            return new double[] {1, x ? 2 : 10};
        }
        double base = x ? 2 : 10;
        double a = Math.pow(base, Math.floor(Math.log(lo) / Math.log(base)));
        double z = Math.pow(base, Math.ceil(Math.log(hi) / Math.log(base)));
        return new double[] {a, z > a ? z : a * base};
    }

    private static double px(double x, double[] r) {
        return LEFT + (W - LEFT - RIGHT) * Math.log(x / r[0]) / Math.log(r[1] / r[0]);
    }

    private static double py(double y, double[] r) {
        return H - BOTTOM - (H - TOP - BOTTOM) * Math.log(y / r[0]) / Math.log(r[1] / r[0]);
    }

    private static String fmt(double v) {
        return v >= 1 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static void text(StringBuilder b, double x, double y, String anchor, int size, String s) {
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, escape(s)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
