package io.mlp4j.model;

import io.mlp4j.data.Normalizer;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Batch prediction on a Model gives what the single-row call gives, row by row (the independent path here). */
class ModelBatchPredictTest {

    private static float[][] rows(int n, int width, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][width];
        for (float[] row : x) for (int j = 0; j < width; j++) row[j] = (float) (r.nextGaussian() * 3 + 1);
        return x;
    }

    @Test
    void aClassifierWithNormalizationMatchesSingleRowsForSmallAndLargeBatches() {
        Network net = Network.builder().input(20).dense(32, Activation.RELU).dense(4, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(5).build();
        float[][] x = rows(70, 20, 1);
        Model model = new Model(net, Normalizer.fit(Normalizer.Kind.STANDARD, x), List.of("a", "b", "c", "d"));
        for (int n : new int[] {1, 3, 15, 16, 70}) { // under 16 rows dot products, from 16 the packed GEMM
            float[][] batch = java.util.Arrays.copyOf(x, n);
            float[][] out = model.predict(batch);
            assertEquals(n, out.length);
            for (int i = 0; i < n; i++) assertArrayEquals(model.predict(x[i]), out[i], 1e-6f, "row " + i + " of " + n);
        }
    }

    @Test
    void aRegressionModelAnswersInTheTargetsUnits() {
        Network net = Network.builder().input(5).dense(8, Activation.TANH).dense(2, Activation.IDENTITY)
                .loss(Loss.MSE).seed(2).build();
        Normalizer targets = new Normalizer(Normalizer.Kind.STANDARD, new float[] {100, -3}, new float[] {10, 0.5f});
        Model model = new Model(net, null, null, null, targets);
        float[][] x = rows(20, 5, 3);
        float[][] out = model.predict(x);
        for (int i = 0; i < x.length; i++) {
            float[] raw = net.predict(x[i]); // the network's own units, scaled back by hand: x·scale + shift
            assertArrayEquals(new float[] {raw[0] * 10 + 100, raw[1] * 0.5f - 3}, out[i], 1e-4f, "row " + i);
        }
    }

    @Test
    void outputsThatOverflowAreAnErrorNotNaN() {
        Network net = Network.builder().input(3).dense(4, Activation.RELU).dense(2, Activation.IDENTITY)
                .loss(Loss.MSE).seed(2).build();
        for (var layer : net.layers()) {
            float[] w = new float[layer.weights().length], b = new float[layer.biases().length];
            java.util.Arrays.fill(w, 1e30f);
            layer.setParameters(w, b);
        }
        Model model = new Model(net, null, null);
        assertThrows(ArithmeticException.class, () -> model.predict(new float[][] {{0, 0, 0}, {1e10f, 1e10f, 1e10f}}));
    }
}
