package io.mlp4j.kernel;

/**
 * Plain Java loops: the portable reference every faster kernel is tested against.
 * Loop orders are chosen so the innermost loop walks memory contiguously.
 */
public final class ScalarKernel implements Kernel {

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int n, int k) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) sum += a[i * k + p] * b[j * k + p];
                c[i * n + j] = sum;
            }
        }
    }

    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int n, int k) {
        java.util.Arrays.fill(c, 0, m * n, 0f);
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                float aip = a[p * m + i];
                for (int j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
            }
        }
    }

    @Override
    public void gemmAB(float[] a, float[] b, float[] c, int m, int n, int k) {
        java.util.Arrays.fill(c, 0, m * n, 0f);
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                for (int j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
            }
        }
    }

    @Override
    public void addRowVector(float[] c, float[] bias, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) c[r * cols + j] += bias[j];
        }
    }

    @Override
    public void sumRows(float[] a, float[] out, int rows, int cols) {
        java.util.Arrays.fill(out, 0, cols, 0f);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) out[j] += a[r * cols + j];
        }
    }

    @Override
    public boolean allFinite(float[] x, int n) {
        // 0·x is 0 for finite x and NaN for ±∞ and NaN, and a NaN stays in the sum. Four sums keep four independent
        // add chains in flight (one chain waits out the add latency on every value).
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += x[i] * 0f;
            s1 += x[i + 1] * 0f;
            s2 += x[i + 2] * 0f;
            s3 += x[i + 3] * 0f;
        }
        for (; i < n; i++) s0 += x[i] * 0f;
        return s0 + s1 + s2 + s3 == 0f;
    }

    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, int n, float beta1, float beta2, float stepSize,
                     float sqrtCorrection2, float epsilon) {
        adam(w, g, m, v, 0, n, beta1, beta2, stepSize, sqrtCorrection2, epsilon);
    }

    /** The Adam update for elements [from, to); the vector kernel's tail uses it too, so both give the same bits. */
    static void adam(float[] w, float[] g, float[] m, float[] v, int from, int to, float beta1, float beta2,
                     float stepSize, float sqrtCorrection2, float epsilon) {
        float oneMinusBeta1 = (float) (1 - (double) beta1), oneMinusBeta2 = (float) (1 - (double) beta2);
        for (int i = from; i < to; i++) {
            m[i] = beta1 * m[i] + oneMinusBeta1 * g[i];
            v[i] = beta2 * v[i] + oneMinusBeta2 * g[i] * g[i];
            w[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) / sqrtCorrection2 + epsilon);
        }
    }

    @Override
    public void sigmoid(float[] z, float[] a, int n) {
        for (int i = 0; i < n; i++) a[i] = FloatMath.sigmoid(z[i]);
    }

    @Override
    public void sigmoidBackward(float[] a, float[] dCda, float[] delta, int n) {
        for (int i = 0; i < n; i++) delta[i] = dCda[i] * a[i] * (1f - a[i]);
    }

    @Override
    public void tanh(float[] z, float[] a, int n) {
        for (int i = 0; i < n; i++) a[i] = FloatMath.tanh(z[i]);
    }

    @Override
    public void tanhBackward(float[] a, float[] dCda, float[] delta, int n) {
        for (int i = 0; i < n; i++) delta[i] = dCda[i] * (1f - a[i] * a[i]);
    }

    @Override
    public void leakyRelu(float[] z, float[] a, float slope, int n) {
        for (int i = 0; i < n; i++) a[i] = z[i] > 0f ? z[i] : slope * z[i];
    }

    @Override
    public void leakyReluBackward(float[] z, float[] dCda, float[] delta, float slope, int n) {
        for (int i = 0; i < n; i++) delta[i] = z[i] > 0f ? dCda[i] : slope * dCda[i];
    }

    @Override
    public void softmaxRows(float[] z, float[] a, int rows, int cols) {
        softmax(z, a, rows, cols);
    }

    static void softmax(float[] z, float[] a, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, z[o + j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                a[o + j] = (float) Math.exp(z[o + j] - max);
                sum += a[o + j];
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) a[o + j] *= inv;
        }
    }
}
