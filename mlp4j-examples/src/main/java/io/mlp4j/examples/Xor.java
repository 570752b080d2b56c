package io.mlp4j.examples;

import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.train.Trainer;

import java.util.Arrays;

import static io.mlp4j.nn.Activation.SIGMOID;

public class Xor {
    public static void main(String[] args) {
        Network net = Network.builder()
                .input(2).dense(3, SIGMOID).dense(1, SIGMOID)
                .loss(Loss.QUADRATIC).init(Initializer.NORMAL).seed(3)
                .build();

        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        float[][] y = {{0}, {1}, {1}, {0}};
        Trainer.sgd(net, x, y, 3000, 4, 2.0);  // epochs, mini-batch size, learning rate η

        for (float[] row : x) {
            float[] out = net.predict(row);   // [0, 1] → ≈ 1
            System.out.println(Arrays.toString(row) + " -> " + out[0]);
        }
    }
}
