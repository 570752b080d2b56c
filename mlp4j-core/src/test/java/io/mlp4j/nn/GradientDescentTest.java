package io.mlp4j.nn;

import io.mlp4j.testing.HandNetwork;
import io.mlp4j.train.OptimizerStep;
import io.mlp4j.train.Sgd;
import io.mlp4j.train.Trainer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradients and gradient-descent steps of the float32 {@link Network}, checked against computations that share no
 * code with it: a step derived by hand for a 2-1-1 network, and central finite differences, in double, of the cost
 * of the network's parameters widened to double ({@link HandNetwork}, the seeds' equations in plain loops).
 */
class GradientDescentTest {
    /**
     * Float32 against double: each product and sum of backpropagation rounds to about 1e-7 of its size. Measured on
     * the cases below (scalar and vector kernels alike): at most 8.5e-8 off, a quarter of this tolerance for the
     * smallest gradients. A derivative error (tanh′ as a(1 − a), the leaky slope dropped, MSE's 1/n forgotten) is off
     * by 1e-3 or more.
     */
    private static double gradientTolerance(double expected) {
        return 5e-7 + 5e-6 * Math.abs(expected);
    }

    /**
     * One float step ω − η·g from the float ω: rounding of ω, of η·g and of η itself (≈ 1e-7 relative each), so
     * 1e-6 of |ω| + |η·∂C/∂ω|, plus η times the gradient's own tolerance.
     */
    private static double stepTolerance(double omega, double eta, double gradient) {
        return 1e-6 * (Math.abs(omega) + Math.abs(eta * gradient)) + eta * gradientTolerance(gradient);
    }

    // ---- a step derived by hand --------------------------------------------------------------------------------

