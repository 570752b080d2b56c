package io.mlp4j.train;

import io.mlp4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Hinton's lecture 6e): divide each step by a running root-mean-square of recent gradients, as PyTorch's
 * RMSprop writes it.
 * <pre>
 *   g = ∂C/∂ω + λω                    (L2 weight decay, weights only)
 *   s = ρ·s + (1 − ρ)·g²              (s starts at 0)
 *   ω⁺ = ω − η·g / (√s + ε)
 * </pre>
 * with ρ = 0.9 and ε = 1e-8 unless given. Like the other optimizers it computes in float.
 */
public final class RmsProp implements Optimizer {
    private final double rho;
    private final double epsilon;
    private final double weightDecay;
    private final OptimizerState meanSquare = new OptimizerState("square");

    private RmsProp(double rho, double epsilon, double weightDecay) {
        if (!(rho > 0 && rho < 1)) throw new IllegalArgumentException("rho must be in (0, 1), got " + rho);
        if (!(epsilon > 0)) throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("weight decay must be 0 or more, got " + weightDecay);
        this.rho = rho;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
    }

    /** RMSProp with ρ = 0.9, ε = 1e-8 and L2 weight decay λ (0 for none). */
    public static RmsProp rmsprop(double weightDecay) {
        return new RmsProp(0.9, 1e-8, weightDecay);
    }

    /** RMSProp with its own decay rate ρ and ε. */
    public static RmsProp of(double rho, double epsilon, double weightDecay) {
        return new RmsProp(rho, epsilon, weightDecay);
    }

    @Override
    public String id() {
        return "rmsprop";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("optimizer", id(), "rho", Double.toString(rho), "epsilon", Double.toString(epsilon),
                "weight-decay", Double.toString(weightDecay));
    }

    @Override
    public void step(List<Parameter> parameters, double learningRate) {
        float eta = (float) learningRate, r = (float) rho, eps = (float) epsilon;
        for (int index = 0; index < parameters.size(); index++) { // indexed: no iterator per step
            Parameter p = parameters.get(index);
            float[] w = p.value(), s = meanSquare.of(p);
            for (int i = 0; i < w.length; i++) {
                float g = OptimizerState.gradient(p, i, weightDecay);
                s[i] = r * s[i] + (1 - r) * g * g;
                w[i] -= eta * g / ((float) Math.sqrt(s[i]) + eps);
            }
        }
    }

    @Override
    public State state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        meanSquare.exportTo(s);
        return new State(s, 0);
    }

    @Override
    public void restore(State state) {
        meanSquare.importFrom(state.buffers());
    }
}
