package io.mlp4j.train;

import io.mlp4j.data.Dataset;
import io.mlp4j.random.SeededRandom;


/** Small synthetic data sets for training tests. */
final class Synthetic {
    private Synthetic() {
    }

    /** {@code classes} Gaussian blobs in {@code dims} dimensions, centres 3 apart on the axes, unit spread. */
    static Dataset blobs(int n, int dims, int classes, long seed) {
        SeededRandom rng = new SeededRandom(seed);
        float[][] x = new float[n][dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            for (int d = 0; d < dims; d++) {
                x[i][d] = (float) (rng.nextGaussian() * 0.8 + (d == y[i] % dims ? 3 : 0));
            }
        }
        return Dataset.classification(x, y, Dataset.numberedClasses(classes), null);
    }

    /** Random features with random labels: nothing to learn, so a big network only memorizes (overfits). */
    static Dataset noise(int n, int dims, int classes, long seed) {
        SeededRandom rng = new SeededRandom(seed);
        float[][] x = new float[n][dims];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(classes);
            for (int d = 0; d < dims; d++) x[i][d] = (float) rng.nextGaussian();
        }
        return Dataset.classification(x, y, Dataset.numberedClasses(classes), null);
    }
}
