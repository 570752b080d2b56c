package io.mlp4j.gradcheck;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import io.mlp4j.random.SeededRandom;
import io.mlp4j.reference.ReferenceNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * The gradient check over every activation × cost combination that makes sense: each elementwise activation in the
 * hidden layers, and at the output each elementwise activation with the quadratic and mean-squared costs, softmax
 * with cross-entropy and sigmoid with binary cross-entropy. Each case is a small random network (3-4-4-3) on a few
 * random samples.
 */
public final class GradientCheckSuite {
    /** The tolerance the issue asks for: max relative error below 1e-6. */
    public static final double TOLERANCE = 1e-6;

    private GradientCheckSuite() {
    }

    public record Case(Activation hidden, Activation output, Loss loss, GradientCheck.Result result) {
        public boolean passes() {
            return result.passes(TOLERANCE);
        }
    }

    /** Runs every case with the given seed. */
    public static List<Case> runAll(long seed) {
        List<Case> cases = new ArrayList<>();
        for (Activation hidden : Activation.values()) {
            if (!hidden.elementwise()) continue;
            for (Activation output : Activation.values()) {
                if (!output.elementwise()) continue;
                cases.add(run(hidden, output, Loss.QUADRATIC, seed));
                cases.add(run(hidden, output, Loss.MSE, seed));
            }
            cases.add(run(hidden, Activation.SOFTMAX, Loss.CROSS_ENTROPY, seed));
            cases.add(run(hidden, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY, seed));
        }
        return cases;
    }

    /** One case: a 3-4-4-3 network with the given activations and cost, checked on 4 random samples. */
    public static Case run(Activation hidden, Activation output, Loss loss, long seed) {
        Sample s = sample(hidden, output, loss, seed);
        return new Case(hidden, output, loss, GradientCheck.run(s.net, s.xs, s.ys));
    }

    /** The same case with every backpropagated ∂C/∂w multiplied by {@code factor}: shows the check can fail. */
    static GradientCheck.Result runWithCorruptedGradient(Activation hidden, Activation output, Loss loss, long seed,
                                                         double factor) {
        Sample s = sample(hidden, output, loss, seed);
        ReferenceNetwork.Backprop g = s.net.meanGradient(s.xs, s.ys);
        for (double[][] layer : g.dW()) {
            for (double[] row : layer) {
                for (int k = 0; k < row.length; k++) row[k] *= factor;
            }
        }
        return GradientCheck.compareWith(g, s.net, s.xs, s.ys);
    }

    private record Sample(ReferenceNetwork net, double[][] xs, double[][] ys) {
    }

    private static Sample sample(Activation hidden, Activation output, Loss loss, long seed) {
        Architecture arch = new Architecture(3, List.of(new LayerSpec(4, hidden), new LayerSpec(4, hidden),
                new LayerSpec(3, output)), loss);
        ReferenceNetwork net = ReferenceNetwork.random(arch, Initializer.GLOROT, seed);
        SeededRandom rng = new SeededRandom(seed ^ 0x5DEECE66DL);
        double[][] xs = new double[4][3];
        double[][] ys = new double[4][3];
        for (int i = 0; i < xs.length; i++) {
            for (int j = 0; j < 3; j++) xs[i][j] = 2 * rng.nextDouble() - 1;
            target(loss, ys[i], rng);
        }
        return new Sample(net, xs, ys);
    }

    /** A target that suits the cost: a one-hot class for cross-entropy, values in (0, 1) otherwise. */
    private static void target(Loss loss, double[] y, SeededRandom rng) {
        if (loss == Loss.CROSS_ENTROPY) {
            y[rng.nextInt(y.length)] = 1.0;
        } else {
            for (int j = 0; j < y.length; j++) y[j] = rng.nextDouble();
        }
    }
}
