package io.mlp4j.nn;

import java.util.List;

/**
 * The shape of a network, without its numbers: the input width, each dense layer's size and activation, and the
 * cost. Checked once when built, so a bad network fails here with the layer and sizes named, never deep inside
 * backpropagation.
 */
public record Architecture(int inputSize, List<LayerSpec> layers, Loss loss) {

    /** One dense layer: {@code units} neurons, each {@code a = activation(w·a_prev + b)}. */
    public record LayerSpec(int units, Activation activation) {
    }

    public Architecture {
        layers = List.copyOf(layers);
        if (inputSize <= 0) throw new IllegalArgumentException("input size must be positive, got " + inputSize);
        if (layers.isEmpty()) throw new IllegalArgumentException("a network needs at least one dense layer after its input");
        if (loss == null) {
            throw new IllegalArgumentException("no loss given: choose one of quadratic, mse, cross-entropy, binary-cross-entropy");
        }
        long parameters = 0;
        int fanIn = inputSize;
        for (int i = 0; i < layers.size(); i++) {
            LayerSpec spec = layers.get(i);
            String where = "layer " + (i + 1);
            if (spec.activation() == null) throw new IllegalArgumentException(where + ": no activation given");
            if (spec.units() <= 0) throw new IllegalArgumentException(where + ": units must be positive, got " + spec.units());
            boolean last = i == layers.size() - 1;
            if (spec.activation() == Activation.SOFTMAX && !last) {
                throw new IllegalArgumentException(where + ": softmax is only supported on the output layer (with cross-entropy)");
            }
            parameters += (long) spec.units() * fanIn + spec.units();
            if ((long) spec.units() * fanIn > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(where + ": " + fanIn + "×" + spec.units() + " weights do not fit one Java array");
            }
            fanIn = spec.units();
        }
        checkOutputMatchesLoss(layers.get(layers.size() - 1), loss);
        if (parameters > Integer.MAX_VALUE) throw new IllegalArgumentException("too many parameters: " + parameters);
    }

    private static void checkOutputMatchesLoss(LayerSpec output, Loss loss) {
        Activation out = output.activation();
        Activation required = loss.requiredOutput();
        if (required != null && out != required) {
            throw new IllegalArgumentException("loss " + loss.id() + " needs a " + required.id()
                    + " output layer, got " + out.id());
        }
        if (out == Activation.SOFTMAX && loss != Loss.CROSS_ENTROPY) {
            throw new IllegalArgumentException("a softmax output layer needs loss cross-entropy, got " + loss.id());
        }
        if (out == Activation.SOFTMAX && output.units() < 2) {
            throw new IllegalArgumentException("softmax over " + output.units()
                    + " output is always 1: use 2 or more outputs, or sigmoid with binary-cross-entropy");
        }
    }

    /** Number of dense layers (the input is not a layer). */
    public int depth() {
        return layers.size();
    }

    /** Width of the output layer. */
    public int outputSize() {
        return layers.get(layers.size() - 1).units();
    }

    /** Inputs into layer {@code i} (0-based): the input size or the previous layer's units. */
    public int fanIn(int i) {
        return i == 0 ? inputSize : layers.get(i - 1).units();
    }

    /** Weights and biases of layer {@code i}: out×in + out. */
    public int parameterCount(int i) {
        return layers.get(i).units() * fanIn(i) + layers.get(i).units();
    }

    /** All weights and biases: 13,002 for the essay's 784-16-16-10. */
    public int parameterCount() {
        int total = 0;
        for (int i = 0; i < layers.size(); i++) total += parameterCount(i);
        return total;
    }

    /** The sizes as a dash-separated string, e.g. "784-16-16-10". */
    public String shape() {
        StringBuilder s = new StringBuilder().append(inputSize);
        for (LayerSpec l : layers) s.append('-').append(l.units());
        return s.toString();
    }
}
