package io.mlp4j.train;

import io.mlp4j.nn.Parameter;

import java.util.List;
import java.util.Map;

/**
 * Turns gradients into parameter updates. The seeds' rule is {@link Sgd#plain()}: ω⁺ = ω − η ∂C/∂ω; the others
 * keep per-parameter state (velocities, moment estimates) that checkpoints save and restore.
 */
public interface Optimizer {

    /** Updates every parameter from its gradient with learning rate η. */
    void step(List<Parameter> parameters, double learningRate);

    /** The name users type: sgd, momentum, nesterov, rmsprop, adam, adamw. */
    String id();

    /**
     * What the updates depend on, by name: {@code optimizer} (the id) and the hyper-parameters, e.g. {@code
     * weight-decay}. Checkpoints record them, and a resumed run must have the same.
     */
    default Map<String, String> settings() {
        return Map.of("optimizer", id());
    }

    /**
     * What a checkpoint saves: per-parameter buffers by name (e.g. "m.layers.0.weight") and how many updates were
     * taken (Adam's t; 0 for optimizers that do not count).
     */
    record State(Map<String, float[]> buffers, long stepCount) {
    }

    /** A copy of the optimizer's state. */
    State state();

    /** Restores what {@link #state()} returned. */
    void restore(State state);

    /** Creates an optimizer by name with its usual defaults and the given L2 weight decay λ. */
    static Optimizer byName(String id, double weightDecay) {
        return switch (id.toLowerCase(java.util.Locale.ROOT)) {
            case "sgd" -> Sgd.plain().withWeightDecay(weightDecay);
            case "momentum" -> Sgd.momentum(0.9).withWeightDecay(weightDecay);
            case "nesterov" -> Sgd.nesterov(0.9).withWeightDecay(weightDecay);
            case "rmsprop" -> RmsProp.rmsprop(weightDecay);
            case "adam" -> Adam.adam(weightDecay);
            case "adamw" -> Adam.adamW(weightDecay);
            default -> throw new IllegalArgumentException("unknown optimizer '" + id
                    + "' (expected one of sgd, momentum, nesterov, rmsprop, adam, adamw)");
        };
    }
}
