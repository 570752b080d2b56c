package io.mlp4j.spark;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Loss;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A network's shape by name, small and serializable, so tasks can rebuild the {@link Architecture} (which is not
 * {@link Serializable}) on the executors: sizes from the input to the output layer, the hidden activation, the
 * output activation and the cost, as the CLI's {@code --layers/--activation/--output/--loss} name them.
 */
record NetworkSpec(int[] layers, String activation, String output, String loss) implements Serializable {

    NetworkSpec {
        layers = layers.clone();
        architecture(layers, activation, output, loss); // fail on the driver, with the cause, not in a task
    }

    Architecture architecture() {
        return architecture(layers, activation, output, loss);
    }

    private static Architecture architecture(int[] layers, String activation, String output, String loss) {
        if (layers.length < 2) {
            throw new IllegalArgumentException("layers needs an input size and at least one layer, e.g. [784, 128, 10], got "
                    + Arrays.toString(layers));
        }
        Activation hidden = Activation.fromId(activation);
        Activation out = Activation.fromId(output);
        List<Architecture.LayerSpec> specs = new ArrayList<>();
        for (int i = 1; i < layers.length; i++) specs.add(new Architecture.LayerSpec(layers[i], i == layers.length - 1 ? out : hidden));
        return new Architecture(layers[0], specs, Loss.fromId(loss));
    }

    int inputs() {
        return layers[0];
    }

    int outputs() {
        return layers[layers.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSpec s && Arrays.equals(layers, s.layers) && activation.equals(s.activation)
                && output.equals(s.output) && loss.equals(s.loss);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(layers) * 31 + activation.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.toString(layers) + " " + activation + "/" + output + ", " + loss;
    }
}
