package io.mlp4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java Vector API kernel (jdk.incubator.vector). Loaded only when that module is readable, by {@link Kernels},
 * by name; it and the two classes it hands GEMM to are the only ones that touch the module, and no other class refers
 * to them. Everything it computes is tested against {@link ScalarKernel}.
 *
 * <p>GEMM: fewer than {@link #DOT_ROWS} rows of A·Bᵀ are dot products ({@link VectorDots}); everything else is the
 * packed product with a register tile ({@link VectorGemm}). The elementwise operations are here, each a vector body
 * and a scalar tail like the scalar kernel's loops; small arrays run the scalar loops themselves (see {@link #SMALL}).
 */
final class VectorKernel implements Kernel {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();

    /**
     * Below this many rows, C = A·Bᵀ is computed as dot products ({@link VectorDots}) without packing B: packing B
     * costs about as much as ten rows of products, so below that it is not worth it.
     */
    static final int DOT_ROWS = 16;

    /** Elementwise loops over at least this many floats use both cores, in blocks of BLOCK. */
    static final int ELEMENTWISE_PARALLEL = 1 << 16, BLOCK = 4096;

    /**
     * Elementwise operations on fewer floats than this run the scalar kernel's loop, which gives the same bits. Until C2
     * has compiled a Vector API loop, every vector operation runs as allocating Java code; small arrays gain nothing
     * from vectors once compiled, and the vector sigmoid's ~20 operations per lane group had added 0.1–0.4 s to the
     * first epoch of the seeds' 784-30-10 network (docs/benchmarks.md).
     */
    static final int SMALL = 4096;
    private static final ScalarKernel SCALAR = new ScalarKernel();

    /** What {@link Kernels#describe} prints for this kernel. */
    @Override
    public String toString() {
        return "vector (" + L + " float lanes)";
    }

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int n, int k) {
        if (m < DOT_ROWS) {
            VectorDots.gemmABt(a, b, c, m, n, k);
            return;
        }
        // B is n×k: B(p, j) = b[j*k + p]
        VectorGemm.multiply(a, k, 1, b, k, 1, c, m, n, k);
    }

    @Override
    public boolean packsWeights(int m) {
        return m >= DOT_ROWS;
    }

    @Override
    public PackedWeights packWeights(float[] w, int n, int k, PackedWeights reuse) {
        return VectorGemm.packTransposed(w, n, k, reuse);
    }

    @Override
    public void gemmABt(float[] a, PackedWeights w, float[] c, int m) {
        if (m < DOT_ROWS) throw new IllegalArgumentException(m + " rows: products under " + DOT_ROWS + " rows are dot "
                + "products of the unpacked weights");
        VectorGemm.multiply(a, w.k, 1, w, c, m);
    }

    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int n, int k) {
        // A is k×m: A(i, p) = a[p*m + i]; B is k×n: B(p, j) = b[p*n + j]
        VectorGemm.multiply(a, 1, m, b, 1, n, c, m, n, k);
    }

    @Override
    public void gemmAB(float[] a, float[] b, float[] c, int m, int n, int k) {
        VectorGemm.multiply(a, k, 1, b, 1, n, c, m, n, k);
    }

    @Override
    public void addRowVector(float[] c, float[] bias, int rows, int cols) {
        if ((long) rows * cols < SMALL) {
            SCALAR.addRowVector(c, bias, rows, cols);
            return;
        }
        int upper = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols, j = 0;
            for (; j < upper; j += L) {
                FloatVector.fromArray(S, c, o + j).add(FloatVector.fromArray(S, bias, j)).intoArray(c, o + j);
            }
            for (; j < cols; j++) c[o + j] += bias[j];
        }
    }

    @Override
    public boolean allFinite(float[] x, int n) {
        if (n < SMALL) return SCALAR.allFinite(x, n); // one input row, say: see SMALL
        // As the scalar kernel: 0·x is 0 unless x is NaN or ±∞, and a NaN survives every later add. Two chains.
        // (Only NaN-ness matters, so the lanes may be summed in any order.)
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
        int i = 0;
        for (; i + 2 * L <= n; i += 2 * L) {
            s0 = s0.add(FloatVector.fromArray(S, x, i).mul(0f));
            s1 = s1.add(FloatVector.fromArray(S, x, i + L).mul(0f));
        }
        float tail = 0;
        for (; i < n; i++) tail += x[i] * 0f;
        return s0.add(s1).reduceLanes(VectorOperators.ADD) == 0f && tail == 0f;
    }

    @Override
    public void sumRows(float[] a, float[] out, int rows, int cols) {
        if ((long) rows * cols < SMALL) {
            SCALAR.sumRows(a, out, rows, cols);
            return;
        }
        java.util.Arrays.fill(out, 0, cols, 0f);
        int upper = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int o = r * cols, j = 0;
            for (; j < upper; j += L) {
                FloatVector.fromArray(S, out, j).add(FloatVector.fromArray(S, a, o + j)).intoArray(out, j);
            }
            for (; j < cols; j++) out[j] += a[o + j];
        }
    }

    /** The scalar kernel's operations in the same order, without FMA, so both give the same bits. */
    @Override
    public void adam(float[] w, float[] g, float[] m, float[] v, int n, float beta1, float beta2, float stepSize,
                     float sqrtCorrection2, float epsilon) {
        if (n < ELEMENTWISE_PARALLEL) {
            adam(w, g, m, v, 0, n, beta1, beta2, stepSize, sqrtCorrection2, epsilon);
            return;
        }
        // Element by element, so blocks on two threads give the same bits as one thread.
        AdamBlocks blocks = ADAM.get().set(w, g, m, v, n, beta1, beta2, stepSize, sqrtCorrection2, epsilon);
        try {
            Parallel.forRange((n + BLOCK - 1) / BLOCK, blocks);
        } finally {
            blocks.clear();
        }
    }

    private static void adam(float[] w, float[] g, float[] m, float[] v, int from, int to, float beta1, float beta2,
                             float stepSize, float sqrtCorrection2, float epsilon) {
        float oneMinusBeta1 = (float) (1 - (double) beta1), oneMinusBeta2 = (float) (1 - (double) beta2);
        int i = from, upper = from + S.loopBound(to - from);
        for (; i < upper; i += L) {
            FloatVector gi = FloatVector.fromArray(S, g, i);
            FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(oneMinusBeta1));
            FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(oneMinusBeta2).mul(gi));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector step = mi.mul(stepSize).div(vi.sqrt().div(sqrtCorrection2).add(epsilon));
            FloatVector.fromArray(S, w, i).sub(step).intoArray(w, i);
        }
        ScalarKernel.adam(w, g, m, v, i, to, beta1, beta2, stepSize, sqrtCorrection2, epsilon);
    }

    /**
     * σ(z) = 1/(1 + e^−z) with {@link FloatMath}'s e^x, step for step, so the bits equal the scalar kernel's in every
     * JIT tier. (The Vector API's EXP is not usable here: its Java fallback and C2's native stub differ in the last
     * bit, which made training runs differ by JIT timing.)
     */
    @Override
    public void sigmoid(float[] z, float[] a, int n) {
        if (n < SMALL) {
            SCALAR.sigmoid(z, a, n);
            return;
        }
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector e = exp(FloatVector.fromArray(S, z, i).neg());
            FloatVector.broadcast(S, 1f).div(e.add(1f)).intoArray(a, i);
        }
        for (; i < n; i++) a[i] = FloatMath.sigmoid(z[i]);
    }

    /** Every lane set to v (small enough that C2 always inlines it, so no vector is boxed). */
    private static FloatVector lanes(float v) {
        return FloatVector.broadcast(S, v);
    }

    /** {@link FloatMath#exp}, lane by lane: the same operations in the same order. */
    private static FloatVector exp(FloatVector x) {
        x = x.max(FloatMath.MIN_X).min(FloatMath.MAX_X);
        FloatVector t = x.fma(FloatMath.LOG2E, FloatMath.ROUNDER);
        FloatVector n = t.sub(FloatMath.ROUNDER);
        FloatVector r = n.fma(lanes(-FloatMath.LN2_HI), x);
        r = n.fma(lanes(-FloatMath.LN2_LO), r);
        FloatVector p = r.fma(FloatMath.P5, FloatMath.P4);
        p = p.fma(r, lanes(FloatMath.P3));
        p = p.fma(r, lanes(FloatMath.P2));
        p = p.fma(r, lanes(FloatMath.P1));
        p = p.fma(r, lanes(FloatMath.P0));
        FloatVector er = p.fma(r.mul(r), r).add(1f);
        FloatVector twoToN = t.reinterpretAsInts().sub(FloatMath.ROUNDER_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(twoToN);
    }

    @Override
    public void sigmoidBackward(float[] a, float[] dCda, float[] delta, int n) {
        if (n < SMALL) {
            SCALAR.sigmoidBackward(a, dCda, delta, n);
            return;
        }
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector.fromArray(S, dCda, i).mul(va).mul(va.neg().add(1f)).intoArray(delta, i);
        }
        for (; i < n; i++) delta[i] = dCda[i] * a[i] * (1f - a[i]);
    }

    /** {@link FloatMath#tanh} lane by lane: both branches computed, the polynomial's lanes taken below 0.625. */
    @Override
    public void tanh(float[] z, float[] a, int n) {
        if (n < SMALL) {
            SCALAR.tanh(z, a, n);
            return;
        }
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(S, z, i);
            FloatVector x = v.abs();
            FloatVector x2 = x.mul(x);
            FloatVector p = x2.fma(FloatMath.T4, FloatMath.T3);
            p = p.fma(x2, lanes(FloatMath.T2));
            p = p.fma(x2, lanes(FloatMath.T1));
            p = p.fma(x2, lanes(FloatMath.T0));
            FloatVector small = p.mul(x2).fma(x, x);
            FloatVector large = lanes(1f).sub(lanes(2f).div(exp(x.add(x)).add(1f)));
            FloatVector t = large.blend(small, x.lt(FloatMath.TANH_SMALL));
            // copySign(t, z): t is never negative, so OR-ing in z's sign bit is enough
            t.reinterpretAsInts().or(v.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats().intoArray(a, i);
        }
        for (; i < n; i++) a[i] = FloatMath.tanh(z[i]);
    }

    @Override
    public void tanhBackward(float[] a, float[] dCda, float[] delta, int n) {
        if (n < SMALL) {
            SCALAR.tanhBackward(a, dCda, delta, n);
            return;
        }
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector.fromArray(S, dCda, i).mul(va.mul(va).neg().add(1f)).intoArray(delta, i);
        }
        for (; i < n; i++) delta[i] = dCda[i] * (1f - a[i] * a[i]);
    }

    @Override
    public void leakyRelu(float[] z, float[] a, float slope, int n) {
        if (n < SMALL) {
            SCALAR.leakyRelu(z, a, slope, n);
            return;
        }
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(S, z, i);
            v.blend(v.mul(slope), v.compare(VectorOperators.LE, 0f)).intoArray(a, i);
        }
        for (; i < n; i++) a[i] = z[i] > 0f ? z[i] : slope * z[i];
    }

    @Override
    public void leakyReluBackward(float[] z, float[] dCda, float[] delta, float slope, int n) {
        if (n < SMALL) {
            SCALAR.leakyReluBackward(z, dCda, delta, slope, n);
            return;
        }
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector g = FloatVector.fromArray(S, dCda, i);
            g.blend(g.mul(slope), FloatVector.fromArray(S, z, i).compare(VectorOperators.LE, 0f)).intoArray(delta, i);
        }
        for (; i < n; i++) delta[i] = z[i] > 0f ? dCda[i] : slope * dCda[i];
    }

    @Override
    public void softmaxRows(float[] z, float[] a, int rows, int cols) {
        ScalarKernel.softmax(z, a, rows, cols); // rows × classes: small, and exactness matters more here
    }

    // The arguments of a parallel call, reused per calling thread as VectorGemm's (see there): no allocation per call.
    private static final ThreadLocal<AdamBlocks> ADAM = ThreadLocal.withInitial(AdamBlocks::new);

    /** The Adam update over blocks of BLOCK parameters. */
    private static final class AdamBlocks implements Parallel.RangeTask {
        private float[] w, g, m, v;
        private int n;
        private float beta1, beta2, stepSize, sqrtCorrection2, epsilon;

        AdamBlocks set(float[] w, float[] g, float[] m, float[] v, int n, float beta1, float beta2, float stepSize,
                       float sqrtCorrection2, float epsilon) {
            this.w = w;
            this.g = g;
            this.m = m;
            this.v = v;
            this.n = n;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.stepSize = stepSize;
            this.sqrtCorrection2 = sqrtCorrection2;
            this.epsilon = epsilon;
            return this;
        }

        void clear() {
            w = g = m = v = null;
        }

        @Override
        public void run(int from, int to) {
            adam(w, g, m, v, from * BLOCK, Math.min(n, to * BLOCK), beta1, beta2, stepSize, sqrtCorrection2, epsilon);
        }
    }
}
