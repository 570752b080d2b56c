package io.mlp4j.reference;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.DenseLayer;
import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.random.SeededRandom;

/**
 * The seeds' equations literally, one sample at a time, in double precision: the path the explain trace and the
 * gradient check use, and the reference the float32 batched {@link Network} is tested against.
 *
 * <p>Notation follows the blog: layer l has weights w_jk (from neuron k of layer l−1 into neuron j), biases b_j,
 * pre-activations z_j = Σ_k w_jk a_k + b_j and activations a_j = σ(z_j). Layers are 0-based here; the input a⁽⁰⁾
 * is the sample. Instances are immutable: {@link #step} returns the updated network.
 */
public final class ReferenceNetwork {
    private final Architecture architecture;
    private final double[][][] w;
    private final double[][] b;

    /**
     * @param weights weights[l][j][k]: layer l, neuron j, input k
     * @param biases  biases[l][j]
     */
    public ReferenceNetwork(Architecture architecture, double[][][] weights, double[][] biases) {
        this.architecture = architecture;
        if (weights.length != architecture.depth() || biases.length != architecture.depth()) {
            throw new IllegalArgumentException("expected parameters for " + architecture.depth() + " layers, got "
                    + weights.length + " weight matrices and " + biases.length + " bias vectors");
        }
        this.w = new double[weights.length][][];
        this.b = new double[biases.length][];
        for (int l = 0; l < weights.length; l++) {
            int out = architecture.layers().get(l).units(), in = architecture.fanIn(l);
            String where = "layer " + (l + 1);
            if (weights[l].length != out || biases[l].length != out) {
                throw new IllegalArgumentException(where + ": expected " + out + " neurons, got "
                        + weights[l].length + " weight rows and " + biases[l].length + " biases");
            }
            w[l] = new double[out][];
            for (int j = 0; j < out; j++) {
                if (weights[l][j].length != in) {
                    throw new IllegalArgumentException(where + ", neuron " + (j + 1) + ": expected " + in
                            + " weights, got " + weights[l][j].length);
                }
                w[l][j] = weights[l][j].clone();
            }
            b[l] = biases[l].clone();
        }
    }

    /** The same numbers as a float32 network, widened exactly to double. */
    public static ReferenceNetwork of(Network net) {
        Architecture arch = net.architecture();
        double[][][] w = new double[arch.depth()][][];
        double[][] b = new double[arch.depth()][];
        for (int l = 0; l < arch.depth(); l++) {
            DenseLayer layer = net.layer(l);
            w[l] = new double[layer.units()][layer.inputs()];
            b[l] = new double[layer.units()];
            for (int j = 0; j < layer.units(); j++) {
                for (int k = 0; k < layer.inputs(); k++) w[l][j][k] = layer.weight(j, k);
                b[l][j] = layer.bias(j);
            }
        }
        return new ReferenceNetwork(arch, w, b);
    }

    /**
     * Random parameters in double precision, for gradient checks on small networks: weights from {@code init} plus
     * sub-float noise (so they use all of double's 53 bits), biases uniform in [−0.5, 0.5) (not 0, so no ReLU
     * pre-activation sits exactly on its kink).
     */
    public static ReferenceNetwork random(Architecture arch, Initializer init, long seed) {
        ReferenceNetwork net = of(Network.create(arch, init, seed));
        SeededRandom rng = new SeededRandom(~seed);
        for (int l = 0; l < net.w.length; l++) {
            for (int j = 0; j < net.w[l].length; j++) {
                for (int k = 0; k < net.w[l][j].length; k++) net.w[l][j][k] += (rng.nextDouble() - 0.5) * 1e-7;
                net.b[l][j] = rng.nextDouble() - 0.5;
            }
        }
        return net;
    }

    public Architecture architecture() {
        return architecture;
    }

    public double weight(int layer, int j, int k) {
        return w[layer][j][k];
    }

    public double bias(int layer, int j) {
        return b[layer][j];
    }

    /** This network with one weight changed (for finite differences and single-weight steps). */
    public ReferenceNetwork withWeight(int layer, int j, int k, double value) {
        ReferenceNetwork copy = new ReferenceNetwork(architecture, w, b);
        copy.w[layer][j][k] = value;
        return copy;
    }

    /** This network with one bias changed. */
    public ReferenceNetwork withBias(int layer, int j, double value) {
        ReferenceNetwork copy = new ReferenceNetwork(architecture, w, b);
        copy.b[layer][j] = value;
        return copy;
    }

    /** The values of one forward pass: z[l][j] and a[l][j] for every layer (a[0] is the input). */
    public record Pass(double[] input, double[][] z, double[][] a) {
        /** The output layer's activations. */
        public double[] output() {
            return a[a.length - 1];
        }
    }

    /** z = W·a_prev + b, a = σ(z), layer by layer (the essay's L_l = S(W_l·L_(l−1) + B_l)). */
    public Pass forward(double[] x) {
        checkLength(x, architecture.inputSize(), "input");
        int depth = architecture.depth();
        double[][] z = new double[depth][];
        double[][] a = new double[depth + 1][];
        a[0] = x.clone();
        for (int l = 0; l < depth; l++) {
            z[l] = new double[w[l].length];
            for (int j = 0; j < w[l].length; j++) {
                double sum = b[l][j];
                for (int k = 0; k < w[l][j].length; k++) sum += w[l][j][k] * a[l][k];
                z[l][j] = sum;
            }
            a[l + 1] = activation(l).applyToLayer(z[l]);
        }
        return new Pass(a[0], z, a);
    }

