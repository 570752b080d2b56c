package io.mlp4j.nn;

/**
 * One parameter tensor and its gradient, both live arrays: what an optimizer updates. Names follow the model file:
 * {@code layers.0.weight} (out×in) and {@code layers.0.bias}.
 */
public record Parameter(String name, float[] value, float[] gradient, boolean isWeight) {
}
