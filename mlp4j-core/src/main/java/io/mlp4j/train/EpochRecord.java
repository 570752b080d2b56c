package io.mlp4j.train;

/**
 * One epoch's figures. Losses are mean costs per sample; accuracies are fractions in [0, 1]; NaN where a figure does
 * not apply (no validation set, a regression task). The training loss is the mean over the epoch's batches as they
 * were trained (with dropout, if any), as most libraries report it.
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double learningRate, double seconds) {
}
