package org.lethe.app.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lethe.app.bench.UnlearnBenchmark;
import org.lethe.app.bench.UnlearnBenchmarkResult;
import org.lethe.audit.LeaderboardResult;
import org.lethe.io.AtomicFiles;

/**
 * The leaderboard page of {@code lethe bench unlearn --report DIR}: a self-contained HTML table of every method's
 * scores, best final score first, and a scatter plot of final score against wall time as a fraction of one
 * retraining (the 2023 challenge allowed 20%), with F0 drawn as the line perfect unlearning reaches.
 */
public final class LeaderboardReport {
    /** The page's file name. */
    public static final String PAGE = "leaderboard.html";
    /** The scatter plot's file name. */
    public static final String SCATTER = "leaderboard.png";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LeaderboardReport() {
    }

    /** Writes the page and its plot into {@code dir}; returns the page. */
    public static Path write(UnlearnBenchmarkResult r, Path dir) throws IOException {
        Files.createDirectories(dir);
        String missing = null;
        try {
            AtomicFiles.write(dir.resolve(SCATTER), scatter(r.leaderboard()));
        } catch (RuntimeException | InternalError | LinkageError e) {
            // Without a font the JDK cannot draw text; the table is still worth having.
            missing = e.toString();
        }
        Path page = dir.resolve(PAGE);
        AtomicFiles.write(page, html(r, missing).getBytes(StandardCharsets.UTF_8));
        return page;
    }

    static byte[] scatter(LeaderboardResult l) throws IOException {
        // Tall enough for a legend line per row, so no row's marker is hidden below the plot.
        int height = Math.max(AuditCharts.HEIGHT, 24 * (l.rows().size() + 2) + 60);
        XYChart chart = new XYChartBuilder().width(AuditCharts.WIDTH).height(height)
                .title("Final score against cost").xAxisTitle("wall time / one retraining")
                .yAxisTitle("final score").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(9);
        double maxX = 0.25;
        for (LeaderboardResult.Row row : l.rows()) {
            if (row.error() != null || row.timeFraction() == null) {
                continue;
            }
            maxX = Math.max(maxX, row.timeFraction());
            XYSeries s = chart.addSeries(row.method(), new double[] {row.timeFraction()},
                    new double[] {row.finalScore()});
            s.setMarker(row.reference() ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
        }
        XYSeries f0 = chart.addSeries("F0", new double[] {0, maxX * 1.05}, new double[] {l.f0(), l.f0()});
        f0.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        f0.setMarker(SeriesMarkers.NONE);
        f0.setLineColor(Color.GRAY);
        XYSeries limit = chart.addSeries("20% limit", new double[] {0.2, 0.2}, new double[] {0, l.f0() * 1.3});
        limit.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        limit.setMarker(SeriesMarkers.NONE);
        limit.setLineColor(Color.LIGHT_GRAY);
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    static String html(UnlearnBenchmarkResult r, String missingPlot) {
        LeaderboardResult l = r.leaderboard();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unlearning leaderboard")
                .append("</title><style>").append(STYLE).append("</style></head><body><main>\n");
        h.append("<h1>Unlearning leaderboard</h1>\n<p class=\"sub\">Setting <b>").append(AuditReport.esc(r.setting()))
                .append("</b>: ").append(AuditReport.esc(r.data())).append(", ").append(AuditReport.esc(r.model()))
                .append(", ").append(AuditReport.esc(r.training())).append("; forget ")
                .append(AuditReport.esc(r.forget())).append(".</p>\n");
        h.append("<p>").append(l.models()).append(" unlearning runs per method against ").append(l.models())
                .append(" models retrained without the forget set; ").append(AuditReport.esc(l.originals()))
                .append(". F0, the forget quality of models indistinguishable from retraining at this N, is ")
                .append(fmt(l.f0())).append(l.f0Permutation() == null ? "" : " (permutation estimate "
                        + fmt(l.f0Permutation()) + ")")
                .append("; one retraining took ").append(fmt(l.retrainSeconds())).append(" s.</p>\n");
        h.append("<table><tr><th>method</th><th>F</th><th>final</th><th>final / F0</th><th>retain ratio</th>")
                .append("<th>test ratio</th><th>U-LiRA AUC</th><th>loss-attack AUC</th><th>forget acc.</th>")
                .append("<th>time / retraining</th></tr>\n");
        List<LeaderboardResult.Row> rows = UnlearnBenchmark.ranked(l);
        for (LeaderboardResult.Row row : rows) {
            h.append("<tr><td>").append(AuditReport.esc(row.method())).append(row.reference() ? " <i>(reference)</i>"
                    : "").append("</td>");
            if (row.error() != null) {
                h.append("<td colspan=\"9\">failed: ").append(AuditReport.esc(row.error())).append("</td></tr>\n");
                continue;
            }
            for (Double v : new Double[] {row.forgetQuality(), row.finalScore(), row.finalOverF0(),
                    row.retainAccuracyRatio(), row.testAccuracyRatio(), row.uLiraAuc(), row.lossAttackAuc(),
                    row.forgetAccuracy(), row.timeFraction()}) {
                h.append("<td>").append(fmt(v)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        if (missingPlot == null) {
            h.append("<figure><img src=\"").append(SCATTER).append("\" alt=\"final score against time\">")
                    .append("<figcaption>Final score (F x retain ratio x test ratio) against mean wall time as a ")
                    .append("fraction of one retraining. The horizontal line is F0; the vertical one the 2023 ")
                    .append("challenge's limit of 20%.</figcaption></figure>\n");
        } else {
            h.append("<p>The plot could not be drawn (no font?): ").append(AuditReport.esc(missingPlot)).append("</p>\n");
        }
        h.append("<p>U-LiRA AUC 0.5 means unlearned and retrained models cannot be told apart; the loss attack is ")
                .append("read against its ").append(fmt(l.retrainedLossAttackAuc()))
                .append(" on retrained models.</p>\n</main></body></html>\n");
        return h.toString();
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "&ndash;" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static final String STYLE = "body{margin:0;background:#f6f6f3;color:#222;font:15px/1.5 system-ui,"
            + "'DejaVu Sans',sans-serif}main{max-width:980px;margin:0 auto;padding:24px 28px;background:#fff}"
            + "table{border-collapse:collapse;width:100%}th,td{padding:4px 7px;border-bottom:1px solid #eee;"
            + "text-align:right}th:first-child,td:first-child{text-align:left}.sub{color:#555}"
            + "figure img{max-width:100%}figcaption{color:#555;font-size:13.5px}";
}
