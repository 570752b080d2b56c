package io.mlp4j.nn;

import io.mlp4j.kernel.Kernel;
import io.mlp4j.kernel.Kernels;
import io.mlp4j.random.SeededRandom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A feedforward network of dense layers, computed for a whole mini-batch at once in float32:
 * for each layer, {@code L_l = S(W_l · L_(l−1) + B_l)} (the essay's layer equation), trained by backpropagation and
 * gradient descent {@code ω⁺ = ω − η ∂C/∂ω} (the blog's Eq 5 and 6).
 *
 * <pre>{@code
 * Network net = Network.builder()
 *         .input(784).dense(16, SIGMOID).dense(16, SIGMOID).dense(10, SIGMOID)
 *         .loss(QUADRATIC).seed(7).build();
 * }</pre>
 *
 * <p>In the batched form each sample is a row, so the layer equation reads {@code Z = A_prev · Wᵀ + b}; the matrix
 * products and elementwise loops run in the {@link Kernel}. For the same math one sample at a time in double
 * precision, see {@link io.mlp4j.reference.ReferenceNetwork}.
 *
 * <p>Not thread-safe: a network's {@code fit} and {@code predict} must not run concurrently.
 */
public final class Network {
    private final Architecture architecture;
    private final List<DenseLayer> layers;
    private final SeededRandom rng;
    private final Kernel kernel;
    /** The single-sample prediction buffers, created on first use (a network is not thread-safe). */
    private MiniBatch single;
    /** The many-sample inference buffers, kept between calls so a prediction service does not allocate per call. */
    private MiniBatch inference;
    /**
     * Rows per pass when predicting or costing many samples. Each pass packs the weights for the GEMM again and
     * hands work to the other threads twice per layer, so fewer, larger passes are faster: 1,000 rows of the W2
     * network at 1,024 per pass ran 10-15% faster than at 256 (docs/benchmarks.md). The buffers grow with it
     * (about 8 MB for 784-256-128-10) and are kept for the next call.
     */
    private static final int INFERENCE_BATCH = 1024;

    private Network(Architecture architecture, Initializer init, long seed) {
        this.architecture = architecture;
        this.rng = new SeededRandom(seed);
        this.kernel = Kernels.best();
        List<DenseLayer> built = new ArrayList<>();
        for (int i = 0; i < architecture.depth(); i++) {
            Architecture.LayerSpec spec = architecture.layers().get(i);
            DenseLayer layer = new DenseLayer(architecture.fanIn(i), spec.units(), spec.activation());
            Initializer chosen = init != null ? init : Initializer.defaultFor(spec.activation());
            chosen.fill(layer.weight, layer.bias, layer.inputs(), layer.units(), rng);
            built.add(layer);
        }
        this.layers = Collections.unmodifiableList(built);
    }

    /** A copy with the same architecture and parameters (and its own random generator, at the same state). */
    public Network copy() {
        Network c = new Network(architecture, Initializer.GLOROT, 0);
        c.copyParametersFrom(this);
        c.rng.setState(rng.state());
        return c;
    }

    /** Overwrites this network's weights and biases with {@code other}'s (same architecture). */
    public void copyParametersFrom(Network other) {
        if (!other.architecture.equals(architecture)) {
            throw new IllegalArgumentException("architectures differ: " + other.architecture.shape() + " vs " + architecture.shape());
        }
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer from = other.layers.get(i), to = layers.get(i);
            System.arraycopy(from.weight, 0, to.weight, 0, to.weight.length);
            System.arraycopy(from.bias, 0, to.bias, 0, to.bias.length);
        }
    }

    /** Starts a network description: {@code input(n)}, then {@code dense(units, activation)} per layer, then {@code loss}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A network of the given shape with weights from {@code init} and {@code seed}. */
    public static Network create(Architecture architecture, Initializer init, long seed) {
        return new Network(architecture, init, seed);
    }

    public Architecture architecture() {
        return architecture;
    }

    /** The dense layers, input side first. */
    public List<DenseLayer> layers() {
        return layers;
    }

    public DenseLayer layer(int i) {
        return layers.get(i);
    }

    public Loss loss() {
        return architecture.loss();
    }

    public int inputSize() {
        return architecture.inputSize();
    }

    public int outputSize() {
        return architecture.outputSize();
    }

    public int parameterCount() {
        return architecture.parameterCount();
    }

    // ---- inference ------------------------------------------------------------------------------------------

    /** The output layer's activations for one sample (a fresh array; the buffers behind it are reused). */
    public float[] predict(float[] x) {
        Inputs.checkRow(x, inputSize(), "input");
        MiniBatch batch = single;
        if (batch == null) single = batch = new MiniBatch(this, 1);
        System.arraycopy(x, 0, batch.inputs(), 0, x.length);
        batch.setSize(1);
        batch.predict();
        return java.util.Arrays.copyOf(batch.outputs(), outputSize());
    }

    /** The output layer's activations for each row of {@code xs}. */
    public float[][] predict(float[][] xs) {
        int in = inputSize(), out = outputSize();
        Inputs.checkShapes(xs, in, "input");
        float[][] result = new float[xs.length][out];
        MiniBatch batch = inferenceBatch(xs.length);
        for (int start = 0; start < xs.length; ) {
            int m = batch.load(xs, null, null, start);
            // Checked on the copy, while it is in cache (a pass over the caller's rows cost 8% of batch prediction);
            // the row-by-row check then names the row and column.
            if (!kernel.allFinite(batch.inputs(), m * in)) Inputs.checkValues(xs, start, start + m, in, "input");
            batch.predict();
            for (int r = 0; r < m; r++) System.arraycopy(batch.outputs(), r * out, result[start + r], 0, out);
            start += m;
        }
        return result;
    }

    private MiniBatch inferenceBatch(int rows) {
        int capacity = Math.min(Math.max(rows, 1), INFERENCE_BATCH);
        if (inference == null || inference.capacity() < capacity) inference = new MiniBatch(this, capacity);
        return inference;
    }

    /** The mean cost C over the samples, e.g. the seeds' Σ_j (a_j − y_j)² averaged over rows. */
    public double cost(float[][] xs, float[][] ys) {
        checkData(xs, ys);
        MiniBatch batch = inferenceBatch(xs.length);
        double sum = 0;
        for (int start = 0; start < xs.length; ) {
            int m = batch.load(xs, ys, null, start);
            sum += batch.forward(0f, null) * m;
            start += m;
        }
        return sum / xs.length;
    }

    // ---- training -------------------------------------------------------------------------------------------

    /**
     * ∇C averaged over the given samples, by backpropagation. Returns new gradients; {@link #fit} reuses its own.
     */
    public Gradients gradients(float[][] xs, float[][] ys) {
        checkData(xs, ys);
        if (xs.length == 0) throw new IllegalArgumentException("no samples");
        MiniBatch batch = new MiniBatch(this, xs.length);
        Gradients g = new Gradients(architecture);
        batch.load(xs, ys, null, 0);
        batch.forward(0f, null);
        batch.backward(g);
        return g;
    }

    /** Gradient descent exactly as the seeds write it: ω⁺ = ω − η ∂C/∂ω and b⁺ = b − η ∂C/∂b, for every layer. */
    public void step(Gradients g, double eta) {
        float etaF = (float) eta;
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            float[] w = layer.weight, dW = g.dW[i], b = layer.bias, db = g.db[i];
            for (int p = 0; p < w.length; p++) w[p] -= etaF * dW[p];
            for (int p = 0; p < b.length; p++) b[p] -= etaF * db[p];
        }
    }

    /**
     * Stochastic gradient descent: each epoch shuffles the samples (with the network's seed), cuts them into
     * mini-batches of {@code batchSize} (1 = per-sample SGD; the whole set = batch gradient descent), and takes one
     * {@link #step} per batch with the batch-mean gradient. For optimizers, validation, early stopping and
     * checkpoints, use {@code io.mlp4j.train.Trainer}.
     *
     * @return the mean training cost of each epoch, as measured on the batches while they were trained
     */
    public double[] fit(float[][] xs, float[][] ys, int epochs, int batchSize, double eta) {
        checkData(xs, ys);
        if (xs.length == 0) throw new IllegalArgumentException("no training samples");
        if (epochs < 0) throw new IllegalArgumentException("epochs must be 0 or more, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("learning rate η must be a positive number, got " + eta);
        }
        MiniBatch batch = new MiniBatch(this, Math.min(batchSize, xs.length));
        Gradients g = new Gradients(architecture);
        int[] order = new int[xs.length];
        double[] epochCost = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            for (int i = 0; i < order.length; i++) order[i] = i;
            rng.shuffle(order);
            double sum = 0;
            for (int start = 0; start < xs.length; ) {
                int m = batch.load(xs, ys, order, start);
                sum += batch.forward(0f, null) * m;
                batch.backward(g);
                step(g, eta);
                start += m;
            }
            epochCost[e] = sum / xs.length;
        }
        return epochCost;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void checkData(float[][] xs, float[][] ys) {
        Inputs.checkRows(xs, inputSize(), "input");
        Inputs.checkRows(ys, outputSize(), "target");
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " input rows but " + ys.length + " target rows");
        }
    }

    @Override
    public String toString() {
        return "Network(" + architecture.shape() + ", " + layers + ", loss " + loss().id() + ")";
    }

    /** Describes a network the way the essay draws one: an input width, then dense layers, then a cost. */
    public static final class Builder {
        private Integer inputSize;
        private final List<Architecture.LayerSpec> layers = new ArrayList<>();
        private Loss loss;
        private Initializer init;
        private long seed = 1;

        private Builder() {
        }

        /** The number of input neurons, e.g. 784 for a 28×28 image. */
        public Builder input(int size) {
            this.inputSize = size;
            return this;
        }

        /** Adds a dense layer of {@code units} neurons with activation σ. */
        public Builder dense(int units, Activation activation) {
            layers.add(new Architecture.LayerSpec(units, activation));
            return this;
        }

        public Builder loss(Loss loss) {
            this.loss = loss;
            return this;
        }

        /** How weights start; by default He for ReLU-family layers and Glorot for the others. */
        public Builder init(Initializer init) {
            this.init = init;
            return this;
        }

        /** Seeds initialization and shuffling: the same seed gives the same network and training run. Default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Checks the description and creates the network; bad shapes fail here with the layer named. */
        public Network build() {
            if (inputSize == null) throw new IllegalArgumentException("no input size given: call input(n) first");
            return new Network(new Architecture(inputSize, layers, loss), init, seed);
        }
    }
}
