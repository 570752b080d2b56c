package io.mlp4j.eval;

import io.mlp4j.data.Dataset;
import io.mlp4j.data.Normalizer;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Batches;
import io.mlp4j.nn.Network;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How well a network does on a data set: the mean cost, and for classification the accuracy, the confusion matrix
 * and per-class precision, recall and F1 with their macro averages; for regression MSE, MAE and R².
 *
 * <p>The predicted class is the output with the largest activation (argmax).
 */
public final class Evaluation {
    private final int samples;
    private final double loss;
    private final List<String> classNames;
    private final long[][] confusion;
    private final double mse, mae, r2;
    /** Whether the loss is on scaled regression targets (the training's units) while MSE, MAE, R² are in the targets'. */
    private final boolean lossOnScaledTargets;

    private Evaluation(int samples, double loss, List<String> classNames, long[][] confusion,
                       double mse, double mae, double r2, boolean lossOnScaledTargets) {
        this.lossOnScaledTargets = lossOnScaledTargets;
        this.samples = samples;
        this.loss = loss;
        this.classNames = classNames;
        this.confusion = confusion;
        this.mse = mse;
        this.mae = mae;
        this.r2 = r2;
    }

    /** Runs the network over the data in batches of 256 and measures it. */
    public static Evaluation of(Network net, Dataset data) {
        return of(net, data, null);
    }

    /**
     * The same for a network trained on scaled regression targets: {@code data} holds the targets in their own units;
     * the loss is in the scaled units the network was trained in (comparable with its training history), MSE, MAE
     * and R² in the targets' own units. {@code targetScaling} null: no scaling.
     */
    public static Evaluation of(Network net, Dataset data, Normalizer targetScaling) {
        if (data.size() == 0) throw new IllegalArgumentException("cannot evaluate on an empty data set");
        if (data.featureCount() != net.inputSize()) {
            throw new IllegalArgumentException("the data has " + data.featureCount() + " features but the network expects "
                    + net.inputSize() + " inputs");
        }
        if (data.targetCount() != net.outputSize()) {
            throw new IllegalArgumentException("the data has " + data.targetCount()
                    + (data.isClassification() ? " classes" : " targets") + " but the network has " + net.outputSize()
                    + " outputs");
        }
        if (targetScaling != null && data.isClassification()) {
            throw new IllegalArgumentException("class targets are not scaled: evaluate a classifier without target scaling");
        }
        Dataset scaled = targetScaling == null ? data : targetScaling.applyToTargets(data);
        int outputs = net.outputSize();
        Backpropagation pass = new Backpropagation(net, Math.min(256, data.size()));
        double[] lossSum = {0};
        long[][] confusion = data.isClassification() ? new long[outputs][outputs] : null;
        Regression reg = data.isClassification() ? null : new Regression(data.targets(), outputs);
        Batches.walk(data.size(), pass.capacity(), 0, (b, start, m) -> {
            pass.load(scaled.features(), scaled.targets(), null, start, m);
            lossSum[0] += pass.forward(0f, null) * m;
            float[] a = pass.outputs();
            for (int r = 0; r < m; r++) {
                if (confusion != null) {
                    confusion[data.labels()[start + r]][argmax(a, r * outputs, outputs)]++;
                } else {
                    float[] own = targetScaling == null ? a : targetScaling.invert(Arrays.copyOfRange(a, r * outputs, (r + 1) * outputs));
                    reg.add(own, targetScaling == null ? r * outputs : 0, data.targets()[start + r]);
                }
            }
        });
        double loss = lossSum[0] / data.size();
        if (confusion != null) {
            return new Evaluation(data.size(), loss, data.classNames(), confusion, Double.NaN, Double.NaN, Double.NaN, false);
        }
        return new Evaluation(data.size(), loss, null, null, reg.mse(), reg.mae(), reg.r2(), targetScaling != null);
    }

    /** The index of the largest of a[offset … offset+n), the first on ties: the predicted class of one output row. */
    public static int argmax(float[] a, int offset, int n) {
        int best = 0;
        for (int j = 1; j < n; j++) if (a[offset + j] > a[offset + best]) best = j;
        return best;
    }

    /** Sums for regression metrics, over all targets (R² averaged uniformly over target columns). */
    private static final class Regression {
        final double[] mean;
        final double[] ssRes, ssTot;
        double absSum, sqSum;
        long count;

        Regression(float[][] targets, int outputs) {
            mean = new double[outputs];
            for (float[] y : targets) for (int j = 0; j < outputs; j++) mean[j] += y[j];
            for (int j = 0; j < outputs; j++) mean[j] /= targets.length;
            ssRes = new double[outputs];
            ssTot = new double[outputs];
        }

        void add(float[] a, int offset, float[] y) {
            for (int j = 0; j < y.length; j++) {
                double e = a[offset + j] - y[j];
                absSum += Math.abs(e);
                sqSum += e * e;
                ssRes[j] += e * e;
                ssTot[j] += (y[j] - mean[j]) * (y[j] - mean[j]);
                count++;
            }
        }

