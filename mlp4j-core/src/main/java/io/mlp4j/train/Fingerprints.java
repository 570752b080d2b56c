package io.mlp4j.train;

import io.mlp4j.data.Dataset;
import io.mlp4j.nn.DenseLayer;
import io.mlp4j.nn.Network;

import java.util.Locale;

/**
 * Short hashes that tell data sets, weights and learning-rate sequences apart, so a checkpoint can record what a run
 * trained on and a resume can refuse other data. Not cryptographic: they catch another file, another column order,
 * a changed normalization or split, not an adversary.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    /**
     * The data set's size and a 64-bit hash of its features and targets in row order (the order matters: the shuffle
     * permutes row indices). One multiply per value: for MNIST-10k's 6.3 million pixels, 16 ms once compiled and
     * 60 ms on a cold first call (measured on the 2-core development machine), so only runs that checkpoint pay it.
     */
    public static String of(Dataset data) {
        long h = mix(0, data.size());
        for (float[] row : data.features()) h = hash(h, row);
        if (data.isClassification()) {
            for (int label : data.labels()) h = mix(h, label);
            for (String name : data.classNames()) h = mix(h, name.hashCode());
        } else {
            for (float[] row : data.targets()) h = hash(h, row);
        }
        return String.format(Locale.ROOT, "%d samples × %d features, hash %016x", data.size(), data.featureCount(), h);
    }

    /** A hash of a network's weights and biases (e.g. the model a fine-tuning run starts from). */
    public static String of(Network net) {
        long h = mix(0, net.layers().size());
        for (DenseLayer l : net.layers()) {
            h = hash(mix(h, l.units()), l.weights());
            h = hash(h, l.biases());
        }
        return String.format(Locale.ROOT, "%s weights, hash %016x", net.architecture().shape(), h);
    }

    /** A hash of the learning rate of every epoch: tells schedules apart even when they are lambdas. */
    static String ofRates(LearningRateSchedule schedule, double base, int epochs) {
        long h = 0;
        for (int e = 0; e < epochs; e++) {
            long bits = Double.doubleToLongBits(schedule.rate(base, e, epochs));
            h = mix(mix(h, (int) bits), (int) (bits >>> 32));
        }
        return String.format(Locale.ROOT, "hash %016x", h);
    }

    private static long hash(long h, float[] values) {
        for (float v : values) h = mix(h, Float.floatToIntBits(v));
        return h;
    }

    /** One step of a multiplicative hash (the golden-ratio constant of SplitMix64), folding the high bits back in. */
    private static long mix(long h, int value) {
        h = (h ^ (value & 0xFFFFFFFFL)) * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29);
    }
}
