package io.mlp4j.spark;

import io.mlp4j.nn.Parameter;
import io.mlp4j.train.Optimizer;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.List;

/**
 * Partitions' results of one round of local steps, summed by {@code treeAggregate}: ∑ (m_p/M)·ω_p and
 * ∑ (m_p/M)·state_p over the partitions so far (m_p of the round's M rows were partition p's), and per batch of the
 * round ∑ m_pb·C_pb, the correctly classified rows and the rows counted. No arrays until a partition with rows of
 * the round adds to it, so the zero value each task is sent is a few bytes.
 */
final class LocalRound implements Serializable {
    private static final long serialVersionUID = 1L;

    transient float[] parameters; // written by writeObject as bytes
    FlatState state;
    final double[] costSums;
    final long[] correct;
    final int[] rows;

    LocalRound(int batches) {
        costSums = new double[batches];
        correct = new long[batches];
        rows = new int[batches];
    }

    /** Sets this partition's parameters and optimizer state, each entry times its share of the round's rows. */
    void addWeighted(List<Parameter> reached, Optimizer.State optimizer, float share) {
        int n = 0;
        for (Parameter p : reached) n += p.value().length;
        parameters = new float[n];
        int at = 0;
        for (Parameter p : reached) {
            float[] w = p.value();
            for (int i = 0; i < w.length; i++) parameters[at + i] = share * w[i];
            at += w.length;
        }
        state = FlatState.weighted(optimizer, share);
    }

    /** Adds another partial sum (treeAggregate's combOp); returns this. */
    LocalRound merge(LocalRound other) {
        if (other.parameters != null) {
            if (parameters == null) {
                parameters = other.parameters;
                state = other.state;
            } else {
                for (int i = 0; i < parameters.length; i++) parameters[i] += other.parameters[i];
                state = state.plus(other.state);
            }
        }
        for (int b = 0; b < rows.length; b++) {
            costSums[b] += other.costSums[b];
            correct[b] += other.correct[b];
            rows[b] += other.rows[b];
        }
        return this;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        out.defaultWriteObject();
        FloatArrays.write(out, parameters);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        parameters = FloatArrays.read(in);
    }
}
