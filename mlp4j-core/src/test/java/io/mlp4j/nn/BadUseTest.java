package io.mlp4j.nn;

import io.mlp4j.train.Trainer;
import org.junit.jupiter.api.Test;

import static io.mlp4j.nn.Activation.RELU;
import static io.mlp4j.nn.Activation.SIGMOID;
import static io.mlp4j.nn.Activation.SOFTMAX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad use fails fast, with a message that names the layer, the row or the sizes. */
class BadUseTest {

    private static String error(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    private static Network small() {
        return Network.builder().input(3).dense(4, RELU).dense(2, SIGMOID).loss(Loss.QUADRATIC).build();
    }

    @Test
    void badShapesAreRejectedAtBuildTime() {
        assertEquals("input size must be positive, got 0",
                error(() -> Network.builder().input(0).dense(2, SIGMOID).loss(Loss.QUADRATIC).build()));
        assertEquals("layer 2: units must be positive, got -3",
                error(() -> Network.builder().input(2).dense(2, SIGMOID).dense(-3, SIGMOID).loss(Loss.QUADRATIC).build()));
        assertEquals("no input size given: call input(n) first",
                error(() -> Network.builder().dense(2, SIGMOID).loss(Loss.QUADRATIC).build()));
        assertEquals("a network needs at least one dense layer after its input",
                error(() -> Network.builder().input(2).loss(Loss.QUADRATIC).build()));
        assertEquals("no loss given: choose one of quadratic, mse, cross-entropy, binary-cross-entropy",
                error(() -> Network.builder().input(2).dense(2, SIGMOID).build()));
    }

    @Test
    void softmaxAndCrossEntropyComeTogether() {
        assertEquals("a softmax output layer needs loss cross-entropy, got quadratic",
                error(() -> Network.builder().input(2).dense(3, SOFTMAX).loss(Loss.QUADRATIC).build()));
        assertEquals("loss cross-entropy needs a softmax output layer, got sigmoid",
                error(() -> Network.builder().input(2).dense(3, SIGMOID).loss(Loss.CROSS_ENTROPY).build()));
        assertEquals("layer 1: softmax is only supported on the output layer (with cross-entropy)",
                error(() -> Network.builder().input(2).dense(3, SOFTMAX).dense(2, SOFTMAX).loss(Loss.CROSS_ENTROPY).build()));
        assertEquals("loss binary-cross-entropy needs a sigmoid output layer, got relu",
                error(() -> Network.builder().input(2).dense(3, RELU).loss(Loss.BINARY_CROSS_ENTROPY).build()));
    }

    @Test
    void wrongWidthsAndNonFiniteValuesNameTheRow() {
        Network net = small();
        assertEquals("input has 2 values, expected 3", error(() -> net.predict(new float[] {1, 2})));
        assertEquals("input row 1 has 4 values, expected 3",
                error(() -> net.predict(new float[][] {{1, 2, 3}, {1, 2, 3, 4}})));
        assertEquals("input row 0, column 2 is NaN (values must be finite)",
                error(() -> Trainer.sgd(net, new float[][] {{1, 2, Float.NaN}}, new float[][] {{0, 1}}, 1, 1, 0.1)));
        assertEquals("target row 0, column 1 is Infinity (values must be finite)",
                error(() -> Trainer.sgd(net, new float[][] {{1, 2, 3}}, new float[][] {{0, Float.POSITIVE_INFINITY}}, 1, 1, 0.1)));
        float[][] rows = new float[7][];
        for (int r = 0; r < rows.length; r++) rows[r] = new float[] {r, -r, 3e38f}; // large but finite: fine
        net.predict(rows);
        rows[5] = new float[] {1, Float.NEGATIVE_INFINITY, 2};
        assertEquals("input row 5, column 1 is -Infinity (values must be finite)", error(() -> net.predict(rows)));
        rows[5] = new float[] {1, 2, 3, 4, Float.NaN};
        assertEquals("input row 5 has 5 values, expected 3", error(() -> net.predict(rows)));
        rows[5] = null;
        assertEquals("input row 5 is null", error(() -> net.predict(rows)));
        // Batch prediction checks values pass by pass (256 rows each), on its copy: a bad row in a later pass
        float[][] many = new float[600][];
        for (int r = 0; r < many.length; r++) many[r] = new float[] {r, 1, 2};
        many[517][2] = Float.NaN;
        assertEquals("input row 517, column 2 is NaN (values must be finite)", error(() -> net.predict(many)));
        many[517][2] = 2;
        many[599] = new float[] {1, 2};
        assertEquals("input row 599 has 2 values, expected 3", error(() -> net.predict(many)));
        assertEquals("2 input rows but 1 target rows",
                error(() -> Trainer.sgd(net, new float[][] {{1, 2, 3}, {1, 2, 3}}, new float[][] {{0, 1}}, 1, 1, 0.1)));
    }

    @Test
    void badTrainingSettingsAreRejected() {
        Network net = small();
        float[][] x = {{1, 2, 3}};
        float[][] y = {{0, 1}};
        assertEquals("batch size must be at least 1, got 0", error(() -> Trainer.sgd(net, x, y, 1, 0, 0.1)));
        assertEquals("learning rate must be a positive number, got -0.1", error(() -> Trainer.sgd(net, x, y, 1, 1, -0.1)));
        assertEquals("learning rate must be a positive number, got NaN", error(() -> Trainer.sgd(net, x, y, 1, 1, Double.NaN)));
        assertEquals("the training data is empty", error(() -> Trainer.sgd(net, new float[0][], new float[0][], 1, 1, 0.1)));
    }

    @Test
    void namesParseAndUnknownNamesListTheChoices() {
        assertEquals(Activation.LEAKY_RELU, Activation.fromId("leaky-relu"));
        assertEquals(Loss.CROSS_ENTROPY, Loss.fromId("cross-entropy"));
        assertEquals(Initializer.GLOROT, Initializer.fromId("xavier"));
        assertEquals("unknown activation 'gelu' (expected one of [sigmoid, relu, leaky-relu, tanh, identity, softmax])",
                error(() -> Activation.fromId("gelu")));
    }
}
