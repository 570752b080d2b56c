package io.mlp4j.testing;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;

/**
 * The oracle for tests: the seeds' equations written out again, one sample at a time, in plain double loops. It
 * shares no arithmetic with the code under test: every activation, derivative, cost and cost gradient is written
 * here from the textbook formula. {@link Activation} and {@link Loss} are used only as names that pick a formula.
 * {@code HandNetworkTest} checks this class against central finite differences of its own cost and against the
 * seeds' printed numbers, so tests can trust it as an independent computation.
 *
 * <pre>
 *   z_j^(l) = Σ_k w_jk^(l)·a_k^(l−1) + b_j^(l),   a^(l) = σ(z^(l)),   a^(0) = x          (blog Eq 1; essay §3)
 *   δ_j^(L) = ∂C/∂a_j · σ′(z_j^(L))   (for a cost fused with its output activation, ∂C/∂z_j directly)
 *   ∂C/∂a_k^(l) = Σ_j w_jk^(l+1)·δ_j^(l+1),   δ_k^(l) = ∂C/∂a_k^(l) · σ′(z_k^(l))              (blog Eq 10–15)
 *   ∂C/∂w_jk^(l) = δ_j^(l)·a_k^(l−1),   ∂C/∂b_j^(l) = δ_j^(l),   ω⁺ = ω − η·∂C/∂ω          (blog Eq 5, 6)
 * </pre>
 *
 * Layers are 0-based here as in the API: w[l][j][k] is the weight from neuron k of layer l−1 into neuron j of layer l.
 */
public final class HandNetwork {
    private final double[][][] w;
    private final double[][] b;
    private final Loss loss;
    private final Activation[] f;

    /** @param f the activation of each layer, input side first */
    public HandNetwork(double[][][] w, double[][] b, Loss loss, Activation... f) {
        if (w.length != b.length || w.length != f.length) throw new IllegalArgumentException("layer counts differ");
        this.w = new double[w.length][][];
        this.b = new double[b.length][];
        for (int l = 0; l < w.length; l++) {
            this.w[l] = new double[w[l].length][];
            for (int j = 0; j < w[l].length; j++) this.w[l][j] = w[l][j].clone();
            this.b[l] = b[l].clone();
        }
        this.loss = loss;
        this.f = f.clone();
    }

    /**
     * The float parameters of {@code net}, widened exactly to double. The activations and loss are passed by the
     * test that built the network (only weights and biases are read from it, through the public accessors).
     */
    public static HandNetwork widen(Network net, Loss loss, Activation... f) {
        double[][][] w = new double[f.length][][];
        double[][] b = new double[f.length][];
        for (int l = 0; l < f.length; l++) {
            float[] bias = net.layer(l).biases();
            int out = bias.length, in = net.layer(l).weights().length / out;
            w[l] = new double[out][in];
            b[l] = new double[out];
            for (int j = 0; j < out; j++) {
                for (int k = 0; k < in; k++) w[l][j][k] = net.layer(l).weight(j, k);
                b[l][j] = net.layer(l).bias(j);
            }
        }
        return new HandNetwork(w, b, loss, f);
    }

    public int depth() {
        return w.length;
    }

    public int units(int l) {
        return w[l].length;
    }

    public int inputs(int l) {
        return w[l][0].length;
    }

    public double weight(int l, int j, int k) {
        return w[l][j][k];
    }

    public double bias(int l, int j) {
        return b[l][j];
    }

    public Activation activation(int l) {
        return f[l];
    }

    public Loss loss() {
        return loss;
    }

    /** Whether the output layer's δ comes straight from the cost (softmax + cross-entropy, sigmoid + BCE). */
    public boolean fused() {
        return loss == Loss.CROSS_ENTROPY || loss == Loss.BINARY_CROSS_ENTROPY;
    }

    // ---- forward and cost ---------------------------------------------------------------------------------------

    /** One forward pass: sum[l][j] = Σ_k w_jk·a_k (without the bias), z[l][j] = sum + b_j, a[l+1] = σ(z[l]). */
    public record Pass(double[][] sum, double[][] z, double[][] a) {
        public double[] output() {
            return a[a.length - 1];
        }
    }

    public Pass forward(double[] x) {
        int depth = w.length;
        double[][] sum = new double[depth][], z = new double[depth][], a = new double[depth + 1][];
        a[0] = x.clone();
        for (int l = 0; l < depth; l++) {
            sum[l] = new double[w[l].length];
            z[l] = new double[w[l].length];
            for (int j = 0; j < w[l].length; j++) {
                double s = 0;
                for (int k = 0; k < w[l][j].length; k++) s += w[l][j][k] * a[l][k];
                sum[l][j] = s;
                z[l][j] = s + b[l][j];
            }
            a[l + 1] = f[l] == Activation.SOFTMAX ? softmax(z[l]) : new double[z[l].length];
            if (f[l] != Activation.SOFTMAX) {
                for (int j = 0; j < z[l].length; j++) a[l + 1][j] = sigma(f[l], z[l][j]);
            }
        }
        return new Pass(sum, z, a);
    }

