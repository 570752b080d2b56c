package io.mlp4j.nn;

/**
 * ∂C/∂W and ∂C/∂b for every layer, averaged over a mini-batch: the gradient ∇C of the blog's Eq 12, laid out
 * like the parameters (dW[i] is out×in row-major).
 */
public final class Gradients {
    final float[][] dW;
    final float[][] db;

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
}
