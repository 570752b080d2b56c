package io.mlp4j.nn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Costs against their textbook definitions, written out independently here. */
class LossTest {

    @Test
    void quadraticIsTheSeedsSumOfSquaresWithGradientTwoTimesTheError() {
        double[] a = {0.712257432295742, 0.533097573871501}, y = {1.0, 0.2};
        assertEquals(Math.pow(a[0] - 1, 2) + Math.pow(a[1] - 0.2, 2), Loss.QUADRATIC.cost(null, a, y), 1e-15);
        assertArrayEquals(new double[] {2 * (a[0] - 1), 2 * (a[1] - 0.2)}, Loss.QUADRATIC.gradient(null, a, y), 1e-15);
        assertEquals(Loss.QUADRATIC.cost(null, a, y) / 2, Loss.MSE.cost(null, a, y), 1e-15);
    }

    @Test
    void crossEntropyIsMinusLogSoftmaxAndStaysFiniteForHugeLogits() {
        double[] z = {1, 2, 3}, y = {0, 1, 0};
        double expected = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(3)));
        assertEquals(expected, Loss.CROSS_ENTROPY.cost(z, Activation.SOFTMAX.applyToLayer(z), y), 1e-14);

        double[] huge = {1000, -1000, 0};
        double[] a = Activation.SOFTMAX.applyToLayer(huge);
        assertEquals(2000, Loss.CROSS_ENTROPY.cost(huge, a, new double[] {0, 1, 0}), 1e-9, "−log softmax = 1000 − (−1000)");
        assertEquals(0, Loss.CROSS_ENTROPY.cost(huge, a, new double[] {1, 0, 0}), 1e-12);
        assertArrayEquals(new double[] {1, -1, 0}, Loss.CROSS_ENTROPY.gradient(huge, a, new double[] {0, 1, 0}), 1e-12);

        float[] zf = {1000f, -1000f, 0f, -1000f, 1000f, 0f};
        float[] af = new float[6];
        io.mlp4j.kernel.Kernels.scalar().softmaxRows(zf, af, 2, 3);
        double batch = Loss.CROSS_ENTROPY.batchCost(zf, af, new float[] {0, 1, 0, 0, 1, 0}, 2, 3,
                new double[3], new double[3], new double[3]);
        assertEquals(1000, batch, 1e-3, "mean of 2000 and 0");
        float[] grad = new float[6];
        Loss.CROSS_ENTROPY.batchGradient(zf, af, new float[] {0, 1, 0, 0, 1, 0}, grad, 2, 3, 0.5f);
        for (float g : grad) assertTrue(Float.isFinite(g));
        assertArrayEquals(new float[] {0.5f, -0.5f, 0, 0, 0, 0}, grad, 1e-6f);
    }

    @Test
    void binaryCrossEntropyMatchesItsLogFormAndStaysFinite() {
        double[] z = {0.3, -2}, y = {1, 0.25};
        double[] a = Activation.SIGMOID.applyToLayer(z);
        double expected = (-Math.log(a[0]) - (0.25 * Math.log(a[1]) + 0.75 * Math.log(1 - a[1]))) / 2;
        assertEquals(expected, Loss.BINARY_CROSS_ENTROPY.cost(z, a, y), 1e-14);
        double[] far = {800, -800};
        double c = Loss.BINARY_CROSS_ENTROPY.cost(far, Activation.SIGMOID.applyToLayer(far), new double[] {0, 1});
        assertEquals(800, c, 1e-9, "(800 + 800) / 2, where log(1 − a) would be −∞");
    }

    /**
     * Each cost's float batch gradient against its double per-sample gradient (which the gradient check holds to finite
     * differences): row by row, scaled by 1/rows, on targets that are not one-hot.
     */
    @Test
    void everyCostsBatchGradientIsItsSampleGradientScaled() {
        int rows = 3, cols = 4;
        float[] z = new float[rows * cols], a = new float[rows * cols], y = new float[rows * cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = (float) Math.sin(1.7 * i) * 3;
            y[i] = (i * 7 % 5) / 4f;
        }
        for (Loss loss : Loss.values()) {
            Activation out = loss.requiredOutput() != null ? loss.requiredOutput() : Activation.TANH;
            out.forward(io.mlp4j.kernel.Kernels.scalar(), z, a, rows, cols);
            float[] batch = new float[rows * cols];
            loss.batchGradient(z, a, y, batch, rows, cols, 1f / rows);
            for (int r = 0; r < rows; r++) {
                double[] zr = new double[cols], ar = new double[cols], yr = new double[cols];
                for (int j = 0; j < cols; j++) {
                    zr[j] = z[r * cols + j];
                    ar[j] = a[r * cols + j];
                    yr[j] = y[r * cols + j];
                }
                double[] g = loss.gradient(zr, ar, yr);
                for (int j = 0; j < cols; j++) {
                    assertEquals(g[j] / rows, batch[r * cols + j], 1e-6, loss + " row " + r + " column " + j);
                }
            }
        }
    }
}
