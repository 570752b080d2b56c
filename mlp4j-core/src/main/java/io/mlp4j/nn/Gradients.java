package io.mlp4j.nn;

/**
 * What backpropagation over one mini-batch yields: ∂C/∂W and ∂C/∂b for every layer, averaged over the batch (the
 * gradient ∇C of the blog's Eq 12, laid out like the parameters: dW[i] is out×in row-major), and the batch's mean
 * cost C with how many of its samples the network classified correctly.
 *
 * <p>It is the hand-over between the two halves of a training step: whatever computed it (backpropagation here, or
 * a sum of partial gradients from several machines), an optimizer turns it into ω⁺.
 */
public final class Gradients {
    final float[][] dW;
    final float[][] db;
    private double cost;
    private long correct;

    public Gradients(Architecture arch) {
        dW = new float[arch.depth()][];
        db = new float[arch.depth()][];
        for (int i = 0; i < arch.depth(); i++) {
            dW[i] = new float[arch.layers().get(i).units() * arch.fanIn(i)];
            db[i] = new float[arch.layers().get(i).units()];
        }
    }

    /** ∂C/∂w_jk of layer {@code layer} (0-based). */
    public float weight(int layer, int j, int k) {
        int in = dW[layer].length / db[layer].length;
        return dW[layer][j * in + k];
    }

    /** ∂C/∂b_j of layer {@code layer} (0-based). */
    public float bias(int layer, int j) {
        return db[layer][j];
    }

    /** A copy of ∂C/∂W of one layer, out×in row-major. */
    public float[] weights(int layer) {
        return dW[layer].clone();
    }

    /** A copy of ∂C/∂b of one layer. */
    public float[] biases(int layer) {
        return db[layer].clone();
    }

    /** Overwrites every gradient, the cost and the correct count with {@code other}'s (same architecture). */
    public void copyFrom(Gradients other) {
        if (other.dW.length != dW.length) {
            throw new IllegalArgumentException("gradients of " + other.dW.length + " layers, expected " + dW.length);
        }
        for (int i = 0; i < dW.length; i++) {
            if (other.dW[i].length != dW[i].length || other.db[i].length != db[i].length) {
                throw new IllegalArgumentException("layer " + i + ": gradients of another shape");
            }
            System.arraycopy(other.dW[i], 0, dW[i], 0, dW[i].length);
            System.arraycopy(other.db[i], 0, db[i], 0, db[i].length);
        }
        cost = other.cost;
        correct = other.correct;
    }

    /** The batch's mean cost C at the parameters the gradient was taken at (NaN or ∞ when training diverged). */
    public double cost() {
        return cost;
    }

    /** How many of the batch's samples the network classified correctly (0 for regression). */
    public long correct() {
        return correct;
    }

    /** Records the batch's mean cost and correct count beside its gradient. */
    public void setBatchResult(double cost, long correct) {
        this.cost = cost;
        this.correct = correct;
    }
}
