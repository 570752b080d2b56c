package io.mlp4j.kernel;

import io.mlp4j.random.SeededRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packed GEMM, bit for bit: every element of C is one chain of fused multiply-adds along k, starting from 0, so
 * {@code Math.fma} in a plain triple loop is an exact, independent reference whatever the tile height, the panel
 * width or the thread count. Run by the build with this JVM's tile height and with each of
 * {@code -Dmlp4j.gemm.tileRows=4, 6, 8}, so every tile is checked on every machine and JDK.
 */
class VectorGemmTest {
    private final Kernel vector = Kernels.vector();

    @Test
    void theTileHeightIsTheOneAskedFor() {
        String asked = System.getProperty(TileRows.PROPERTY);
        int lanes = Species.FLOAT.length();
        int chosen = lanes >= 16 ? 8 : Runtime.version().feature() == 17 ? 6 : 4;
        assertEquals(asked != null ? Integer.parseInt(asked) : chosen, VectorGemm.MR);
    }

    @Test
    void everyFormIsTheChainOfFusedMultiplyAddsAlongK() {
        SeededRandom rng = new SeededRandom(11);
        // m from 16 (below it A·Bᵀ takes the dot-product path) through every remainder of 8, 6 and 4 rows (the last
        // strip overlapping the one before); n with a partial panel at either width; k = 1 (only the peeled step), 2,
        // and longer.
        for (int m = 16; m <= 31; m++) {
            for (int n : new int[] {1, 9, 33, 70}) {
                for (int k : new int[] {1, 2, 37}) {
                    check(m, n, k, rng);
                }
            }
        }
        check(128, 256, 784, rng);
    }

    @Test
    void productsOfFewRowsTakeSmallerStripsAndSingleRows() {
        SeededRandom rng = new SeededRandom(13);
        // Under MR rows: 4-row strips (overlapping from 5 rows), under 4 single rows. A·Bᵀ takes the dot-product path
        // there, so only the other two forms reach these tiles.
        for (int m = 1; m < 16; m++) {
            for (int n : new int[] {1, 33}) {
                for (int k : new int[] {1, 37}) {
                    float[] at = random(k * m, rng), a = random(m * k, rng), bk = random(k * n, rng);
                    float[] c = random(m * n, rng);
                    vector.gemmAtB(at, bk, c, m, n, k);
                    assertBits(chain(at, 1, m, bk, n, 1, m, n, k), c, "Aᵀ·B " + m + "×" + n + "×" + k);
                    vector.gemmAB(a, bk, c, m, n, k);
                    assertBits(chain(a, k, 1, bk, n, 1, m, n, k), c, "A·B " + m + "×" + n + "×" + k);
                }
            }
        }
    }

    @Test
    void twoThreadsGiveTheSameBitsWithEitherTile() {
        SeededRandom rng = new SeededRandom(12);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            check(77, 300, 129, rng); // above the parallel threshold, with edge tiles in both directions
        } finally {
            Parallel.setThreads(before);
        }
        assertTrue(77L * 300 * 129 >= VectorGemm.PARALLEL_THRESHOLD);
    }

    @Test
    void anEmptySumIsZero() {
        float[] c = new float[20 * 2];
        java.util.Arrays.fill(c, 5f); // garbage to overwrite
        vector.gemmAB(new float[0], new float[0], c, 20, 2, 0);
        for (float v : c) assertEquals(0f, v);
    }

    private void check(int m, int n, int k, SeededRandom rng) {
        float[] a = random(m * k, rng), at = random(k * m, rng), b = random(n * k, rng), bk = random(k * n, rng);
        String shape = m + "×" + n + "×" + k;
        float[] c = random(m * n, rng); // garbage that every form must overwrite
        vector.gemmABt(a, b, c, m, n, k);
        assertBits(chain(a, k, 1, b, 1, k, m, n, k), c, "A·Bᵀ " + shape);
        vector.gemmAtB(at, bk, c, m, n, k);
        assertBits(chain(at, 1, m, bk, n, 1, m, n, k), c, "Aᵀ·B " + shape);
        vector.gemmAB(a, bk, c, m, n, k);
        assertBits(chain(a, k, 1, bk, n, 1, m, n, k), c, "A·B " + shape);
    }

    /** C(i, j) = fma(A(i, k−1), B(k−1, j), … fma(A(i, 0), B(0, j), 0)) with A(i, p) = a[i·ai + p·ap] and so on. */
    private static float[] chain(float[] a, int ai, int ap, float[] b, int bp, int bj, int m, int n, int k) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) sum = Math.fma(a[i * ai + p * ap], b[p * bp + j * bj], sum);
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    private static void assertBits(float[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(what + " (tile rows " + VectorGemm.MR + "): element " + i + " is " + actual[i]
                        + ", the FMA chain gives " + expected[i]);
            }
        }
    }

    private static float[] random(int size, SeededRandom rng) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = (float) rng.nextGaussian();
        return v;
    }
}
