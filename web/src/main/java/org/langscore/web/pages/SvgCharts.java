package org.langscore.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Draws the pages' charts as inline SVG on the server, so that they need no script and no library:
 * a scatter with its fitted line and r, and a bar per part. Every point is a
 * {@code <circle class="point">} and every bar a {@code <rect class="bar">}, each with a
 * {@code <title>} tooltip.
 */
public final class SvgCharts {
    private static final int WIDTH = 640;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 28;

    private SvgCharts() {
    }

    /** A labelled value of a bar chart. */
    public record Bar(String label, double value) {
        public Bar {
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * A scatter of y against x with the least-squares line and r in the corner.
     *
     * @param id the SVG element's id
     * @param xLabel the x axis' label, with its unit
     * @param yLabel the y axis' label, with its unit
     * @param x the x values (finite)
     * @param y the y values (finite), as many as x
     * @return the SVG markup
     */
    public static String scatter(String id, String xLabel, String yLabel, double[] x, double[] y) {
        LinearFit fit = LinearFit.of(x, y);
        int height = 400;
        int bottom = 48;
        double[] xRange = range(x);
        double[] yRange = range(y);
        Axis xAxis = Axis.of(xRange[0], xRange[1]);
        Axis yAxis = Axis.of(yRange[0], yRange[1]);
        Plot plot = new Plot(LEFT, TOP, WIDTH - RIGHT, height - bottom, xAxis, yAxis);
        StringBuilder svg = open(id, height, "Scatter of " + yLabel + " against " + xLabel);
        axes(svg, plot, xAxis, yAxis, xLabel, yLabel, height);
        svg.append("<defs><clipPath id=\"").append(id).append("-clip\"><rect x=\"").append(plot.left).append("\" y=\"")
                .append(plot.top).append("\" width=\"").append(plot.right - plot.left).append("\" height=\"")
                .append(plot.bottom - plot.top).append("\"/></clipPath></defs>");
        // Fewer points may be bigger; thousands of words need small dots to stay readable.
        String radius = x.length < 200 ? "3.5" : x.length < 2000 ? "2.5" : "1.6";
        svg.append("<g class=\"points\">");
        for (int i = 0; i < x.length; i++) {
            svg.append("<circle class=\"point\" r=\"").append(radius).append("\" cx=\"").append(num(plot.x(x[i]))).append("\" cy=\"")
                    .append(num(plot.y(y[i]))).append("\"/>");
        }
        svg.append("</g>");
        svg.append("<line class=\"fit\" clip-path=\"url(#").append(id).append("-clip)\" x1=\"").append(num(plot.x(xAxis.min)))
                .append("\" y1=\"").append(num(plot.y(fit.at(xAxis.min)))).append("\" x2=\"").append(num(plot.x(xAxis.max)))
                .append("\" y2=\"").append(num(plot.y(fit.at(xAxis.max)))).append("\"/>");
        svg.append("<text class=\"stat\" x=\"").append(plot.left + 8).append("\" y=\"").append(plot.top + 16).append("\">r = ")
                .append(Double.isNaN(fit.r()) ? "n/a" : String.format(Locale.ROOT, "%.3f", fit.r())).append(", n = ")
                .append(fit.n()).append(", y = ").append(String.format(Locale.ROOT, "%.1f %+.2f x", fit.intercept(), fit.slope()))
                .append("</text>");
        return svg.append("</svg>").toString();
    }

    /**
     * A bar per part, labels turned under the axis.
     *
     * @param id the SVG element's id
     * @param yLabel the value axis' label
     * @param bars the bars, left to right
     * @return the SVG markup
     */
    public static String bars(String id, String yLabel, List<Bar> bars) {
        int height = 420;
        int bottom = 150;
        double min = 0;
        double max = 1;
        for (Bar bar : bars) {
            if (Double.isFinite(bar.value())) {
                min = Math.min(min, bar.value());
                max = Math.max(max, bar.value());
            }
        }
        Axis yAxis = Axis.of(min, max);
        Axis xAxis = new Axis(0, Math.max(1, bars.size()), List.of());
        Plot plot = new Plot(LEFT, TOP, WIDTH - RIGHT, height - bottom, xAxis, yAxis);
        StringBuilder svg = open(id, height, "Bars of " + yLabel);
        axes(svg, plot, xAxis, yAxis, "", yLabel, height);
        double slot = (plot.right - plot.left) / (double) Math.max(1, bars.size());
        double zero = plot.y(0);
        svg.append("<g class=\"bars\">");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            // A bar is at most 48 px wide, centred in its slot, so that a few parts do not look like walls.
            double width = Math.min(slot * 0.7, 48);
            double left = plot.left + i * slot + (slot - width) / 2;
            double value = Double.isFinite(bar.value()) ? bar.value() : 0;
            double top = Math.min(zero, plot.y(value));
            svg.append("<rect class=\"bar\" x=\"").append(num(left)).append("\" y=\"").append(num(top))
                    .append("\" width=\"").append(num(width)).append("\" height=\"")
                    .append(num(Math.abs(plot.y(value) - zero))).append("\"><title>").append(escape(bar.label()))
                    .append(": ").append(Double.isFinite(bar.value()) ? String.format(Locale.ROOT, "%.3f", bar.value()) : "n/a")
                    .append("</title></rect>");
            double labelX = left + width / 2;
            svg.append("<text class=\"bar-label\" text-anchor=\"end\" transform=\"translate(").append(num(labelX)).append(',')
                    .append(plot.bottom + 10).append(") rotate(-60)\">").append(escape(bar.label())).append("</text>");
        }
        svg.append("</g>");
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(String id, int height, String label) {
        StringBuilder svg = new StringBuilder(256);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(escape(id))
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(escape(label)).append("\">");
        return svg;
    }

    private static void axes(StringBuilder svg, Plot plot, Axis xAxis, Axis yAxis, String xLabel, String yLabel, int height) {
        svg.append("<g class=\"axes\">");
        for (double tick : yAxis.ticks) {
            double y = plot.y(tick);
            svg.append("<line class=\"grid\" x1=\"").append(plot.left).append("\" x2=\"").append(plot.right).append("\" y1=\"")
                    .append(num(y)).append("\" y2=\"").append(num(y)).append("\"/>");
            svg.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(plot.left - 6).append("\" y=\"").append(num(y + 4))
                    .append("\">").append(tickText(tick)).append("</text>");
        }
        for (double tick : xAxis.ticks) {
            double x = plot.x(tick);
            svg.append("<line class=\"grid\" y1=\"").append(plot.top).append("\" y2=\"").append(plot.bottom).append("\" x1=\"")
                    .append(num(x)).append("\" x2=\"").append(num(x)).append("\"/>");
            svg.append("<text class=\"tick\" text-anchor=\"middle\" y=\"").append(plot.bottom + 16).append("\" x=\"").append(num(x))
                    .append("\">").append(tickText(tick)).append("</text>");
        }
        svg.append("<line class=\"axis\" x1=\"").append(plot.left).append("\" x2=\"").append(plot.right).append("\" y1=\"")
                .append(plot.bottom).append("\" y2=\"").append(plot.bottom).append("\"/>");
        svg.append("<line class=\"axis\" x1=\"").append(plot.left).append("\" x2=\"").append(plot.left).append("\" y1=\"")
                .append(plot.top).append("\" y2=\"").append(plot.bottom).append("\"/>");
        if (!xLabel.isEmpty()) {
            svg.append("<text class=\"axis-label\" text-anchor=\"middle\" x=\"").append((plot.left + plot.right) / 2)
                    .append("\" y=\"").append(height - 8).append("\">").append(escape(xLabel)).append("</text>");
        }
        svg.append("<text class=\"axis-label\" text-anchor=\"middle\" transform=\"translate(16,")
                .append((plot.top + plot.bottom) / 2).append(") rotate(-90)\">").append(escape(yLabel)).append("</text>");
        svg.append("</g>");
    }

    private static double[] range(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("a chart needs finite values, got " + value);
            }
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new double[] {min, max};
    }

