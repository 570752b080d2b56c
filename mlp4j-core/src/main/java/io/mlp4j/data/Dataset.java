package io.mlp4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled samples: one feature row per sample and its target row. For classification the targets are one-hot
 * encodings of {@link #labels()} over {@link #classNames()}; for regression they are the numeric targets and
 * {@code labels()} is null.
 */
public final class Dataset {
    private final float[][] features;
    private final float[][] targets;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> featureNames;

    private Dataset(float[][] features, float[][] targets, int[] labels, List<String> classNames,
                    List<String> featureNames) {
        if (features.length != targets.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + targets.length + " target rows");
        }
        this.features = features;
        this.targets = targets;
        this.labels = labels;
        this.classNames = classNames == null ? null : List.copyOf(classNames);
        this.featureNames = featureNames == null ? null : List.copyOf(featureNames);
    }

    /** Classification data: labels are class indices into {@code classNames}; targets become one-hot rows. */
    public static Dataset classification(float[][] features, int[] labels, List<String> classNames,
                                         List<String> featureNames) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " labels");
        }
        return new Dataset(features, oneHot(labels, classNames.size()), labels.clone(), classNames, featureNames);
    }

    /** Regression data: one or more numeric targets per row. */
    public static Dataset regression(float[][] features, float[][] targets, List<String> featureNames) {
        return new Dataset(features, targets, null, null, featureNames);
    }

    /** One-hot rows: row i has a 1 at column labels[i]. */
    public static float[][] oneHot(int[] labels, int classes) {
        float[][] y = new float[labels.length][classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside 0.." + (classes - 1));
            }
            y[i][labels[i]] = 1f;
        }
        return y;
    }

    public int size() {
        return features.length;
    }

    public int featureCount() {
        return features.length == 0 ? (featureNames == null ? 0 : featureNames.size()) : features[0].length;
    }

    public int targetCount() {
        return targets.length == 0 ? (classNames == null ? 0 : classNames.size()) : targets[0].length;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** The feature rows (not copied: the arrays the trainer reads). */
    public float[][] features() {
        return features;
    }

    /** The target rows: one-hot for classification (not copied). */
    public float[][] targets() {
        return targets;
    }

    /** Class indices, or null for regression (not copied). */
    public int[] labels() {
        return labels;
    }

    /** Class names in index order, or null for regression. */
    public List<String> classNames() {
        return classNames;
    }

    /** Feature names (a CSV header), or null when the source has none. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The rows at the given indices, in that order (rows are shared, not copied). */
    public Dataset subset(int[] rows) {
        float[][] x = new float[rows.length][];
        float[][] y = new float[rows.length][];
        int[] l = labels == null ? null : new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            x[i] = features[rows[i]];
            y[i] = targets[rows[i]];
            if (l != null) l[i] = labels[rows[i]];
        }
        return new Dataset(x, y, l, classNames, featureNames);
    }

    /** The same samples with new feature rows (e.g. normalized). */
    public Dataset withFeatures(float[][] newFeatures) {
        return new Dataset(newFeatures, targets, labels, classNames, featureNames);
    }

    /** How many samples each class has (classification only). */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int l : labels) counts[l]++;
        return counts;
    }

    @Override
    public String toString() {
        return size() + " samples × " + featureCount() + " features"
                + (isClassification() ? ", " + classNames.size() + " classes" : ", " + targetCount() + " targets");
    }

    /** Class names "0", "1", … for data whose labels are plain numbers (IDX files). */
    public static List<String> numberedClasses(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) names.add(Integer.toString(i));
        return names;
    }

    static int max(int[] values) {
        return Arrays.stream(values).max().orElse(-1);
    }
}
