package io.mlp4j.data;

import io.mlp4j.random.SeededRandom;

import java.util.ArrayList;
import java.util.List;

/** Seeded shuffles and train/validation splits, stratified by class for classification. */
public final class Splits {
    private Splits() {
    }

    /** A training part and a held-out part. */
    public record Split(Dataset train, Dataset holdout) {
    }

    /**
     * Holds out {@code fraction} of the samples. For classification each class contributes its share
     * (rounded), so the class balance of both parts matches the whole; the order within each part is shuffled.
     */
    public static Split holdout(Dataset data, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the held-out fraction must be between 0 and 1, got " + fraction);
        }
        SeededRandom rng = new SeededRandom(seed);
        List<Integer> train = new ArrayList<>(), held = new ArrayList<>();
        if (data.isClassification()) {
            for (int c = 0; c < data.classNames().size(); c++) {
                int[] members = membersOf(data.labels(), c);
                rng.shuffle(members);
                int n = (int) Math.round(members.length * fraction);
                for (int i = 0; i < members.length; i++) (i < n ? held : train).add(members[i]);
            }
        } else {
            int[] all = identity(data.size());
            rng.shuffle(all);
            int n = (int) Math.round(all.length * fraction);
            for (int i = 0; i < all.length; i++) (i < n ? held : train).add(all[i]);
        }
        if (train.isEmpty() || held.isEmpty()) {
            throw new IllegalArgumentException("a " + fraction + " split of " + data.size() + " samples leaves one part empty");
        }
        int[] t = shuffled(train, rng), h = shuffled(held, rng);
        return new Split(data.subset(t), data.subset(h));
    }

    /** All samples in a seeded random order. */
    public static Dataset shuffle(Dataset data, long seed) {
        int[] order = identity(data.size());
        new SeededRandom(seed).shuffle(order);
        return data.subset(order);
    }

    private static int[] membersOf(int[] labels, int c) {
        int count = 0;
        for (int l : labels) if (l == c) count++;
        int[] m = new int[count];
        int k = 0;
        for (int i = 0; i < labels.length; i++) if (labels[i] == c) m[k++] = i;
        return m;
    }

    private static int[] shuffled(List<Integer> rows, SeededRandom rng) {
        int[] a = rows.stream().mapToInt(Integer::intValue).toArray();
        rng.shuffle(a);
        return a;
    }

    static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
