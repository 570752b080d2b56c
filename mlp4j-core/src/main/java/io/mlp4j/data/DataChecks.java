package io.mlp4j.data;

import java.util.Optional;

/** Checks that warn rather than fail. */
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
}
