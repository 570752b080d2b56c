package io.mlp4j.train;

import java.util.Locale;

/** The learning rate η of each epoch (0-based), from the base rate η₀. */
@FunctionalInterface
public interface LearningRateSchedule {

    double rate(double base, int epoch, int totalEpochs);

    /** η₀ every epoch. */
    static LearningRateSchedule constant() {
        return (base, epoch, total) -> base;
    }

    /** η₀ · γ^⌊epoch / every⌋: multiply by γ every {@code every} epochs. */
    static LearningRateSchedule step(int every, double gamma) {
        if (every < 1) throw new IllegalArgumentException("step schedule: every must be at least 1 epoch, got " + every);
        return (base, epoch, total) -> base * Math.pow(gamma, epoch / every);
    }

    /** η₀ · γ^epoch. */
    static LearningRateSchedule exponential(double gamma) {
        return (base, epoch, total) -> base * Math.pow(gamma, epoch);
    }

    /** Cosine annealing from η₀ to 0 over the run: η₀ · ½(1 + cos(π·epoch/total)) (Loshchilov &amp; Hutter 2017, no restarts). */
    static LearningRateSchedule cosine() {
        return (base, epoch, total) -> base * 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, total)));
    }

    /**
     * Parses "constant", "step" (every 10 epochs × 0.5), "step:E:G", "exponential" (γ = 0.95), "exponential:G",
     * "cosine".
     */
    static LearningRateSchedule parse(String spec) {
        String[] p = spec.toLowerCase(Locale.ROOT).split(":");
        try {
            return switch (p[0]) {
                case "constant", "none" -> constant();
                case "step" -> p.length == 3 ? step(Integer.parseInt(p[1]), Double.parseDouble(p[2])) : step(10, 0.5);
                case "exponential", "exp" -> p.length == 2 ? exponential(Double.parseDouble(p[1])) : exponential(0.95);
                case "cosine" -> cosine();
                default -> throw new IllegalArgumentException("unknown schedule '" + spec
                        + "' (expected constant, step[:EPOCHS:GAMMA], exponential[:GAMMA] or cosine)");
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad schedule '" + spec + "': " + e.getMessage());
        }
    }
}
