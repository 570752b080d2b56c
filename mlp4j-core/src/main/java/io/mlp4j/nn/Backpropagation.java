package io.mlp4j.nn;

import io.mlp4j.kernel.Kernel;
import io.mlp4j.kernel.Kernels;
import io.mlp4j.kernel.PackedWeights;
import io.mlp4j.random.SeededRandom;

import java.util.Arrays;
import java.util.List;

/**
 * Backpropagation over a mini-batch: the forward pass (the essay's {@code L_l = S(W_l·L_(l−1) + B_l)}, batched as
 * {@code Z = A_prev·Wᵀ + b}, {@code A = σ(Z)}), the cost C, and the backward pass (the blog's Eq 10–15: δ, ∂C/∂W,
 * ∂C/∂b, layer by layer from the output back). Every buffer is allocated once for up to {@code capacity} samples and
 * reused for each batch: this is the inner loop of training, evaluation and prediction.
 *
 * <pre>{@code
 * Backpropagation bp = new Backpropagation(net, 128);
 * bp.load(x, y, order, start, m);       // rows order[start..start+m) into the input buffer
 * double cost = bp.forward(0f, null);   // Z = A_prev·Wᵀ + b, A = σ(Z), layer by layer; the batch's mean cost C
 * bp.backward(gradients);               // δ, ∂C/∂W = δᵀ·A_prev, ∂C/∂b = Σ δ, averaged over the batch
 * }</pre>
 *
 * <p>The same equations one sample at a time, in double precision: {@link io.mlp4j.reference.ReferenceNetwork}.
 */
public final class Backpropagation {
    private final Network net;
    private final Kernel kernel;
    private final Workspace ws;
    /** Dropout: the kept activations' multipliers (0 or 1/(1 − rate)) of each hidden layer, and σ(z) before them. */
    private final float[][] mask;
    private final float[][] undropped;
    private float dropoutRate;
    private int m;
    /** Prediction's packed weights per layer, and the copy of W each was packed from (null until first used). */
    private final PackedWeights[] packedWeights;
    private final float[][] packedFrom;
    /** One output row widened to double for the cost formulas, reused every batch. */
    private final double[] zRow, aRow, yRow;

    public Backpropagation(Network net, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("batch capacity must be at least 1, got " + capacity);
        this.net = net;
        this.kernel = Kernels.best();
        this.ws = new Workspace(net.architecture(), capacity);
        int depth = net.architecture().depth();
        this.mask = new float[depth][];
        this.undropped = new float[depth][];
        this.packedWeights = new PackedWeights[depth];
        this.packedFrom = new float[depth][];
        int outputs = net.outputSize();
        this.zRow = new double[outputs];
        this.aRow = new double[outputs];
        this.yRow = new double[outputs];
    }

    public int capacity() {
        return ws.capacity;
    }

    /** Samples in the loaded batch. */
    public int size() {
        return m;
    }

    /**
     * Copies rows {@code order[start …start+m)} (or {@code start …start+m} when order is null) of inputs and targets
     * into the batch, one {@link Batches} batch; {@code ys} may be null for inference.
     */
    public void load(float[][] xs, float[][] ys, int[] order, int start, int m) {
        if (m < 1 || m > ws.capacity) throw new IllegalArgumentException("batch size " + m + " outside 1.." + ws.capacity);
        this.m = m;
        int in = net.inputSize(), out = net.outputSize();
        for (int r = 0; r < m; r++) {
            int src = order == null ? start + r : order[start + r];
            System.arraycopy(xs[src], 0, ws.a[0], r * in, in);
            if (ys != null) System.arraycopy(ys[src], 0, ws.target, r * out, out);
        }
    }

    /** Loads one input row as a batch of one, for single-sample prediction. */
    public void loadRow(float[] x) {
        System.arraycopy(x, 0, ws.a[0], 0, net.inputSize());
        this.m = 1;
    }

    /**
     * Forward pass over the loaded batch; returns the batch's mean cost (needs targets). With {@code dropout} &gt; 0
     * each hidden activation is kept with probability 1 − dropout and scaled by 1/(1 − dropout) (inverted dropout,
     * so prediction needs no rescaling), drawing from {@code rng}.
     */
    public double forward(float dropout, SeededRandom rng) {
        forwardOnly(dropout, rng);
        int last = net.architecture().depth() - 1;
        return net.loss().batchCost(ws.z[last], ws.a[last + 1], ws.target, m, net.outputSize(), zRow, aRow, yRow);
    }

    /**
     * Forward pass without dropout and without a cost, for prediction. The weights stay packed for the kernel between
     * calls (batch prediction repacked them on every pass); each call first compares W with the copy they were packed
     * from, which reads W once, much faster than packing it, and repacks when anything changed.
     */
    public void predict() {
        forwardOnly(0f, null, true);
    }

