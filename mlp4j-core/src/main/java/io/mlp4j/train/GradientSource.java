package io.mlp4j.train;

import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;

/**
 * The first half of a training step: the gradient ∇C averaged over one mini-batch of training rows, at the
 * network's current parameters. The trainer's own source runs backpropagation on this machine (with dropout and
 * augmentation); a source that gathers partial gradients from elsewhere (several machines) plugs in the same way,
 * and the trainer does the rest: clipping, the optimizer, schedules, history, listeners, early stopping, checkpoints.
 */
@FunctionalInterface
public interface GradientSource {

    /**
     * Writes into {@code g} the gradient averaged over training rows {@code order[start … start+m)}, and with
     * {@link Gradients#setBatchResult} the batch's mean cost and how many of its rows were classified correctly.
     * A non-finite cost stops training ({@link TrainingDivergedException}); the gradient is then not used.
     */
    void gradient(Network net, int[] order, int start, int m, Gradients g);
}
