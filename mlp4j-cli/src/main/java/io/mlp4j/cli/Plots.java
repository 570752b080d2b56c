package io.mlp4j.cli;

import io.mlp4j.eval.Evaluation;
import io.mlp4j.internal.AtomicFiles;
import io.mlp4j.train.EpochRecord;
import io.mlp4j.train.History;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** PNG charts through JFreeChart: training curves and the confusion matrix as a heat map. Written atomically. */
final class Plots {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Plots() {
    }

    /** Loss (top) and accuracy (bottom) per epoch, training and validation. */
    static void trainingCurves(History history, String title, Path file, AtomicFiles.IfExists ifExists) throws IOException {
        XYSeries trainLoss = new XYSeries("training loss"), valLoss = new XYSeries("validation loss");
        XYSeries trainAcc = new XYSeries("training accuracy"), valAcc = new XYSeries("validation accuracy");
        for (EpochRecord r : history.epochs()) {
            int e = r.epoch();
            trainLoss.add(e, r.trainLoss());
            if (!Double.isNaN(r.validationLoss())) valLoss.add(e, r.validationLoss());
            if (!Double.isNaN(r.trainAccuracy())) trainAcc.add(e, r.trainAccuracy());
            if (!Double.isNaN(r.validationAccuracy())) valAcc.add(e, r.validationAccuracy());
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(12);
        plot.add(linePlot("loss", trainLoss, valLoss), 1);
        if (trainAcc.getItemCount() > 0 || valAcc.getItemCount() > 0) plot.add(linePlot("accuracy", trainAcc, valAcc), 1);
        write(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true), file, ifExists, 800, 600);
    }

    private static XYPlot linePlot(String label, XYSeries train, XYSeries validation) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(train);
        if (validation.getItemCount() > 0) data.addSeries(validation);
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesPaint(1, new Color(0xff7f0e));
        XYPlot plot = new XYPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** The confusion matrix as a heat map: actual classes down, predicted across, each cell labelled with its count. */
    static void confusionMatrix(Evaluation e, String title, Path file, AtomicFiles.IfExists ifExists) throws IOException {
        long[][] m = e.confusion();
        List<String> names = e.classNames();
        int n = m.length;
        double[][] xyz = new double[3][n * n];
        long max = 1;
        for (long[] row : m) for (long v : row) max = Math.max(max, v);
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                int i = a * n + p;
                xyz[0][i] = p;
                xyz[1][i] = n - 1 - a; // first class at the top
                xyz[2][i] = m[a][p];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("counts", xyz);
        String[] labels = names.toArray(new String[0]);
        String[] reversed = new String[n];
        for (int i = 0; i < n; i++) reversed[i] = labels[n - 1 - i];
        SymbolAxis predicted = new SymbolAxis("predicted", labels);
        SymbolAxis actual = new SymbolAxis("actual", reversed);
        XYBlockRenderer renderer = new XYBlockRenderer();
        BlueScale scale = new BlueScale(max);
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, predicted, actual, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, n > 12 ? 9 : 12);
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                XYTextAnnotation t = new XYTextAnnotation(Long.toString(m[a][p]), p, n - 1 - a);
                t.setFont(font);
                t.setPaint(m[a][p] > max / 2 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(t);
            }
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis legendAxis = new NumberAxis("count");
        legendAxis.setRange(0, max);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        write(chart, file, ifExists, 720, 640);
    }

    /** White (0) to dark blue (max). */
    private record BlueScale(double max) implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return max;
        }

        @Override
        public Paint getPaint(double value) {
            float f = (float) Math.max(0, Math.min(1, value / max));
            return new Color(1 - 0.85f * f, 1 - 0.6f * f, 1 - 0.25f * f);
        }
    }

    private static void write(JFreeChart chart, Path file, AtomicFiles.IfExists ifExists, int width, int height)
            throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartUtils.writeChartAsPNG(png, chart, width, height);
        AtomicFiles.write(file, ifExists, java.nio.ByteBuffer.wrap(png.toByteArray()));
    }
}
