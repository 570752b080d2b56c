package io.mlp4j.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * One partition's training rows as the kernels want them, float rows of features and targets (one-hot for classes),
 * converted once and cached by Spark; with the first bad row it met (checked while converting, so bad input is
 * reported before the first step) and a hash of its contents (the data's fingerprint for checkpoints).
 */
final class RowBlock implements Serializable {
    private static final long serialVersionUID = 1L;

    final float[][] x;
    final float[][] y;
    /** The first bad row's index in this partition and what is wrong with it, or -1 and null. */
    final int badRow;
    final String problem;
    final long hash;

    private RowBlock(float[][] x, float[][] y, int badRow, String problem, long hash) {
        this.x = x;
        this.y = y;
        this.badRow = badRow;
        this.problem = problem;
        this.hash = hash;
    }

    int size() {
        return x.length;
    }

    /**
     * Converts a partition's (features, label) rows. {@code classes} &gt; 0: labels must be the class indices
     * 0 … classes−1 and become one-hot rows; 0: the label is the regression target. Stops converting at the first bad
     * row (its problem names the column), but keeps counting, so the driver can still number the rows.
     */
    static RowBlock convert(Iterator<Row> rows, String featuresCol, String labelCol, int inputs, int classes) {
        List<float[]> xs = new ArrayList<>(), ys = new ArrayList<>();
        int index = 0, badRow = -1;
        String problem = null;
        long h = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (problem == null) {
                problem = check(row, featuresCol, labelCol, inputs, classes);
                if (problem != null) {
                    badRow = index;
                } else {
                    float[] x = features((Vector) row.get(0), inputs);
                    float[] y = target(row.getDouble(1), classes);
                    for (float v : x) h = mix(h, Float.floatToIntBits(v));
                    for (float v : y) h = mix(h, Float.floatToIntBits(v));
                    xs.add(x);
                    ys.add(y);
                }
            }
            index++;
        }
        if (problem != null) return new RowBlock(new float[index][], new float[0][], badRow, problem, 0);
        return new RowBlock(xs.toArray(new float[0][]), ys.toArray(new float[0][]), -1, null, h);
    }

    private static String check(Row row, String featuresCol, String labelCol, int inputs, int classes) {
        if (row.isNullAt(0)) return "column '" + featuresCol + "' is null";
        if (row.isNullAt(1)) return "column '" + labelCol + "' is null";
        Vector v = (Vector) row.get(0);
        if (v.size() != inputs) {
            return "column '" + featuresCol + "' has a vector of " + v.size() + " values but the first layer has "
                    + inputs + " inputs";
        }
        double[] values = v.toArray();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) return "column '" + featuresCol + "' has " + values[i] + " at index " + i;
            if (Math.abs(values[i]) > Float.MAX_VALUE) {
                return "column '" + featuresCol + "' has " + values[i] + " at index " + i + ", beyond float range";
            }
        }
        double label = row.getDouble(1);
        if (!Double.isFinite(label)) return "column '" + labelCol + "' is " + label;
        if (classes > 0 && (label != Math.rint(label) || label < 0 || label >= classes)) {
            return String.format(Locale.ROOT, "column '%s' is %s, not a class index 0..%d (the output layer has %d units;"
                    + " index string labels with StringIndexer)", labelCol, label, classes - 1, classes);
        }
        return null;
    }

    private static float[] features(Vector v, int inputs) {
        double[] values = v.toArray();
        float[] x = new float[inputs];
        for (int i = 0; i < inputs; i++) x[i] = (float) values[i];
        return x;
    }

    private static float[] target(double label, int classes) {
        if (classes == 0) return new float[] {(float) label};
        float[] y = new float[classes];
        y[(int) label] = 1f;
        return y;
    }

    /** One step of a multiplicative hash (SplitMix64's golden-ratio constant), as core's Fingerprints use. */
    static long mix(long h, long value) {
        h = (h ^ value) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
