/**
 * {@link io.mlp4j.reference.ReferenceNetwork}: the seeds' equations literally, one sample at a time, in double
 * precision, in the blog's notation: z, a, ∂C/∂a, σ′(z), δ, ∂C/∂w and ∂C/∂b (Eq 10–15), then ω⁺ = ω − η·∂C/∂ω. The
 * explain trace and the gradient check use it, and the float32 {@link io.mlp4j.nn.Network} is tested against it;
 * {@link io.mlp4j.reference.ReferenceNetwork#of} widens a trained network exactly.
 */
package io.mlp4j.reference;
