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
                loss, epoch, batch, epoch, learningRate));
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The epoch of the divergence (1 = the first). */
    public int epoch() {
        return epoch;
    }

    /** The batch of the divergence within its epoch (1 = the first). */
    public int batch() {
        return batch;
    }
}
