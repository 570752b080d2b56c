/**
 * The gradient check: {@link io.mlp4j.gradcheck.GradientCheck} compares backpropagation's ∂C/∂ω with five-point
 * finite differences for every weight and bias, in double precision; {@link io.mlp4j.gradcheck.GradientCheckSuite}
 * runs it for every activation × cost combination.
 */
package io.mlp4j.gradcheck;
