package org.lethe.app.sketch;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lethe.io.AtomicFiles;
import org.lethe.sketch.MicroGptReproduction;
import org.lethe.sketch.SketchPrediction;

/**
 * PNG plots of the reference experiment: the loss after deletion against the deletion weight w with the retrained
 * truth, the exact-direction Taylor partial sums and the sketch's estimate with its error band; the sketch's
 * estimates by degree; and the partial sums' errors.
 */
public final class SketchPlots {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf),
    };

    private SketchPlots() {
    }

    /** Writes the plots into {@code dir} and returns their paths. */
    public static List<Path> write(MicroGptReproduction.Result r, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> files = new ArrayList<>();
        files.add(save(lossVersusWeight(r), dir.resolve("loss-vs-weight.png")));
        files.add(save(sketchByDegree(r), dir.resolve("sketch-by-degree.png")));
        files.add(save(exactErrors(r), dir.resolve("exact-partial-sum-errors.png")));
        return files;
    }

    private static Path save(XYChart chart, Path file) throws IOException {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("deletion weight w")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(true);
        return chart;
    }

    /** Retrained truth, exact-direction partial sums of every degree, and the sketch with a one-standard-error band. */
    static XYChart lossVersusWeight(MicroGptReproduction.Result r) {
        XYChart chart = chart("Loss on 'max' after deleting the names with 'x' (weight w)", "loss");
        double[] grid = r.curveWeights;
        int k = r.sketch[0].order();
        band(chart, "sketch, m = " + r.directions + ", degree " + k + " (+- 1 s.e.)", grid, r.curve, k, PALETTE[0]);
        for (int degree = 1; degree <= r.exact.order(); degree++) {
            double[] y = new double[grid.length];
            for (int i = 0; i < grid.length; i++) {
                y[i] = r.exact.partialSum(degree, grid[i]);
            }
            XYSeries s = chart.addSeries("exact direction, degree " + degree, grid, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(PALETTE[(degree + 1) % PALETTE.length]);
            s.setLineStyle(new BasicStroke(1.2f));
        }
        retrainedPoints(chart, r);
        return chart;
    }

    /** The sketch's estimate of each degree with its band, as in the paper's figure of the sketch. */
    static XYChart sketchByDegree(MicroGptReproduction.Result r) {
        XYChart chart = chart("Sketch estimates by degree (m = " + r.directions + " directions)", "loss");
        int k = r.sketch[0].order();
        for (int degree = 1; degree <= k; degree++) {
            band(chart, "sketch, degree " + degree, r.curveWeights, r.curve, degree, PALETTE[degree % PALETTE.length]);
        }
        retrainedPoints(chart, r);
        return chart;
    }

    /** |partial sum - retrained| of the exact-direction series for each degree, on a log scale. */
    static XYChart exactErrors(MicroGptReproduction.Result r) {
        XYChart chart = chart("Exact-direction Taylor partial sums: error against retraining", "|partial sum - retrained|");
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        List<Double> w = new ArrayList<>();
        for (int i = 0; i < r.weights.length; i++) {
            if (r.weights[i] > 0) {
                w.add(r.weights[i]);
            }
        }
        for (int degree = 1; degree <= r.exact.order(); degree++) {
            List<Double> err = new ArrayList<>();
            for (int i = 0; i < r.weights.length; i++) {
                if (r.weights[i] > 0) {
                    // A floor keeps an exact match plottable on the log axis.
                    err.add(Math.max(1e-12, Math.abs(r.exact.partialSum(degree, r.weights[i]) - r.retrained[i])));
                }
            }
            XYSeries s = chart.addSeries("degree " + degree, w, err);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(PALETTE[degree % PALETTE.length]);
            s.setLineColor(PALETTE[degree % PALETTE.length]);
        }
        return chart;
    }

    private static void retrainedPoints(XYChart chart, MicroGptReproduction.Result r) {
        XYSeries truth = chart.addSeries("retrained", r.weights, r.retrained);
        truth.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        truth.setMarker(SeriesMarkers.CIRCLE);
        truth.setMarkerColor(Color.BLACK);
    }

    /** The degree-{@code degree} estimate as a line inside a translucent band of one standard error. */
    private static void band(XYChart chart, String name, double[] grid, SketchPrediction[] curve, int degree, Color color) {
        int n = grid.length;
        double[] x = new double[2 * n];
        double[] y = new double[2 * n];
        double[] mid = new double[n];
        for (int i = 0; i < n; i++) {
            double est = curve[i].estimate(degree);
            double se = curve[i].standardError(degree);
            mid[i] = est;
            x[i] = grid[i];
            y[i] = est + se;
            x[2 * n - 1 - i] = grid[i];
            y[2 * n - 1 - i] = est - se;
        }
        XYSeries area = chart.addSeries(name + " band", x, y);
        area.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        area.setMarker(SeriesMarkers.NONE);
        area.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 50));
        area.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
        area.setShowInLegend(false);
        XYSeries line = chart.addSeries(name, grid, mid);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(color);
        line.setLineStyle(new BasicStroke(2.5f));
    }
}