    /** C for one sample. */
    public double cost(double[] x, double[] y) {
        Pass p = forward(x);
        checkLength(y, architecture.outputSize(), "target");
        int last = architecture.depth() - 1;
        return architecture.loss().cost(p.z()[last], p.output(), y);
    }

    /** Mean C over samples. */
    public double cost(double[][] xs, double[][] ys) {
        double sum = 0;
        for (int i = 0; i < xs.length; i++) sum += cost(xs[i], ys[i]);
        return sum / xs.length;
    }

    /**
     * Everything backpropagation computes for one sample, per layer l:
     * ∂C/∂a_j, σ′(z_j), δ_j = ∂C/∂z_j, ∂C/∂w_jk = δ_j · a_k⁽ˡ⁻¹⁾ and ∂C/∂b_j = δ_j.
     * For a fused output (softmax or sigmoid with a cross-entropy) the output layer's dCda and sigmaPrime are null:
     * its δ comes from the cost directly.
     */
    public record Backprop(Pass pass, double cost, double[][] dCda, double[][] sigmaPrime, double[][] delta,
                           double[][][] dW, double[][] db) {
    }

    /** Backpropagation by the chain rule (the blog's Eq 10–15) for one sample. */
    public Backprop backprop(double[] x, double[] y) {
        checkLength(y, architecture.outputSize(), "target");
        Pass p = forward(x);
        Loss loss = architecture.loss();
        int depth = architecture.depth(), last = depth - 1;
        double[][] dCda = new double[depth][], sigmaPrime = new double[depth][], delta = new double[depth][];
        double[][][] dW = new double[depth][][];
        double[][] db = new double[depth][];
        double cost = loss.cost(p.z()[last], p.output(), y);
        if (loss.isFused()) {
            delta[last] = loss.gradient(p.z()[last], p.output(), y);
        } else {
            dCda[last] = loss.gradient(p.z()[last], p.output(), y);
        }
        for (int l = last; l >= 0; l--) {
            if (delta[l] == null) {
                sigmaPrime[l] = new double[p.z()[l].length];
                delta[l] = new double[p.z()[l].length];
                for (int j = 0; j < delta[l].length; j++) {
                    sigmaPrime[l][j] = activation(l).derivative(p.z()[l][j], p.a()[l + 1][j]);
                    delta[l][j] = dCda[l][j] * sigmaPrime[l][j];
                }
            }
            dW[l] = new double[w[l].length][];
            db[l] = delta[l].clone();
            for (int j = 0; j < w[l].length; j++) {
                dW[l][j] = new double[w[l][j].length];
                for (int k = 0; k < w[l][j].length; k++) dW[l][j][k] = delta[l][j] * p.a()[l][k];
            }
            if (l > 0) {
                // ∂C/∂a_k⁽ˡ⁻¹⁾ = Σ_j w_jk δ_j: every neuron k feeds every neuron j of the next layer (blog Eq 14).
                dCda[l - 1] = new double[architecture.fanIn(l)];
                for (int j = 0; j < w[l].length; j++) {
                    for (int k = 0; k < w[l][j].length; k++) dCda[l - 1][k] += w[l][j][k] * delta[l][j];
                }
            }
        }
        return new Backprop(p, cost, dCda, sigmaPrime, delta, dW, db);
    }

    /** ∇C averaged over samples: {dW, db} as in {@link Backprop}, the mean of each sample's. */
    public Backprop meanGradient(double[][] xs, double[][] ys) {
        if (xs.length == 0 || xs.length != ys.length) {
            throw new IllegalArgumentException("need the same positive number of inputs and targets, got "
                    + xs.length + " and " + ys.length);
        }
        Backprop sum = null;
        double cost = 0;
        for (int i = 0; i < xs.length; i++) {
            Backprop g = backprop(xs[i], ys[i]);
            cost += g.cost();
            if (sum == null) {
                sum = g;
            } else {
                addInto(sum.dW(), g.dW());
                addInto(sum.db(), g.db());
            }
        }
        scale(sum.dW(), 1.0 / xs.length);
        scale(sum.db(), 1.0 / xs.length);
        return new Backprop(null, cost / xs.length, null, null, null, sum.dW(), sum.db());
    }

    /** Gradient descent, ω⁺ = ω − η ∂C/∂ω and b⁺ = b − η ∂C/∂b, as a new network. */
    public ReferenceNetwork step(Backprop g, double eta) {
        ReferenceNetwork next = new ReferenceNetwork(architecture, w, b);
        for (int l = 0; l < w.length; l++) {
            for (int j = 0; j < w[l].length; j++) {
                for (int k = 0; k < w[l][j].length; k++) next.w[l][j][k] -= eta * g.dW()[l][j][k];
                next.b[l][j] -= eta * g.db()[l][j];
            }
        }
        return next;
    }

    private Activation activation(int l) {
        return architecture.layers().get(l).activation();
    }

    private static void checkLength(double[] v, int expected, String what) {
        if (v.length != expected) {
            throw new IllegalArgumentException(what + " has " + v.length + " values, expected " + expected);
        }
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(what + ", column " + i + " is " + v[i] + " (values must be finite)");
            }
        }
    }

    private static void addInto(double[][][] acc, double[][][] x) {
        for (int l = 0; l < acc.length; l++) addInto(acc[l], x[l]);
    }

    private static void addInto(double[][] acc, double[][] x) {
        for (int i = 0; i < acc.length; i++) {
            for (int j = 0; j < acc[i].length; j++) acc[i][j] += x[i][j];
        }
    }

    private static void scale(double[][][] m, double f) {
        for (double[][] l : m) scale(l, f);
    }

    private static void scale(double[][] m, double f) {
        for (double[] row : m) {
            for (int j = 0; j < row.length; j++) row[j] *= f;
        }
    }
}
