package io.mlp4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;

/** Checks of plausible-looking data that would train a wrong model without an error. */
public final class DataChecks {
    /** Features beyond ±10 suggest raw units (pixels 0..255, prices, years) rather than scaled values. */
    public static final float UNSCALED_LIMIT = 10f;

    private DataChecks() {
    }

    /**
     * A warning when features look unscaled and no normalization is applied: the classic cause of "the network
     * predicts one class for everything" (sigmoids saturate, gradients vanish or explode).
     */
    public static Optional<String> unscaledWarning(Dataset data) {
        float worst = 0;
        int column = -1;
        for (float[] row : data.features()) {
            for (int j = 0; j < row.length; j++) {
                if (Math.abs(row[j]) > worst) {
                    worst = Math.abs(row[j]);
                    column = j;
                }
            }
        }
        if (worst <= UNSCALED_LIMIT) return Optional.empty();
        String name = data.featureNames() != null ? " ('" + data.featureNames().get(column) + "')" : "";
        return Optional.of("features look unscaled: |values| reach " + worst + " in column " + column + name
                + "; without normalization the network may predict "
                + (data.isClassification() ? "one class for everything" : "nearly the same value for every input")
                + " (normalize with minmax or standard)");
    }

    /** A class this many times smaller than the largest one looks like a stray label rather than a class. */
    public static final int RARE_CLASS_RATIO = 100;

    /**
     * Class-index labels (IDX files, where the class count is the largest label + 1) must be 0..N−1 with samples of
     * every class: one stray byte (a 200 among 0..9) would otherwise make a 201-class model, 190 classes of which no
     * sample has. Test labels must be among the training labels.
     */
    public static void requireContiguousClasses(int[] trainLabels, String trainName, int[] testLabels, String testName)
            throws InvalidDataException {
        TreeMap<Integer, Integer> train = counts(trainLabels);
        if (!train.isEmpty() && (train.firstKey() != 0 || train.lastKey() != train.size() - 1)) {
            throw new InvalidDataException(trainName + ": " + train.size() + " distinct labels " + runs(train)
                    + "; expected contiguous classes 0..N−1 — is the file corrupt?");
        }
        if (testLabels == null) return;
        TreeMap<Integer, Integer> unknown = new TreeMap<>(counts(testLabels));
        unknown.keySet().removeAll(train.keySet());
        if (!unknown.isEmpty()) {
            int samples = unknown.values().stream().mapToInt(Integer::intValue).sum();
            throw new InvalidDataException(testName + ": label" + (unknown.size() == 1 ? " " : "s ") + runs(unknown, false)
                    + " (" + samples(samples) + ") " + (unknown.size() == 1 ? "is" : "are") + " not among the training labels "
                    + runs(train, false) + " — is the file corrupt?");
        }
    }

    /**
     * A warning for classes with fewer than 1/{@value #RARE_CLASS_RATIO} of the largest class's samples: a stray
     * label makes a class the network cannot learn (real, heavily imbalanced data gets the warning too; it trains).
     */
    public static Optional<String> rareClassWarning(Dataset data) {
        if (!data.isClassification() || data.size() == 0) return Optional.empty();
        int[] counts = data.classCounts();
        int largest = 0;
        for (int c : counts) largest = Math.max(largest, c);
        List<String> rare = new ArrayList<>();
        for (int k = 0; k < counts.length; k++) {
            if ((long) counts[k] * RARE_CLASS_RATIO < largest) rare.add("'" + data.classNames().get(k) + "' (" + samples(counts[k]) + ")");
        }
        if (rare.isEmpty()) return Optional.empty();
        return Optional.of(String.format(Locale.ROOT, "class%s %s %s fewer than 1%% of the largest class's %,d samples: "
                        + "a stray label? (the model gets an output for %s)", rare.size() == 1 ? "" : "es",
                String.join(", ", rare.subList(0, Math.min(5, rare.size()))) + (rare.size() > 5 ? ", …" : ""),
                rare.size() == 1 ? "has" : "have", largest, rare.size() == 1 ? "it" : "each"));
    }

    private static TreeMap<Integer, Integer> counts(int[] labels) {
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (int l : labels) counts.merge(l, 1, Integer::sum);
        return counts;
    }

    /** "0..9 and 200 (1 sample)": runs of consecutive labels, each run after the first with its sample count. */
    private static String runs(TreeMap<Integer, Integer> counts) {
        return runs(counts, true);
    }

    private static String runs(TreeMap<Integer, Integer> counts, boolean withCounts) {
        List<String> runs = new ArrayList<>();
        Integer start = null, previous = null;
        int samples = 0;
        for (var e : counts.entrySet()) {
            if (previous != null && e.getKey() != previous + 1) {
                runs.add(run(start, previous, samples, withCounts && !runs.isEmpty()));
                start = null;
                samples = 0;
            }
            if (start == null) start = e.getKey();
            previous = e.getKey();
            samples += e.getValue();
        }
        if (start != null) runs.add(run(start, previous, samples, withCounts && !runs.isEmpty()));
        if (runs.size() > 6) runs = new ArrayList<>(List.of(String.join(", ", runs.subList(0, 5)), "… " + (runs.size() - 5) + " more"));
        return runs.size() == 1 ? runs.get(0)
                : String.join(", ", runs.subList(0, runs.size() - 1)) + " and " + runs.get(runs.size() - 1);
    }

    private static String run(int first, int last, int samples, boolean withCount) {
        return (first == last ? Integer.toString(first) : first + ".." + last) + (withCount ? " (" + samples(samples) + ")" : "");
    }

    private static String samples(int n) {
        return String.format(Locale.ROOT, "%,d sample%s", n, n == 1 ? "" : "s");
    }
}
