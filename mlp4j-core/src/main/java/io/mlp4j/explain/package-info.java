/**
 * The explain trace: {@link io.mlp4j.explain.Trace} renders one training step of the reference path (forward pass,
 * cost, backpropagation, update) in the seeds' notation, every number shown.
 *
 * <p>{@link io.mlp4j.explain.SeedExample}, {@link io.mlp4j.explain.Annotations} and
 * {@link io.mlp4j.explain.PrintedValue} hold the seed documents' worked examples and the numbers they printed, so
 * {@code mlp4j explain} can flag a printed value that is wrong (docs/seed-examples.md); they serve that command
 * rather than library users.
 */
package io.mlp4j.explain;
