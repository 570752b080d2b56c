package io.mlp4j.spark;

import io.mlp4j.model.Model;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.DenseLayer;
import io.mlp4j.nn.Network;
import org.apache.spark.ml.linalg.Vector;

import java.io.Serializable;
import java.util.List;

/**
 * A trained network in the form Spark ships to executors with a model's prediction closures: its spec and parameters
 * as arrays; each JVM rebuilds the {@link Network} once and predicts with it from many task threads (a network's
 * predictions are thread-safe).
 */
final class TrainedNetwork implements Serializable {
    private static final long serialVersionUID = 1L;

    final NetworkSpec spec;
    private final float[][] weights;
    private final float[][] biases;
    private transient volatile Network net;

    private TrainedNetwork(NetworkSpec spec, float[][] weights, float[][] biases) {
        this.spec = spec;
        this.weights = weights;
        this.biases = biases;
    }

    static TrainedNetwork of(Network net) {
        Architecture a = net.architecture();
        int[] layers = new int[a.depth() + 1];
        layers[0] = a.inputSize();
        for (int i = 0; i < a.depth(); i++) layers[i + 1] = a.layers().get(i).units();
        String hidden = a.layers().get(0).activation().id(); // one layer: the output's, unused
        String output = a.layers().get(a.depth() - 1).activation().id();
        List<DenseLayer> dense = net.layers();
        float[][] w = new float[dense.size()][], b = new float[dense.size()][];
        for (int i = 0; i < dense.size(); i++) {
            w[i] = dense.get(i).weights();
            b[i] = dense.get(i).biases();
        }
        return new TrainedNetwork(new NetworkSpec(layers, hidden, output, a.loss().id()), w, b);
    }

    Network network() {
        Network n = net;
        if (n == null) net = n = Network.withParameters(spec.architecture(), weights, biases);
        return n;
    }

    /** The output layer's activations for one feature vector (checked: size and finite values). */
    float[] predict(Vector features) {
        if (features.size() != spec.inputs()) {
            throw new IllegalArgumentException("a features vector of " + features.size() + " values, but the network has "
                    + spec.inputs() + " inputs");
        }
        double[] d = features.toArray();
        float[] x = new float[d.length];
        for (int i = 0; i < d.length; i++) x[i] = (float) d[i];
        return network().predict(x);
    }

    /** As an mlp4j model, what the model file holds ({@code classNames} null for a regressor). */
    Model model(List<String> classNames) {
        return new Model(network(), null, classNames);
    }
}
