package io.mlp4j.nn;

import java.util.Arrays;
import java.util.Locale;

/**
 * The cost C of one sample, comparing the output layer (z, a = σ(z)) with the target y, and its gradient: each
 * constant holds its formula and its derivative side by side, in double for one sample and in float for a batch.
 *
 * <p>A mini-batch's cost is the mean of its samples' costs, so its gradient is the mean of their gradients
 * ("gradients averaged over the mini-batch", as the essay describes stochastic gradient descent).
 *
 * <p>Two costs are <em>fused</em> with their output activation: they are computed from the logits z, which keeps
 * them finite for any z, and their gradient ∂C/∂z is written directly ({@link #requiredOutput()}).
 */
public enum Loss {
    /** The seeds' quadratic cost C = Σ_j (a_j − y_j)², with ∂C/∂a_j = 2(a_j − y_j) (blog Eq 2; essay §4). */
    QUADRATIC {
        @Override public double cost(double[] z, double[] a, double[] y) {
            double c = 0;
            for (int j = 0; j < a.length; j++) c += (a[j] - y[j]) * (a[j] - y[j]);
            return c;
        }
        @Override public double[] gradient(double[] z, double[] a, double[] y) {
            double[] g = new double[a.length];
            for (int j = 0; j < a.length; j++) g[j] = 2 * (a[j] - y[j]);
            return g;
        }
        @Override public void batchGradient(float[] z, float[] a, float[] y, float[] out, int rows, int cols, float scale) {
            float f = 2f * scale;
            for (int i = 0; i < rows * cols; i++) out[i] = f * (a[i] - y[i]);
        }
    },
    /** Mean squared error C = (1/n) Σ_j (a_j − y_j)² over the n outputs; ∂C/∂a_j = 2(a_j − y_j)/n. */
    MSE {
        @Override public double cost(double[] z, double[] a, double[] y) {
            return QUADRATIC.cost(z, a, y) / a.length;
        }
        @Override public double[] gradient(double[] z, double[] a, double[] y) {
            double[] g = QUADRATIC.gradient(z, a, y);
            for (int j = 0; j < g.length; j++) g[j] /= a.length;
            return g;
        }
        @Override public void batchGradient(float[] z, float[] a, float[] y, float[] out, int rows, int cols, float scale) {
            float f = 2f * scale / cols;
            for (int i = 0; i < rows * cols; i++) out[i] = f * (a[i] - y[i]);
        }
    },
    /**
     * Softmax cross-entropy C = −Σ_j y_j log softmax(z)_j = Σ_j y_j (logΣ_k e^(z_k) − z_j), computed with the
     * log-sum-exp shift so logits of ±1000 give finite costs. Fused with {@link Activation#SOFTMAX}:
     * ∂C/∂z_j = a_j·Σ_k y_k − y_j, which is a − y for a one-hot or probability target.
     */
    CROSS_ENTROPY {
        @Override public Activation requiredOutput() {
            return Activation.SOFTMAX;
        }
        @Override public double cost(double[] z, double[] a, double[] y) {
            double lse = logSumExp(z);
            double c = 0;
            for (int j = 0; j < z.length; j++) c += y[j] * (lse - z[j]);
            return c;
        }
        @Override public double[] gradient(double[] z, double[] a, double[] y) {
            double ySum = 0;
            for (double v : y) ySum += v;
            double[] g = new double[z.length];
            for (int j = 0; j < z.length; j++) g[j] = a[j] * ySum - y[j];
            return g;
        }
        @Override public void batchGradient(float[] z, float[] a, float[] y, float[] out, int rows, int cols, float scale) {
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                float ySum = 0;
                for (int j = 0; j < cols; j++) ySum += y[o + j];
                for (int j = 0; j < cols; j++) out[o + j] = scale * (a[o + j] * ySum - y[o + j]);
            }
        }
    },
    /**
     * Binary cross-entropy C = (1/n) Σ_j −[y_j log a_j + (1 − y_j) log(1 − a_j)] with a = sigmoid(z), computed as
     * softplus(z_j) − y_j z_j so it stays finite when a_j rounds to 0 or 1. Fused with {@link Activation#SIGMOID}:
     * ∂C/∂z_j = (a_j − y_j)/n. The mean over outputs matches PyTorch's BCEWithLogitsLoss.
     */
    BINARY_CROSS_ENTROPY {
        @Override public Activation requiredOutput() {
            return Activation.SIGMOID;
        }
        @Override public double cost(double[] z, double[] a, double[] y) {
            double c = 0;
            for (int j = 0; j < z.length; j++) c += softplus(z[j]) - y[j] * z[j];
            return c / z.length;
        }
        @Override public double[] gradient(double[] z, double[] a, double[] y) {
            double[] g = new double[z.length];
            for (int j = 0; j < z.length; j++) g[j] = (a[j] - y[j]) / z.length;
            return g;
        }
        @Override public void batchGradient(float[] z, float[] a, float[] y, float[] out, int rows, int cols, float scale) {
            float f = scale / cols;
            for (int i = 0; i < rows * cols; i++) out[i] = f * (a[i] - y[i]);
        }
    };

    /** The cost of one sample, in double precision. */
    public abstract double cost(double[] z, double[] a, double[] y);

    /**
     * The gradient of one sample's cost: ∂C/∂a for an unfused cost, ∂C/∂z for a fused one
     * ({@link #isFused()}).
     */
    public abstract double[] gradient(double[] z, double[] a, double[] y);

    /**
     * {@link #gradient} for every row of a float batch, times {@code scale}, written into {@code out}: backpropagation
     * passes scale = 1/rows so that every later gradient is already the batch mean. It runs once per batch on the
     * output layer only (batch × classes), so plain loops are fast enough.
     */
    public abstract void batchGradient(float[] z, float[] a, float[] y, float[] out, int rows, int cols, float scale);

    /** The output activation this cost is fused with, or null when any elementwise activation works. */
    public Activation requiredOutput() {
        return null;
    }

    /** Whether {@link #gradient} is already ∂C/∂z (the output activation's derivative is folded in). */
    public boolean isFused() {
        return requiredOutput() != null;
    }

    /**
     * Mean cost of a batch (rows × cols, row-major floats), accumulated in double. Each row is widened into the
     * caller's buffers of {@code cols} doubles (no allocation per batch), so {@link #cost} stays the only place a cost
     * is written.
     */
    public double batchCost(float[] z, float[] a, float[] y, int rows, int cols, double[] zr, double[] ar, double[] yr) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            widen(z, r, cols, zr);
            widen(a, r, cols, ar);
            widen(y, r, cols, yr);
            sum += cost(zr, ar, yr);
        }
        return sum / rows;
    }

    /** The name users type: lower case, dashes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses {@link #id()} (also the enum name); the error lists the valid names. */
    public static Loss fromId(String id) {
        for (Loss l : values()) {
            if (l.id().equalsIgnoreCase(id) || l.name().equalsIgnoreCase(id)) return l;
        }
        throw new IllegalArgumentException("unknown loss '" + id + "' (expected one of "
                + Arrays.stream(values()).map(Loss::id).toList() + ")");
    }

    static double logSumExp(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) max = Math.max(max, v);
        double sum = 0;
        for (double v : z) sum += Math.exp(v - max);
        return max + Math.log(sum);
    }

    /** log(1 + e^z) without overflow: max(z, 0) + log1p(e^(−|z|)). */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    private static void widen(float[] src, int row, int cols, double[] dst) {
        for (int j = 0; j < cols; j++) dst[j] = src[row * cols + j];
    }
}
