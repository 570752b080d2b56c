package io.mlp4j.nn;

/**
 * A fully connected layer: {@code z = W·a_prev + b}, {@code a = σ(z)}, with W stored out×in in row-major order
 * (row j holds the weights into neuron j, the layout of PyTorch's nn.Linear and of the essay's W_{l,l−1}).
 */
public final class DenseLayer {
    private final int in;
    private final int out;
    private final Activation activation;
    final float[] weight;
    final float[] bias;

    DenseLayer(int in, int out, Activation activation) {
        this.in = in;
        this.out = out;
        this.activation = activation;
        this.weight = new float[out * in];
        this.bias = new float[out];
    }

    public int inputs() {
        return in;
    }

    public int units() {
        return out;
    }

    public Activation activation() {
        return activation;
    }

    /** w_jk: the weight from input k into neuron j. */
    public float weight(int j, int k) {
        return weight[index(j, k)];
    }

    public float bias(int j) {
        checkUnit(j);
        return bias[j];
    }

    /** A copy of W, out×in row-major. */
    public float[] weights() {
        return weight.clone();
    }

    /** A copy of b. */
    public float[] biases() {
        return bias.clone();
    }

    /** Replaces W (out×in row-major) and b; lengths are checked. */
    public void setParameters(float[] weights, float[] biases) {
        if (weights.length != weight.length) {
            throw new IllegalArgumentException("weights: expected " + out + "×" + in + " = " + weight.length
                    + " values, got " + weights.length);
        }
        if (biases.length != bias.length) {
            throw new IllegalArgumentException("biases: expected " + out + " values, got " + biases.length);
        }
        System.arraycopy(weights, 0, weight, 0, weight.length);
        System.arraycopy(biases, 0, bias, 0, bias.length);
    }

    private int index(int j, int k) {
        checkUnit(j);
        if (k < 0 || k >= in) throw new IndexOutOfBoundsException("input " + k + " of a layer with " + in + " inputs");
        return j * in + k;
    }

    private void checkUnit(int j) {
        if (j < 0 || j >= out) throw new IndexOutOfBoundsException("neuron " + j + " of a layer with " + out + " units");
    }

    @Override
    public String toString() {
        return "Dense(" + in + "→" + out + ", " + activation.id() + ")";
    }
}
