package io.mlp4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java Vector API kernel (jdk.incubator.vector). Loaded only when that module is readable, by {@link Kernels};
 * everything it computes is tested against {@link ScalarKernel}.
 *
 * <p>GEMM: all three forms become C = A·B with A packed into strips of 4 rows and B packed, one panel of {@code 2·L}
 * columns (L = lanes) at a time, on the thread that computes that panel (both read through strides while packing,
 * which covers A, Aᵀ and Bᵀ). A 4 × 2L register tile of accumulators is updated by broadcast-FMA along k: each step
 * loads two vectors of the panel and four consecutive floats of the strip. Fewer than {@link #DOT_ROWS} rows of
 * A·Bᵀ are dot products instead, without packing. docs/benchmarks.md has the measurements behind these choices.
 * Elementwise operations use a vector body and a scalar tail, like the scalar kernel's loops.
 */
final class VectorKernel implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;   // columns per panel and per register tile
    private static final int MR = 4;       // rows per register tile

    /** Below this many rows, C = A·Bᵀ is computed as dot products without packing B. */
    static final int DOT_ROWS = 16;

    /** Dot-product products (a single sample's layer) of at least this many multiply-adds use both cores. */
    static final long DOT_PARALLEL_THRESHOLD = 1L << 16;
    static final int DOT_PARALLEL_COLUMNS = 64;

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

    /** Below this many multiply-adds a GEMM runs on the calling thread: handing work over costs more than it saves. */
    static final long PARALLEL_THRESHOLD = 1L << 20;

    /** Per-thread packing buffer, grown as needed: no allocation per call once warmed up. */
    private final ThreadLocal<float[]> packBuffer = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread buffer for A packed in MR-row strips, [strip][p][MR]. */
    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread lanes for partial tiles at the right edge of C. */
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[Math.max(MR * NR, 8 * L)]);

    /** What {@link Kernels#describe} prints for this kernel. */
    @Override
    public String toString() {
        return "vector (" + L + " float lanes)";
    }

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int n, int k) {
        if (m < DOT_ROWS) {
            // A few rows (single-sample prediction, the seeds' batch of 10): dot products straight from B. Packing B
            // costs about as much as ten rows of products, so below that it is not worth it. Groups of eight columns
            // per thread when there are enough columns: the seeds' 10×784 · 784×30 ran its epochs in 0.06 s on one
            // thread and 0.07 s on two.
            if ((long) m * n * k >= DOT_PARALLEL_THRESHOLD && n >= DOT_PARALLEL_COLUMNS) {
                Dots dots = DOTS.get().set(a, b, c, m, n, k);
                try {
                    Parallel.forRange((n + 7) / 8, dots);
                } finally {
                    dots.clear();
                }
            } else {
                for (int i = 0; i < m; i++) dotRows(a, i * k, b, c, i * n, 0, n, k);
            }
            return;
        }
        // B is n×k: B(p, j) = b[j*k + p]
        multiply(a, k, 1, b, k, 1, c, m, n, k);
    }

    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int n, int k) {
        // A is k×m: A(i, p) = a[p*m + i]; B is k×n: B(p, j) = b[p*n + j]
        multiply(a, 1, m, b, 1, n, c, m, n, k);
    }

    @Override
    public void gemmAB(float[] a, float[] b, float[] c, int m, int n, int k) {
        multiply(a, k, 1, b, 1, n, c, m, n, k);
    }

    /**
     * C[m×n] = A·B with A(i, p) = a[i*ai + p*ap] and B(p, j) = b[j*bj + p*bp]. A is packed once into MR-row
     * strips; each thread then packs one B panel at a time, right before the strips sweep over it, so the packed
     * panel is still in cache when it is used and the packing is shared by both cores (packing everything up
     * front on the calling thread took a quarter of W2's time). Large products split their column panels across
     * {@link Parallel#threads()} threads; every element of C is computed by the same operations in the same order
     * whatever the split, so results do not depend on the thread count.
     */
    private void multiply(float[] a, int ai, int ap, float[] b, int bj, int bp, float[] c, int m, int n, int k) {
        int panels = (n + NR - 1) / NR, strips = m / MR;
        float[] pa = packedA(m, k);
        if ((long) m * n * k >= PARALLEL_THRESHOLD && panels > 1) {
            Product product = products.get().set(a, ai, ap, pa, b, bj, bp, c, m, n, k);
            try {
                product.packingA = true;
                Parallel.forRange(strips, product);
                product.packingA = false;
                Parallel.forRange(panels, product);
            } finally {
                product.clear();
            }
        } else {
            packA(a, ai, ap, k, pa, 0, strips);
            panels(a, ai, ap, pa, b, bj, bp, c, m, n, k, 0, panels);
        }
    }

    /** The calling thread's buffer for A in MR-row strips, big enough for m×k. */
    private static float[] packedA(int m, int k) {
        int size = (m / MR) * k * MR;
        float[] buf = PACKED_A.get();
        if (buf.length < size) {
            buf = new float[size];
            PACKED_A.set(buf);
        }
        return buf;
    }

    /**
     * Strips [from, to) of A, each as k groups of MR consecutive values: A(i+r, p) at [strip·k·MR + p·MR + r]. Large
     * products pack on both threads (then the buffer is the calling thread's, shared read-only afterwards).
     */
    private static void packA(float[] a, int ai, int ap, int k, float[] buf, int from, int to) {
        for (int s = from; s < to; s++) {
            int base = s * k * MR, i = s * MR;
            if (ap == 1) { // rows of A are contiguous: four sequential reads per step
                int r0 = i * ai, r1 = r0 + ai, r2 = r1 + ai, r3 = r2 + ai;
                for (int p = 0, d = base; p < k; p++, d += MR) {
                    buf[d] = a[r0 + p];
                    buf[d + 1] = a[r1 + p];
                    buf[d + 2] = a[r2 + p];
                    buf[d + 3] = a[r3 + p];
                }
            } else { // A is stored transposed: MR consecutive values per step
                for (int p = 0, d = base, src = i * ai; p < k; p++, d += MR, src += ap) {
                    buf[d] = a[src];
                    buf[d + 1] = a[src + ai];
                    buf[d + 2] = a[src + 2 * ai];
                    buf[d + 3] = a[src + 3 * ai];
                }
            }
        }
    }

    /**
     * Packs columns j0 .. j0+NR−1 of B into {@code buf} as k rows of NR floats, zero-padded past n.
     */
    private static void packPanel(float[] b, int bj, int bp, int n, int k, int j0, float[] buf) {
        int width = Math.min(NR, n - j0);
        if (width < NR) java.util.Arrays.fill(buf, 0, k * NR, 0f);
        if (bj == 1) { // B rows are contiguous: NR floats per step
            for (int p = 0, src = j0, d = 0; p < k; p++, src += bp, d += NR) {
                if (width == NR) {
                    FloatVector.fromArray(S, b, src).intoArray(buf, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(buf, d + L);
                } else {
                    System.arraycopy(b, src, buf, d, width);
                }
            }
        } else { // B stored transposed (B(p, j) = b[j*bj + p]): read each column sequentially
            for (int j = 0; j < width; j++) {
                int src = (j0 + j) * bj;
                for (int p = 0, d = j; p < k; p++, d += NR) buf[d] = b[src + p];
            }
        }
    }

    private void panels(float[] a, int ai, int ap, float[] pa, float[] b, int bj, int bp, float[] c, int m, int n,
                        int k, int fromPanel, int toPanel) {
        float[] panel = packBuffer.get();
        if (panel.length < k * NR) {
            panel = new float[k * NR];
            packBuffer.set(panel);
        }
        float[] scratch = EDGE.get();
        for (int q = fromPanel; q < toPanel; q++) {
            int j0 = q * NR, width = Math.min(NR, n - j0);
            packPanel(b, bj, bp, n, k, j0, panel);
            int i = 0;
            for (; i + MR <= m; i += MR) {
                tile4(pa, (i / MR) * k * MR, panel, 0, c, i, j0, width, n, k, scratch);
            }
            for (; i < m; i++) tile1(a, ai, ap, panel, 0, c, i, j0, width, n, k, scratch);
        }
    }

    /** The 4 × 2L register tile: rows i..i+3, columns j0..j0+width−1. */
    private static void tile4(float[] pa, int abase, float[] packed, int base, float[] c, int i, int j0, int width,
                              int n, int k, float[] scratch) {
        int o0 = i * n + j0;
        boolean direct = width == NR;
        if (k == 0) {
            for (int r = 0; r < MR; r++) java.util.Arrays.fill(c, o0 + r * n, o0 + r * n + width, 0f);
            return;
        }
        float[] out = direct ? c : scratch;
        int d = direct ? o0 : 0, stride = direct ? n : NR;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        // One moving index per array and the bounds checked once up front: C2 then drops the per-step range checks
        // and the index arithmetic (docs/benchmarks.md has the before and after).
        int last = abase + (k - 1) * MR;
        if (last + MR > pa.length || base + k * NR > packed.length) throw new IndexOutOfBoundsException("packed tile");
        int q = abase, off = base;
        for (; q < last; q += MR, off += NR) { // a counted loop: C2 drops its range checks
            FloatVector b0 = FloatVector.fromArray(S, packed, off);
            FloatVector b1 = FloatVector.fromArray(S, packed, off + L);
            FloatVector x0 = FloatVector.broadcast(S, pa[q]);
            FloatVector x1 = FloatVector.broadcast(S, pa[q + 1]);
            FloatVector x2 = FloatVector.broadcast(S, pa[q + 2]);
            FloatVector x3 = FloatVector.broadcast(S, pa[q + 3]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
        }
        // The last step, peeled, so that the stores take values FMAs just made. Stored straight from the loop's
        // accumulators, C2 (JDK 17) sees plain FloatVector, cannot intrinsify intoArray and stores through the
        // Vector API's slow Java path (seen with -XX:+PrintInlining). All vector stores stay in this method too:
        // passing the accumulators to a call C2 does not inline boxes them on every step.
        FloatVector b0 = FloatVector.fromArray(S, packed, off);
        FloatVector b1 = FloatVector.fromArray(S, packed, off + L);
        FloatVector x0 = FloatVector.broadcast(S, pa[q]);
        FloatVector x1 = FloatVector.broadcast(S, pa[q + 1]);
        FloatVector x2 = FloatVector.broadcast(S, pa[q + 2]);
        FloatVector x3 = FloatVector.broadcast(S, pa[q + 3]);
        x0.fma(b0, c00).intoArray(out, d);
        x0.fma(b1, c01).intoArray(out, d + L);
        x1.fma(b0, c10).intoArray(out, d + stride);
        x1.fma(b1, c11).intoArray(out, d + stride + L);
        x2.fma(b0, c20).intoArray(out, d + 2 * stride);
        x2.fma(b1, c21).intoArray(out, d + 2 * stride + L);
        x3.fma(b0, c30).intoArray(out, d + 3 * stride);
        x3.fma(b1, c31).intoArray(out, d + 3 * stride + L);
        // A partial tile at the right edge of C went to the scratch tile; scalar code finishes it.
        if (!direct) {
            for (int r = 0; r < MR; r++) copyEdge(out, r * NR, c, o0 + r * n, width);
        }
    }

    /** One row of C against a packed panel: the rows left over below the last full MR-row strip. */
    private static void tile1(float[] a, int ai, int ap, float[] packed, int base, float[] c, int i, int j0, int width,
                              int n, int k, float[] scratch) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        int a0 = i * ai;
        for (int p = 0; p < k; p++) {
            int off = base + p * NR;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * ap]);
            c0 = x.fma(FloatVector.fromArray(S, packed, off), c0);
            c1 = x.fma(FloatVector.fromArray(S, packed, off + L), c1);
        }
        int o = i * n + j0;
        boolean direct = width == NR; // as in tile4: no vector chosen by a branch, no call
        float[] out = direct ? c : scratch;
        int d = direct ? o : 0;
        c0.intoArray(out, d);
        c1.intoArray(out, d + L);
        if (!direct) copyEdge(out, 0, c, o, width);
    }

    /**
     * c[co + j] = Σ_p a[ao + p]·b[j*k + p] for jFrom ≤ j &lt; jTo: eight (then four) rows of B share each load of
     * a. The lanes are
     * summed in lane order from a scratch array: reduceLanes(ADD) leaves the order unspecified, and its compiled and
     * interpreted forms do differ, which would make a prediction depend on JIT timing. (The scratch array is fetched
     * before any vector is live: a call that is not inlined would box them.)
     */
    private static void dotRows(float[] a, int ao, float[] b, float[] c, int co, int jFrom, int jTo, int k) {
        float[] lanes = EDGE.get();
        int j = jFrom;
        // Eight rows at a time: eight independent FMA chains hide the FMA latency, which four chains do not. Each
        // group size is its own small method so that C2 compiles (and profiles) each on its own.
        for (; j + 8 <= jTo; j += 8) dot8(a, ao, b, c, co, j, k, lanes);
        for (; j + 4 <= jTo; j += 4) dot4(a, ao, b, c, co, j, k, lanes);
        for (; j < jTo; j++) dot1(a, ao, b, c, co, j, k, lanes);
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

    /** Writes the first {@code width} of the lanes at e[from…] to c[offset…]. */
    private static void copyEdge(float[] e, int from, float[] c, int offset, int width) {
        for (int j = 0; j < width; j++) c[offset + j] = e[from + j];
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

    // ---- the arguments of parallel calls -------------------------------------------------------------------------
    // Kept per calling thread and reused, so that handing work to the thread team allocates nothing (a capturing
    // lambda per product came to ~570 bytes per W2 training step). clear() drops the references to the caller's
    // arrays, so a kernel thread's task never keeps a discarded network alive.

    private final ThreadLocal<Product> products = ThreadLocal.withInitial(Product::new);
    private static final ThreadLocal<Dots> DOTS = ThreadLocal.withInitial(Dots::new);
    private static final ThreadLocal<AdamBlocks> ADAM = ThreadLocal.withInitial(AdamBlocks::new);

    /** A packed product: first A's strips ({@code packingA}), then B's panels. */
    private final class Product implements Parallel.RangeTask {
        private float[] a, pa, b, c;
        private int ai, ap, bj, bp, m, n, k;
        boolean packingA;

        Product set(float[] a, int ai, int ap, float[] pa, float[] b, int bj, int bp, float[] c, int m, int n, int k) {
            this.a = a;
            this.ai = ai;
            this.ap = ap;
            this.pa = pa;
            this.b = b;
            this.bj = bj;
            this.bp = bp;
            this.c = c;
            this.m = m;
            this.n = n;
            this.k = k;
            return this;
        }

        void clear() {
            a = pa = b = c = null;
        }

        @Override
        public void run(int from, int to) {
            if (packingA) packA(a, ai, ap, k, pa, from, to);
            else panels(a, ai, ap, pa, b, bj, bp, c, m, n, k, from, to);
        }
    }

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
