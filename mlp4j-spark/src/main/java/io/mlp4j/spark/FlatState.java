package io.mlp4j.spark;

import io.mlp4j.train.Optimizer;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An optimizer's state (core's {@link Optimizer.State}: buffers by name, e.g. Adam's "m.layers.0.weight", and a step
 * count) as one float array in name order, so it travels as one block of bytes and partitions' states add up entry
 * by entry. Empty (no names) before the optimizer's first step, and for plain SGD.
 */
final class FlatState implements Serializable {
    private static final long serialVersionUID = 1L;

    final String[] names;
    final int[] lengths;
    transient float[] values;
    final long stepCount;

    private FlatState(String[] names, int[] lengths, float[] values, long stepCount) {
        this.names = names;
        this.lengths = lengths;
        this.values = values;
        this.stepCount = stepCount;
    }

    static FlatState of(Optimizer.State state) {
        return weighted(state, 1f);
    }

    /** The state with every buffer entry multiplied by {@code share} (the step count as it is). */
    static FlatState weighted(Optimizer.State state, float share) {
        Map<String, float[]> sorted = new TreeMap<>(state.buffers());
        String[] names = sorted.keySet().toArray(new String[0]);
        int[] lengths = new int[names.length];
        int n = 0;
        for (int i = 0; i < names.length; i++) n += lengths[i] = sorted.get(names[i]).length;
        float[] values = new float[n];
        int at = 0;
        for (float[] b : sorted.values()) {
            if (share == 1f) {
                System.arraycopy(b, 0, values, at, b.length);
            } else {
                for (int i = 0; i < b.length; i++) values[at + i] = share * b[i];
            }
            at += b.length;
        }
        return new FlatState(names, lengths, values, state.stepCount());
    }

    /** This state plus {@code other} entry by entry (same optimizer, same network), the larger step count. */
    FlatState plus(FlatState other) {
        if (!java.util.Arrays.equals(names, other.names)) {
            throw new IllegalStateException("optimizer states with different buffers: " + String.join(",", names)
                    + " and " + String.join(",", other.names));
        }
        float[] sum = values.clone();
        for (int i = 0; i < sum.length; i++) sum[i] += other.values[i];
        return new FlatState(names, lengths, sum, Math.max(stepCount, other.stepCount));
    }

    /** As core's state, with {@code stepCount}. */
    Optimizer.State state(long stepCount) {
        Map<String, float[]> buffers = new LinkedHashMap<>();
        int at = 0;
        for (int i = 0; i < names.length; i++) {
            buffers.put(names[i], java.util.Arrays.copyOfRange(values, at, at + lengths[i]));
            at += lengths[i];
        }
        return new Optimizer.State(buffers, stepCount);
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        FloatArrays.write(out, values);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        values = FloatArrays.read(in);
    }
}
