package io.mlp4j.train;

import java.util.function.Consumer;

/**
 * Called by the trainer after each mini-batch and each epoch: progress bars, logs, plots. Batch calls pass
 * primitives and happen outside the numeric loops; keep them cheap (a listener that prints should do so at an
 * interval, not every batch). Epochs and batches count from 1. For one kind of call, a lambda will do:
 * {@code TrainingListener.eachEpoch(r -> System.out.println(r))}.
 */
public interface TrainingListener {

    /** A listener that runs {@code action} after each epoch. */
    static TrainingListener eachEpoch(Consumer<EpochRecord> action) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochRecord record) {
                action.accept(record);
            }
        };
    }

    /** A listener that runs {@code action} after each batch. */
    static TrainingListener eachBatch(BatchAction action) {
        return new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, int samplesInBatch, double loss) {
                action.onBatch(epoch, batch, batches, samplesInBatch, loss);
            }
        };
    }

    /** The batch call alone, for {@link #eachBatch}. */
    @FunctionalInterface
    interface BatchAction {
        void onBatch(int epoch, int batch, int batches, int samplesInBatch, double loss);
    }

    /** After batch {@code batch} of {@code batches} (from 1) in epoch {@code epoch} (from 1); its mean cost. */
    default void onBatch(int epoch, int batch, int batches, int samplesInBatch, double loss) {
    }

    /** After each epoch, with its record (validation included). */
    default void onEpoch(EpochRecord record) {
    }

    /** A problem worth telling the user that does not stop training (e.g. unscaled features). */
    default void onWarning(String message) {
    }
}
