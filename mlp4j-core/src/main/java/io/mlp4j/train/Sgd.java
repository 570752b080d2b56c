package io.mlp4j.train;

import io.mlp4j.nn.Parameter;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent, with optional momentum (Polyak) or Nesterov momentum, as PyTorch's SGD writes them:
 * <pre>
 *   g = ∂C/∂ω + λω                    (L2 weight decay, weights only)
 *   v = μ·v + g                       (momentum μ; v starts at 0)
 *   ω⁺ = ω − η·g                      (plain: the seeds' rule)
 *   ω⁺ = ω − η·v                      (momentum)
 *   ω⁺ = ω − η·(g + μ·v)              (Nesterov)
 * </pre>
 */
public final class Sgd implements Optimizer {
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final OptimizerState velocity = new OptimizerState("velocity");

    private Sgd(double momentum, boolean nesterov, double weightDecay) {
        if (momentum < 0 || momentum >= 1) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (weightDecay < 0) throw new IllegalArgumentException("weight decay must be 0 or more, got " + weightDecay);
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    /** The seeds' gradient descent, ω⁺ = ω − η ∂C/∂ω. */
    public static Sgd plain() {
        return new Sgd(0, false, 0);
    }

    public static Sgd momentum(double mu) {
        return new Sgd(mu, false, 0);
    }

    public static Sgd nesterov(double mu) {
        return new Sgd(mu, true, 0);
    }

    public Sgd withWeightDecay(double lambda) {
        return new Sgd(momentum, nesterov, lambda);
    }

    @Override
    public String id() {
        return momentum == 0 ? "sgd" : nesterov ? "nesterov" : "momentum";
    }

    @Override
    public java.util.Map<String, String> settings() {
        return java.util.Map.of("optimizer", id(), "momentum", Double.toString(momentum),
                "weight-decay", Double.toString(weightDecay));
    }

    @Override
    public void step(List<Parameter> parameters, double learningRate) {
        float eta = (float) learningRate, mu = (float) momentum;
        for (int index = 0; index < parameters.size(); index++) { // indexed: no iterator per step
            Parameter p = parameters.get(index);
            float[] w = p.value();
            if (momentum == 0) {
                for (int i = 0; i < w.length; i++) w[i] -= eta * OptimizerState.gradient(p, i, weightDecay);
                continue;
            }
            float[] v = velocity.of(p);
            for (int i = 0; i < w.length; i++) {
                float g = OptimizerState.gradient(p, i, weightDecay);
                v[i] = mu * v[i] + g;
                w[i] -= eta * (nesterov ? g + mu * v[i] : v[i]);
            }
        }
    }

    @Override
    public State state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        velocity.exportTo(s);
        return new State(s, 0);
    }

    @Override
    public void restore(State state) {
        velocity.importFrom(state.buffers());
    }
}
