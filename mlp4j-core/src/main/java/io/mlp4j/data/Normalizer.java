package io.mlp4j.data;

import java.util.Locale;

/**
 * A per-feature affine transform x′ = (x − shift) / scale, fitted on the training split only and stored with the
 * model, so prediction applies exactly the transform training saw.
 * <ul>
 *   <li>{@link Kind#MIN_MAX}: shift = min, scale = max − min, mapping the training range to [0, 1];</li>
 *   <li>{@link Kind#STANDARD}: shift = mean, scale = standard deviation (population), giving mean 0 and variance 1.</li>
 * </ul>
 * A constant feature (scale 0) gets scale 1, so it maps to 0 instead of dividing by zero.
 */
public final class Normalizer {
    public enum Kind {
        MIN_MAX, STANDARD;

        public String id() {
            return this == MIN_MAX ? "minmax" : "standard";
        }

        public static Kind fromId(String id) {
            return switch (id.toLowerCase(Locale.ROOT)) {
                case "minmax", "min-max", "min_max" -> MIN_MAX;
                case "standard", "standardize", "zscore", "z-score" -> STANDARD;
                default -> throw new IllegalArgumentException("unknown normalization '" + id + "' (expected minmax or standard)");
            };
        }
    }

    private final Kind kind;
    private final float[] shift;
    private final float[] scale;

    public Normalizer(Kind kind, float[] shift, float[] scale) {
        if (shift.length != scale.length) {
            throw new IllegalArgumentException("normalization: " + shift.length + " shifts but " + scale.length + " scales");
        }
        for (int j = 0; j < scale.length; j++) {
            if (!Float.isFinite(shift[j]) || !Float.isFinite(scale[j]) || scale[j] <= 0) {
                throw new IllegalArgumentException("normalization of feature " + j + ": shift " + shift[j] + ", scale "
                        + scale[j] + " (need finite values and a positive scale)");
            }
        }
        this.kind = kind;
        this.shift = shift.clone();
        this.scale = scale.clone();
    }

    /** Fits the statistics on {@code rows} (the training split), accumulating in double. */
    public static Normalizer fit(Kind kind, float[][] rows) {
        if (rows.length == 0) throw new IllegalArgumentException("cannot fit a normalization on no rows");
        int d = rows[0].length;
        float[] shift = new float[d], scale = new float[d];
        for (int j = 0; j < d; j++) {
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, sum = 0;
            for (float[] row : rows) {
                lo = Math.min(lo, row[j]);
                hi = Math.max(hi, row[j]);
                sum += row[j];
            }
            double s;
            if (kind == Kind.MIN_MAX) {
                shift[j] = (float) lo;
                s = hi - lo;
            } else {
                double mean = sum / rows.length, sq = 0;
                for (float[] row : rows) sq += (row[j] - mean) * (row[j] - mean);
                shift[j] = (float) mean;
                s = Math.sqrt(sq / rows.length);
            }
            scale[j] = s > 1e-12 ? (float) s : 1f;
        }
        return new Normalizer(kind, shift, scale);
    }

    public Kind kind() {
        return kind;
    }

    public int featureCount() {
        return shift.length;
    }

    public float[] shift() {
        return shift.clone();
    }

    public float[] scale() {
        return scale.clone();
    }

    /** A normalized copy of one row. */
    public float[] apply(float[] row) {
        if (row.length != shift.length) {
            throw new IllegalArgumentException("row has " + row.length + " features, the normalization expects " + shift.length);
        }
        float[] out = new float[row.length];
        for (int j = 0; j < row.length; j++) out[j] = (row[j] - shift[j]) / scale[j];
        return out;
    }

    /** Normalized copies of all rows. */
    public float[][] apply(float[][] rows) {
        float[][] out = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = apply(rows[i]);
        return out;
    }

    /** The inverse of {@link #apply(float[])}: x = x′·scale + shift, e.g. a prediction back in the targets' units. */
    public float[] invert(float[] row) {
        if (row.length != shift.length) {
            throw new IllegalArgumentException("row has " + row.length + " values, the normalization expects " + shift.length);
        }
        float[] out = new float[row.length];
        for (int j = 0; j < row.length; j++) out[j] = row[j] * scale[j] + shift[j];
        return out;
    }

    /** Regression data with normalized targets (fit on the targets: {@code fit(kind, data.targets())}). */
    public Dataset applyToTargets(Dataset data) {
        if (data.isClassification()) throw new IllegalArgumentException("class targets are one-hot: they are not scaled");
        return Dataset.regression(data.features(), apply(data.targets()), data.featureNames());
    }

    /** The data set with normalized features. */
    public Dataset apply(Dataset data) {
        return data.withFeatures(apply(data.features()));
    }
}
