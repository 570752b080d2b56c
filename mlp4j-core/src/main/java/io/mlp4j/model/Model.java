package io.mlp4j.model;

import io.mlp4j.data.Normalizer;
import io.mlp4j.nn.Network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a model file holds and prediction needs: the network, the normalization fitted on its training data (or
 * none), and the class names of a classifier (or none, for regression).
 *
 * <pre>{@code
 * Model model = ModelFile.load(Path.of("model.safetensors"));
 * Model.Prediction p = model.classify(pixels);   // normalizes like training did, then runs the network
 * }</pre>
 */
public record Model(Network network, Normalizer normalizer, List<String> classNames) {

    public Model {
        if (normalizer != null && normalizer.featureCount() != network.inputSize()) {
            throw new IllegalArgumentException("the normalization has " + normalizer.featureCount()
                    + " features but the network expects " + network.inputSize() + " inputs");
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

    /** The network's outputs for one raw (unnormalized) feature row. */
    public float[] predict(float[] features) {
        return network.predict(normalizer == null ? features : normalizer.apply(features));
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

    /** The most likely class for one raw feature row. */
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
