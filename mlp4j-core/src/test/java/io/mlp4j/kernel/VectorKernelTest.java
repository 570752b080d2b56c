package io.mlp4j.kernel;

import io.mlp4j.random.SeededRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Vector API kernel against the scalar reference on every shape class that matters for tails: sizes 1, 3, 7,
 * 17, 33 and non-multiples of the vector width and of the 4-row tile, plus an MLP shape. The tests run with
 * --add-modules jdk.incubator.vector (see the pom), and {@link Kernels#vector()} fails rather than falls back.
 */
class VectorKernelTest {
    private final Kernel scalar = Kernels.scalar();
    private final Kernel vector = Kernels.vector();
    private static final int[] SIZES = {1, 3, 7, 8, 16, 17, 33};

    @Test
    void theTestsReallyUseTheVectorKernel() {
        assertEquals("VectorKernel", vector.getClass().getSimpleName());
        assertEquals(vector.getClass(), Kernels.best().getClass(), "with the module, best() is the vector kernel");
    }

    @Test
    void describeNamesTheKernelAndItsLanes() { // as the CLI's bench and training log print it
        int lanes = Species.FLOAT.length();
        assertEquals("vector (" + lanes + " float lanes)", Kernels.describe(vector));
        assertEquals("scalar", Kernels.describe(scalar));
        assertEquals("ScalarKernel", Kernels.describe(new ScalarKernel()));
    }

    @Test
    void gemmFormsMatchTheScalarKernelOnOddShapes() {
        SeededRandom rng = new SeededRandom(1);
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : SIZES) {
                    compareGemm(m, n, k, rng);
                }
            }
        }
        compareGemm(128, 256, 784, rng);
        compareGemm(37, 129, 65, rng);
    }

    private void compareGemm(int m, int n, int k, SeededRandom rng) {
        float[] a = random(m * k, rng), at = random(k * m, rng), b = random(n * k, rng), bk = random(k * n, rng);
        // C starts with random values: every form must overwrite all of it, edge tiles included.
        float[] c0 = random(m * n, rng);
        float[] c1 = c0.clone();
        scalar.gemmABt(a, b, c0, m, n, k);
        vector.gemmABt(a, b, c1, m, n, k);
        assertClose(c0, c1, k, "ABt " + m + "×" + n + "×" + k);
        float[] d0 = random(m * n, rng);
        float[] d1 = d0.clone();
        scalar.gemmAtB(at, bk, d0, m, n, k);
        vector.gemmAtB(at, bk, d1, m, n, k);
        assertClose(d0, d1, k, "AtB " + m + "×" + n + "×" + k);
        float[] e0 = random(m * n, rng);
        float[] e1 = e0.clone();
        scalar.gemmAB(a, bk, e0, m, n, k);
        vector.gemmAB(a, bk, e1, m, n, k);
        assertClose(e0, e1, k, "AB " + m + "×" + n + "×" + k);
    }

    @Test
    void theDotProductPathGivesEachOutputTheSameBitsWhateverGroupComputesIt() {
        SeededRandom rng = new SeededRandom(7);
        // Under 16 rows A·Bᵀ is dot products over groups of 8, 4 or 1 rows of B, the last group overlapping the one
        // before: row j alone (a group of one) must give what it gives inside any group, for every n and k tail, and
        // both must be the path's arithmetic written out in scalars (laneDot).
        for (int n = 1; n <= 20; n++) {
            for (int k : new int[] {5, 32, 37}) { // with and without a scalar tail (8 or 16 lanes)
                int m = 3;
                float[] a = random(m * k, rng), b = random(n * k, rng), c = new float[m * n];
                vector.gemmABt(a, b, c, m, n, k);
                for (int j = 0; j < n; j++) {
                    float[] row = java.util.Arrays.copyOfRange(b, j * k, (j + 1) * k), alone = new float[m];
                    vector.gemmABt(a, row, alone, m, 1, k);
                    for (int i = 0; i < m; i++) {
                        String at = "C(" + i + ", " + j + ") of " + m + "×" + n + "×" + k;
                        assertEquals(Float.floatToRawIntBits(alone[i]), Float.floatToRawIntBits(c[i * n + j]), at);
                        float expected = laneDot(a, i * k, b, j * k, k, Species.FLOAT.length());
                        assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(c[i * n + j]), at);
                    }
                }
            }
        }
    }

    /**
     * The dot-product path's arithmetic written out in scalars: lane l is the FMA chain over p ≡ l (mod lanes) up to
     * the last whole vector, the lanes summed in lane order, then the tail added as products (no FMA).
     */
    private static float laneDot(float[] a, int ao, float[] b, int bo, int k, int lanes) {
        int upper = k - k % lanes;
        float[] lane = new float[lanes];
        for (int p = 0; p < upper; p++) lane[p % lanes] = Math.fma(a[ao + p], b[bo + p], lane[p % lanes]);
        float d = 0;
        for (float v : lane) d += v;
        for (int p = upper; p < k; p++) d += a[ao + p] * b[bo + p];
        return d;
    }

    @Test
    void splittingAcrossThreadsGivesBitIdenticalResults() {
        SeededRandom rng = new SeededRandom(3);
        int m = 70, n = 300, k = 129; // above the parallel threshold, with edge tiles in both directions
        float[] a = random(m * k, rng), b = random(n * k, rng);
        float[][] results = new float[3][];
        int before = Parallel.threads();
        try {
            for (int t = 1; t <= 3; t++) {
                Parallel.setThreads(t);
                results[t - 1] = new float[m * n];
                vector.gemmABt(a, b, results[t - 1], m, n, k);
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertTrue((long) m * n * k >= VectorGemm.PARALLEL_THRESHOLD);
        org.junit.jupiter.api.Assertions.assertArrayEquals(results[0], results[1]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(results[0], results[2]);
    }

    @Test
    void aSingleSampleSplitAcrossThreadsGivesBitIdenticalResults() {
        SeededRandom rng = new SeededRandom(6);
        int n = 301, k = 257; // the dot-product path (one row), above its parallel threshold, with odd tails
        float[] a = random(k, rng), b = random(n * k, rng);
        float[][] results = new float[3][];
        int before = Parallel.threads();
        try {
            for (int t = 1; t <= 3; t++) {
                Parallel.setThreads(t);
                results[t - 1] = new float[n];
                vector.gemmABt(a, b, results[t - 1], 1, n, k);
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertTrue((long) n * k >= VectorDots.PARALLEL_THRESHOLD);
        float[] expected = new float[n];
        scalar.gemmABt(a, b, expected, 1, n, k);
        assertClose(expected, results[0], k, "one row");
        org.junit.jupiter.api.Assertions.assertArrayEquals(results[0], results[1]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(results[0], results[2]);
    }

    @Test
    void sigmoidAndTanhAreBitIdenticalToTheScalarKernelOnceCompiled() {
        // Reproducible training needs one answer per input in every JIT tier: run the loops hot enough for C2, then
        // compare exactly (the Vector API's EXP would differ in the last bit on some inputs; FloatMath's steps do not).
        SeededRandom rng = new SeededRandom(4);
        int n = VectorKernel.SMALL + 7; // the vector loops and a tail
        float[] z = random(n, rng), a0 = new float[n], a1 = new float[n];
        for (int i = 0; i < n; i++) z[i] *= 20;
        // and the edges: both signs of zero, around tanh's switch at 0.625, the clamp at −87/88, ±∞, NaN
        float[] edges = {0f, -0f, 0.625f, -0.625f, Math.nextDown(0.625f), -Math.nextDown(0.625f), 87f, -87f, 88f, -88f,
            88.5f, -88.5f, 1e-30f, -1e-30f, Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN};
        for (int i = 0; i < edges.length; i++) z[100 + i] = edges[i];
        for (int rep = 0; rep < 300; rep++) {
            vector.sigmoid(z, a1, n);
            vector.tanh(z, a0, n);
        }
        scalar.sigmoid(z, a0, n);
        vector.sigmoid(z, a1, n);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a0, a1, "sigmoid");
        scalar.tanh(z, a0, n);
        vector.tanh(z, a1, n);
        org.junit.jupiter.api.Assertions.assertArrayEquals(a0, a1, "tanh");
    }

    @Test
    void adamStepIsBitIdenticalToTheScalarKernel() {
        // Same operations in the same order and no FMA, so training with Adam does not depend on the kernel.
        SeededRandom rng = new SeededRandom(5);
        for (int n : new int[] {1, 3, 7, 17, 33, 1000, 100_003}) { // the last one is split across the threads
            float[] g = random(n, rng), w0 = random(n, rng), m0 = random(n, rng), v0 = random(n, rng);
            for (int i = 0; i < n; i++) v0[i] = Math.abs(v0[i]);
            float[] w1 = w0.clone(), m1 = m0.clone(), v1 = v0.clone();
            for (int step = 0; step < 3; step++) {
                scalar.adam(w0, g, m0, v0, n, 0.9f, 0.999f, 1e-3f / 0.1f, (float) Math.sqrt(0.001), 1e-8f);
                vector.adam(w1, g, m1, v1, n, 0.9f, 0.999f, 1e-3f / 0.1f, (float) Math.sqrt(0.001), 1e-8f);
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(w0, w1, "ω, n = " + n);
            org.junit.jupiter.api.Assertions.assertArrayEquals(m0, m1, "m, n = " + n);
            org.junit.jupiter.api.Assertions.assertArrayEquals(v0, v1, "v, n = " + n);
        }
    }

    @Test
    void elementwiseOperationsMatchTheScalarKernel() {
        SeededRandom rng = new SeededRandom(2);
        // Below VectorKernel.SMALL floats the scalar loops run; the sizes above it reach the vector loops and their tails.
        int big = VectorKernel.SMALL;
        for (int n : new int[] {1, 3, 7, 17, 33, 1000, big, big + 1, big + 17, 3 * big + 5}) {
            float[] z = random(n, rng), g = random(n, rng);
            for (int i = 0; i < n; i++) z[i] *= 12; // exercise saturation
            float[] a0 = new float[n], a1 = new float[n], d0 = new float[n], d1 = new float[n];
            scalar.sigmoid(z, a0, n);
            vector.sigmoid(z, a1, n);
            assertClose(a0, a1, 1, "sigmoid " + n);
            scalar.sigmoidBackward(a0, g, d0, n);
            vector.sigmoidBackward(a0, g, d1, n);
            assertClose(d0, d1, 1, "sigmoid′ " + n);
            scalar.tanh(z, a0, n);
            vector.tanh(z, a1, n);
            assertClose(a0, a1, 1, "tanh " + n);
            scalar.tanhBackward(a0, g, d0, n);
            vector.tanhBackward(a0, g, d1, n);
            assertClose(d0, d1, 1, "tanh′ " + n);
            for (float slope : new float[] {0f, 0.01f}) {
                scalar.leakyRelu(z, a0, slope, n);
                vector.leakyRelu(z, a1, slope, n);
                assertClose(a0, a1, 0, "relu " + n);
                scalar.leakyReluBackward(z, g, d0, slope, n);
                vector.leakyReluBackward(z, g, d1, slope, n);
                assertClose(d0, d1, 0, "relu′ " + n);
            }
        }
        for (int rows : new int[] {1, 5, 130}) {
            for (int cols : new int[] {1, 7, 17, 40, big + 3}) {
                float[] c0 = random(rows * cols, rng), bias = random(cols, rng);
                float[] c1 = c0.clone();
                scalar.addRowVector(c0, bias, rows, cols);
                vector.addRowVector(c1, bias, rows, cols);
                assertClose(c0, c1, 0, "bias " + rows + "×" + cols);
                float[] s0 = new float[cols], s1 = new float[cols];
                scalar.sumRows(c0, s0, rows, cols);
                vector.sumRows(c0, s1, rows, cols);
                assertClose(s0, s1, rows, "sumRows " + rows + "×" + cols);
            }
        }
    }

    @Test
    void allFiniteFindsABadValueWhereverItSits() {
        int big = VectorKernel.SMALL; // the vector loop runs from here on
        for (int n : new int[] {1, 3, 7, 8, 16, 17, 33, 1000, big, big + 1, big + 17}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) x[i] = (i % 2 == 0 ? 1 : -1) * Float.MAX_VALUE; // large but finite
            assertTrue(scalar.allFinite(x, n) && vector.allFinite(x, n), "all finite, n = " + n);
            for (int at = 0; at < n; at = n <= 40 || at >= n - 20 ? at + 1 : Math.min(at + 37, n - 20)) {
                for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
                    float keep = x[at];
                    x[at] = bad;
                    assertFalse(scalar.allFinite(x, n), "scalar: " + bad + " at " + at + " of " + n);
                    assertFalse(vector.allFinite(x, n), "vector: " + bad + " at " + at + " of " + n);
                    assertTrue(vector.allFinite(x, at), "vector: the first " + at + " values are finite");
                    x[at] = keep;
                }
            }
        }
    }

    /** Same values up to float rounding of a sum of {@code terms} products of magnitude ≤ 1 (order may differ). */
    private static void assertClose(float[] expected, float[] actual, int terms, String what) {
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-6 * (1 + Math.abs(expected[i])) * Math.max(1, terms);
            assertEquals(expected[i], actual[i], tol, what + " at " + i);
        }
    }

    private static float[] random(int n, SeededRandom rng) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) (2 * rng.nextDouble() - 1);
        return v;
    }
}
