package io.mlp4j.nn;

import io.mlp4j.train.OptimizerStep;
import io.mlp4j.train.Sgd;
import io.mlp4j.train.Trainer;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class GradientDescentTest {

    @Test
    void stepIsOmegaMinusEtaTimesGradient() {
        Network net = Network.builder().input(3).dense(2, Activation.TANH).dense(2, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(9).build();
        float[][] x = {{0.5f, -1f, 2f}};
        float[][] y = {{1f, 0f}};
        float w = net.layer(0).weight(1, 2), b = net.layer(1).bias(0);
        Gradients g = net.gradients(x, y);
        new OptimizerStep(net, g, Sgd.plain(), 0).apply(0.25);
        assertEquals(w - 0.25f * g.weight(0, 1, 2), net.layer(0).weight(1, 2), 1e-7);
        assertEquals(b - 0.25f * g.bias(1, 0), net.layer(1).bias(0), 1e-7);
    }

    @Test
    void theMiniBatchGradientIsTheMeanOfThePerSampleGradients() {
        Network net = Network.builder().input(2).dense(3, Activation.RELU).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(2).build();
        float[][] x = {{1, 2}, {-1, 0.5f}, {0.3f, -2}};
        float[][] y = {{1, 0}, {0, 1}, {0, 1}};
        Gradients batch = net.gradients(x, y);
        float[] sum = new float[batch.weights(0).length];
        for (int i = 0; i < 3; i++) {
            float[] one = net.gradients(new float[][] {x[i]}, new float[][] {y[i]}).weights(0);
            for (int p = 0; p < sum.length; p++) sum[p] += one[p] / 3;
        }
        assertArrayEquals(sum, batch.weights(0), 1e-6f);
    }

    @Test
    void theSameSeedGivesTheSameNetworkAndTheSameTrainingRunBitForBit() {
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.5f, 0.5f}};
        float[][] y = {{0}, {1}, {1}, {0}, {1}};
        Network a = Network.builder().input(2).dense(5, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(42).build();
        Network b = Network.builder().input(2).dense(5, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(42).build();
        Network c = Network.builder().input(2).dense(5, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(43).build();
        assertArrayEquals(a.layer(0).weights(), b.layer(0).weights());
        assertNotEquals(a.layer(0).weights()[0], c.layer(0).weights()[0]);
        Trainer.sgd(a, x, y, 20, 2, 0.5);
        Trainer.sgd(b, x, y, 20, 2, 0.5);
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.layer(l).weights(), b.layer(l).weights());
            assertArrayEquals(a.layer(l).biases(), b.layer(l).biases());
        }
    }

    @Test
    void initializersHaveTheirDocumentedSpread() {
        Network normal = Network.builder().input(400).dense(100, Activation.SIGMOID).loss(Loss.QUADRATIC)
                .init(Initializer.NORMAL).build();
        Network he = Network.builder().input(400).dense(100, Activation.RELU).loss(Loss.QUADRATIC)
                .init(Initializer.HE).build();
        Network glorot = Network.builder().input(400).dense(100, Activation.TANH).loss(Loss.QUADRATIC)
                .init(Initializer.GLOROT).build();
        assertEquals(1.0, std(normal.layer(0).weights()), 0.02, "N(0,1)");
        assertEquals(Math.sqrt(2.0 / 400), std(he.layer(0).weights()), 0.002, "He: √(2/in)");
        // U(−L, L) with L = √(6/(in+out)) has standard deviation L/√3 = √(2/(in+out)).
        assertEquals(Math.sqrt(2.0 / 500), std(glorot.layer(0).weights()), 0.002, "Glorot");
        assertEquals(0f, he.layer(0).bias(7));
    }

    private static double std(float[] v) {
        double mean = 0, sq = 0;
        for (float x : v) mean += x;
        mean /= v.length;
        for (float x : v) sq += (x - mean) * (x - mean);
        return Math.sqrt(sq / v.length);
    }
}
