package io.mlp4j.kernel;

/**
 * A weight matrix W[n×k] laid out once by {@link Kernel#packWeights} for many products {@code A·Wᵀ} with the same W:
 * batch prediction multiplies every pass by the same weights, and repacking them on each pass cost 6–8% of it
 * (docs/benchmarks.md). Opaque outside the kernel that made it; it holds a copy, so it does not follow later changes
 * to W (the caller compares and repacks, see {@code io.mlp4j.nn.Backpropagation#predict}).
 */
public final class PackedWeights {
    final float[] data;
    final int n, k;

    PackedWeights(float[] data, int n, int k) {
        this.data = data;
        this.n = n;
        this.k = k;
    }

    /** Whether this packing holds a matrix of n×k (so it can be refilled for one). */
    boolean fits(int n, int k, int size) {
        return this.n == n && this.k == k && data.length >= size;
    }
}
