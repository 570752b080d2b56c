package io.mlp4j.nn;

import io.mlp4j.random.SeededRandom;

/** How a dense layer's weights and biases start, before the first gradient step. */
public enum Initializer {
    /**
     * The seeds' plain random start: every weight and bias drawn from N(0, 1) (as in Nielsen's network.py,
     * which the essay cites). Fine for small sigmoid networks; saturates wide ones.
     */
    NORMAL {
        @Override double weight(SeededRandom rng, int fanIn, int fanOut) {
            return rng.nextGaussian();
        }
        @Override double bias(SeededRandom rng) {
            return rng.nextGaussian();
        }
    },
    /** Glorot/Xavier uniform: U(−√(6/(in+out)), +√(6/(in+out))), biases 0 (Glorot &amp; Bengio 2010). For sigmoid and tanh. */
    GLOROT {
        @Override double weight(SeededRandom rng, int fanIn, int fanOut) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            return (2 * rng.nextDouble() - 1) * limit;
        }
    },
    /** He normal: N(0, 2/in), biases 0 (He et al. 2015). For ReLU and its relatives. */
    HE {
        @Override double weight(SeededRandom rng, int fanIn, int fanOut) {
            return rng.nextGaussian() * Math.sqrt(2.0 / fanIn);
        }
    };

    abstract double weight(SeededRandom rng, int fanIn, int fanOut);

    double bias(SeededRandom rng) {
        return 0.0;
    }

    /** Fills W (out×in, row-major) and b of one layer. */
    public void fill(float[] weights, float[] bias, int fanIn, int fanOut, SeededRandom rng) {
        for (int i = 0; i < weights.length; i++) weights[i] = (float) weight(rng, fanIn, fanOut);
        for (int j = 0; j < bias.length; j++) bias[j] = (float) bias(rng);
    }

    /** The name users type: lower case. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@link #id()}; the error lists the valid names. Accepts "xavier" for Glorot. */
    public static Initializer fromId(String id) {
        if (id.equalsIgnoreCase("xavier")) return GLOROT;
        for (Initializer i : values()) {
            if (i.id().equalsIgnoreCase(id)) return i;
        }
        throw new IllegalArgumentException("unknown initializer '" + id + "' (expected one of "
                + java.util.Arrays.stream(values()).map(Initializer::id).toList() + ")");
    }

    /** The usual choice for an activation: He for the ReLU family, Glorot otherwise. */
    public static Initializer defaultFor(Activation hidden) {
        return hidden == Activation.RELU || hidden == Activation.LEAKY_RELU ? HE : GLOROT;
    }
}
