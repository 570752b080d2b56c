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

    /** The output layer's activations for one sample. */
    public float[] predict(float[] x) {
        Inputs.checkRow(x, inputSize(), "input");
        Workspace ws = new Workspace(architecture, 1);
        System.arraycopy(x, 0, ws.a[0], 0, x.length);
        forward(ws, 1);
        return ws.a[architecture.depth()].clone();
    }

    /** The output layer's activations for each row of {@code xs}. */
    public float[][] predict(float[][] xs) {
        Inputs.checkRows(xs, inputSize(), "input");
        int out = outputSize();
        float[][] result = new float[xs.length][out];
        Workspace ws = new Workspace(architecture, Math.min(Math.max(xs.length, 1), 256));
        for (int start = 0; start < xs.length; start += ws.capacity) {
            int m = Math.min(ws.capacity, xs.length - start);
            loadRows(xs, null, start, m, ws.a[0], inputSize());
            forward(ws, m);
            float[] a = ws.a[architecture.depth()];
            for (int r = 0; r < m; r++) System.arraycopy(a, r * out, result[start + r], 0, out);
        }
        return result;
    }

    /** The mean cost C over the samples, e.g. the seeds' Σ_j (a_j − y_j)² averaged over rows. */
    public double cost(float[][] xs, float[][] ys) {
        checkData(xs, ys);
        Workspace ws = new Workspace(architecture, Math.min(Math.max(xs.length, 1), 256));
        double sum = 0;
        for (int start = 0; start < xs.length; start += ws.capacity) {
            int m = Math.min(ws.capacity, xs.length - start);
            loadRows(xs, null, start, m, ws.a[0], inputSize());
            loadRows(ys, null, start, m, ws.target, outputSize());
            forward(ws, m);
            sum += batchCost(ws, m) * m;
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
        Workspace ws = new Workspace(architecture, xs.length);
        Gradients g = new Gradients(architecture);
        loadRows(xs, null, 0, xs.length, ws.a[0], inputSize());
        loadRows(ys, null, 0, xs.length, ws.target, outputSize());
        forward(ws, xs.length);
        backward(ws, xs.length, g);
        return g;
    }

    /** Gradient descent exactly as the seeds write it: ω⁺ = ω − η ∂C/∂ω and b⁺ = b − η ∂C/∂b, for every layer. */
    public void step(Gradients g, double eta) {
        float minusEta = (float) -eta;
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            kernel.axpy(minusEta, g.dW[i], layer.weight, layer.weight.length);
            kernel.axpy(minusEta, g.db[i], layer.bias, layer.bias.length);
        }
    }

    /**
     * Stochastic gradient descent: each epoch shuffles the samples (with the network's seed), cuts them into
     * mini-batches of {@code batchSize} (1 = per-sample SGD; the whole set = batch gradient descent), and takes one
     * {@link #step} per batch with the batch-mean gradient.
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
        int capacity = Math.min(batchSize, xs.length);
        Workspace ws = new Workspace(architecture, capacity);
        Gradients g = new Gradients(architecture);
        int[] order = new int[xs.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        double[] epochCost = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            rng.shuffle(order);
            double sum = 0;
            for (int start = 0; start < xs.length; start += capacity) {
                int m = Math.min(capacity, xs.length - start);
                loadRows(xs, order, start, m, ws.a[0], inputSize());
                loadRows(ys, order, start, m, ws.target, outputSize());
                forward(ws, m);
                sum += batchCost(ws, m) * m;
                backward(ws, m, g);
                step(g, eta);
            }
            epochCost[e] = sum / xs.length;
        }
        return epochCost;
    }

    // ---- the batched math ------------------------------------------------------------------------------------

    /** Forward pass: for each layer, Z = A_prev · Wᵀ + b, then A = σ(Z). */
    private void forward(Workspace ws, int m) {
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            int in = layer.inputs(), out = layer.units();
            kernel.gemmABt(ws.a[i], layer.weight, ws.z[i], m, out, in, false);
            kernel.addRowVector(ws.z[i], layer.bias, m, out);
            layer.activation().forward(kernel, ws.z[i], ws.a[i + 1], m, out);
        }
    }

    private double batchCost(Workspace ws, int m) {
        int last = layers.size() - 1;
        return loss().batchCost(ws.z[last], ws.a[last + 1], ws.target, m, outputSize());
    }

    /**
     * Backpropagation (the blog's Eq 10–15 for a whole batch):
     * δ_L = ∂C/∂a ⊙ σ′(z_L) (or the fused ∂C/∂z), then for each layer from the output back:
     * ∂C/∂W = δᵀ · A_prev, ∂C/∂b = Σ_batch δ, and δ_prev = (δ · W) ⊙ σ′(z_prev).
     * The output gradient is scaled by 1/m, so every gradient is the mean over the batch.
     */
    private void backward(Workspace ws, int m, Gradients g) {
        int last = layers.size() - 1;
        DenseLayer output = layers.get(last);
        int outputs = output.units();
        float scale = 1f / m;
        if (loss().isFused()) {
            loss().batchGradient(ws.z[last], ws.a[last + 1], ws.target, ws.delta[last], m, outputs, scale);
        } else {
            loss().batchGradient(ws.z[last], ws.a[last + 1], ws.target, ws.dCda, m, outputs, scale);
            output.activation().backward(kernel, ws.z[last], ws.a[last + 1], ws.dCda, ws.delta[last], m, outputs);
        }
        for (int i = last; i >= 0; i--) {
            DenseLayer layer = layers.get(i);
            int in = layer.inputs(), out = layer.units();
            kernel.gemmAtB(ws.delta[i], ws.a[i], g.dW[i], out, in, m, false);
            kernel.sumRows(ws.delta[i], g.db[i], m, out);
            if (i > 0) {
                kernel.gemmAB(ws.delta[i], layer.weight, ws.dCda, m, in, out, false);
                layers.get(i - 1).activation().backward(kernel, ws.z[i - 1], ws.a[i], ws.dCda, ws.delta[i - 1], m, in);
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void checkData(float[][] xs, float[][] ys) {
        Inputs.checkRows(xs, inputSize(), "input");
        Inputs.checkRows(ys, outputSize(), "target");
        if (xs.length != ys.length) {
            throw new IllegalArgumentException(xs.length + " input rows but " + ys.length + " target rows");
        }
    }

    /** Copies rows {@code order[start..start+m)} (or start.. when order is null) into a contiguous batch. */
    private static void loadRows(float[][] rows, int[] order, int start, int m, float[] batch, int width) {
        for (int r = 0; r < m; r++) {
            int src = order == null ? start + r : order[start + r];
            System.arraycopy(rows[src], 0, batch, r * width, width);
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
