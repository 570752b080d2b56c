package io.mlp4j.spark;

import java.io.Serializable;

/**
 * Partitions' share of one mini-batch's gradient, summed by {@code treeAggregate}: ∑ (m_p/m)·∇C_p over the partitions
 * so far (every parameter in one flat array, layer by layer, weight then bias), ∑ m_p·C_p, the correctly classified
 * rows and the rows counted. Empty (no array) until a partition with rows of the batch adds to it, so the zero value
 * each task is sent is a few bytes.
 */
final class PartialGradient implements Serializable {
    private static final long serialVersionUID = 1L;

    transient float[] gradient; // written by writeObject as bytes
    double costSum;
    long correct;
    int rows;

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
        out.defaultWriteObject();
        FloatArrays.write(out, gradient);
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
        in.defaultReadObject();
        gradient = FloatArrays.read(in);
    }

    /** Adds another partial sum (treeAggregate's combOp); returns this. */
    PartialGradient merge(PartialGradient other) {
        if (other.gradient != null) {
            if (gradient == null) {
                gradient = other.gradient;
            } else {
                for (int i = 0; i < gradient.length; i++) gradient[i] += other.gradient[i];
            }
        }
        costSum += other.costSum;
        correct += other.correct;
        rows += other.rows;
        return this;
    }
}
