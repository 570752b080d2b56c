package io.mlp4j.train;

import io.mlp4j.nn.Network;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue a training run exactly where it stopped: what a checkpoint holds. Resuming from it
 * gives the same final model, bit for bit, as a run that was never interrupted.
 *
 * @param network            the network's current parameters
 * @param optimizerId        which optimizer the state belongs to
 * @param optimizer          the optimizer's buffers and step count
 * @param epoch              the epoch in progress (0-based)
 * @param nextBatch          batches of that epoch already trained
 * @param shuffleSeedState   the shuffle generator's state at the start of {@code epoch}
 * @param dropoutState       the dropout generator's state now
 * @param epochLossSum       Σ batch cost × batch size over the epoch's trained batches
 * @param epochCorrect       correctly classified training samples so far this epoch
 * @param history            the completed epochs
 * @param best               the best parameters so far (early stopping), or null
 * @param bestEpoch          0-based epoch of {@code best}, or −1
 * @param bestMetric         its validation metric
 * @param epochsWithoutImprovement early stopping's counter
 * @param fingerprint        the settings that must not change on resume, by name (batch, seed, optimizer, a hash of
 *                           the training data, …)
 */
public record TrainingState(Network network, String optimizerId, Optimizer.State optimizer, int epoch, int nextBatch,
                            long shuffleSeedState, long dropoutState, double epochLossSum, long epochCorrect,
                            List<EpochRecord> history, Network best, int bestEpoch, double bestMetric,
                            int epochsWithoutImprovement, Map<String, String> fingerprint) {
}
