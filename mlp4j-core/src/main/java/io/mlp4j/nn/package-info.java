/**
 * The network and backpropagation, in float32 for whole mini-batches: {@link io.mlp4j.nn.Network} (built with
 * {@link io.mlp4j.nn.Network#builder()}), its {@link io.mlp4j.nn.Architecture}, the {@link io.mlp4j.nn.Activation}s
 * σ and costs C ({@link io.mlp4j.nn.Loss}) with their derivatives beside them, and
 * {@link io.mlp4j.nn.Backpropagation}, which computes ∇C.
 *
 * <p>The forward pass is the essay's layer equation {@code L_l = S(W_l·L_(l−1) + B_l)}, batched with samples as rows:
 * {@code Z = A_prev·Wᵀ + b}, {@code A = σ(Z)}. The backward pass is the blog's Eq 10–15 for a batch:
 * {@code ∂C/∂W = δᵀ·A_prev}, {@code ∂C/∂b = Σ δ}, {@code ∂C/∂A_prev = δ·W}, averaged over the batch.
 * {@link io.mlp4j.nn.Batches} is the one mini-batch walk. The same equations one sample at a time in double precision
 * are in {@link io.mlp4j.reference}; the update ω⁺ = ω − η·∂C/∂ω is in {@link io.mlp4j.train}.
 */
package io.mlp4j.nn;
