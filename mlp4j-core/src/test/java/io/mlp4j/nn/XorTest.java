package io.mlp4j.nn;

import io.mlp4j.train.Trainer;
import org.junit.jupiter.api.Test;

import static io.mlp4j.nn.Activation.SIGMOID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Learning happens: XOR with the seeds' recipe (sigmoid, quadratic cost, plain gradient descent, N(0,1) start). */
class XorTest {
    static final float[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final float[][] Y = {{0}, {1}, {1}, {0}};

    @Test
    void aSmallSigmoidNetworkLearnsXorWithPlainGradientDescent() {
        Network net = Network.builder().input(2).dense(3, SIGMOID).dense(1, SIGMOID)
                .loss(Loss.QUADRATIC).init(Initializer.NORMAL).seed(3).build();
        double before = net.cost(X, Y);
        double[] history = Trainer.sgd(net, X, Y, 3000, 4, 2.0); // batch 4 = the whole set: batch gradient descent
        double after = net.cost(X, Y);
        assertTrue(after < before / 10, "cost fell from " + before + " to " + after);
        assertTrue(history[history.length - 1] < history[0]);
        for (int i = 0; i < X.length; i++) {
            float out = net.predict(X[i])[0];
            assertEquals(Y[i][0], out > 0.5f ? 1f : 0f, "XOR" + java.util.Arrays.toString(X[i]) + " gave " + out);
        }
    }

    @Test
    void perSampleStochasticGradientDescentLearnsXorToo() {
        Network net = Network.builder().input(2).dense(4, SIGMOID).dense(1, SIGMOID)
                .loss(Loss.QUADRATIC).init(Initializer.NORMAL).seed(5).build();
        Trainer.sgd(net, X, Y, 2000, 1, 1.0); // batch 1: one step per sample, shuffled each epoch
        for (int i = 0; i < X.length; i++) {
            assertEquals(Y[i][0], net.predict(X[i])[0] > 0.5f ? 1f : 0f);
        }
    }
}
