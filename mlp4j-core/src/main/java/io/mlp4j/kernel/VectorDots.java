package io.mlp4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = A·Bᵀ for a few rows of A as dot products straight from B, without packing: {@link VectorKernel}'s path for
 * fewer than {@link VectorKernel#DOT_ROWS} rows (single-sample prediction, the seeds' batch of 10), where packing B
 * would cost about as much as the products themselves. Only {@link VectorKernel} uses this class.
 */
final class VectorDots {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();

    /**
     * Products of at least this many multiply-adds (a single sample's layer) are split across the thread team in
     * groups of eight output columns, when they have at least PARALLEL_COLUMNS columns: the seeds' 10×784 · 784×30
     * ran its epochs in 0.06 s on one thread and 0.07 s on two.
     */
    static final long PARALLEL_THRESHOLD = 1L << 16;
    static final int PARALLEL_COLUMNS = 64;

    /** Per-thread lanes of the eight dot products in flight, summed in lane order. */
    private static final ThreadLocal<float[]> LANES = ThreadLocal.withInitial(() -> new float[8 * L]);

    private VectorDots() {
    }

    /** C[m×n] = A[m×k] · B[n×k]ᵀ. */
    static void gemmABt(float[] a, float[] b, float[] c, int m, int n, int k) {
        if ((long) m * n * k >= PARALLEL_THRESHOLD && n >= PARALLEL_COLUMNS) {
            Dots dots = DOTS.get().set(a, b, c, m, n, k);
            try {
                Parallel.forRange((n + 7) / 8, dots);
            } finally {
                dots.clear();
            }
        } else {
            for (int i = 0; i < m; i++) dotRows(a, i * k, b, c, i * n, 0, n, k);
        }
    }

    /**
     * c[co + j] = Σ_p a[ao + p]·b[j*k + p] for jFrom ≤ j &lt; jTo: eight (then four) rows of B share each load of
     * a. The lanes are summed in lane order from a scratch array: reduceLanes(ADD) leaves the order unspecified, and
     * its compiled and interpreted forms do differ, which would make a prediction depend on JIT timing. (The scratch
     * array is fetched before any vector is live: a call that is not inlined would box them.)
     */
    private static void dotRows(float[] a, int ao, float[] b, float[] c, int co, int jFrom, int jTo, int k) {
        float[] lanes = LANES.get();
        // Eight rows at a time: eight independent FMA chains hide the FMA latency, which four chains do not. Each
        // group size is its own small method so that C2 compiles (and profiles) each on its own. One group size per
        // call: the last group moves back to end at jTo, overlapping the one before (those rows are computed twice,
        // by the same operations), so a layer of 30 or 10 neurons needs only dot8 and C2 compiles one method, not
        // three, before the first epoch is warm.
        int g = jTo - jFrom >= 8 ? 8 : jTo - jFrom >= 4 ? 4 : 1;
        for (int j = jFrom; j < jTo; j += g) {
            int first = Math.min(j, jTo - g);
            if (g == 8) dot8(a, ao, b, c, co, first, k, lanes);
            else if (g == 4) dot4(a, ao, b, c, co, first, k, lanes);
            else dot1(a, ao, b, c, co, first, k, lanes);
        }
    }

    private static void dot8(float[] a, int ao, float[] b, float[] c, int co, int j, int k, float[] lanes) {
        int upper = S.loopBound(k);
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k, b4 = b3 + k, b5 = b4 + k, b6 = b5 + k, b7 = b6 + k;
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        FloatVector s4 = FloatVector.zero(S), s5 = FloatVector.zero(S), s6 = FloatVector.zero(S), s7 = FloatVector.zero(S);
        for (int p = 0; p < upper; p += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + p);
            s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
            s4 = x.fma(FloatVector.fromArray(S, b, b4 + p), s4);
            s5 = x.fma(FloatVector.fromArray(S, b, b5 + p), s5);
            s6 = x.fma(FloatVector.fromArray(S, b, b6 + p), s6);
            s7 = x.fma(FloatVector.fromArray(S, b, b7 + p), s7);
        }
        s0.intoArray(lanes, 0);
        s1.intoArray(lanes, L);
        s2.intoArray(lanes, 2 * L);
        s3.intoArray(lanes, 3 * L);
        s4.intoArray(lanes, 4 * L);
        s5.intoArray(lanes, 5 * L);
        s6.intoArray(lanes, 6 * L);
        s7.intoArray(lanes, 7 * L);
        finishDots(a, ao, b, c, co, j, 8, k, upper, lanes);
    }

    private static void dot4(float[] a, int ao, float[] b, float[] c, int co, int j, int k, float[] lanes) {
        int upper = S.loopBound(k);
        int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        for (int p = 0; p < upper; p += L) {
            FloatVector x = FloatVector.fromArray(S, a, ao + p);
            s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
            s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
            s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
            s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
        }
        s0.intoArray(lanes, 0);
        s1.intoArray(lanes, L);
        s2.intoArray(lanes, 2 * L);
        s3.intoArray(lanes, 3 * L);
        finishDots(a, ao, b, c, co, j, 4, k, upper, lanes);
    }

    private static void dot1(float[] a, int ao, float[] b, float[] c, int co, int j, int k, float[] lanes) {
        int upper = S.loopBound(k), b0 = j * k;
        FloatVector s0 = FloatVector.zero(S);
        for (int p = 0; p < upper; p += L) {
            s0 = FloatVector.fromArray(S, a, ao + p).fma(FloatVector.fromArray(S, b, b0 + p), s0);
        }
        s0.intoArray(lanes, 0);
        finishDots(a, ao, b, c, co, j, 1, k, upper, lanes);
    }

    /** Rows j..j+rows−1: each lane sum in lane order, then the scalar tail of k, then into C. */
    private static void finishDots(float[] a, int ao, float[] b, float[] c, int co, int j, int rows, int k, int upper,
                                   float[] lanes) {
        if (upper == k) { // no tail
            for (int r = 0; r < rows; r++) c[co + j + r] = laneSum(lanes, r * L);
            return;
        }
        for (int r = 0; r < rows; r++) {
            float d = laneSum(lanes, r * L);
            for (int p = upper, br = (j + r) * k; p < k; p++) d += a[ao + p] * b[br + p];
            c[co + j + r] = d;
        }
    }

    private static float laneSum(float[] lanes, int from) {
        float s = 0;
        for (int i = 0; i < L; i++) s += lanes[from + i];
        return s;
    }

    // The arguments of a parallel call, reused per calling thread as VectorGemm's (see there): no allocation per call.
    private static final ThreadLocal<Dots> DOTS = ThreadLocal.withInitial(Dots::new);

    /** Dot products for a few rows, split by groups of eight output columns. */
    private static final class Dots implements Parallel.RangeTask {
        private float[] a, b, c;
        private int m, n, k;

        Dots set(float[] a, float[] b, float[] c, int m, int n, int k) {
            this.a = a;
            this.b = b;
            this.c = c;
            this.m = m;
            this.n = n;
            this.k = k;
            return this;
        }

        void clear() {
            a = b = c = null;
        }

        @Override
        public void run(int from, int to) {
            for (int i = 0; i < m; i++) dotRows(a, i * k, b, c, i * n, 8 * from, Math.min(n, 8 * to), k);
        }
    }
}
