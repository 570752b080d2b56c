package io.mlp4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java Vector API kernel (jdk.incubator.vector). Loaded only when that module is readable, by {@link Kernels};
 * everything it computes is tested against {@link ScalarKernel}.
 *
 * <p>GEMM: all three forms become C = A·B with B packed into panels of {@code 2·L} columns (L = lanes) and A packed
 * into strips of 4 rows (both read through strides while packing, which covers A, Aᵀ and Bᵀ), so that a 4 × 2L
 * register tile of accumulators is updated by broadcast-FMA along k: each step loads two vectors of the panel and
 * four consecutive floats of the strip. Packing A made the tile 25–30% faster at 256×2048×2048 (docs/benchmarks.md).
 * Elementwise operations use a vector body and a scalar tail, like the scalar kernel's loops.
 */
final class VectorKernel implements Kernel, Kernels.VectorKernelMarker {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;   // columns per panel and per register tile
    private static final int MR = 4;       // rows per register tile

    /** Below this many multiply-adds a GEMM runs on the calling thread: handing work over costs more than it saves. */
    static final long PARALLEL_THRESHOLD = 1L << 20;

    /** Per-thread packing buffer, grown as needed: no allocation per call once warmed up. */
    private final ThreadLocal<float[]> packBuffer = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread buffer for A packed in MR-row strips, [strip][p][MR]. */
    private static final ThreadLocal<float[]> PACKED_A = ThreadLocal.withInitial(() -> new float[0]);
    /** Per-thread lanes for partial tiles at the right edge of C. */
    private static final ThreadLocal<float[]> EDGE = ThreadLocal.withInitial(() -> new float[MR * NR]);

