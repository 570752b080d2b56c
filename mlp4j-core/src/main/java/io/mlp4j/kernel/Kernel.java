package io.mlp4j.kernel;

/**
 * The hot loops of training and inference, on float32 row-major matrices.
 *
 * <p>Every matrix is a {@code float[]} in row-major order starting at index 0; sizes are passed explicitly so one
 * buffer sized for the largest mini-batch serves a smaller last batch. {@link ScalarKernel} is the readable
 * reference; faster implementations must agree with it (see the kernel tests).
 *
 * <p>Backpropagation needs GEMM in three forms (activations as rows, one sample per row; W is out×in):
 * <ul>
 *   <li>forward, {@code Z = A_prev · Wᵀ}: {@link #gemmABt}</li>
 *   <li>weight gradient, {@code ∂C/∂W = δᵀ · A_prev}: {@link #gemmAtB}</li>
 *   <li>back to the previous layer, {@code ∂C/∂A_prev = δ · W}: {@link #gemmAB}</li>
 * </ul>
 */
public interface Kernel {

    /** C[m×n] = A[m×k] · B[n×k]ᵀ; C is overwritten. */
    void gemmABt(float[] a, float[] b, float[] c, int m, int n, int k);

    /**
     * Whether {@link #gemmABt(float[], float[], float[], int, int, int)} packs W for a product of {@code m} rows, so that
     * packing it once ({@link #packWeights}) saves work. The scalar kernel never packs.
     */
    default boolean packsWeights(int m) {
        return false;
    }

    /** W[n×k] packed once for {@link #gemmABt(float[], PackedWeights, float[], int)}; {@code reuse} may be refilled. */
    default PackedWeights packWeights(float[] w, int n, int k, PackedWeights reuse) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not pack weights");
    }

    /** C[m×n] = A[m×k] · Wᵀ with W packed by {@link #packWeights}: the same bits as the unpacked product. */
    default void gemmABt(float[] a, PackedWeights w, float[] c, int m) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " does not pack weights");
    }

    /** C[m×n] = A[k×m]ᵀ · B[k×n]. */
    void gemmAtB(float[] a, float[] b, float[] c, int m, int n, int k);

    /** C[m×n] = A[m×k] · B[k×n]. */
    void gemmAB(float[] a, float[] b, float[] c, int m, int n, int k);

    /** Adds the row vector {@code bias[cols]} to every row of {@code c[rows×cols]}: z = W·a + b for a batch. */
    void addRowVector(float[] c, float[] bias, int rows, int cols);

    /** {@code out[j] = Σ_r a[r×cols + j]}: the bias gradient ∂C/∂b = Σ over the batch of δ. */
    void sumRows(float[] a, float[] out, int rows, int cols);

    /** True when x[0..n) holds no NaN and no ±∞: the input check of batch prediction, run on the copied batch. */
    boolean allFinite(float[] x, int n);

    /**
     * One Adam step over n parameters, with the bias corrections folded into {@code stepSize} = η/(1 − β₁ᵗ) and
     * {@code sqrtCorrection2} = √(1 − β₂ᵗ):
     * m = β₁·m + (1 − β₁)·g; v = β₂·v + (1 − β₂)·g·g; ω −= stepSize·m / (√v / sqrtCorrection2 + ε).
     */
    void adam(float[] w, float[] g, float[] m, float[] v, int n, float beta1, float beta2, float stepSize,
              float sqrtCorrection2, float epsilon);

    /** a = 1 / (1 + e^(−z)). */
    void sigmoid(float[] z, float[] a, int n);

    /** δ = ∂C/∂a · a(1 − a). */
    void sigmoidBackward(float[] a, float[] dCda, float[] delta, int n);

    /** a = tanh(z). */
    void tanh(float[] z, float[] a, int n);

    /** δ = ∂C/∂a · (1 − a²). */
    void tanhBackward(float[] a, float[] dCda, float[] delta, int n);

    /** a = z if z &gt; 0 else slope·z (slope 0 is ReLU). */
    void leakyRelu(float[] z, float[] a, float slope, int n);

    /** δ = ∂C/∂a · (1 if z &gt; 0 else slope). */
    void leakyReluBackward(float[] z, float[] dCda, float[] delta, float slope, int n);

    /** Row-wise softmax of z[rows×cols], shifted by each row's max so no e^z overflows. */
    void softmaxRows(float[] z, float[] a, int rows, int cols);
}