    private static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String tickText(double tick) {
        return Math.abs(tick - Math.rint(tick)) < 1e-9 ? Long.toString(Math.round(tick))
                : String.format(Locale.ROOT, "%.2f", tick).replaceAll("0+$", "");
    }

    /** @return text safe inside SVG/HTML text and attributes */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** An axis from min to max with round ticks. */
    private record Axis(double min, double max, List<Double> ticks) {
        /** @return an axis that covers [low, high] and ends on round ticks (about 5 of them) */
        static Axis of(double low, double high) {
            if (high <= low) {
                double pad = low == 0 ? 1 : Math.abs(low) * 0.1;
                low -= pad;
                high += pad;
            }
            double rough = (high - low) / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
            double step = magnitude;
            for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
                step = factor * magnitude;
                if (step >= rough) {
                    break;
                }
            }
            double start = Math.floor(low / step) * step;
            double end = Math.ceil(high / step) * step;
            List<Double> ticks = new ArrayList<>();
            for (double t = start; t <= end + step * 1e-9; t += step) {
                ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
            }
            return new Axis(start, end, ticks);
        }
    }

    /** Maps data to pixels inside the plotting area. */
    private record Plot(int left, int top, int right, int bottom, Axis xAxis, Axis yAxis) {
        double x(double value) {
            return left + (value - xAxis.min) / (xAxis.max - xAxis.min) * (right - left);
        }

        double y(double value) {
            return bottom - (value - yAxis.min) / (yAxis.max - yAxis.min) * (bottom - top);
        }
    }
}
