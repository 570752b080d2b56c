package io.mlp4j.train;

/**
 * The cost became NaN or infinite. The network holds the last good parameters (those at the start of the epoch
 * that diverged) when this is thrown.
 */
public final class TrainingDivergedException extends IllegalStateException {
    private final int epoch;
    private final int batch;

    public TrainingDivergedException(int epoch, int batch, double loss, double learningRate) {
        super(String.format(java.util.Locale.ROOT, "training diverged: the loss became %s at epoch %d, batch %d; the model was reset "
                        + "to its parameters at the start of epoch %d. Try a smaller learning rate (now %s), "
                        + "gradient clipping, or normalized inputs",
                loss, epoch + 1, batch + 1, epoch + 1, learningRate));
        this.epoch = epoch;
        this.batch = batch;
    }

    /** 0-based epoch of the divergence. */
    public int epoch() {
        return epoch;
    }

    /** 0-based batch of the divergence within its epoch. */
    public int batch() {
        return batch;
    }
}
