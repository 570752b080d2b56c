package io.mlp4j.train;

import io.mlp4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RMSProp (Hinton's lecture 6e): divide each step by a running root-mean-square of recent gradients.
 * <pre>
 *   g = ∂C/∂ω + λω
 *   s = ρ·s + (1 − ρ)·g²              (s starts at 0; ρ = 0.9)
 *   ω⁺ = ω − η·g / (√s + ε)
 * </pre>
 */
public final class RmsProp implements Optimizer {
    private final double rho;
    private final double epsilon;
    private final double weightDecay;
    private final OptimizerState meanSquare = new OptimizerState("square");

    public RmsProp(double rho, double epsilon, double weightDecay) {
        if (rho <= 0 || rho >= 1) throw new IllegalArgumentException("rho must be in (0, 1), got " + rho);
        this.rho = rho;
        this.epsilon = epsilon;
        this.weightDecay = weightDecay;
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
        for (int index = 0; index < parameters.size(); index++) { // indexed: no iterator per step
            Parameter p = parameters.get(index);
            float[] w = p.value(), s = meanSquare.of(p);
            for (int i = 0; i < w.length; i++) {
                float g = OptimizerState.gradient(p, i, weightDecay);
                s[i] = (float) (rho * s[i] + (1 - rho) * g * g);
                w[i] -= (float) (learningRate * g / (Math.sqrt(s[i]) + epsilon));
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