    @Override
    public String describe() {
        return "vector (" + L + " float lanes)";
    }

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int n, int k, boolean accumulate) {
        if (m < MR) {
            // A few rows (single-sample prediction): dot products straight from B, no packing.
            for (int i = 0; i < m; i++) dotRows(a, i * k, b, c, i * n, n, k, accumulate);
            return;
        }
        // B is n×k: panel element (p, j) = b[j*k + p]
        float[] packed = pack(b, n, k, k, 1);
        multiply(a, k, 1, packed, c, m, n, k, accumulate);
    }

    @Override
    public void gemmAtB(float[] a, float[] b, float[] c, int m, int n, int k, boolean accumulate) {
        // A is k×m: A(i, p) = a[p*m + i]; B is k×n: (p, j) = b[p*n + j]
        float[] packed = pack(b, n, k, 1, n);
        multiply(a, 1, m, packed, c, m, n, k, accumulate);
    }

    @Override
    public void gemmAB(float[] a, float[] b, float[] c, int m, int n, int k, boolean accumulate) {
        float[] packed = pack(b, n, k, 1, n);
        multiply(a, k, 1, packed, c, m, n, k, accumulate);
    }

    /**
     * Packs B (logically k×n, element (p, j) at {@code b[j*jStride + p*pStride]}) into panels of NR columns:
     * panel q holds rows p = 0..k−1 of columns q·NR .. q·NR+NR−1, contiguous, zero-padded past n.
     */
    private float[] pack(float[] b, int n, int k, int jStride, int pStride) {
        int panels = (n + NR - 1) / NR;
        int size = panels * k * NR;
        float[] buf = packBuffer.get();
        if (buf.length < size) {
            buf = new float[size];
            packBuffer.set(buf);
        }
        for (int q = 0; q < panels; q++) {
            int j0 = q * NR, width = Math.min(NR, n - j0), base = q * k * NR;
            for (int p = 0; p < k; p++) {
                int dst = base + p * NR;
                if (jStride == 1) {
                    System.arraycopy(b, j0 + p * pStride, buf, dst, width);
                } else {
                    for (int j = 0; j < width; j++) buf[dst + j] = b[(j0 + j) * jStride + p * pStride];
                }
                for (int j = width; j < NR; j++) buf[dst + j] = 0f;
            }
        }
        return buf;
    }

    /**
     * C[m×n] (+)= A·B with A(i, p) = a[i*ai + p*ap] and B packed by {@link #pack}. Large products split their column
     * panels across {@link Parallel#threads()} threads; every element of C is computed by the same operations in the
     * same order whatever the split, so results do not depend on the thread count.
     */
    private static void multiply(float[] a, int ai, int ap, float[] packed, float[] c, int m, int n, int k,
                                 boolean accumulate) {
        int panels = (n + NR - 1) / NR;
        float[] pa = packA(a, ai, ap, m, k);
        if ((long) m * n * k >= PARALLEL_THRESHOLD && panels > 1) {
            Parallel.forRange(panels, (from, to) -> panels(a, ai, ap, pa, packed, c, m, n, k, accumulate, from, to));
        } else {
            panels(a, ai, ap, pa, packed, c, m, n, k, accumulate, 0, panels);
        }
    }

    /** The full MR-row strips of A, each as k groups of MR consecutive values: A(i+r, p) at [strip·k·MR + p·MR + r]. */
    private static float[] packA(float[] a, int ai, int ap, int m, int k) {
        int strips = m / MR;
        int size = strips * k * MR;
        float[] buf = PACKED_A.get();
        if (buf.length < size) {
            buf = new float[size];
            PACKED_A.set(buf);
        }
        for (int s = 0; s < strips; s++) {
            int base = s * k * MR, i = s * MR;
            for (int p = 0; p < k; p++) {
                int dst = base + p * MR, src = i * ai + p * ap;
                for (int r = 0; r < MR; r++) buf[dst + r] = a[src + r * ai];
            }
        }
        return buf;
    }

    private static void panels(float[] a, int ai, int ap, float[] pa, float[] packed, float[] c, int m, int n, int k,
                               boolean accumulate, int fromPanel, int toPanel) {
        for (int q = fromPanel; q < toPanel; q++) {
            int j0 = q * NR, width = Math.min(NR, n - j0), base = q * k * NR;
            int i = 0;
            for (; i + MR <= m; i += MR) tile4(pa, (i / MR) * k * MR, packed, base, c, i, j0, width, n, k, accumulate);
            for (; i < m; i++) tile1(a, ai, ap, packed, base, c, i, j0, width, n, k, accumulate);
        }
    }

    /** The 4 × 2L register tile: rows i..i+3, columns j0..j0+width−1. */
    private static void tile4(float[] pa, int abase, float[] packed, int base, float[] c, int i, int j0, int width,
                              int n, int k, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        for (int p = 0; p < k; p++) {
            int off = base + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, packed, off);
            FloatVector b1 = FloatVector.fromArray(S, packed, off + L);
            int q = abase + p * MR;
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
        // All vector stores stay in this method: on JDK 17, passing the accumulators to a call C2 does not inline
        // makes it box them on every iteration of the loop above (measured: 4 instead of 28 GFLOP/s).
        int o0 = i * n + j0, o1 = o0 + n, o2 = o1 + n, o3 = o2 + n;
        if (width == NR) {
            if (accumulate) {
                c00 = c00.add(FloatVector.fromArray(S, c, o0));
                c01 = c01.add(FloatVector.fromArray(S, c, o0 + L));
                c10 = c10.add(FloatVector.fromArray(S, c, o1));
                c11 = c11.add(FloatVector.fromArray(S, c, o1 + L));
                c20 = c20.add(FloatVector.fromArray(S, c, o2));
                c21 = c21.add(FloatVector.fromArray(S, c, o2 + L));
                c30 = c30.add(FloatVector.fromArray(S, c, o3));
                c31 = c31.add(FloatVector.fromArray(S, c, o3 + L));
            }
            c00.intoArray(c, o0);
            c01.intoArray(c, o0 + L);
            c10.intoArray(c, o1);
            c11.intoArray(c, o1 + L);
            c20.intoArray(c, o2);
            c21.intoArray(c, o2 + L);
            c30.intoArray(c, o3);
            c31.intoArray(c, o3 + L);
            return;
        }
        float[] e = EDGE.get(); // the right edge of C: the tile is wider than what is left
        c00.intoArray(e, 0);
        c01.intoArray(e, L);
        c10.intoArray(e, NR);
        c11.intoArray(e, NR + L);
        c20.intoArray(e, 2 * NR);
        c21.intoArray(e, 2 * NR + L);
        c30.intoArray(e, 3 * NR);
        c31.intoArray(e, 3 * NR + L);
        for (int r = 0; r < MR; r++) copyEdge(e, r * NR, c, o0 + r * n, width, accumulate);
    }

    private static void tile1(float[] a, int ai, int ap, float[] packed, int base, float[] c, int i, int j0, int width,
                              int n, int k, boolean accumulate) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S);
        int a0 = i * ai;
        for (int p = 0; p < k; p++) {
            int off = base + p * NR;
            FloatVector x = FloatVector.broadcast(S, a[a0 + p * ap]);
            c0 = x.fma(FloatVector.fromArray(S, packed, off), c0);
            c1 = x.fma(FloatVector.fromArray(S, packed, off + L), c1);
        }
        int o = i * n + j0;
        if (width == NR) {
            if (accumulate) {
                c0 = c0.add(FloatVector.fromArray(S, c, o));
                c1 = c1.add(FloatVector.fromArray(S, c, o + L));
            }
            c0.intoArray(c, o);
            c1.intoArray(c, o + L);
            return;
        }
        float[] e = EDGE.get();
        c0.intoArray(e, 0);
        c1.intoArray(e, L);
        copyEdge(e, 0, c, o, width, accumulate);
    }

    /** c[co + j] (+)= Σ_p a[ao + p]·b[j*k + p] for j &lt; n: four rows of B share each load of a. */
    private static void dotRows(float[] a, int ao, float[] b, float[] c, int co, int n, int k, boolean accumulate) {
        int upper = S.loopBound(k), j = 0;
        for (; j + 4 <= n; j += 4) {
            int b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            int p = 0;
            for (; p < upper; p += L) {
                FloatVector x = FloatVector.fromArray(S, a, ao + p);
                s0 = x.fma(FloatVector.fromArray(S, b, b0 + p), s0);
                s1 = x.fma(FloatVector.fromArray(S, b, b1 + p), s1);
                s2 = x.fma(FloatVector.fromArray(S, b, b2 + p), s2);
                s3 = x.fma(FloatVector.fromArray(S, b, b3 + p), s3);
            }
            float d0 = sum(s0), d1 = sum(s1), d2 = sum(s2), d3 = sum(s3);
            for (; p < k; p++) {
                float x = a[ao + p];
                d0 += x * b[b0 + p];
                d1 += x * b[b1 + p];
                d2 += x * b[b2 + p];
                d3 += x * b[b3 + p];
            }
            c[co + j] = accumulate ? c[co + j] + d0 : d0;
            c[co + j + 1] = accumulate ? c[co + j + 1] + d1 : d1;
            c[co + j + 2] = accumulate ? c[co + j + 2] + d2 : d2;
            c[co + j + 3] = accumulate ? c[co + j + 3] + d3 : d3;
        }
        for (; j < n; j++) {
            FloatVector s0 = FloatVector.zero(S);
            int p = 0, b0 = j * k;
            for (; p < upper; p += L) s0 = FloatVector.fromArray(S, a, ao + p).fma(FloatVector.fromArray(S, b, b0 + p), s0);
            float d = sum(s0);
            for (; p < k; p++) d += a[ao + p] * b[b0 + p];
            c[co + j] = accumulate ? c[co + j] + d : d;
        }
    }

    /**
     * The lanes' sum in lane order. reduceLanes(ADD) leaves the order unspecified, and its compiled and interpreted
     * forms do differ, which would make a prediction depend on JIT timing.
     */
    private static float sum(FloatVector v) {
        float[] lanes = EDGE.get();
        v.intoArray(lanes, 0);
        float s = 0;
        for (int i = 0; i < L; i++) s += lanes[i];
        return s;
    }

    /** Writes (or adds) the first {@code width} of the lanes at e[from…] to c[offset…]. */
    private static void copyEdge(float[] e, int from, float[] c, int offset, int width, boolean accumulate) {
        for (int j = 0; j < width; j++) c[offset + j] = accumulate ? c[offset + j] + e[from + j] : e[from + j];
    }

    @Override
    public void addRowVector(float[] c, float[] bias, int rows, int cols) {
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
    public void sumRows(float[] a, float[] out, int rows, int cols) {
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

    @Override
    public void axpy(float alpha, float[] x, float[] y, int n) {
        int i = 0, upper = S.loopBound(n);
        FloatVector va = FloatVector.broadcast(S, alpha);
        for (; i < upper; i += L) {
            va.fma(FloatVector.fromArray(S, x, i), FloatVector.fromArray(S, y, i)).intoArray(y, i);
        }
        for (; i < n; i++) y[i] += alpha * x[i];
    }

    /**
     * Scalar on purpose: the Vector API's EXP is computed by a different algorithm before and after C2 compiles the
     * loop (Java fallback vs. a native stub), so the same input could give another last bit depending on JIT timing,
     * and training would no longer be reproducible. Math.exp gives one answer in every tier.
     */
    @Override
    public void sigmoid(float[] z, float[] a, int n) {
        for (int i = 0; i < n; i++) a[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
    }

    @Override
    public void sigmoidBackward(float[] a, float[] dCda, float[] delta, int n) {
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector.fromArray(S, dCda, i).mul(va).mul(va.neg().add(1f)).intoArray(delta, i);
        }
        for (; i < n; i++) delta[i] = dCda[i] * a[i] * (1f - a[i]);
    }

    /** Scalar on purpose, for the reason given at {@link #sigmoid}. */
    @Override
    public void tanh(float[] z, float[] a, int n) {
        for (int i = 0; i < n; i++) a[i] = (float) Math.tanh(z[i]);
    }

    @Override
    public void tanhBackward(float[] a, float[] dCda, float[] delta, int n) {
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, i);
            FloatVector.fromArray(S, dCda, i).mul(va.mul(va).neg().add(1f)).intoArray(delta, i);
        }
        for (; i < n; i++) delta[i] = dCda[i] * (1f - a[i] * a[i]);
    }

    @Override
    public void leakyRelu(float[] z, float[] a, float slope, int n) {
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) {
            FloatVector v = FloatVector.fromArray(S, z, i);
            v.blend(v.mul(slope), v.compare(VectorOperators.LE, 0f)).intoArray(a, i);
        }
        for (; i < n; i++) a[i] = z[i] > 0f ? z[i] : slope * z[i];
    }

    @Override
    public void leakyReluBackward(float[] z, float[] dCda, float[] delta, float slope, int n) {
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
}