    private void forwardOnly(float dropout, SeededRandom rng) {
        forwardOnly(dropout, rng, false);
    }

    private void forwardOnly(float dropout, SeededRandom rng, boolean keepPacked) {
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        this.dropoutRate = dropout;
        List<DenseLayer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            int in = layer.inputs(), out = layer.units();
            if (keepPacked && kernel.packsWeights(m)) kernel.gemmABt(ws.a[i], packed(i, layer), ws.z[i], m);
            else kernel.gemmABt(ws.a[i], layer.weight, ws.z[i], m, out, in);
            kernel.addRowVector(ws.z[i], layer.bias, m, out);
            boolean drop = dropout > 0 && i < layers.size() - 1;
            float[] activated = drop ? undropped(i, out) : ws.a[i + 1];
            layer.activation().forward(kernel, ws.z[i], activated, m, out);
            if (drop) applyDropout(i, activated, ws.a[i + 1], m * out, dropout, rng);
        }
    }

    /** Layer i's weights as the kernel packs them, repacked when W differs from the copy they were packed from. */
    private PackedWeights packed(int i, DenseLayer layer) {
        float[] w = layer.weight;
        if (packedFrom[i] == null || !Arrays.equals(packedFrom[i], w)) {
            packedWeights[i] = kernel.packWeights(w, layer.units(), layer.inputs(), packedWeights[i]);
            if (packedFrom[i] == null) packedFrom[i] = w.clone();
            else System.arraycopy(w, 0, packedFrom[i], 0, w.length);
        }
        return packedWeights[i];
    }

    private float[] undropped(int i, int units) {
        if (undropped[i] == null) {
            undropped[i] = new float[ws.capacity * units];
            mask[i] = new float[ws.capacity * units];
        }
        return undropped[i];
    }

    private void applyDropout(int i, float[] activated, float[] out, int n, float rate, SeededRandom rng) {
        float keep = 1f / (1f - rate);
        for (int p = 0; p < n; p++) {
            mask[i][p] = rng.nextDouble() < rate ? 0f : keep;
            out[p] = activated[p] * mask[i][p];
        }
    }

    /**
     * Backpropagation over the loaded batch (the blog's Eq 10–15 for a whole batch): δ_L = ∂C/∂a ⊙ σ′(z_L) (or the
     * fused ∂C/∂z), then for each layer from the output back: ∂C/∂W = δᵀ·A_prev, ∂C/∂b = Σ_batch δ, and
     * δ_prev = (δ·W) ⊙ σ′(z_prev). The output gradient is scaled by 1/m, so every gradient is the batch mean.
     */
    public void backward(Gradients g) {
        List<DenseLayer> layers = net.layers();
        Loss loss = net.loss();
        int last = layers.size() - 1;
        DenseLayer output = layers.get(last);
        int outputs = output.units();
        float scale = 1f / m;
        if (loss.isFused()) {
            loss.batchGradient(ws.z[last], ws.a[last + 1], ws.target, ws.delta[last], m, outputs, scale);
        } else {
            loss.batchGradient(ws.z[last], ws.a[last + 1], ws.target, ws.dCda, m, outputs, scale);
            output.activation().backward(kernel, ws.z[last], ws.a[last + 1], ws.dCda, ws.delta[last], m, outputs);
        }
        for (int i = last; i >= 0; i--) {
            DenseLayer layer = layers.get(i);
            int in = layer.inputs(), out = layer.units();
            kernel.gemmAtB(ws.delta[i], ws.a[i], g.dW[i], out, in, m);
            kernel.sumRows(ws.delta[i], g.db[i], m, out);
            if (i > 0) {
                kernel.gemmAB(ws.delta[i], layer.weight, ws.dCda, m, in, out);
                backThroughHidden(i - 1, in);
            }
        }
    }

    /** δ of hidden layer h from ∂C/∂a (in ws.dCda): through dropout's mask, then σ′. */
    private void backThroughHidden(int h, int units) {
        float[] activated = ws.a[h + 1];
        if (dropoutRate > 0) {
            for (int p = 0; p < m * units; p++) ws.dCda[p] *= mask[h][p];
            activated = undropped[h];
        }
        net.layer(h).activation().backward(kernel, ws.z[h], activated, ws.dCda, ws.delta[h], m, units);
    }

    /** The loaded inputs, m × inputs row-major (a live buffer: augmentation may change them before the forward pass). */
    public float[] inputs() {
        return ws.a[0];
    }

    /** The output layer's activations for the loaded batch, m × outputs row-major (a live buffer). */
    public float[] outputs() {
        return ws.a[net.architecture().depth()];
    }

    /** The loaded targets, m × outputs row-major (a live buffer). */
    public float[] targets() {
        return ws.target;
    }
}
