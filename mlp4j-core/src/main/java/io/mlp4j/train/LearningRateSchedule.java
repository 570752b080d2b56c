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

    /** η₀ · γ^⌊epoch / every⌋: multiply by γ every {@code every} epochs; every ≥ 1, 0 &lt; γ ≤ 1. */
    static LearningRateSchedule step(int every, double gamma) {
        if (every < 1) throw new IllegalArgumentException("step schedule: EPOCHS must be at least 1, got " + every);
        checkGamma("step", Double.toString(gamma), gamma);
        return (base, epoch, total) -> base * Math.pow(gamma, epoch / every);
    }

    /** η₀ · γ^epoch; 0 &lt; γ ≤ 1. */
    static LearningRateSchedule exponential(double gamma) {
        checkGamma("exponential", Double.toString(gamma), gamma);
        return (base, epoch, total) -> base * Math.pow(gamma, epoch);
    }

    /** Cosine annealing from η₀ to 0 over the run: η₀ · ½(1 + cos(π·epoch/total)) (Loshchilov &amp; Hutter 2017, no restarts). */
    static LearningRateSchedule cosine() {
        return (base, epoch, total) -> base * 0.5 * (1 + Math.cos(Math.PI * epoch / Math.max(1, total)));
    }

    /**
     * Parses "constant", "step" (every 10 epochs × 0.5), "step:E:G", "exponential" (γ = 0.95), "exponential:G",
     * "cosine". Every parameter is checked: E a whole number ≥ 1, 0 &lt; G ≤ 1 (a rate that only shrinks and never
     * reaches 0 or turns negative); a schedule without parameters takes none.
     */
    static LearningRateSchedule parse(String spec) {
        String[] p = spec.trim().split(":", -1);
        p[0] = p[0].toLowerCase(Locale.ROOT);
        String usage = " (expected constant, step[:EPOCHS:GAMMA], exponential[:GAMMA] or cosine)";
        switch (p[0]) {
            case "constant", "none", "cosine" -> {
                if (p.length > 1) throw new IllegalArgumentException(p[0] + " schedule takes no parameters, got '" + spec + "'");
                return p[0].equals("cosine") ? cosine() : constant();
            }
            case "step" -> {
                if (p.length == 1) return step(10, 0.5);
                if (p.length != 3) {
                    throw new IllegalArgumentException("step schedule takes EPOCHS and GAMMA, e.g. step:10:0.5, got '" + spec + "'");
                }
                int every;
                try {
                    every = Integer.parseInt(p[1].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("step schedule: EPOCHS must be a whole number of at least 1, got '"
                            + p[1] + "'");
                }
                if (every < 1) throw new IllegalArgumentException("step schedule: EPOCHS must be at least 1, got " + p[1]);
                return step(every, gamma("step", p[2]));
            }
            case "exponential", "exp" -> {
                if (p.length == 1) return exponential(0.95);
                if (p.length != 2) {
                    throw new IllegalArgumentException("exponential schedule takes GAMMA, e.g. exponential:0.95, got '" + spec + "'");
                }
                return exponential(gamma("exponential", p[1]));
            }
            default -> throw new IllegalArgumentException("unknown schedule '" + spec + "'" + usage);
        }
    }

    private static double gamma(String schedule, String text) {
        double gamma;
        try {
            gamma = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            gamma = Double.NaN;
        }
        checkGamma(schedule, text, gamma);
        return gamma;
    }

    /** γ multiplies the rate: above 0 (0 stops learning, below 0 is gradient ascent) and at most 1 (no growth). */
    private static void checkGamma(String schedule, String text, double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException(schedule + " schedule: GAMMA must be a number in (0, 1], got " + text);
        }
    }
}
