package io.mlp4j.nn;

import io.mlp4j.random.SeededRandom;
import io.mlp4j.reference.ReferenceNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The float32 batched engine against the double-precision reference (an independent implementation: per sample,
 * nested loops, no kernel). Same parameters (float widened exactly to double), same samples.
 */
class NetworkMatchesReferenceTest {

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Activation hidden : Activation.values()) {
            if (!hidden.elementwise()) continue;
            for (Activation output : Activation.values()) {
                if (output.elementwise()) {
                    all.add(Arguments.of(hidden, output, Loss.QUADRATIC));
                    all.add(Arguments.of(hidden, output, Loss.MSE));
                }
            }
            all.add(Arguments.of(hidden, Activation.SOFTMAX, Loss.CROSS_ENTROPY));
            all.add(Arguments.of(hidden, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} / {1} / {2}")
    @MethodSource("combinations")
    void forwardCostAndGradientsAgreeWithTheReference(Activation hidden, Activation output, Loss loss) {
        Network net = Network.builder().input(7).dense(9, hidden).dense(5, hidden).dense(4, output)
                .loss(loss).seed(11).build();
        SeededRandom rng = new SeededRandom(5);
        int m = 6;
        float[][] xs = new float[m][7];
        float[][] ys = new float[m][4];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < 7; k++) xs[i][k] = (float) (2 * rng.nextDouble() - 1);
            if (loss == Loss.CROSS_ENTROPY) {
                ys[i][rng.nextInt(4)] = 1f;
            } else {
                for (int j = 0; j < 4; j++) ys[i][j] = (float) rng.nextDouble();
            }
        }
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        double[][] xd = widen(xs), yd = widen(ys);

        float[][] predicted = net.predict(xs);
        for (int i = 0; i < m; i++) {
            double[] expected = ref.forward(xd[i]).output();
            for (int j = 0; j < 4; j++) assertEquals(expected[j], predicted[i][j], 1e-5, "output " + i + "," + j);
        }
        assertEquals(ref.cost(xd, yd), net.cost(xs, ys), 1e-5 * Math.max(1, ref.cost(xd, yd)), "mean cost");

        Gradients g = net.gradients(xs, ys);
        ReferenceNetwork.Backprop r = ref.meanGradient(xd, yd);
        for (int l = 0; l < 3; l++) {
            double scale = maxAbs(r.dW()[l]) + 1e-3;
            for (int j = 0; j < r.dW()[l].length; j++) {
                for (int k = 0; k < r.dW()[l][j].length; k++) {
                    assertEquals(r.dW()[l][j][k], g.weight(l, j, k), 1e-4 * scale, "∂C/∂w layer " + l + " " + j + "," + k);
                }
                assertEquals(r.db()[l][j], g.bias(l, j), 1e-4 * scale, "∂C/∂b layer " + l + " " + j);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void predictionsOfManySizesAgreeWithTheReferenceWhileBuffersAreReused() {
        // 300 rows take two passes through the kept inference buffers; 3 rows reuse them; 1 row has its own path.
        Network net = Network.builder().input(40).dense(33, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(3).build();
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        SeededRandom rng = new SeededRandom(8);
        float[][] xs = new float[300][40];
        for (float[] x : xs) for (int k = 0; k < 40; k++) x[k] = (float) (2 * rng.nextDouble() - 1);
        float[][] first = net.predict(xs);
        float[][] few = net.predict(new float[][] {xs[299], xs[0], xs[150]});
        float[][] again = net.predict(xs);
        for (int i = 0; i < 300; i++) {
            double[] expected = ref.forward(widen(new float[][] {xs[i]})[0]).output();
            float[] one = net.predict(xs[i]);
            for (int j = 0; j < 10; j++) {
                assertEquals(expected[j], first[i][j], 1e-5, "batch row " + i + ", output " + j);
                assertEquals(expected[j], one[j], 1e-5, "single row " + i + ", output " + j);
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(first[i], again[i], "row " + i + " twice");
        }
        // A batch of 3 is computed as dot products, 300 as packed tiles: the sums run in another order, so the last
        // bit may differ (as in any BLAS); both are within float rounding of the reference.
        for (int j = 0; j < 10; j++) {
            assertEquals(first[299][j], few[0][j], 1e-6, "row 299 in a batch of 3");
            assertEquals(first[0][j], few[1][j], 1e-6, "row 0 in a batch of 3");
            assertEquals(first[150][j], few[2][j], 1e-6, "row 150 in a batch of 3");
        }
    }

    private static double maxAbs(double[][] m) {
        double max = 0;
        for (double[] row : m) {
            for (double v : row) max = Math.max(max, Math.abs(v));
        }
        return max;
    }

    static double[][] widen(float[][] m) {
        double[][] d = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            d[i] = new double[m[i].length];
            for (int j = 0; j < m[i].length; j++) d[i][j] = m[i][j];
        }
        return d;
    }
}
