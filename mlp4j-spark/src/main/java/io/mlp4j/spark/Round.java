package io.mlp4j.spark;

import io.mlp4j.train.Optimizer;

import java.io.Serializable;

/**
 * What every partition needs for one round of local steps, broadcast once per round: the parameters and the
 * optimizer's state the round starts from, the round's global row indices (its batches one after another, each
 * ending at {@code batchEnds[b]}), the learning rate, and the optimizer and clipping to rebuild on the executor.
 */
final class Round implements Serializable {
    private static final long serialVersionUID = 1L;

    final Weights start;
    final FlatState state;
    final int[] rows;
    final int[] batchEnds;
    final double learningRate;
    final String optimizer;
    final double weightDecay;
    final double clipNorm;

    Round(float[] parameters, Optimizer.State state, int[] rows, int[] batchEnds, double learningRate,
          String optimizer, double weightDecay, double clipNorm) {
        this.start = new Weights(parameters);
        this.state = FlatState.of(state);
        this.rows = rows;
        this.batchEnds = batchEnds;
        this.learningRate = learningRate;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        this.clipNorm = clipNorm;
    }

    int batches() {
        return batchEnds.length;
    }

    Optimizer.State optimizerState() {
        return state.state(state.stepCount);
    }
}
