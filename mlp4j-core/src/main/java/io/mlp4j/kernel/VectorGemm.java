package io.mlp4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The packed GEMM of {@link VectorKernel}: all three forms become C = A·B with A packed into strips of {@link #MR} rows
 * and B packed, one panel of {@code 2·L} columns (L = lanes) at a time, on the thread that computes that panel (both
 * read through strides while packing, which covers A, Aᵀ and Bᵀ). An MR × 2L register tile of accumulators is updated
 * by broadcast-FMA along k: each step loads two vectors of the panel and MR consecutive floats of the strip. MR is
 * chosen per vector width and JDK ({@link TileRows}: 8 with 16 lanes; 6 or 4 with 8); when MR does not divide the
 * rows, the last strip overlaps the one before ({@link #stripRow}); products of fewer than MR rows take 4-row strips,
 * under 4 rows one row at a time. docs/benchmarks.md has the measurements behind these choices. Only
 * {@link VectorKernel} uses this class.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = Species.FLOAT;
    private static final int L = S.length();
    private static final int NR = 2 * L;   // columns per panel and per register tile
    /** Rows per register tile: 4, 6 or 8 (a constant, so C2 folds every test of it). */
    static final int MR = TileRows.forLanes(L);
    /**
     * Rows of a transposed B packed at a time ({@link #packPanel}): 128 rows of the panel are 8 KB, so the lines being
     * written stay in L1 while the 16 columns are read one after the other.
     */
    private static final int PACK_ROWS = 128;

    /** Below this many multiply-adds a GEMM runs on the calling thread: handing work over costs more than it saves. */
    static final long PARALLEL_THRESHOLD = 1L << 20;

    /** Per-thread packing buffer for one B panel, grown as needed: no allocation per call once warmed up. */
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread buffer for A packed in strips: the strip of h rows starting at row i is [i·k + p·h + r]. */
    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread lanes for partial tiles at the right edge of C. */
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    private VectorGemm() {
    }

    /**
     * C[m×n] = A·B with A(i, p) = a[i*ai + p*ap] and B(p, j) = b[j*bj + p*bp]. A is packed once into strips; each
     * thread then packs one B panel at a time, right before the strips sweep over it, so the packed panel is still
     * in cache when it is used and the packing is shared by both cores (packing everything up front on the calling
     * thread took a quarter of W2's time). Large products split their column panels across {@link Parallel#threads()}
     * threads; every element of C is computed by the same operations in the same order whatever the split and
     * whatever the tile height, so results depend on neither.
     */
    static void multiply(float[] a, int ai, int ap, float[] b, int bj, int bp, float[] c, int m, int n, int k) {
        multiply(a, ai, ap, b, bj, bp, null, c, m, n, k);
    }

    /** C[m×n] = A · Wᵀ with W packed by {@link #packTransposed}: the panels are read, not packed. */
    static void multiply(float[] a, int ai, int ap, PackedWeights w, float[] c, int m) {
        multiply(a, ai, ap, null, w.k, 1, w.data, c, m, w.n, w.k);
    }

    /**
     * W[n×k] as {@code multiply} packs B = Wᵀ panel by panel, all panels one after the other: panel q at q·k·NR. Refills
     * {@code reuse} when it holds a matrix of the same shape.
     */
    static PackedWeights packTransposed(float[] w, int n, int k, PackedWeights reuse) {
        int panels = (n + NR - 1) / NR, size = panels * k * NR;
        PackedWeights p = reuse != null && reuse.fits(n, k, size) ? reuse : new PackedWeights(new float[size], n, k);
        for (int q = 0; q < panels; q++) packPanel(w, k, 1, n, k, q * NR, p.data, q * k * NR);
        return p;
    }

    /** {@code prepacked}: B's panels as {@link #packTransposed} lays them out, or null to pack B here. */
    private static void multiply(float[] a, int ai, int ap, float[] b, int bj, int bp, float[] prepacked, float[] c,
                                 int m, int n, int k) {
        if (k == 0) { // an empty sum: the tiles need one step at least
            java.util.Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        int panels = (n + NR - 1) / NR, strips = strips(m);
        float[] pa = packedA(m, k);
        if ((long) m * n * k >= PARALLEL_THRESHOLD && panels > 1) {
            Product product = PRODUCTS.get().set(a, ai, ap, pa, b, bj, bp, prepacked, c, m, n, k);
            try {
                product.packingA = true;
                Parallel.forRange(strips, product);
                product.packingA = false;
                Parallel.forRange(panels, product);
            } finally {
                product.clear();
            }
        } else {
            packA(a, ai, ap, k, pa, m, 0, strips);
            panels(a, ai, ap, pa, b, bj, bp, prepacked, c, m, n, k, 0, panels);
        }
    }

    /**
     * Rows per strip of A for an m-row product: MR, or 4 when m &lt; MR, or 0 when m &lt; 4 (then every row runs on
     * {@link #tile1}). One height per product, so one tile method does all of it: with leftover rows on smaller tiles,
     * those tiles were still waiting for C2 at the end of the seeds' network's first epoch.
     */
    private static int stripHeight(int m) {
        return m >= MR ? MR : m >= 4 ? 4 : 0;
    }

    /** Strips of A: ⌈m / h⌉ of height h ({@link #stripHeight}), the last one moved up to end at row m. */
    private static int strips(int m) {
        int h = stripHeight(m);
        return h == 0 ? 0 : (m + h - 1) / h;
    }

    /**
     * First row of strip s. The last strip ends at row m, so it overlaps the one before when h does not divide m:
     * those rows are computed twice, by the same operations, and C receives the same values twice. That costs up to
     * h − 1 rows' work against running them on a shorter tile (a 4-row tile is 10–30% slower per FMA on JDK 17, a
     * single row 4×).
     */
    private static int stripRow(int m, int s) {
        int h = stripHeight(m);
        return Math.min(s * h, m - h);
    }

    /** Floats of packed A. */
    private static int packedSize(int m, int k) {
        return strips(m) * stripHeight(m) * k;
    }

    /** The calling thread's buffer for A in strips, big enough for m×k. */
    private static float[] packedA(int m, int k) {
        int size = packedSize(m, k);
        float[] buf = PACKED_A.get();
        if (buf.length < size) {
            buf = new float[size];
            PACKED_A.set(buf);
        }
        return buf;
    }

    /**
     * Strips [from, to) of A, each as k groups of h consecutive values ({@link #stripHeight}): A(i+r, p) of the strip
     * starting at row i at [s·h·k + p·h + r]. Large products pack on both threads (then the buffer is the calling
     * thread's, shared read-only afterwards).
     */
    private static void packA(float[] a, int ai, int ap, int k, float[] buf, int m, int from, int to) {
        int h = stripHeight(m);
        for (int s = from; s < to; s++) {
            int i = stripRow(m, s), at = s * h * k;
            if (h == 4) packStrip4(a, ai, ap, k, buf, i, at);
            else packStrip(a, ai, ap, k, buf, i, h, at);
        }
    }

    private static void packStrip4(float[] a, int ai, int ap, int k, float[] buf, int i, int base) {
        if (ap == 1) { // rows of A are contiguous: four sequential reads per step
            int r0 = i * ai, r1 = r0 + ai, r2 = r1 + ai, r3 = r2 + ai;
            for (int p = 0, d = base; p < k; p++, d += 4) {
                buf[d] = a[r0 + p];
                buf[d + 1] = a[r1 + p];
                buf[d + 2] = a[r2 + p];
                buf[d + 3] = a[r3 + p];
            }
        } else { // A is stored transposed: 4 consecutive values per step
            for (int p = 0, d = base, src = i * ai; p < k; p++, d += 4, src += ap) {
                buf[d] = a[src];
                buf[d + 1] = a[src + ai];
                buf[d + 2] = a[src + 2 * ai];
                buf[d + 3] = a[src + 3 * ai];
            }
        }
    }

    /**
     * A strip of h rows, from index {@code at}. Rows of A that are contiguous are copied one row at a time (a sequential
     * read, and the strip being written stays in L1): reading all h rows at each step made packing 13% of W4's batch
     * samples (6-row strips, JDK 17) against 7.5% this way; for packStrip4's four rows (Temurin 25) the order made no
     * difference. A stored transposed gives h consecutive values per step.
     */
    private static void packStrip(float[] a, int ai, int ap, int k, float[] buf, int i, int h, int at) {
        if (ap == 1) {
            for (int r = 0; r < h; r++) {
                for (int p = 0, d = at + r, src = (i + r) * ai; p < k; p++, d += h) buf[d] = a[src + p];
            }
            return;
        }
        for (int p = 0, d = at, src = i * ai; p < k; p++, d += h, src += ap) {
            for (int r = 0; r < h; r++) buf[d + r] = a[src + r * ai];
        }
    }

    /**
     * Packs columns j0 .. j0+NR−1 of B into {@code buf} from index {@code at} as k rows of NR floats, zero-padded past n.
     */
    private static void packPanel(float[] b, int bj, int bp, int n, int k, int j0, float[] buf, int at) {
        int width = Math.min(NR, n - j0);
        if (width < NR) java.util.Arrays.fill(buf, at, at + k * NR, 0f);
        if (bj == 1) { // B rows are contiguous: NR floats per step
            for (int p = 0, src = j0, d = at; p < k; p++, src += bp, d += NR) {
                if (width == NR) {
                    FloatVector.fromArray(S, b, src).intoArray(buf, d);
                    FloatVector.fromArray(S, b, src + L).intoArray(buf, d + L);
                } else {
                    System.arraycopy(b, src, buf, d, width);
                }
            }
        } else { // B stored transposed (B(p, j) = b[j*bj + p]): each column read sequentially, PACK_ROWS rows at a time
            for (int p0 = 0; p0 < k; p0 += PACK_ROWS) {
                int p1 = Math.min(k, p0 + PACK_ROWS);
                for (int j = 0; j < width; j++) {
                    int src = (j0 + j) * bj;
                    for (int p = p0, d = at + j + p0 * NR; p < p1; p++, d += NR) buf[d] = b[src + p];
                }
            }
        }
    }

    private static void panels(float[] a, int ai, int ap, float[] pa, float[] b, int bj, int bp, float[] prepacked,
                               float[] c, int m, int n, int k, int fromPanel, int toPanel) {
        float[] panel = prepacked;
        if (panel == null) {
            panel = PANEL.get();
            if (panel.length < k * NR) {
                panel = new float[k * NR];
                PANEL.set(panel);
            }
        }
        float[] scratch = EDGE.get();
        for (int q = fromPanel; q < toPanel; q++) {
            int j0 = q * NR, width = Math.min(NR, n - j0), base = 0;
            if (prepacked == null) packPanel(b, bj, bp, n, k, j0, panel, 0);
            else base = q * k * NR;
            // A tile at the right edge of C, narrower than NR, goes to the scratch tile first.
            boolean direct = width == NR;
            float[] out = direct ? c : scratch;
            int stride = direct ? n : NR, h = stripHeight(m), strips = strips(m);
            for (int s = 0; s < strips; s++) {
                int i = stripRow(m, s), at = s * h * k, d = direct ? i * n + j0 : 0;
                if (h == 4) tile4(pa, at, panel, base, out, d, stride, k);
                else if (MR == 8) tile8(pa, at, panel, base, out, d, stride, k); // MR is a constant: C2 keeps one
                else tile6(pa, at, panel, base, out, d, stride, k);
                if (!direct) copyEdge(scratch, c, i * n + j0, n, width, h);
            }
            for (int i = 0; h == 0 && i < m; i++) {
                tile1(a, i * ai, ap, panel, base, out, direct ? i * n + j0 : 0, k);
                if (!direct) copyEdge(scratch, c, i * n + j0, n, width, 1);
            }
        }
    }

    /**
     * The 8 × 2L register tile, for 16-lane vectors (see {@link TileRows}): {@link #tile4} with twice the rows, written
     * out again because the accumulators must be named locals for C2 to keep them in registers (an array of vectors,
     * or a helper taking them, boxes them on every step).
     */
    private static void tile8(float[] pa, int abase, float[] packed, int base, float[] out, int d, int stride, int k) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S);
        FloatVector c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        // As in tile4: one moving index per array, bounds checked up front, the last step peeled with the stores.
        int last = abase + (k - 1) * 8;
        if (last + 8 > pa.length || base + k * NR > packed.length) throw new IndexOutOfBoundsException("packed tile");
        int q = abase, off = base;
        for (; q < last; q += 8, off += NR) { // a counted loop: C2 drops its range checks
            FloatVector b0 = FloatVector.fromArray(S, packed, off);
            FloatVector b1 = FloatVector.fromArray(S, packed, off + L);
            FloatVector x0 = FloatVector.broadcast(S, pa[q]);
            FloatVector x1 = FloatVector.broadcast(S, pa[q + 1]);
            FloatVector x2 = FloatVector.broadcast(S, pa[q + 2]);
            FloatVector x3 = FloatVector.broadcast(S, pa[q + 3]);
            FloatVector x4 = FloatVector.broadcast(S, pa[q + 4]);
            FloatVector x5 = FloatVector.broadcast(S, pa[q + 5]);
            FloatVector x6 = FloatVector.broadcast(S, pa[q + 6]);
            FloatVector x7 = FloatVector.broadcast(S, pa[q + 7]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
            c60 = x6.fma(b0, c60);
            c61 = x6.fma(b1, c61);
            c70 = x7.fma(b0, c70);
            c71 = x7.fma(b1, c71);
        }
        FloatVector b0 = FloatVector.fromArray(S, packed, off);
        FloatVector b1 = FloatVector.fromArray(S, packed, off + L);
        FloatVector x0 = FloatVector.broadcast(S, pa[q]);
        FloatVector x1 = FloatVector.broadcast(S, pa[q + 1]);
        FloatVector x2 = FloatVector.broadcast(S, pa[q + 2]);
        FloatVector x3 = FloatVector.broadcast(S, pa[q + 3]);
        FloatVector x4 = FloatVector.broadcast(S, pa[q + 4]);
        FloatVector x5 = FloatVector.broadcast(S, pa[q + 5]);
        FloatVector x6 = FloatVector.broadcast(S, pa[q + 6]);
        FloatVector x7 = FloatVector.broadcast(S, pa[q + 7]);
        x0.fma(b0, c00).intoArray(out, d);
        x0.fma(b1, c01).intoArray(out, d + L);
        x1.fma(b0, c10).intoArray(out, d + stride);
        x1.fma(b1, c11).intoArray(out, d + stride + L);
        x2.fma(b0, c20).intoArray(out, d + 2 * stride);
        x2.fma(b1, c21).intoArray(out, d + 2 * stride + L);
        x3.fma(b0, c30).intoArray(out, d + 3 * stride);
        x3.fma(b1, c31).intoArray(out, d + 3 * stride + L);
        x4.fma(b0, c40).intoArray(out, d + 4 * stride);
        x4.fma(b1, c41).intoArray(out, d + 4 * stride + L);
        x5.fma(b0, c50).intoArray(out, d + 5 * stride);
        x5.fma(b1, c51).intoArray(out, d + 5 * stride + L);
        x6.fma(b0, c60).intoArray(out, d + 6 * stride);
        x6.fma(b1, c61).intoArray(out, d + 6 * stride + L);
        x7.fma(b0, c70).intoArray(out, d + 7 * stride);
        x7.fma(b1, c71).intoArray(out, d + 7 * stride + L);
    }

    /**
     * The 6 × 2L register tile, for 8-lane vectors (see {@link TileRows}): 12 accumulators, written out like
     * {@link #tile8} for the same reason. Each broadcast is used right after it is loaded, in the loop and in the
     * peeled last step, so that at most two are live: with all six loaded first, C2 kept accumulators on the stack
     * through the loop (docs/benchmarks.md).
     */
    private static void tile6(float[] pa, int abase, float[] packed, int base, float[] out, int d, int stride, int k) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int last = abase + (k - 1) * 6;
        if (last + 6 > pa.length || base + k * NR > packed.length) throw new IndexOutOfBoundsException("packed tile");
        int q = abase, off = base;
        for (; q < last; q += 6, off += NR) {
            FloatVector b0 = FloatVector.fromArray(S, packed, off);
            FloatVector b1 = FloatVector.fromArray(S, packed, off + L);
            FloatVector x0 = FloatVector.broadcast(S, pa[q]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(S, pa[q + 1]);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(S, pa[q + 2]);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(S, pa[q + 3]);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(S, pa[q + 4]);
            c40 = x4.fma(b0, c40);
            c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(S, pa[q + 5]);
            c50 = x5.fma(b0, c50);
            c51 = x5.fma(b1, c51);
        }
        FloatVector b0 = FloatVector.fromArray(S, packed, off);
        FloatVector b1 = FloatVector.fromArray(S, packed, off + L);
        FloatVector x0 = FloatVector.broadcast(S, pa[q]);
        x0.fma(b0, c00).intoArray(out, d);
        x0.fma(b1, c01).intoArray(out, d + L);
        FloatVector x1 = FloatVector.broadcast(S, pa[q + 1]);
        x1.fma(b0, c10).intoArray(out, d + stride);
        x1.fma(b1, c11).intoArray(out, d + stride + L);
        FloatVector x2 = FloatVector.broadcast(S, pa[q + 2]);
        x2.fma(b0, c20).intoArray(out, d + 2 * stride);
        x2.fma(b1, c21).intoArray(out, d + 2 * stride + L);
        FloatVector x3 = FloatVector.broadcast(S, pa[q + 3]);
        x3.fma(b0, c30).intoArray(out, d + 3 * stride);
        x3.fma(b1, c31).intoArray(out, d + 3 * stride + L);
        FloatVector x4 = FloatVector.broadcast(S, pa[q + 4]);
        x4.fma(b0, c40).intoArray(out, d + 4 * stride);
        x4.fma(b1, c41).intoArray(out, d + 4 * stride + L);
        FloatVector x5 = FloatVector.broadcast(S, pa[q + 5]);
        x5.fma(b0, c50).intoArray(out, d + 5 * stride);
        x5.fma(b1, c51).intoArray(out, d + 5 * stride + L);
    }

    /**
     * The 4 × 2L register tile: four rows of C, {@code out[d + r·stride + j]} for r &lt; 4 and j &lt; 2L, from k ≥ 1 steps
     * of a packed strip of A (at {@code abase}) and a packed panel of B (at {@code base}). The caller chose {@code out}:
     * C itself, or the scratch tile for a partial tile at C's right edge, which the caller then copies; so only the
     * arrays, two indexes and a stride are live through the loop (with more, C2 kept a loop index on the stack).
     */
    private static void tile4(float[] pa, int abase, float[] packed, int base, float[] out, int d, int stride, int k) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        // One moving index per array and the bounds checked once up front: C2 then drops the per-step range checks
        // and the index arithmetic (docs/benchmarks.md has the before and after).
        int last = abase + (k - 1) * 4;
        if (last + 4 > pa.length || base + k * NR > packed.length) throw new IndexOutOfBoundsException("packed tile");
        int q = abase, off = base;
        for (; q < last; q += 4, off += NR) { // a counted loop: C2 drops its range checks
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
    }

    /** One row of C against a packed panel, as {@link #tile4} writes its rows: products of fewer than 4 rows. */
    private static void tile1(float[] a, int a0, int ap, float[] packed, int base, float[] out, int d, int k) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int off = base + p * NR;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * ap]);
            c0 = x.fma(FloatVector.fromArray(S, packed, off), c0);
            c1 = x.fma(FloatVector.fromArray(S, packed, off + L), c1);
        }
        c0.intoArray(out, d);
        c1.intoArray(out, d + L);
    }

    /** Copies the first {@code width} columns of the scratch tile's first {@code rows} rows to C from c[offset]. */
    private static void copyEdge(float[] scratch, float[] c, int offset, int n, int width, int rows) {
        for (int r = 0; r < rows; r++) System.arraycopy(scratch, r * NR, c, offset + r * n, width);
    }

    // ---- the arguments of parallel calls -------------------------------------------------------------------------
    // Kept per calling thread and reused, so that handing work to the thread team allocates nothing (a capturing
    // lambda per product came to ~570 bytes per W2 training step). clear() drops the references to the caller's
    // arrays, so a kernel thread's task never keeps a discarded network alive.

    private static final ThreadLocal<Product> PRODUCTS = ThreadLocal.withInitial(Product::new);

    /** A packed product: first A's strips ({@code packingA}), then B's panels. */
    private static final class Product implements Parallel.RangeTask {
        private float[] a, pa, b, prepacked, c;
        private int ai, ap, bj, bp, m, n, k;
        boolean packingA;

        Product set(float[] a, int ai, int ap, float[] pa, float[] b, int bj, int bp, float[] prepacked, float[] c, int m,
                    int n, int k) {
            this.a = a;
            this.prepacked = prepacked;
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
            a = pa = b = prepacked = c = null;
        }

        @Override
        public void run(int from, int to) {
            if (packingA) packA(a, ai, ap, k, pa, m, from, to);
            else panels(a, ai, ap, pa, b, bj, bp, prepacked, c, m, n, k, from, to);
        }
    }
}
