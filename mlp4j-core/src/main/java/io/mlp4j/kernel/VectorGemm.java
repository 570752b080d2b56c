package io.mlp4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed GEMM of {@link VectorKernel}: all three forms become C = A·B with A packed into strips of 4 rows and B
 * packed, one panel of {@code 2·L} columns (L = lanes) at a time, on the thread that computes that panel (both read
 * through strides while packing, which covers A, Aᵀ and Bᵀ). A 4 × 2L register tile of accumulators is updated by
 * broadcast-FMA along k: each step loads two vectors of the panel and four consecutive floats of the strip.
 * docs/benchmarks.md has the measurements behind these choices. Only {@link VectorKernel} uses this class.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;   // columns per panel and per register tile
    private static final int MR = 4;       // rows per register tile

    /** Below this many multiply-adds a GEMM runs on the calling thread: handing work over costs more than it saves. */
    static final long PARALLEL_THRESHOLD = 1L << 20;

    /** Per-thread packing buffer for one B panel, grown as needed: no allocation per call once warmed up. */
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread buffer for A packed in MR-row strips, [strip][p][MR]. */
    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread lanes for partial tiles at the right edge of C. */
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private VectorGemm() {
    }

    /**
     * C[m×n] = A·B with A(i, p) = a[i*ai + p*ap] and B(p, j) = b[j*bj + p*bp]. A is packed once into MR-row
     * strips; each thread then packs one B panel at a time, right before the strips sweep over it, so the packed
     * panel is still in cache when it is used and the packing is shared by both cores (packing everything up
     * front on the calling thread took a quarter of W2's time). Large products split their column panels across
     * {@link Parallel#threads()} threads; every element of C is computed by the same operations in the same order
     * whatever the split, so results do not depend on the thread count.
     */
    static void multiply(float[] a, int ai, int ap, float[] b, int bj, int bp, float[] c, int m, int n, int k) {
        int panels = (n + NR - 1) / NR, strips = m / MR;
        float[] pa = packedA(m, k);
        if ((long) m * n * k >= PARALLEL_THRESHOLD && panels > 1) {
            Product product = PRODUCTS.get().set(a, ai, ap, pa, b, bj, bp, c, m, n, k);
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

    private static void panels(float[] a, int ai, int ap, float[] pa, float[] b, int bj, int bp, float[] c, int m,
                               int n, int k, int fromPanel, int toPanel) {
        float[] panel = PANEL.get();
        if (panel.length < k * NR) {
            panel = new float[k * NR];
            PANEL.set(panel);
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

    /** Writes the first {@code width} of the lanes at e[from…] to c[offset…]. */
    private static void copyEdge(float[] e, int from, float[] c, int offset, int width) {
        for (int j = 0; j < width; j++) c[offset + j] = e[from + j];
    }

    // ---- the arguments of parallel calls -------------------------------------------------------------------------
    // Kept per calling thread and reused, so that handing work to the thread team allocates nothing (a capturing
    // lambda per product came to ~570 bytes per W2 training step). clear() drops the references to the caller's
    // arrays, so a kernel thread's task never keeps a discarded network alive.

    private static final ThreadLocal<Product> PRODUCTS = ThreadLocal.withInitial(Product::new);

    /** A packed product: first A's strips ({@code packingA}), then B's panels. */
    private static final class Product implements Parallel.RangeTask {
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
}
