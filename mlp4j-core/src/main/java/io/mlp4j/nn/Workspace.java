package io.mlp4j.nn;

/**
 * Buffers for one mini-batch of up to {@code capacity} samples, allocated once and reused for every batch.
 * Index i is layer i (0-based); {@code a[0]} is the input batch and {@code a[i + 1]} the output of layer i.
 */
final class Workspace {
    final int capacity;
    final float[][] z;
    final float[][] a;
    final float[][] delta;
    /** ∂C/∂a of one layer, before the activation's derivative turns it into δ; sized for the widest layer. */
    final float[] dCda;
    final float[] target;

    Workspace(Architecture arch, int capacity) {
        this.capacity = capacity;
        int depth = arch.depth();
        z = new float[depth][];
        delta = new float[depth][];
        a = new float[depth + 1][];
        a[0] = new float[capacity * arch.inputSize()];
        int widest = 0;
        for (int i = 0; i < depth; i++) {
            int units = arch.layers().get(i).units();
            z[i] = new float[capacity * units];
            a[i + 1] = new float[capacity * units];
            delta[i] = new float[capacity * units];
            widest = Math.max(widest, units);
        }
        dCda = new float[capacity * widest];
        target = new float[capacity * arch.outputSize()];
    }
}
