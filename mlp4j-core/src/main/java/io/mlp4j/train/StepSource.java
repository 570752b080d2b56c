package io.mlp4j.train;

import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;

/**
 * A whole training step taken elsewhere, both halves at once: e.g. several machines that each take local optimizer
 * steps on their own rows and, every few batches, average their parameters and optimizer states. The trainer keeps
 * the rest of the loop (shuffle, schedule, divergence, history, listeners, checkpoints) and takes no optimizer step
 * of its own; the source moves the network's parameters and the state of the trainer's {@link Optimizer} (the same
 * instance, handed to both) itself.
 */
@FunctionalInterface
public interface StepSource {

    /**
     * Moves the network past the batch {@code order[start … start+m)} at learning rate η (the parameters, and the
     * optimizer's state through {@link Optimizer#state}/{@link Optimizer#restore}), and records with
     * {@link Gradients#setBatchResult} the batch's mean cost and how many of its rows were classified correctly.
     */
    void step(Network net, int[] order, int start, int m, double learningRate, Gradients g);
}
