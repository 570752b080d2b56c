package io.mlp4j.nn;

import io.mlp4j.kernel.Kernel;

/**
 * The activation function σ of a layer, {@code a = σ(z)}, with its derivative σ′(z) beside it.
 *
 * <p>Each activation is written twice on purpose: the {@code double} formulas are the readable math
 * used by the double-precision reference path (explain trace, gradient checks); {@link #forward} and
 * {@link #backward} hand the batched float work to the {@link Kernel}, whose scalar implementation
 * mirrors these formulas and is tested against them.
 */
public enum Activation {
    /** σ(z) = 1 / (1 + e^(−z)); σ′(z) = σ(z)(1 − σ(z)) (the blog's Eq 16 and 17). */
    SIGMOID {
        @Override public double apply(double z) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        @Override public double derivative(double z, double a) {
            return a * (1.0 - a);
        }
        @Override void forward(Kernel k, float[] z, float[] a, int rows, int cols) {
            k.sigmoid(z, a, rows * cols);
        }
        @Override void backward(Kernel k, float[] z, float[] a, float[] dCda, float[] delta, int rows, int cols) {
            k.sigmoidBackward(a, dCda, delta, rows * cols);
        }
    },
    /** ReLU(z) = max(0, z); ReLU′(z) = 1 if z &gt; 0 else 0 (the essay's f(x) = max(0, x)). */
    RELU {
        @Override public double apply(double z) {
            return z > 0 ? z : 0.0;
        }
        @Override public double derivative(double z, double a) {
            return z > 0 ? 1.0 : 0.0;
        }
        @Override void forward(Kernel k, float[] z, float[] a, int rows, int cols) {
            k.leakyRelu(z, a, 0f, rows * cols);
        }
        @Override void backward(Kernel k, float[] z, float[] a, float[] dCda, float[] delta, int rows, int cols) {
            k.leakyReluBackward(z, dCda, delta, 0f, rows * cols);
        }
    },
    /** Leaky ReLU(z) = z if z &gt; 0 else 0.01·z; derivative 1 or 0.01. */
    LEAKY_RELU {
        @Override public double apply(double z) {
            return z > 0 ? z : LEAKY_SLOPE * z;
        }
        @Override public double derivative(double z, double a) {
            return z > 0 ? 1.0 : LEAKY_SLOPE;
        }
        @Override void forward(Kernel k, float[] z, float[] a, int rows, int cols) {
            k.leakyRelu(z, a, (float) LEAKY_SLOPE, rows * cols);
        }
        @Override void backward(Kernel k, float[] z, float[] a, float[] dCda, float[] delta, int rows, int cols) {
            k.leakyReluBackward(z, dCda, delta, (float) LEAKY_SLOPE, rows * cols);
        }
    },
    /** tanh(z); tanh′(z) = 1 − tanh²(z). */
    TANH {
        @Override public double apply(double z) {
            return Math.tanh(z);
        }
        @Override public double derivative(double z, double a) {
            return 1.0 - a * a;
        }
        @Override void forward(Kernel k, float[] z, float[] a, int rows, int cols) {
            k.tanh(z, a, rows * cols);
        }
        @Override void backward(Kernel k, float[] z, float[] a, float[] dCda, float[] delta, int rows, int cols) {
            k.tanhBackward(a, dCda, delta, rows * cols);
        }
    },
    /** identity(z) = z; derivative 1. The output of a regression network. */
    IDENTITY {
        @Override public double apply(double z) {
            return z;
        }
        @Override public double derivative(double z, double a) {
            return 1.0;
        }
        @Override void forward(Kernel k, float[] z, float[] a, int rows, int cols) {
            System.arraycopy(z, 0, a, 0, rows * cols);
        }
        @Override void backward(Kernel k, float[] z, float[] a, float[] dCda, float[] delta, int rows, int cols) {
            System.arraycopy(dCda, 0, delta, 0, rows * cols);
        }
    },
    /**
     * softmax(z)_j = e^(z_j) / Σ_k e^(z_k), over one sample's outputs. Its Jacobian is not diagonal, so
     * mlp4j only allows it as the output of {@link Loss#CROSS_ENTROPY}, whose fused gradient
     * ∂C/∂z = a − y needs no Jacobian (see {@link Loss#requiredOutput()}).
     */
    SOFTMAX {
        @Override public boolean elementwise() {
            return false;
        }
        @Override public double apply(double z) {
            throw new UnsupportedOperationException("softmax is applied to a whole layer: use applyToLayer");
        }
        @Override public double derivative(double z, double a) {
            throw new UnsupportedOperationException("softmax has no elementwise derivative: it is fused with cross-entropy");
        }
        @Override public double[] applyToLayer(double[] z) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z) max = Math.max(max, v);
            double[] a = new double[z.length];
            double sum = 0;
            for (int j = 0; j < z.length; j++) {
                a[j] = Math.exp(z[j] - max); // shifting by the max keeps e^z finite for logits of ±1000
                sum += a[j];
            }
            for (int j = 0; j < z.length; j++) a[j] /= sum;
            return a;
        }
        @Override void forward(Kernel k, float[] z, float[] a, int rows, int cols) {
            k.softmaxRows(z, a, rows, cols);
        }
        @Override void backward(Kernel k, float[] z, float[] a, float[] dCda, float[] delta, int rows, int cols) {
            throw new UnsupportedOperationException("softmax is only backpropagated fused with cross-entropy");
        }
    };

    /** The slope of {@link #LEAKY_RELU} for negative z (the common default, as in PyTorch). */
    public static final double LEAKY_SLOPE = 0.01;

    /** σ(z) for one neuron. */
    public abstract double apply(double z);

    /** σ′(z), given z and a = σ(z) (sigmoid and tanh are cheaper from a). */
    public abstract double derivative(double z, double a);

    /** Whether σ acts on each neuron alone (all but softmax). */
    public boolean elementwise() {
        return true;
    }

    /** a = σ(z) for one layer of one sample, in double precision. */
    public double[] applyToLayer(double[] z) {
        double[] a = new double[z.length];
        for (int j = 0; j < z.length; j++) a[j] = apply(z[j]);
        return a;
    }

    /** a = σ(z) for a batch (rows × cols, row-major), in float. */
    abstract void forward(Kernel k, float[] z, float[] a, int rows, int cols);

    /** δ = ∂C/∂a ⊙ σ′(z) for a batch: the chain rule through this activation. */
    abstract void backward(Kernel k, float[] z, float[] a, float[] dCda, float[] delta, int rows, int cols);

    /** The name users type on the command line and in model files: lower case, dashes. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #id()} (also accepts the enum name); the error lists the valid names. */
    public static Activation fromId(String id) {
        for (Activation f : values()) {
            if (f.id().equalsIgnoreCase(id) || f.name().equalsIgnoreCase(id)) return f;
        }
        throw new IllegalArgumentException("unknown activation '" + id + "' (expected one of "
                + java.util.Arrays.stream(values()).map(Activation::id).toList() + ")");
    }
}
