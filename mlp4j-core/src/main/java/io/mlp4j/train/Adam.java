package io.mlp4j.train;

import io.mlp4j.kernel.Kernel;
import io.mlp4j.kernel.Kernels;
import io.mlp4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1) and AdamW (Loshchilov &amp; Hutter 2019): one class, two presets.
 * <pre>
 *   t = t + 1
 *   g = ∂C/∂ω + λω                    (Adam: L2 weight decay in the gradient, weights only)
 *   ω = ω − η·λ·ω                     (AdamW instead: decoupled decay, weights only)
 *   m = β₁·m + (1 − β₁)·g
 *   v = β₂·v + (1 − β₂)·g²
 *   ω⁺ = ω − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 * with β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */
public final class Adam implements Optimizer {
    private final double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
    private final double weightDecay;
    private final boolean decoupled;
    private final OptimizerState m = new OptimizerState("m"), v = new OptimizerState("v");
    /** Not part of the state: holds g + λω for L2 decay. */
    private final OptimizerState scratch = new OptimizerState("l2");
    private final Kernel kernel = Kernels.best();
    private long t;

    private Adam(double weightDecay, boolean decoupled) {
        if (weightDecay < 0) throw new IllegalArgumentException("weight decay must be 0 or more, got " + weightDecay);
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
    }

    /** Adam; λ &gt; 0 adds L2 weight decay to the gradient. */
    public static Adam adam(double weightDecay) {
        return new Adam(weightDecay, false);
    }

    /** AdamW: weight decay λ applied to the weights directly, not through the moments. */
    public static Adam adamW(double weightDecay) {
        return new Adam(weightDecay, true);
    }

    @Override
    public String id() {
        return decoupled ? "adamw" : "adam";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("optimizer", id(), "weight-decay", Double.toString(weightDecay));
    }

    @Override
    public void step(List<Parameter> parameters, double learningRate) {
        t++;
        float b1 = (float) beta1, b2 = (float) beta2;
        // The moments decay by the float β's, so the bias corrections use the same β's (0.999f is not 0.999).
        double correction1 = 1 - Math.pow(b1, t), correction2 = 1 - Math.pow(b2, t);
        float stepSize = (float) (learningRate / correction1);
        float sqrtCorrection2 = (float) Math.sqrt(correction2);
        float decay = (float) (learningRate * weightDecay);
        for (int index = 0; index < parameters.size(); index++) { // indexed: no iterator per step
            Parameter p = parameters.get(index);
            float[] w = p.value(), g = p.gradient();
            boolean decayHere = p.isWeight() && weightDecay != 0;
            if (decayHere && decoupled) {
                for (int i = 0; i < w.length; i++) w[i] -= decay * w[i];
            } else if (decayHere) {
                g = l2Gradient(p);
            }
            // m̂/(√v̂ + ε) = (m/c₁) / (√v/√c₂ + ε): the update itself is a kernel loop (vectorized when available).
            kernel.adam(w, g, m.of(p), v.of(p), w.length, b1, b2, stepSize, sqrtCorrection2, (float) epsilon);
        }
    }

    /** g + λω in a scratch buffer: the gradient of C + (λ/2)·Σω², without touching the stored gradient. */
    private float[] l2Gradient(Parameter p) {
        float[] g = scratch.of(p);
        for (int i = 0; i < g.length; i++) g[i] = OptimizerState.gradient(p, i, weightDecay);
        return g;
    }

    @Override
    public State state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        m.exportTo(s);
        v.exportTo(s);
        return new State(s, t);
    }

    @Override
    public void restore(State state) {
        m.importFrom(state.buffers());
        v.importFrom(state.buffers());
        t = state.stepCount();
    }
}
