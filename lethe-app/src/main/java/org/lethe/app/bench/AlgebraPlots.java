package org.lethe.app.bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNG plots of {@code lethe bench algebra}: the test loss and accuracy along the interpolation paths of the
 * first Re-Basin pair, and the relearning curves of the first removal seed.
 */
public final class AlgebraPlots {
    private static final Color[] COLORS = {new Color(0xC0392B), new Color(0x2471A3), new Color(0x229954)};

    private AlgebraPlots() {
    }

    /** Writes {@code algebra-barrier.png} and {@code algebra-relearn.png} into {@code dir}; returns their paths. */
    public static List<Path> write(AlgebraBenchmarkResult r, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        AlgebraBenchmarkResult.Pair pair = r.rebasin().pairs().get(0);
        XYChart barrier = chart("Interpolation from A to B (" + r.rebasin().data() + ", test)", "t", "test loss");
        XYChart accuracy = chart("Interpolation from A to B (" + r.rebasin().data() + ", test)", "t", "test accuracy");
        for (int k = 0; k < pair.paths().size(); k++) {
            AlgebraBenchmarkResult.Path p = pair.paths().get(k);
            String name = p.alignment().equals("none") ? "naive" : p.alignment() + " matched";
            style(barrier.addSeries(name, p.t(), p.testLoss()), k);
            style(accuracy.addSeries(name, p.t(), p.testAccuracy()), k);
        }
        AlgebraBenchmarkResult.Relearn relearn = r.removal().seeds().get(0).relearn();
        XYChart curves = chart("Relearning digits 0-4 (seed " + r.removal().seeds().get(0).seed() + ")",
                "fine-tuning steps on 32 removed digits", "accuracy on removed digits");
        style(curves.addSeries("after task-vector removal", steps(relearn.edited()), relearn.edited()), 0);
        style(curves.addSeries("gold (never saw 0-4)", steps(relearn.gold()), relearn.gold()), 1);
        style(curves.addSeries("original M", steps(relearn.original()), relearn.original()), 2);
        Path a = dir.resolve("algebra-barrier.png");
        Path b = dir.resolve("algebra-barrier-accuracy.png");
        Path c = dir.resolve("algebra-relearn.png");
        BitmapEncoder.saveBitmap(barrier, a.toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(accuracy, b.toString(), BitmapEncoder.BitmapFormat.PNG);
        BitmapEncoder.saveBitmap(curves, c.toString(), BitmapEncoder.BitmapFormat.PNG);
        return List.of(a, b, c);
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart chart = new XYChartBuilder().width(720).height(420).title(title).xAxisTitle(x).yAxisTitle(y).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(4);
        return chart;
    }

    private static void style(XYSeries s, int k) {
        s.setLineColor(COLORS[k % COLORS.length]);
        s.setMarkerColor(COLORS[k % COLORS.length]);
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    private static List<Integer> steps(List<Double> curve) {
        return java.util.stream.IntStream.range(0, curve.size()).boxed().toList();
    }
}