    /** C of one sample, from the output activations (not from the logits as the code under test does). */
    public double cost(double[] x, double[] y) {
        double[] a = forward(x).output();
        int n = a.length;
        double c = 0;
        for (int j = 0; j < n; j++) {
            c += switch (loss) {
                case QUADRATIC -> (a[j] - y[j]) * (a[j] - y[j]);                               // Σ (a − y)²
                case MSE -> (a[j] - y[j]) * (a[j] - y[j]) / n;                                   // (1/n) Σ (a − y)²
                case CROSS_ENTROPY -> -y[j] * Math.log(a[j]);                                    // −Σ y log a
                case BINARY_CROSS_ENTROPY -> -(y[j] * Math.log(a[j]) + (1 - y[j]) * Math.log(1 - a[j])) / n;
            };
        }
        return c;
    }

    /** The mean of C over the samples (mini-batch gradient descent minimizes this). */
    public double cost(double[][] xs, double[][] ys) {
        double c = 0;
        for (int i = 0; i < xs.length; i++) c += cost(xs[i], ys[i]);
        return c / xs.length;
    }

    // ---- backward -----------------------------------------------------------------------------------------------

    /**
     * Everything one backpropagation step computes for one sample, per layer l: ∂C/∂a, σ′(z), δ, ∂C/∂w, ∂C/∂b and
     * the updated parameters ω − η·∂C/∂ω. For a fused output layer dCda[last] and sigmaPrime[last] are null.
     */
    public record Step(Pass pass, double cost, double[][] dCda, double[][] sigmaPrime, double[][] delta,
                       double[][][] dW, double[][] db, double[][][] wNext, double[][] bNext) {
    }

    public Step backprop(double[] x, double[] y, double eta) {
        Pass p = forward(x);
        int depth = w.length, last = depth - 1, n = y.length;
        double[] out = p.output();
        double[][] dCda = new double[depth][], sigmaPrime = new double[depth][], delta = new double[depth][];
        double[][][] dW = new double[depth][][], wNext = new double[depth][][];
        double[][] db = new double[depth][], bNext = new double[depth][];
        if (loss == Loss.CROSS_ENTROPY) {
            // C = −Σ_j y_j log softmax(z)_j  ⇒  ∂C/∂z_i = Σ_j y_j (a_i − [i = j]) = a_i·Σ_j y_j − y_i
            double ySum = 0;
            for (double v : y) ySum += v;
            delta[last] = new double[n];
            for (int i = 0; i < n; i++) delta[last][i] = out[i] * ySum - y[i];
        } else if (loss == Loss.BINARY_CROSS_ENTROPY) {
            // C = (1/n) Σ_j −[y log a + (1 − y) log(1 − a)], a = σ(z), σ′ = a(1 − a)  ⇒  ∂C/∂z_j = (a_j − y_j)/n
            delta[last] = new double[n];
            for (int j = 0; j < n; j++) delta[last][j] = (out[j] - y[j]) / n;
        } else {
            // C = Σ (a − y)² ⇒ ∂C/∂a = 2(a − y) (blog Eq 2 and 10); MSE divides both by n.
            dCda[last] = new double[n];
            for (int j = 0; j < n; j++) dCda[last][j] = 2 * (out[j] - y[j]) / (loss == Loss.MSE ? n : 1);
        }
        for (int l = last; l >= 0; l--) {
            if (delta[l] == null) {
                sigmaPrime[l] = new double[w[l].length];
                delta[l] = new double[w[l].length];
                for (int j = 0; j < w[l].length; j++) {
                    sigmaPrime[l][j] = sigmaPrime(f[l], p.z()[l][j]);
                    delta[l][j] = dCda[l][j] * sigmaPrime[l][j];
                }
            }
            dW[l] = new double[w[l].length][];
            wNext[l] = new double[w[l].length][];
            db[l] = new double[w[l].length];
            bNext[l] = new double[w[l].length];
            for (int j = 0; j < w[l].length; j++) {
                dW[l][j] = new double[w[l][j].length];
                wNext[l][j] = new double[w[l][j].length];
                for (int k = 0; k < w[l][j].length; k++) {
                    dW[l][j][k] = delta[l][j] * p.a()[l][k];
                    wNext[l][j][k] = w[l][j][k] - eta * dW[l][j][k];
                }
                db[l][j] = delta[l][j];
                bNext[l][j] = b[l][j] - eta * db[l][j];
            }
            if (l > 0) {
                dCda[l - 1] = new double[w[l][0].length];
                for (int k = 0; k < dCda[l - 1].length; k++) {
                    double s = 0;
                    for (int j = 0; j < w[l].length; j++) s += w[l][j][k] * delta[l][j];
                    dCda[l - 1][k] = s;
                }
            }
        }
        return new Step(p, cost(x, y), dCda, sigmaPrime, delta, dW, db, wNext, bNext);
    }

