package io.mlp4j.train;

import io.mlp4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.Map;

/** Per-parameter buffers of one kind (a velocity, a moment), created on first use with the parameter's length. */
final class OptimizerState {
    private final String kind;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();

    OptimizerState(String kind) {
        this.kind = kind;
    }

    float[] of(Parameter p) {
        float[] b = buffers.get(p.name()); // get-then-put: a capturing lambda would allocate on every step
        if (b == null) {
            b = new float[p.value().length];
            buffers.put(p.name(), b);
        }
        return b;
    }

    void exportTo(Map<String, float[]> out) {
        buffers.forEach((name, b) -> out.put(kind + "." + name, b.clone()));
    }

    void importFrom(Map<String, float[]> in) {
        buffers.clear();
        in.forEach((key, b) -> {
            if (key.startsWith(kind + ".")) buffers.put(key.substring(kind.length() + 1), b.clone());
        });
    }

    /** L2 weight decay as part of the gradient: g + λω for weights (biases are not decayed). */
    static float gradient(Parameter p, int i, double weightDecay) {
        float g = p.gradient()[i];
        return p.isWeight() && weightDecay != 0 ? g + (float) weightDecay * p.value()[i] : g;
    }
}
