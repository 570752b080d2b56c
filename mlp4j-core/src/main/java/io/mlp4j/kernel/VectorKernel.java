package io.mlp4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Java Vector API kernel (jdk.incubator.vector). Loaded only when that module is readable, by {@link Kernels};
 * everything it computes is tested against {@link ScalarKernel}.
 *
 * <p>GEMM: all three forms become C = A·B with B packed into panels of {@code 2·L} columns (L = lanes), so that a
 * 4 × 2L register tile of accumulators is updated by broadcast-FMA along k: each step loads two vectors of the
 * panel and four scalars of A. A is read through strides, which covers A (row-major) and Aᵀ without copying.
 * Elementwise operations use a vector body and a scalar tail, like the scalar kernel's loops.
 */
final class VectorKernel implements Kernel, Kernels.VectorKernelMarker {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int NR = 2 * L;   // columns per panel and per register tile
    private static final int MR = 4;       // rows per register tile

    /** Per-thread packing buffer, grown as needed: no allocation per call once warmed up. */
    private final ThreadLocal<float[]> packBuffer = ThreadLocal.withInitial(() -> new float[0]);

    @Override
    public String describe() {
        return "vector (" + L + " float lanes)";
    }

    @Override
    public void gemmABt(float[] a, float[] b, float[] c, int m, int n, int k, boolean accumulate) {
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

    /** C[m×n] (+)= A·B with A(i, p) = a[i*ai + p*ap] and B packed by {@link #pack}. */
    private static void multiply(float[] a, int ai, int ap, float[] packed, float[] c, int m, int n, int k,
                                 boolean accumulate) {
        int panels = (n + NR - 1) / NR;
        for (int q = 0; q < panels; q++) {
            int j0 = q * NR, width = Math.min(NR, n - j0), base = q * k * NR;
            int i = 0;
            for (; i + MR <= m; i += MR) tile4(a, ai, ap, packed, base, c, i, j0, width, n, k, accumulate);
            for (; i < m; i++) tile1(a, ai, ap, packed, base, c, i, j0, width, n, k, accumulate);
        }
    }

    /** The 4 × 2L register tile: rows i..i+3, columns j0..j0+width−1. */
    private static void tile4(float[] a, int ai, int ap, float[] packed, int base, float[] c, int i, int j0, int width,
                              int n, int k, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        int a0 = i * ai, a1 = (i + 1) * ai, a2 = (i + 2) * ai, a3 = (i + 3) * ai;
        for (int p = 0; p < k; p++) {
            int off = base + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, packed, off);
            FloatVector b1 = FloatVector.fromArray(S, packed, off + L);
            int pa = p * ap;
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + pa]);
            FloatVector x1 = FloatVector.broadcast(S, a[a1 + pa]);
            FloatVector x2 = FloatVector.broadcast(S, a[a2 + pa]);
            FloatVector x3 = FloatVector.broadcast(S, a[a3 + pa]);
            c00 = x0.fma(b0, c00);
            c01 = x0.fma(b1, c01);
            c10 = x1.fma(b0, c10);
            c11 = x1.fma(b1, c11);
            c20 = x2.fma(b0, c20);
            c21 = x2.fma(b1, c21);
            c30 = x3.fma(b0, c30);
            c31 = x3.fma(b1, c31);
        }
        store(c00, c01, c, i * n + j0, width, accumulate);
        store(c10, c11, c, (i + 1) * n + j0, width, accumulate);
        store(c20, c21, c, (i + 2) * n + j0, width, accumulate);
        store(c30, c31, c, (i + 3) * n + j0, width, accumulate);
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
        store(c0, c1, c, i * n + j0, width, accumulate);
    }

    /** Writes (or adds) the first {@code width} lanes of [v0 v1] at c[offset…]. */
    private static void store(FloatVector v0, FloatVector v1, float[] c, int offset, int width, boolean accumulate) {
        if (width == NR) {
            if (accumulate) {
                v0 = v0.add(FloatVector.fromArray(S, c, offset));
                v1 = v1.add(FloatVector.fromArray(S, c, offset + L));
            }
            v0.intoArray(c, offset);
            v1.intoArray(c, offset + L);
            return;
        }
        float[] lanes = new float[NR];
        v0.intoArray(lanes, 0);
        v1.intoArray(lanes, L);
        for (int j = 0; j < width; j++) c[offset + j] = accumulate ? c[offset + j] + lanes[j] : lanes[j];
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

    @Override
    public void sigmoid(float[] z, float[] a, int n) {
        int i = 0, upper = S.loopBound(n);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (; i < upper; i += L) {
            FloatVector e = FloatVector.fromArray(S, z, i).neg().lanewise(VectorOperators.EXP);
            one.div(one.add(e)).intoArray(a, i);
        }
        for (; i < n; i++) a[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
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

    @Override
    public void tanh(float[] z, float[] a, int n) {
        int i = 0, upper = S.loopBound(n);
        for (; i < upper; i += L) FloatVector.fromArray(S, z, i).lanewise(VectorOperators.TANH).intoArray(a, i);
        for (; i < n; i++) a[i] = (float) Math.tanh(z[i]);
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
