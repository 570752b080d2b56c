package io.mlp4j.nn;

import io.mlp4j.kernel.Kernel;
import io.mlp4j.kernel.Kernels;
import io.mlp4j.kernel.Parallel;
import io.mlp4j.random.SeededRandom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A feedforward network of dense layers, computed for a whole mini-batch at once in float32:
 * for each layer, {@code L_l = S(W_l · L_(l−1) + B_l)} (the essay's layer equation), trained by backpropagation and
 * gradient descent {@code ω⁺ = ω − η ∂C/∂ω} (the blog's Eq 5 and 6: {@link #gradients} here, the update in
 * {@code io.mlp4j.train}).
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
 * <p>Prediction ({@link #predict}, {@link #cost}) is safe from many threads at once: each call works in its own
 * buffers. Training changes the weights in place, so predicting from other threads while a network trains is not
 * supported, and is detected: such a prediction throws {@link IllegalStateException} rather than return outputs
 * computed from a mix of old and new weights (see {@link #startTraining}).
 */
public final class Network {
    private final Architecture architecture;
    private final List<DenseLayer> layers;
    private final Kernel kernel = Kernels.best();
    /**
     * Prediction buffers, one set per caller at a time: a call takes one (or makes one) and returns it after, so
     * threads predicting at once never share buffers and a prediction service does not allocate them per call.
     */
    private final PassPool singles = new PassPool(POOL_SLOTS), passes = new PassPool(POOL_SLOTS);
    /** Sets kept for concurrent callers: enough for a server's worker threads on a few cores; more callers make their own. */
    private static final int POOL_SLOTS = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
    /** The thread training this network, if any; {@link #trainingChanges} counts starts and ends of training. */
    private volatile Thread trainer;
    private final AtomicLong trainingChanges = new AtomicLong();
    /**
     * Rows per pass when predicting or costing many samples. Each pass hands work to the other threads twice per
     * layer (and, when costing, packs the weights for the GEMM again), so fewer, larger passes are faster: 1,000 rows
     * of the W2 network at 1,024 per pass ran 10-15% faster than at 256 (docs/benchmarks.md). The buffers grow with
     * it (about 8 MB for 784-256-128-10, plus two copies of the weights that prediction keeps packed) and are kept for
     * the next call.
     */
    private static final int INFERENCE_BATCH = 1024;
    /**
     * Fewest rows per thread before batch prediction splits its rows across the kernel threads. A judgement, not a
     * measurement: only 500 rows per part (W4's 1,000 on two threads) were measured (docs/benchmarks.md); below a few
     * hundred rows the per-part buffers and weight packing weigh more against the work.
     */
    private static final int ROWS_PER_PART = 256;

    private Network(Architecture architecture, List<DenseLayer> layers) {
        this.architecture = architecture;
        this.layers = Collections.unmodifiableList(layers);
    }

    /** Empty layers of the architecture's shapes, for a factory to fill. */
    private static List<DenseLayer> emptyLayers(Architecture architecture) {
        List<DenseLayer> built = new ArrayList<>();
        for (int i = 0; i < architecture.depth(); i++) {
            Architecture.LayerSpec spec = architecture.layers().get(i);
            built.add(new DenseLayer(architecture.fanIn(i), spec.units(), spec.activation()));
        }
        return built;
    }

    /** Starts a network description: {@code input(n)}, then {@code dense(units, activation)} per layer, then {@code loss}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A network of the given shape with weights drawn by {@code init} (null: He for ReLU-family layers, Glorot for
     * the others) from a generator seeded with {@code seed}.
     */
    public static Network create(Architecture architecture, Initializer init, long seed) {
        List<DenseLayer> layers = emptyLayers(architecture);
        SeededRandom rng = new SeededRandom(seed);
        for (DenseLayer layer : layers) {
            Initializer chosen = init != null ? init : Initializer.defaultFor(layer.activation());
            chosen.fill(layer.weight, layer.bias, layer.inputs(), layer.units(), rng);
        }
        return new Network(architecture, layers);
    }

    /** A network of the given shape with the given parameters: {@code weights[i]} is layer i's W (out×in), copied. */
    public static Network withParameters(Architecture architecture, float[][] weights, float[][] biases) {
        if (weights.length != architecture.depth() || biases.length != architecture.depth()) {
            throw new IllegalArgumentException("parameters for " + weights.length + " and " + biases.length
                    + " layers, expected " + architecture.depth());
        }
        List<DenseLayer> layers = emptyLayers(architecture);
        for (int i = 0; i < layers.size(); i++) layers.get(i).setParameters(weights[i], biases[i]);
        return new Network(architecture, layers);
    }

    /** A copy with the same architecture and parameters. */
    public Network copy() {
        List<DenseLayer> copied = emptyLayers(architecture);
        Network c = new Network(architecture, copied);
        c.copyParametersFrom(this);
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

    /**
     * The network's parameters paired with the gradients {@code g} (both live arrays), named as in the model file
     * ({@code layers.0.weight}, {@code layers.0.bias}, …): what an optimizer updates.
     */
    public List<Parameter> parameters(Gradients g) {
        List<Parameter> params = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            DenseLayer layer = layers.get(i);
            params.add(new Parameter("layers." + i + ".weight", layer.weight, g.dW[i], true));
            params.add(new Parameter("layers." + i + ".bias", layer.bias, g.db[i], false));
        }
        return params;
    }

    // ---- inference ------------------------------------------------------------------------------------------

    /** The output layer's activations for one sample (a fresh array; the buffers behind it are reused). */
    public float[] predict(float[] x) {
        Inputs.checkRow(x, inputSize(), "input");
        long changes = checkNotTraining();
        Backpropagation pass = singles.take(1);
        if (pass == null) pass = new Backpropagation(this, 1);
        pass.loadRow(x);
        pass.predict();
        float[] result = java.util.Arrays.copyOf(pass.outputs(), outputSize());
        singles.give(pass);
        checkNotTrainedSince(changes);
        return result;
    }

    /**
     * The output layer's activations for each row of {@code xs}. A large batch is cut into one contiguous part per
     * kernel thread, each predicted on its own thread with its own buffers: the layers then run without a hand-over
     * between threads, and each core keeps its rows in its own cache. Every row is computed by the same operations
     * however the rows are cut, so the results do not depend on the thread count.
     */
    public float[][] predict(float[][] xs) {
        int in = inputSize(), out = outputSize();
        Inputs.checkShapes(xs, in, "input");
        float[][] result = new float[xs.length][out];
        long changes = checkNotTraining();
        int parts = Math.min(Parallel.threads(), xs.length / ROWS_PER_PART);
        if (parts <= 1) {
            predictRows(xs, 0, xs.length, result);
        } else {
            Parallel.forEachPart(xs.length, parts, (from, to) -> predictRows(xs, from, to, result));
        }
        checkNotTrainedSince(changes);
        return result;
    }

    /** Rows [from, to) of {@code xs} into the same rows of {@code result}. */
    private void predictRows(float[][] xs, int from, int to, float[][] result) {
        int in = inputSize(), out = outputSize();
        Backpropagation pass = takePass(to - from);
        Batches.walk(to - from, pass.capacity(), 0, (b, offset, m) -> {
            int start = from + offset;
            pass.load(xs, null, null, start, m);
            // Checked on the copy, while it is in cache (a pass over the caller's rows cost 8% of batch prediction);
            // the row-by-row check then names the row and column.
            if (!kernel.allFinite(pass.inputs(), m * in)) Inputs.checkValues(xs, start, start + m, in, "input");
            pass.predict();
            for (int r = 0; r < m; r++) System.arraycopy(pass.outputs(), r * out, result[start + r], 0, out);
        });
        passes.give(pass); // not returned when a row was bad: the next call makes a new set
    }

    /** A set of buffers for up to {@code rows} rows per pass (at most INFERENCE_BATCH), from the pool or new. */
    private Backpropagation takePass(int rows) {
        int capacity = Math.min(Math.max(rows, 1), INFERENCE_BATCH);
        Backpropagation pass = passes.take(capacity);
        return pass != null ? pass : new Backpropagation(this, capacity);
    }

    /** The mean cost C over the samples, e.g. the seeds' Σ_j (a_j − y_j)² averaged over rows. */
    public double cost(float[][] xs, float[][] ys) {
        checkData(xs, ys);
        long changes = checkNotTraining();
        Backpropagation pass = takePass(xs.length);
        double[] sum = {0};
        Batches.walk(xs.length, pass.capacity(), 0, (b, start, m) -> {
            pass.load(xs, ys, null, start, m);
            sum[0] += pass.forward(0f, null) * m;
        });
        passes.give(pass);
        checkNotTrainedSince(changes);
        return sum[0] / xs.length;
    }

    // ---- training and prediction at once ---------------------------------------------------------------------

    /**
     * Marks this network as trained by the calling thread until the returned handle is closed. Meanwhile, and for
     * any prediction that overlapped with it, predictions from other threads throw {@link IllegalStateException}
     * instead of returning outputs of half-updated weights; the training thread itself may still predict (a
     * listener that shows a sample's output). {@code io.mlp4j.train.Trainer} does this; so should a loop that
     * drives {@code OptimizerStep} by hand while other threads might predict.
     */
    public Training startTraining() {
        Thread current = Thread.currentThread();
        synchronized (trainingChanges) {
            if (trainer != null && trainer != current) {
                throw new IllegalStateException("this network is already being trained by thread '" + trainer.getName() + "'");
            }
            if (trainer == current) return () -> { }; // nested: the outer handle ends it
            trainingChanges.incrementAndGet();
            trainer = current;
        }
        return () -> {
            synchronized (trainingChanges) {
                trainer = null;
                trainingChanges.incrementAndGet();
            }
        };
    }

    /** The handle of {@link #startTraining}: closing it ends the training mark. */
    @FunctionalInterface
    public interface Training extends AutoCloseable {
        @Override
        void close();
    }

    private long checkNotTraining() {
        long changes = trainingChanges.get();
        Thread t = trainer;
        if (t != null && t != Thread.currentThread()) throw concurrentTraining(t);
        return changes;
    }

    private void checkNotTrainedSince(long changes) {
        if (trainingChanges.get() != changes && trainer != Thread.currentThread()) throw concurrentTraining(trainer);
    }

    private static IllegalStateException concurrentTraining(Thread t) {
        return new IllegalStateException("the network is being trained" + (t != null ? " by thread '" + t.getName() + "'" : "")
                + " while this thread predicts with it: predict with a copy (Network.copy()) or after training");
    }

    // ---- the first half of a training step ------------------------------------------------------------------

    /**
     * ∇C averaged over the given samples, by backpropagation, with their mean cost: the first half of a gradient
     * descent step (an optimizer in {@code io.mlp4j.train} takes the second, ω⁺ = ω − η ∂C/∂ω). Returns new
     * gradients; the trainer reuses its own.
     */
    public Gradients gradients(float[][] xs, float[][] ys) {
        checkData(xs, ys);
        if (xs.length == 0) throw new IllegalArgumentException("no samples");
        Backpropagation bp = new Backpropagation(this, xs.length);
        Gradients g = new Gradients(architecture);
        bp.load(xs, ys, null, 0, xs.length);
        g.setBatchResult(bp.forward(0f, null), 0);
        bp.backward(g);
        return g;
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /**
     * Checks samples for this network: each input row has {@link #inputSize()} finite values, each target row
     * {@link #outputSize()}, and there are as many of each; the message names the row and column.
     */
    public void checkData(float[][] xs, float[][] ys) {
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

        /** Seeds initialization: the same seed gives the same starting weights. Default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Checks the description and creates the network; bad shapes fail here with the layer named. */
        public Network build() {
            if (inputSize == null) throw new IllegalArgumentException("no input size given: call input(n) first");
            return create(new Architecture(inputSize, layers, loss), init, seed);
        }
    }
}
