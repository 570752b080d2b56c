package io.mlp4j.train;

import io.mlp4j.nn.Network;

/**
 * What a training run produced: the network (the best epoch's parameters when early stopping restored them), the
 * history, and why it stopped.
 *
 * @param bestEpoch    the epoch (1 = the first) whose parameters early stopping kept, or 0 without early stopping
 * @param stoppedEarly whether early stopping ended the run before its last epoch
 */
public record TrainingResult(Network network, History history, int bestEpoch, boolean stoppedEarly) {
    @Override
    public String toString() {
        EpochRecord last = history.last();
        return "TrainingResult(" + network.architecture().shape() + ", " + history.size() + " epochs"
                + (last != null ? ", last " + last : "") + (bestEpoch > 0 ? ", kept epoch " + bestEpoch : "")
                + (stoppedEarly ? ", stopped early" : "") + ")";
    }
}
