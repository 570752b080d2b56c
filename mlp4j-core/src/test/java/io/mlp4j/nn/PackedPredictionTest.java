package io.mlp4j.nn;

import io.mlp4j.random.SeededRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batch prediction keeps each layer's weights packed between calls ({@link Backpropagation#predict}). The packed
 * product must give the bits of the ordinary forward pass, and a change to the weights by any route (the optimizer's
 * in-place update through {@link Network#parameters}, {@link DenseLayer#setParameters}) must reach the next
 * prediction: a stale packing would be a silent wrong answer.
 */
class PackedPredictionTest {
    private static final int ROWS = 37; // above the vector kernel's dot-product rows, with a partial register tile

    private final Network net = Network.builder().input(50).dense(33, Activation.RELU).dense(20, Activation.TANH)
            .dense(3, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(4).build();
    private final float[][] xs = rows(ROWS, 50, 1), ys = rows(ROWS, 3, 2);

    @Test
    void predictingWithPackedWeightsGivesTheForwardPassBits() {
        Backpropagation bp = new Backpropagation(net, ROWS);
        for (int call = 0; call < 3; call++) { // the first call packs, the later ones reuse the packing
            assertArrayEquals(forward(bp), predict(bp), "call " + call);
        }
    }

    @Test
    void weightsChangedInPlaceAreSeenByTheNextPrediction() {
        Backpropagation bp = new Backpropagation(net, ROWS);
        float[] before = predict(bp);
        for (Parameter p : net.parameters(new Gradients(net.architecture()))) {
            if (p.isWeight()) p.value()[p.value().length - 1] += 0.5f; // as an optimizer step writes them
        }
        float[] after = predict(bp);
        assertFalse(java.util.Arrays.equals(before, after), "the change reaches the outputs");
        assertArrayEquals(forward(bp), after);
    }

    @Test
    void weightsReplacedThroughTheLayerAreSeenByTheNextPrediction() {
        Backpropagation bp = new Backpropagation(net, ROWS);
        predict(bp);
        DenseLayer first = net.layers().get(0);
        float[] w = first.weights();
        w[0] = -w[0] + 1f;
        first.setParameters(w, first.biases());
        assertArrayEquals(forward(bp), predict(bp));
    }

    @Test
    void networkBatchPredictionMatchesRowByRowShapes() {
        float[][] batch = net.predict(xs);
        Backpropagation bp = new Backpropagation(net, ROWS);
        float[] expected = forward(bp);
        for (int r = 0; r < ROWS; r++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, r * 3, r * 3 + 3), batch[r], "row " + r);
        }
        assertTrue(io.mlp4j.kernel.Kernels.best().packsWeights(ROWS)
                || io.mlp4j.kernel.Kernels.describe(io.mlp4j.kernel.Kernels.best()).equals("scalar"));
    }

    private float[] forward(Backpropagation bp) {
        bp.load(xs, ys, null, 0, ROWS);
        bp.forward(0f, null);
        return java.util.Arrays.copyOf(bp.outputs(), ROWS * 3);
    }

    private float[] predict(Backpropagation bp) {
        bp.load(xs, null, null, 0, ROWS);
        bp.predict();
        return java.util.Arrays.copyOf(bp.outputs(), ROWS * 3);
    }

    private static float[][] rows(int n, int width, long seed) {
        SeededRandom rng = new SeededRandom(seed);
        float[][] r = new float[n][width];
        for (float[] row : r) for (int j = 0; j < width; j++) row[j] = (float) rng.nextDouble();
        return r;
    }
}
