package io.mlp4j.model;

import io.mlp4j.data.Normalizer;
import io.mlp4j.nn.Network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a model file holds and prediction needs: the network, the normalization fitted on its training data (or
 * none), the class names of a classifier (or none, for regression), what its input is (images of a size, or a
 * table with named columns; null when unknown, as in files written before mlp4j recorded it), and for regression the
 * scaling of the targets the network was trained on (or none), which {@link #predict} undoes.
 *
 * <pre>{@code
 * Model model = ModelFile.load(Path.of("model.safetensors"));
 * Model.Prediction p = model.classify(pixels);   // normalizes like training did, then runs the network
 * }</pre>
 */
public record Model(Network network, Normalizer normalizer, List<String> classNames, ModelInput input,
                    Normalizer targetScaling) {

    /** A model whose input is not described beyond its width. */
    public Model(Network network, Normalizer normalizer, List<String> classNames) {
        this(network, normalizer, classNames, null, null);
    }

    /** A model whose outputs are in the units the network was trained on (no target scaling). */
    public Model(Network network, Normalizer normalizer, List<String> classNames, ModelInput input) {
        this(network, normalizer, classNames, input, null);
    }

    public Model {
        if (input != null && input.size() != network.inputSize()) {
            throw new IllegalArgumentException("the input is described as " + input.describe() + " (" + input.size()
                    + (input.size() == 1 ? " value" : " values") + ") but the network expects " + network.inputSize() + " inputs");
        }
        if (normalizer != null && normalizer.featureCount() != network.inputSize()) {
            throw new IllegalArgumentException("the normalization has " + normalizer.featureCount()
                    + " features but the network expects " + network.inputSize() + " inputs");
        }
        if (targetScaling != null && (classNames != null || targetScaling.featureCount() != network.outputSize())) {
            throw new IllegalArgumentException(classNames != null ? "a classifier's outputs are not scaled targets"
                    : "the target scaling has " + targetScaling.featureCount() + " targets but the network has "
                    + network.outputSize() + " outputs");
        }
        if (classNames != null) {
            classNames = List.copyOf(classNames);
            if (classNames.size() != network.outputSize()) {
                throw new IllegalArgumentException(classNames.size() + " class names but the network has "
                        + network.outputSize() + " outputs");
            }
        }
    }

    public boolean isClassifier() {
        return classNames != null;
    }

    /**
     * The network's outputs for one raw (unnormalized) feature row, in the targets' own units when the network was
     * trained on scaled targets ({@link #targetScaling()} undone). Throws an {@link ArithmeticException} when they are
     * not finite numbers (float32 overflowed inside the network), rather than return NaN for a caller to print.
     */
    public float[] predict(float[] features) {
        float[] x = normalizer == null ? features : normalizer.apply(features);
        float[] outputs = network.predict(x);
        for (float v : outputs) {
            if (!Float.isFinite(v)) throw new ArithmeticException(overflow(largest(x)));
        }
        return targetScaling == null ? outputs : targetScaling.invert(outputs);
    }

    /**
     * The outputs for many raw rows, as {@link #predict(float[])} gives them row by row, but in batched passes through
     * the network (a row's result may then differ from the single-row call's in the last float bits: the products sum
     * in another order). Throws an {@link ArithmeticException} when any output is not a finite number.
     */
    public float[][] predict(float[][] rows) {
        float[][] x = normalizer == null ? rows : normalizer.apply(rows);
        float[][] outputs = network.predict(x);
        for (float[] row : outputs) {
            for (float v : row) {
                if (!Float.isFinite(v)) throw new ArithmeticException(overflow(largest(x)));
            }
        }
        if (targetScaling != null) for (int i = 0; i < outputs.length; i++) outputs[i] = targetScaling.invert(outputs[i]);
        return outputs;
    }

    /**
     * Why finite inputs up to |x| = {@code largestInput} gave outputs that are not finite numbers: for error messages.
     * With inputs of ordinary size (|x| ≤ 10⁶) the weights are to blame.
     */
    public String overflow(double largestInput) {
        float largestWeight = 0;
        for (var layer : network.layers()) {
            largestWeight = Math.max(largestWeight, largest(layer.weights()));
            largestWeight = Math.max(largestWeight, largest(layer.biases()));
        }
        return largestInput <= 1e6
                ? String.format(java.util.Locale.ROOT, "the network's outputs are not finite numbers: its weights overflow "
                        + "float32 (the largest is %.3g)", largestWeight)
                : String.format(java.util.Locale.ROOT, "the network's outputs are not finite numbers: float32 overflows with "
                        + "inputs up to %.3g (weights up to %.3g)", largestInput, largestWeight);
    }

    /** The largest |v|. */
    public static float largest(float[] values) {
        float m = 0;
        for (float v : values) m = Math.max(m, Math.abs(v));
        return m;
    }

    private static float largest(float[][] rows) {
        float m = 0;
        for (float[] row : rows) m = Math.max(m, largest(row));
        return m;
    }

    /**
     * The predicted class and every class's score. The scores are the output layer's activations: with a softmax
     * output (cross-entropy) they are probabilities that sum to 1; with sigmoid outputs (binary cross-entropy) each is
     * its own class's probability; with other outputs they are the raw activations, largest = most likely.
     *
     * @param classIndex the predicted class: the index of the largest score (the first, on ties)
     * @param className  its name
     * @param scores     one score per class, in class-index order
     */
    public record Prediction(int classIndex, String className, float[] scores) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Prediction p && p.classIndex == classIndex && p.className.equals(className)
                    && Arrays.equals(p.scores, scores);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * classIndex + className.hashCode()) + Arrays.hashCode(scores);
        }

        @Override
        public String toString() {
            return "Prediction(class " + classIndex + " '" + className + "', score " + scores[classIndex]
                    + ", scores " + Arrays.toString(scores) + ")";
        }
    }

    /** The most likely class for one raw feature row; an {@link ArithmeticException} when the outputs overflow. */
    public Prediction classify(float[] features) {
        if (!isClassifier()) throw new IllegalStateException("this model is a regression model: use predict");
        float[] scores = predict(features);
        int best = io.mlp4j.eval.Evaluation.argmax(scores, 0, scores.length);
        return new Prediction(best, classNames.get(best), scores);
    }

    /** Indices of the k highest scores, best first. */
    public static List<Integer> topK(float[] scores, int k) {
        List<Integer> idx = new ArrayList<>();
        for (int j = 0; j < scores.length; j++) idx.add(j);
        idx.sort((a, b) -> Float.compare(scores[b], scores[a]));
        return idx.subList(0, Math.min(k, idx.size()));
    }
}