    @Test
    void oneStepOfATwoOneOneNetworkAsDerivedByHand() {
        Network net = Network.builder().input(2).dense(1, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(11).build();
        float[][] xs = {{0.5f, -1.5f}, {2f, 0.25f}};
        float[][] ys = {{1f}, {0f}};
        double eta = 0.75;
        // The parameters, widened to double: hidden h = tanh(u1·x1 + u2·x2 + c), output a = σ(v·h + d).
        double u1 = net.layer(0).weight(0, 0), u2 = net.layer(0).weight(0, 1), c = net.layer(0).bias(0);
        double v = net.layer(1).weight(0, 0), d = net.layer(1).bias(0);

        // For one sample, C_i = (a − y)² (blog Eq 2). By the chain rule (blog Eq 10–15):
        //   ∂C/∂a = 2(a − y),  σ′(z_a) = a(1 − a)                 ⇒ δ_a = 2(a − y)·a(1 − a)
        //   ∂C/∂v = δ_a·h,  ∂C/∂d = δ_a
        //   ∂C/∂h = v·δ_a,  tanh′(z_h) = 1 − h²                   ⇒ δ_h = v·δ_a·(1 − h²)
        //   ∂C/∂u1 = δ_h·x1,  ∂C/∂u2 = δ_h·x2,  ∂C/∂c = δ_h
        // The mini-batch cost is the mean of the two samples' C_i, so each gradient is the mean of theirs.
        double dU1 = 0, dU2 = 0, dC = 0, dV = 0, dD = 0;
        for (int i = 0; i < 2; i++) {
            double x1 = xs[i][0], x2 = xs[i][1], y = ys[i][0];
            double h = Math.tanh(u1 * x1 + u2 * x2 + c);
            double a = 1 / (1 + Math.exp(-(v * h + d)));
            double deltaA = 2 * (a - y) * a * (1 - a);
            double deltaH = v * deltaA * (1 - h * h);
            dV += deltaA * h / 2;
            dD += deltaA / 2;
            dU1 += deltaH * x1 / 2;
            dU2 += deltaH * x2 / 2;
            dC += deltaH / 2;
        }
        // The derivation itself, checked by central differences of the same cost written out (h = 1e-6).
        double[] p = {u1, u2, c, v, d}, hand = {dU1, dU2, dC, dV, dD};
        for (int q = 0; q < p.length; q++) {
            double[] plus = p.clone(), minus = p.clone();
            plus[q] += 1e-6;
            minus[q] -= 1e-6;
            assertEquals((twoOneOneCost(plus, xs, ys) - twoOneOneCost(minus, xs, ys)) / 2e-6, hand[q], 1e-9,
                    "hand derivative " + q);
        }

        Gradients g = net.gradients(xs, ys);
        float[] code = {g.weight(0, 0, 0), g.weight(0, 0, 1), g.bias(0, 0), g.weight(1, 0, 0), g.bias(1, 0)};
        String[] names = {"∂C/∂u1", "∂C/∂u2", "∂C/∂c", "∂C/∂v", "∂C/∂d"};
        for (int q = 0; q < p.length; q++) assertEquals(hand[q], code[q], gradientTolerance(hand[q]), names[q]);

        step(net, g, eta);
        // ω⁺ = ω − η·∂C/∂ω (blog Eq 5 and 6) with the hand-derived gradient.
        float[] stepped = {net.layer(0).weight(0, 0), net.layer(0).weight(0, 1), net.layer(0).bias(0),
                net.layer(1).weight(0, 0), net.layer(1).bias(0)};
        for (int q = 0; q < p.length; q++) {
            double expected = p[q] - eta * hand[q], tol = stepTolerance(p[q], eta, hand[q]);
            assertTrue(Math.abs(eta * hand[q]) > 100 * tol, "the step of parameter " + q + " is visible at this tolerance");
            assertEquals(expected, stepped[q], tol, names[q].replace("∂C/∂", "") + "⁺");
        }
    }

    /** The mean over the samples of (σ(v·tanh(u1·x1 + u2·x2 + c) + d) − y)², for p = (u1, u2, c, v, d). */
    private static double twoOneOneCost(double[] p, float[][] xs, float[][] ys) {
        double sum = 0;
        for (int i = 0; i < xs.length; i++) {
            double h = Math.tanh(p[0] * xs[i][0] + p[1] * xs[i][1] + p[2]);
            double a = 1 / (1 + Math.exp(-(p[3] * h + p[4])));
            sum += (a - ys[i][0]) * (a - ys[i][0]);
        }
        return sum / xs.length;
    }

    // ---- finite differences ------------------------------------------------------------------------------------

    /** A network, its activations and cost (to rebuild it in double), a mini-batch, and a learning rate. */
    private record Case(String name, Network net, Loss loss, Activation[] f, float[][] xs, float[][] ys, double eta) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case("3-2-2 tanh, sigmoid, quadratic",
                        Network.builder().input(3).dense(2, Activation.TANH).dense(2, Activation.SIGMOID)
                                .loss(Loss.QUADRATIC).seed(9).build(), Loss.QUADRATIC,
                        new Activation[] {Activation.TANH, Activation.SIGMOID},
                        new float[][] {{0.5f, -1f, 2f}, {1.5f, 0.25f, -0.75f}, {-0.3f, 0.8f, 0.1f}},
                        new float[][] {{1f, 0f}, {0f, 1f}, {0.5f, 0.2f}}, 0.25),
                new Case("2-3-2 relu, softmax, cross-entropy",
                        Network.builder().input(2).dense(3, Activation.RELU).dense(2, Activation.SOFTMAX)
                                .loss(Loss.CROSS_ENTROPY).seed(2).build(), Loss.CROSS_ENTROPY,
                        new Activation[] {Activation.RELU, Activation.SOFTMAX},
                        new float[][] {{1f, 2f}, {-1f, 0.5f}, {0.3f, -2f}},
                        new float[][] {{1f, 0f}, {0f, 1f}, {0f, 1f}}, 0.5),
                new Case("3-4-2 leaky-relu, sigmoid, binary cross-entropy",
                        Network.builder().input(3).dense(4, Activation.LEAKY_RELU).dense(2, Activation.SIGMOID)
                                .loss(Loss.BINARY_CROSS_ENTROPY).seed(5).build(), Loss.BINARY_CROSS_ENTROPY,
                        new Activation[] {Activation.LEAKY_RELU, Activation.SIGMOID},
                        new float[][] {{0.9f, -0.4f, 1.2f}, {-1.1f, 0.7f, 0.3f}, {0.2f, 1.6f, -0.8f}, {-0.5f, -0.9f, -1.3f}},
                        new float[][] {{1f, 0f}, {0f, 1f}, {1f, 1f}, {0f, 0f}}, 0.3),
                // Two outputs, so that MSE's 1/n matters.
                new Case("2-3-2-2 sigmoid, tanh, identity, MSE",
                        Network.builder().input(2).dense(3, Activation.SIGMOID).dense(2, Activation.TANH)
                                .dense(2, Activation.IDENTITY).loss(Loss.MSE).seed(3).build(), Loss.MSE,
                        new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.IDENTITY},
                        new float[][] {{0.4f, -0.6f}, {1.3f, 0.9f}},
                        new float[][] {{0.7f, -0.2f}, {-1.2f, 0.5f}}, 0.4));
    }

    @Test
    void gradientsAreTheFiniteDifferencesOfTheCostInDouble() {
        for (Case c : cases()) {
            HandNetwork hand = HandNetwork.widen(c.net(), c.loss(), c.f());
            HandNetwork.Grad fd = hand.finiteDifferences(HandNetwork.widen(c.xs()), HandNetwork.widen(c.ys()));
            Gradients g = c.net().gradients(c.xs(), c.ys());
            forEachParameter(hand, (l, j, k) -> {
                double expected = k < 0 ? fd.db()[l][j] : fd.dW()[l][j][k];
                double actual = k < 0 ? g.bias(l, j) : g.weight(l, j, k);
                assertEquals(expected, actual, gradientTolerance(expected), c.name() + ": " + what(l, j, k));
            });
        }
    }

    @Test
    void theCostIsTheMeanOfTheSamplesCostsInDouble() {
        for (Case c : cases()) {
            double expected = HandNetwork.widen(c.net(), c.loss(), c.f()).cost(HandNetwork.widen(c.xs()), HandNetwork.widen(c.ys()));
            assertEquals(expected, c.net().cost(c.xs(), c.ys()), 1e-6 * Math.abs(expected), c.name());
        }
    }

    @Test
    void aStepIsOmegaMinusEtaTimesTheFiniteDifferenceGradient() {
        for (Case c : cases()) {
            HandNetwork before = HandNetwork.widen(c.net(), c.loss(), c.f());
            HandNetwork.Grad fd = before.finiteDifferences(HandNetwork.widen(c.xs()), HandNetwork.widen(c.ys()));
            step(c.net(), c.net().gradients(c.xs(), c.ys()), c.eta());
            int[] visible = {0, 0};
            forEachParameter(before, (l, j, k) -> {
                double omega = k < 0 ? before.bias(l, j) : before.weight(l, j, k);
                double grad = k < 0 ? fd.db()[l][j] : fd.dW()[l][j][k];
                double actual = k < 0 ? c.net().layer(l).bias(j) : c.net().layer(l).weight(j, k);
                double tol = stepTolerance(omega, c.eta(), grad);
                assertEquals(omega - c.eta() * grad, actual, tol, c.name() + ": " + what(l, j, k) + "⁺");
                visible[0]++;
                if (Math.abs(c.eta() * grad) > 100 * tol) visible[1]++;
            });
            // A step that did nothing would pass for parameters whose gradient is tiny; most are not.
            assertTrue(visible[1] > visible[0] / 2, c.name() + ": only " + visible[1] + " of " + visible[0]
                    + " parameters move visibly");
        }
    }

    @Test
    void theMiniBatchGradientIsTheMeanOfThePerSampleGradients() {
        Network net = Network.builder().input(2).dense(3, Activation.RELU).dense(2, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(2).build();
        HandNetwork hand = HandNetwork.widen(net, Loss.CROSS_ENTROPY, Activation.RELU, Activation.SOFTMAX);
        float[][] x = {{1, 2}, {-1, 0.5f}, {0.3f, -2}};
        float[][] y = {{1, 0}, {0, 1}, {0, 1}};
        double[][][] meanW = new double[2][][];
        double[][] meanB = new double[2][];
        for (int l = 0; l < 2; l++) {
            meanW[l] = new double[hand.units(l)][hand.inputs(l)];
            meanB[l] = new double[hand.units(l)];
        }
        for (int i = 0; i < 3; i++) {
            // Each sample alone: the code's gradient against finite differences of that sample's cost.
            float[][] xi = {x[i]}, yi = {y[i]};
            HandNetwork.Grad fd = hand.finiteDifferences(HandNetwork.widen(xi), HandNetwork.widen(yi));
            Gradients one = net.gradients(xi, yi);
            int sample = i;
            forEachParameter(hand, (l, j, k) -> {
                double expected = k < 0 ? fd.db()[l][j] : fd.dW()[l][j][k];
                assertEquals(expected, k < 0 ? one.bias(l, j) : one.weight(l, j, k), gradientTolerance(expected),
                        "sample " + sample + ": " + what(l, j, k));
                if (k < 0) meanB[l][j] += expected / 3;
                else meanW[l][j][k] += expected / 3;
            });
        }
        // The batch: ∇C of the mean cost is the mean of the samples' gradients (computed above, independently).
        Gradients batch = net.gradients(x, y);
        forEachParameter(hand, (l, j, k) -> {
            double expected = k < 0 ? meanB[l][j] : meanW[l][j][k];
            assertEquals(expected, k < 0 ? batch.bias(l, j) : batch.weight(l, j, k), gradientTolerance(expected),
                    "batch: " + what(l, j, k));
        });
    }

    // ---- seeds and initializers ----------------------------------------------------------------------------

    @Test
    void theSameSeedGivesTheSameNetworkAndTheSameTrainingRunBitForBit() {
        float[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.5f, 0.5f}};
        float[][] y = {{0}, {1}, {1}, {0}, {1}};
        Network a = Network.builder().input(2).dense(5, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(42).build();
        Network b = Network.builder().input(2).dense(5, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(42).build();
        Network c = Network.builder().input(2).dense(5, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(43).build();
        assertArrayEquals(a.layer(0).weights(), b.layer(0).weights());
        assertNotEquals(a.layer(0).weights()[0], c.layer(0).weights()[0]);
        float[] initial = a.layer(0).weights();
        Trainer.sgd(a, x, y, 20, 2, 0.5);
        Trainer.sgd(b, x, y, 20, 2, 0.5);
        // Equal runs only mean something if the runs changed the weights.
        assertFalse(Arrays.equals(initial, a.layer(0).weights()), "training moved the weights");
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.layer(l).weights(), b.layer(l).weights());
            assertArrayEquals(a.layer(l).biases(), b.layer(l).biases());
        }
    }

    @Test
    void initializersHaveTheirDocumentedSpread() {
        Network normal = Network.builder().input(400).dense(100, Activation.SIGMOID).loss(Loss.QUADRATIC)
                .init(Initializer.NORMAL).build();
        Network he = Network.builder().input(400).dense(100, Activation.RELU).loss(Loss.QUADRATIC)
                .init(Initializer.HE).build();
        Network glorot = Network.builder().input(400).dense(100, Activation.TANH).loss(Loss.QUADRATIC)
                .init(Initializer.GLOROT).build();
        assertEquals(1.0, std(normal.layer(0).weights()), 0.02, "N(0,1)");
        assertEquals(Math.sqrt(2.0 / 400), std(he.layer(0).weights()), 0.002, "He: √(2/in)");
        // U(−L, L) with L = √(6/(in+out)) has standard deviation L/√3 = √(2/(in+out)).
        assertEquals(Math.sqrt(2.0 / 500), std(glorot.layer(0).weights()), 0.002, "Glorot");
        assertEquals(0f, he.layer(0).bias(7));
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Called for every weight (l, j, k) and every bias (l, j, k = −1). */
    private interface ParameterVisitor {
        void visit(int l, int j, int k);
    }

    private static void forEachParameter(HandNetwork shape, ParameterVisitor v) {
        for (int l = 0; l < shape.depth(); l++) {
            for (int j = 0; j < shape.units(l); j++) {
                for (int k = 0; k < shape.inputs(l); k++) v.visit(l, j, k);
                v.visit(l, j, -1);
            }
        }
    }

    private static String what(int l, int j, int k) {
        return k < 0 ? "b_" + (j + 1) + "^(" + (l + 1) + ")" : "w_" + (j + 1) + "," + (k + 1) + "^(" + (l + 1) + ")";
    }

    private static double std(float[] v) {
        double mean = 0, sq = 0;
        for (float x : v) mean += x;
        mean /= v.length;
        for (float x : v) sq += (x - mean) * (x - mean);
        return Math.sqrt(sq / v.length);
    }

    /** The seeds' update ω⁺ = ω − η ∂C/∂ω, through the one plain SGD (the trainer's). */
    private static void step(Network net, Gradients g, double eta) {
        new OptimizerStep(net, g, Sgd.plain(), 0).apply(eta);
    }
}
