package io.mlp4j.train;

/**
 * What the training loop needs to know of training rows that live elsewhere, on the machines of a
 * {@link GradientSource} that computes every gradient there: how many rows (the loop shuffles their indices), their
 * shape (checked against the network), whether the targets are classes (accuracy), and a fingerprint of their
 * contents that checkpoints record and a resumed run must match (as {@link Fingerprints#of(io.mlp4j.data.Dataset)}
 * is for rows on this machine).
 */
public record DataSummary(int size, int features, int targets, boolean classification, String fingerprint) {
    public DataSummary {
        if (size < 1) throw new IllegalArgumentException("the training data is empty");
        if (features < 1 || targets < 1) {
            throw new IllegalArgumentException(features + " features and " + targets + " targets: both must be at least 1");
        }
        if (fingerprint == null || fingerprint.isEmpty()) throw new IllegalArgumentException("the data needs a fingerprint");
    }
}
