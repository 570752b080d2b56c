package io.mlp4j.train;

import io.mlp4j.nn.Network;

/**
 * What a training run produced: the network (the best epoch's parameters when early stopping restored them), the
 * history, and why it stopped.
 */
public record TrainingResult(Network network, History history, int bestEpoch, boolean stoppedEarly) {
}