    /** ∂C/∂w and ∂C/∂b, laid out like the parameters. */
    public record Grad(double[][][] dW, double[][] db) {
    }

    /** The mean over samples of each sample's backpropagated gradient. */
    public Grad meanBackprop(double[][] xs, double[][] ys) {
        double[][][] dW = zerosLike(w);
        double[][] db = new double[b.length][];
        for (int l = 0; l < b.length; l++) db[l] = new double[b[l].length];
        for (int i = 0; i < xs.length; i++) {
            Step s = backprop(xs[i], ys[i], 0);
            for (int l = 0; l < w.length; l++) {
                for (int j = 0; j < w[l].length; j++) {
                    for (int k = 0; k < w[l][j].length; k++) dW[l][j][k] += s.dW()[l][j][k] / xs.length;
                    db[l][j] += s.db()[l][j] / xs.length;
                }
            }
        }
        return new Grad(dW, db);
    }

    /**
     * Central finite differences of the mean cost, ∂C/∂ω ≈ (C(ω + h) − C(ω − h)) / 2h with h = 1e-6: error
     * O(h²) ≈ 1e-12 from truncation plus ≈ 1e-16/h = 1e-10 from rounding, far below float32's 1e-7.
     * Fails if a ReLU-family pre-activation lies within 1e-4 of its kink, where the difference quotient is not the
     * derivative.
     */
    public Grad finiteDifferences(double[][] xs, double[][] ys) {
        final double h = 1e-6;
        for (double[] x : xs) {
            Pass p = forward(x);
            for (int l = 0; l < w.length; l++) {
                if (f[l] != Activation.RELU && f[l] != Activation.LEAKY_RELU) continue;
                for (double z : p.z()[l]) {
                    if (Math.abs(z) < 1e-4) throw new IllegalStateException("layer " + l + " has z = " + z
                            + " at the ReLU kink: pick other inputs for a finite-difference check");
                }
            }
        }
        double[][][] dW = zerosLike(w);
        double[][] db = new double[b.length][];
        for (int l = 0; l < w.length; l++) {
            db[l] = new double[b[l].length];
            for (int j = 0; j < w[l].length; j++) {
                for (int k = 0; k < w[l][j].length; k++) {
                    double keep = w[l][j][k];
                    w[l][j][k] = keep + h;
                    double plus = cost(xs, ys);
                    w[l][j][k] = keep - h;
                    double minus = cost(xs, ys);
                    w[l][j][k] = keep;
                    dW[l][j][k] = (plus - minus) / (2 * h);
                }
                double keep = b[l][j];
                b[l][j] = keep + h;
                double plus = cost(xs, ys);
                b[l][j] = keep - h;
                double minus = cost(xs, ys);
                b[l][j] = keep;
                db[l][j] = (plus - minus) / (2 * h);
            }
        }
        return new Grad(dW, db);
    }

    // ---- the activations, each with its derivative written in z ----------------------------------------------------

    /** σ(z), written from the definitions (tanh as (e^z − e^(−z))/(e^z + e^(−z)): tests keep |z| small). */
    static double sigma(Activation f, double z) {
        return switch (f) {
            case SIGMOID -> 1 / (1 + Math.exp(-z));
            case TANH -> (Math.exp(z) - Math.exp(-z)) / (Math.exp(z) + Math.exp(-z));
            case RELU -> Math.max(0, z);
            case LEAKY_RELU -> z > 0 ? z : 0.01 * z;
            case IDENTITY -> z;
            case SOFTMAX -> throw new IllegalArgumentException("softmax acts on a whole layer");
        };
    }

    /** σ′(z) from z: the sigmoid's e^(−z)/(1 + e^(−z))², tanh's 1/cosh²(z), the ReLUs' step. */
    static double sigmaPrime(Activation f, double z) {
        return switch (f) {
            case SIGMOID -> Math.exp(-z) / ((1 + Math.exp(-z)) * (1 + Math.exp(-z)));
            case TANH -> 1 / (Math.cosh(z) * Math.cosh(z));
            case RELU -> z > 0 ? 1 : 0;
            case LEAKY_RELU -> z > 0 ? 1 : 0.01;
            case IDENTITY -> 1;
            case SOFTMAX -> throw new IllegalArgumentException("softmax is only used fused with cross-entropy");
        };
    }

    /** e^(z_j) / Σ_k e^(z_k) (no shift: tests use small logits). */
    static double[] softmax(double[] z) {
        double s = 0;
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) {
            a[j] = Math.exp(z[j]);
            s += a[j];
        }
        for (int j = 0; j < z.length; j++) a[j] /= s;
        return a;
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** Rows of floats widened exactly to double. */
    public static double[][] widen(float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) d[i][j] = m[i][j];
        }
        return d;
    }

    private static double[][][] zerosLike(double[][][] m) {
        double[][][] z = new double[m.length][][];
        for (int l = 0; l < m.length; l++) {
            z[l] = new double[m[l].length][];
            for (int j = 0; j < m[l].length; j++) z[l][j] = new double[m[l][j].length];
        }
        return z;
    }
}