        double mse() {
            return sqSum / count;
        }

        double mae() {
            return absSum / count;
        }

        double r2() {
            double sum = 0;
            for (int j = 0; j < mean.length; j++) sum += ssTot[j] == 0 ? (ssRes[j] == 0 ? 1 : 0) : 1 - ssRes[j] / ssTot[j];
            return sum / mean.length;
        }
    }

    public int samples() {
        return samples;
    }

    /** The mean cost per sample. */
    public double loss() {
        return loss;
    }

    public boolean isClassification() {
        return confusion != null;
    }

    /** Fraction classified correctly. */
    public double accuracy() {
        requireClassification();
        long correct = 0;
        for (int c = 0; c < confusion.length; c++) correct += confusion[c][c];
        return (double) correct / samples;
    }

    /** confusion()[actual][predicted]: how many samples of class {@code actual} were predicted as {@code predicted}. */
    public long[][] confusion() {
        requireClassification();
        long[][] copy = new long[confusion.length][];
        for (int i = 0; i < confusion.length; i++) copy[i] = confusion[i].clone();
        return copy;
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Of the samples predicted as class c, the fraction that are c (0 when none were predicted as c). */
    public double precision(int c) {
        requireClassification();
        long predicted = 0;
        for (long[] row : confusion) predicted += row[c];
        return predicted == 0 ? 0 : (double) confusion[c][c] / predicted;
    }

    /** Of the samples of class c, the fraction predicted as c (0 when the data has none). */
    public double recall(int c) {
        requireClassification();
        long actual = 0;
        for (long v : confusion[c]) actual += v;
        return actual == 0 ? 0 : (double) confusion[c][c] / actual;
    }

    /** The harmonic mean of precision and recall (0 when both are 0). */
    public double f1(int c) {
        double p = precision(c), r = recall(c);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public double macroPrecision() {
        double s = 0;
        for (int c = 0; c < confusion.length; c++) s += precision(c);
        return s / confusion.length;
    }

    public double macroRecall() {
        double s = 0;
        for (int c = 0; c < confusion.length; c++) s += recall(c);
        return s / confusion.length;
    }

    public double macroF1() {
        double s = 0;
        for (int c = 0; c < confusion.length; c++) s += f1(c);
        return s / confusion.length;
    }

    /** Mean squared error over all targets (regression). */
    public double mse() {
        requireRegression();
        return mse;
    }

    /** Mean absolute error over all targets (regression). */
    public double mae() {
        requireRegression();
        return mae;
    }

    /** Coefficient of determination 1 − SS_res/SS_tot, averaged over target columns (regression). */
    public double r2() {
        requireRegression();
        return r2;
    }

    private void requireClassification() {
        if (confusion == null) throw new IllegalStateException("a regression evaluation has no classes");
    }

    private void requireRegression() {
        if (confusion != null) throw new IllegalStateException("a classification evaluation has no regression metrics");
    }

    /** A plain-text report: the summary, the confusion matrix, and per-class precision, recall and F1. */
    public String report() {
        StringBuilder s = new StringBuilder();
        if (!isClassification()) {
            return String.format(Locale.ROOT, "samples %d  loss %.6f%s  MSE %.6f  MAE %.6f  R² %.4f%n", samples, loss,
                    lossOnScaledTargets ? " (on scaled targets)" : "", mse, mae, r2);
        }
        s.append(String.format(Locale.ROOT, "samples %d  loss %.6f  accuracy %.4f%n%n", samples, loss, accuracy()));
        int width = Math.max(6, classNames.stream().mapToInt(String::length).max().orElse(1) + 1);
        width = Math.min(width, 14);
        s.append("confusion matrix (rows: actual, columns: predicted)\n");
        s.append(pad("", width));
        for (String n : classNames) s.append(pad(n, width));
        s.append('\n');
        for (int a = 0; a < confusion.length; a++) {
            s.append(pad(classNames.get(a), width));
            for (long v : confusion[a]) s.append(pad(Long.toString(v), width));
            s.append('\n');
        }
        s.append('\n').append(pad("class", width)).append(String.format(Locale.ROOT, "%10s %10s %10s %8s%n",
                "precision", "recall", "f1", "support"));
        for (int c = 0; c < confusion.length; c++) {
            long support = 0;
            for (long v : confusion[c]) support += v;
            s.append(pad(classNames.get(c), width)).append(String.format(Locale.ROOT, "%10.4f %10.4f %10.4f %8d%n",
                    precision(c), recall(c), f1(c), support));
        }
        s.append(pad("macro", width)).append(String.format(Locale.ROOT, "%10.4f %10.4f %10.4f %8d%n",
                macroPrecision(), macroRecall(), macroF1(), samples));
        return s.toString();
    }

    private static String pad(String s, int width) {
        String t = s.length() >= width ? s.substring(0, width - 1) : s;
        return " ".repeat(width - t.length()) + t;
    }
}
