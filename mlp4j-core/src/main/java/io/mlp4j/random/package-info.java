/**
 * {@link io.mlp4j.random.SeededRandom}: SplitMix64 with Box–Muller Gaussians, the same stream on every JDK, its whole
 * state one {@code long} (saved in checkpoints). All of mlp4j's randomness comes from it: initial weights, shuffles,
 * dropout, splits and augmentation ({@link io.mlp4j.train.Augmentation} receives one), which is why a seed gives the
 * same model everywhere.
 */
package io.mlp4j.random;
