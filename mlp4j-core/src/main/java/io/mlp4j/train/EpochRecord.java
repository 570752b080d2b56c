package io.mlp4j.train;

/**
 * One epoch's figures; {@code epoch} counts from 1, as the CLI, the CSV history and the JSON do. Losses are mean costs per sample; accuracies are fractions in [0, 1]; NaN where a figure does
 * not apply (no validation set, a regression task). The training loss is the mean over the epoch's batches as they
 * were trained (with dropout, if any), as most libraries report it.
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double learningRate, double seconds) {
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(java.util.Locale.ROOT, "epoch %d: train loss %.6g", epoch, trainLoss));
        if (!Double.isNaN(trainAccuracy)) s.append(String.format(java.util.Locale.ROOT, ", accuracy %.4f", trainAccuracy));
        if (!Double.isNaN(validationLoss)) s.append(String.format(java.util.Locale.ROOT, ", validation loss %.6g", validationLoss));
        if (!Double.isNaN(validationAccuracy)) {
            s.append(String.format(java.util.Locale.ROOT, ", validation accuracy %.4f", validationAccuracy));
        }
        return s.append(String.format(java.util.Locale.ROOT, ", η %s, %.2f s", learningRate, seconds)).toString();
    }
}
