/**
 * Training: {@link io.mlp4j.train.Trainer}, the one training loop (epochs of shuffled mini-batches, validation, early
 * stopping, divergence, listeners, checkpoints and resume), and {@link io.mlp4j.train.Trainer#sgd}, the seeds' plain
 * stochastic gradient descent in one call.
 *
 * <p>Each step has two halves: a {@link io.mlp4j.train.GradientSource} gives the batch's mean ∇C, and an
 * {@link io.mlp4j.train.OptimizerStep} turns it into ω⁺ with an {@link io.mlp4j.train.Optimizer}:
 * {@link io.mlp4j.train.Sgd} (the blog's Eq 5 and 6, ω⁺ = ω − η·∂C/∂ω, plain or with momentum),
 * {@link io.mlp4j.train.RmsProp} or {@link io.mlp4j.train.Adam}, each with its rule in its Javadoc. A
 * {@link io.mlp4j.train.CheckpointSink} receives the run's {@link io.mlp4j.train.TrainingState}
 * ({@code io.mlp4j.io.Checkpoints.in(dir)} writes it as a file), so the training loop never depends on files.
 */
package io.mlp4j.train;
