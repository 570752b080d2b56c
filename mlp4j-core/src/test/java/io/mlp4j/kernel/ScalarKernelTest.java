package io.mlp4j.kernel;

import io.mlp4j.random.SeededRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The scalar kernel against textbook definitions computed in double (C_ij = Σ_p A_ip·B_pj and so on), on odd sizes
 * and tails. Faster kernels are later tested against the scalar one.
 */
class ScalarKernelTest {
    private final Kernel k = new ScalarKernel();

    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @CsvSource({"1,1,1", "3,7,17", "17,3,7", "33,17,1", "7,33,33", "2,5,64"})
    void theThreeGemmFormsMatchTheDefinition(int m, int n, int kk) {
        SeededRandom rng = new SeededRandom(m * 1000L + n * 10L + kk);
        float[] a = random(m * kk, rng), b = random(n * kk, rng), bT = transpose(b, n, kk);
        float[] aT = transpose(a, m, kk);
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < kk; p++) expected[i * n + j] += (double) a[i * kk + p] * b[j * kk + p];
            }
        }
        float[] c1 = new float[m * n], c2 = new float[m * n], c3 = new float[m * n];
        // C starts as NaN: it must be overwritten, not added to
        for (float[] c : new float[][] {c1, c2, c3}) java.util.Arrays.fill(c, Float.NaN);
        k.gemmABt(a, b, c1, m, n, kk);   // A[m×k]·B[n×k]ᵀ
        k.gemmAtB(aT, bT, c2, m, n, kk); // (Aᵀ)ᵀ[m×k]·Bᵀ[k×n]
        k.gemmAB(a, bT, c3, m, n, kk);   // A[m×k]·Bᵀ[k×n]
        for (int i = 0; i < m * n; i++) {
            double tol = 1e-5 * (kk + 1);
            assertEquals(expected[i], c1[i], tol, "ABt " + i);
            assertEquals(expected[i], c2[i], tol, "AtB " + i);
            assertEquals(expected[i], c3[i], tol, "AB " + i);
        }
    }

    @Test
    void elementwiseFunctionsMatchTheirFormulas() {
        float[] z = {-1000f, -3f, -0.5f, 0f, 0.25f, 2f, 1000f};
        float[] a = new float[z.length], d = new float[z.length], g = {1, 2, 3, 4, 5, 6, 7};
        k.sigmoid(z, a, z.length);
        for (int i = 0; i < z.length; i++) assertEquals(1 / (1 + Math.exp(-z[i])), a[i], 1e-7);
        k.sigmoidBackward(a, g, d, z.length);
        for (int i = 0; i < z.length; i++) assertEquals(g[i] * a[i] * (1 - a[i]), d[i], 1e-6);
        k.tanh(z, a, z.length);
        for (int i = 0; i < z.length; i++) assertEquals(Math.tanh(z[i]), a[i], 1e-7);
        k.tanhBackward(a, g, d, z.length);
        for (int i = 0; i < z.length; i++) assertEquals(g[i] * (1 - a[i] * a[i]), d[i], 1e-6);
        k.leakyRelu(z, a, 0.01f, z.length);
        assertArrayEquals(new float[] {-10f, -0.03f, -0.005f, 0f, 0.25f, 2f, 1000f}, a, 1e-6f);
        k.leakyReluBackward(z, g, d, 0f, z.length);
        assertArrayEquals(new float[] {0, 0, 0, 0, 5, 6, 7}, d);
    }

    @Test
    void softmaxRowsSumToOneAndSurviveHugeLogits() {
        float[] z = {1000f, 999f, -1000f, 1f, 2f, 3f};
        float[] a = new float[6];
        k.softmaxRows(z, a, 2, 3);
        double e = Math.exp(-1);
        assertEquals(1 / (1 + e), a[0], 1e-6);
        assertEquals(e / (1 + e), a[1], 1e-6);
        assertEquals(0, a[2], 1e-30);
        double s = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / s, a[5], 1e-6);
    }

    @Test
    void biasRowsAndRowSums() {
        float[] c = {1, 2, 3, 4, 5, 6};
        k.addRowVector(c, new float[] {10, 20, 30}, 2, 3);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, c);
        float[] sums = new float[3];
        k.sumRows(c, sums, 2, 3);
        assertArrayEquals(new float[] {25, 47, 69}, sums);
    }

    private static float[] random(int n, SeededRandom rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (2 * rng.nextDouble() - 1);
        return v;
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        }
        return t;
    }
}
