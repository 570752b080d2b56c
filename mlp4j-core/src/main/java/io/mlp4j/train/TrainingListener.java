package io.mlp4j.train;

/**
 * Called by the trainer after each mini-batch and each epoch: progress bars, logs, plots. Batch calls pass
 * primitives and happen outside the numeric loops; keep them cheap (a listener that prints should do so at an
 * interval, not every batch).
 */
public interface TrainingListener {

    /** After batch {@code batch} (0-based) of {@code batches} in epoch {@code epoch} (0-based); its mean cost. */
    default void onBatch(int epoch, int batch, int batches, int samplesInBatch, double loss) {
    }

    /** After each epoch, with its record (validation included). */
    default void onEpoch(EpochRecord record) {
    }

    /** A problem worth telling the user that does not stop training (e.g. unscaled features). */
    default void onWarning(String message) {
    }
}
