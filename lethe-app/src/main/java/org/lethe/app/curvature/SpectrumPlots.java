package org.lethe.app.curvature;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.lethe.curvature.BandDiagnostic;
import org.lethe.curvature.LayerSpectrum;
import org.lethe.io.AtomicFiles;

/**
 * PNG plots of {@code lethe curvature spectrum}, three per layer: the eigenvalue spectra of A and G (log scale,
 * by rank), the share of eigen-pairs kept against the keep-mass, and the band diagnostic (memorised against clean
 * inputs' share of squared norm in each band of A's eigenvectors).
 */
public final class SpectrumPlots {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 520;
    /** Eigenvalues are clamped at this floor on the log axis (a log axis cannot show zero). */
    private static final double FLOOR = 1e-16;

    private SpectrumPlots() {
    }

    /** Writes the plots of every layer into {@code dir} (created) and returns their paths. */
    public static List<Path> write(List<LayerSpectrum> layers, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (LayerSpectrum l : layers) {
            String stem = l.layer().replaceAll("[^A-Za-z0-9_.-]", "_");
            files.add(save(eigenvalues(l), dir.resolve(stem + "-eigenvalues.png")));
            files.add(save(keptPairs(l), dir.resolve(stem + "-kept-pairs.png")));
            files.add(save(bands(l), dir.resolve(stem + "-bands.png")));
        }
        return files;
    }

    private static Path save(Chart<?, ?> chart, Path file) throws IOException {
        AtomicFiles.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        return file;
    }

    private static void style(Styler s) {
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setChartBackgroundColor(Color.WHITE);
    }

    static XYChart eigenvalues(LayerSpectrum l) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(l.layer() + ": eigenvalues of A and G")
                .xAxisTitle("rank / size").yAxisTitle("eigenvalue").build();
        style(chart.getStyler());
        chart.getStyler().setYAxisLogarithmic(true);
        series(chart, "A (inputs, " + l.inputEigenvalues().length + ")", l.inputEigenvalues());
        series(chart, "G (output gradients, " + l.outputEigenvalues().length + ")", l.outputEigenvalues());
        return chart;
    }

    private static void series(XYChart chart, String name, double[] values) {
        double[] x = new double[values.length];
        double[] y = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            x[i] = values.length == 1 ? 0 : (double) i / (values.length - 1);
            y[i] = Math.max(FLOOR, values[i]);
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }

    static XYChart keptPairs(LayerSpectrum l) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(l.layer() + ": pairs kept against "
                + "curvature mass kept").xAxisTitle("keep-mass rho").yAxisTitle("share of eigen-pairs kept").build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        XYSeries s = chart.addSeries("kept pairs", l.keepMasses(), l.keptPairs());
        s.setMarker(SeriesMarkers.CIRCLE);
        return chart;
    }

    static CategoryChart bands(LayerSpectrum l) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(l.layer()
                + ": input norm in bands of A's eigenvectors").xAxisTitle("band (by eigenvalue rank)")
                .yAxisTitle("mean share of squared norm").build();
        style(chart.getStyler());
        List<Double> mem = new ArrayList<>();
        List<Double> clean = new ArrayList<>();
        for (int b = 0; b < BandDiagnostic.BANDS.size(); b++) {
            mem.add(l.bands().memorised()[b]);
            clean.add(l.bands().clean()[b]);
        }
        chart.addSeries("memorised", BandDiagnostic.BANDS, mem);
        chart.addSeries("clean", BandDiagnostic.BANDS, clean);
        return chart;
    }
}
