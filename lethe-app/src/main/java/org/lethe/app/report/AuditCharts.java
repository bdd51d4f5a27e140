package org.lethe.app.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lethe.audit.AuditResult;
import org.lethe.audit.ClassAccuracy;
import org.lethe.audit.RocCurve;

/**
 * The PNG plots of an audit report, drawn with XChart off screen: forget-set confidences against the retrained
 * distribution, ROC curves of the attacks, accuracy per class, and the forget-quality buckets.
 */
final class AuditCharts {
    static final int WIDTH = 760;
    static final int HEIGHT = 420;
    private static final int BINS = 30;
    private static final Color RETRAINED = new Color(0x1b9e77);
    private static final Color UNLEARNED = new Color(0x7570b3);
    private static final Color MODEL = new Color(0xd95f02);
    private static final Color GREY = new Color(0x999999);

    private AuditCharts() {
    }

    static {
        // Charts are drawn into images; no display is needed or wanted.
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * Densities of the logit-scaled confidence of the scored forget examples: pooled over the retrained references,
     * pooled over the unlearned comparison models, and under the audited model.
     */
    static byte[] confidences(AuditResult r) throws IOException {
        double[] retrained = flatten(r.retrainedConfidence());
        double[] unlearned = flatten(r.unlearnedConfidence());
        double[] model = r.modelForgetConfidence();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] v : new double[][] {retrained, unlearned, model}) {
            for (double x : v) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
        }
        if (!(hi > lo)) {
            lo -= 1;
            hi += 1;
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title("Confidence on the forgotten examples")
                .xAxisTitle("logit-scaled confidence log p(y) - log(1 - p(y))").yAxisTitle("density").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        addDensity(chart, "retrained without them (" + r.retrainedConfidence().length + " models)", retrained, lo, hi,
                RETRAINED, XYSeries.XYSeriesRenderStyle.StepArea);
        if (unlearned.length > 0) {
            addDensity(chart, "unlearned comparison (" + r.unlearnedConfidence().length + " models)", unlearned, lo, hi,
                    UNLEARNED, XYSeries.XYSeriesRenderStyle.Step);
        }
        addDensity(chart, "audited model (" + model.length + " examples)", model, lo, hi, MODEL,
                XYSeries.XYSeriesRenderStyle.Step);
        chart.getStyler().setXAxisDecimalPattern("0.#").setYAxisDecimalPattern("0.00");
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** ROC curves: the loss-threshold attack on the audited model and on a retrained reference, and U-LiRA. */
    static byte[] roc(AuditResult r) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title("Membership inference: ROC curves")
                .xAxisTitle("false-positive rate").yAxisTitle("true-positive rate").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setXAxisDecimalPattern("0.0#").setYAxisDecimalPattern("0.0#");
        XYSeries diagonal = chart.addSeries("guessing", new double[] {0, 1}, new double[] {0, 1});
        diagonal.setMarker(SeriesMarkers.NONE);
        diagonal.setLineColor(GREY);
        diagonal.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                10f, new float[] {4f, 4f}, 0f));
        if (r.modelLossAttack() != null) {
            addRoc(chart, String.format(java.util.Locale.ROOT, "loss attack, audited model (AUC %.3f)",
                    r.modelLossAttack().auc()), r.modelLossAttack(), MODEL);
        }
        List<RocCurve> refs = r.retrainedLossAttacks();
        if (!refs.isEmpty()) {
            addRoc(chart, String.format(java.util.Locale.ROOT, "loss attack, a retrained model (AUC %.3f)",
                    refs.get(0).auc()), refs.get(0), RETRAINED);
        }
        if (r.unlearningLira() != null) {
            addRoc(chart, String.format(java.util.Locale.ROOT, "U-LiRA, unlearned vs retrained models (AUC %.3f)",
                    r.unlearningLira().auc()), r.unlearningLira(), UNLEARNED);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Accuracy per class on held-out and forgotten examples, audited model against the retrained mean. */
    static byte[] accuracyPerClass(AuditResult r) throws IOException {
        ClassAccuracy heldOut = r.modelHeldOut();
        ClassAccuracy forget = r.modelForget();
        int classes = heldOut.classes();
        List<String> x = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            x.add(Integer.toString(c));
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title("Accuracy per class")
                .xAxisTitle("class").yAxisTitle("accuracy").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setAvailableSpaceFill(0.85);
        chart.addSeries("held out, audited", x, bars(heldOut.perClass())).setFillColor(MODEL);
        chart.addSeries("held out, retrained", x, bars(r.retrainedHeldOutPerClass())).setFillColor(RETRAINED);
        chart.addSeries("forgotten, audited", x, bars(forget.perClass())).setFillColor(lighter(MODEL));
        chart.addSeries("forgotten, retrained", x, bars(r.retrainedForgetPerClass())).setFillColor(lighter(RETRAINED));
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Forget examples per epsilon bucket, with the points each bucket earns. */
    static byte[] epsilonBuckets(List<String> labels, List<Integer> counts) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT - 60)
                .title("Forgotten examples by epsilon (points per bucket)")
                .xAxisTitle("epsilon bucket").yAxisTitle("examples").build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("#");
        chart.getStyler().setXAxisLabelRotation(30);
        List<Number> y = new ArrayList<>(counts);
        chart.addSeries("examples", labels, y).setFillColor(UNLEARNED);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    private static void addDensity(XYChart chart, String name, double[] values, double lo, double hi, Color color,
                                   XYSeries.XYSeriesRenderStyle style) {
        double width = (hi - lo) / BINS;
        double[] x = new double[BINS + 2];
        double[] y = new double[BINS + 2];
        int[] counts = new int[BINS];
        for (double v : values) {
            counts[Math.min(BINS - 1, Math.max(0, (int) ((v - lo) / width)))]++;
        }
        // Steps drawn from each bin's left edge, closed at both ends so the area outline returns to 0.
        x[0] = lo;
        for (int b = 0; b < BINS; b++) {
            x[b + 1] = lo + b * width;
            y[b + 1] = values.length == 0 ? 0 : counts[b] / (values.length * width);
        }
        x[BINS + 1] = hi;
        y[BINS + 1] = y[BINS];
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(style);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2f);
        if (style == XYSeries.XYSeriesRenderStyle.StepArea) {
            s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
        }
    }

    private static void addRoc(XYChart chart, String name, RocCurve roc, Color color) {
        XYSeries s = chart.addSeries(name, roc.fprs(), roc.tprs());
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineWidth(2f);
    }

    private static List<Number> bars(double[] values) {
        List<Number> out = new ArrayList<>();
        for (double v : values) {
            out.add(Double.isFinite(v) ? v : null);
        }
        return out;
    }

    private static Color lighter(Color c) {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }

    private static double[] flatten(double[][] m) {
        int n = 0;
        for (double[] row : m) {
            n += row.length;
        }
        double[] out = new double[n];
        int k = 0;
        for (double[] row : m) {
            System.arraycopy(row, 0, out, k, row.length);
            k += row.length;
        }
        return out;
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xe5e5e5));
        s.setLegendBorderColor(new Color(0xdddddd));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAntiAlias(true);
    }
}
