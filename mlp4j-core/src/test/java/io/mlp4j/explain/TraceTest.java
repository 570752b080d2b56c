package io.mlp4j.explain;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.reference.ReferenceNetwork;
import io.mlp4j.testing.HandNetwork;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every number the trace prints (z, a, C, ∂C/∂a, σ′, δ, ∂z/∂w, ∂C/∂w, ∂C/∂b and the updated parameters, and the
 * operands shown in each formula) is compared with the same quantity computed independently:
 * <ul>
 *   <li>by {@link HandNetwork}, the seeds' equations written again in plain double loops in the tests (its
 *       derivatives are written in z from the textbook formulas; it is itself checked against finite differences
 *       and the seeds in HandNetworkTest), within the rounding of the printed digits;</li>
 *   <li>for the seeds' own examples, also by the numbers the seeds print where they are right, and by the hand
 *       derivation of docs/seed-examples.md (a Python script) where they are wrong.</li>
 * </ul>
 * The networks that are not the seeds' (tanh, ReLU, leaky ReLU, identity; MSE, cross-entropy, binary cross-entropy)
 * make a wrong derivative or cost gradient for any of them fail here.
 */
class TraceTest {
    private static final double[] BLOG_X = {2, 3}, BLOG_Y = {1.0, 0.2};

    /** The blog's Figure 8: ω1…ω8 = 0.3, 0.2, −0.4, 0.6, 0.7, −0.3, 0.5, −0.1, b1…b4 = 0.25, 0.45, 0.15, 0.35. */
    private static Case blogFigure8() {
        return new Case(new double[][][] {{{0.3, -0.4}, {0.2, 0.6}}, {{0.7, 0.5}, {-0.3, -0.1}}},
                new double[][] {{0.25, 0.45}, {0.15, 0.35}}, Loss.QUADRATIC, Activation.SIGMOID, Activation.SIGMOID);
    }

    // ---- the seeds' examples -----------------------------------------------------------------------------------

    @Test
    void theBlogsStepPrintsTheHandComputedNumbersAndTheBlogsCorrectOnes() {
        Case blog = blogFigure8();
        TraceLines t = assertTraceMatchesHandComputation(blog, BLOG_X, BLOG_Y, 0.1, 12);

        // The blog's printed numbers (shared/seeds/000_*.txt, Figure 8) that are right, to the 12 digits shown
        // (half a unit in the 12th digit of a value below 1 is at most 5e-13).
        double printed12 = 5e-13;
        assertEquals(0.41338242108267, t.value("a_1^(1)"), printed12, "h1");
        assertEquals(0.934010990508781, t.value("a_2^(1)"), printed12, "h2");
        assertEquals(0.712257432295742, t.value("a_1^(2)"), printed12, "a1");
        assertEquals(0.533097573871501, t.value("a_2^(2)"), printed12, "a2");
        assertEquals(0.19374977898811957, t.value("C"), printed12, "C");
        assertEquals(-0.5754851354085166, t.value("dC/da_1^(2)"), printed12, "∂C/∂a1");
        // The hand derivation in docs/seed-examples.md for the values the blog prints wrongly (σ′ taken at a):
        // σ′(z_a1) = a1(1 − a1) with a1 above (the blog: 0.220793265944315).
        assertEquals(0.712257432295742 * (1 - 0.712257432295742), t.value("σ'_1^(2)"), printed12, "σ′(z_a1)");
        assertEquals(-0.048755904691400044, t.value("dC/dw_1,1^(2)"), printed12, "∂C/∂ω5 (blog: −0.052525710835624)");
        assertEquals(0.70487559046914, t.value("w_1,1^(2)+"), printed12, "ω5⁺ (blog: 0.70525257108356)");
        assertEquals(-0.3068546661278576, t.value("w_2,1^(2)+"), printed12, "ω6⁺");
        assertEquals(0.5110160830532412, t.value("w_1,2^(2)+"), printed12, "ω7⁺");
        assertEquals(-0.11548767720436505, t.value("w_2,2^(2)+"), printed12, "ω8⁺ (blog: −0.511867846503068)");
        assertEquals(0.16179438268412716, t.value("b_1^(2)+"), printed12, "b3⁺");
        assertEquals(0.3334180996136582, t.value("b_2^(2)+"), printed12, "b4⁺");
        assertEquals(-0.0641679049644533, t.value("dC/dw_1,1^(1)"), printed12, "∂C/∂ω1 (blog: −0.064945998937865)");
        assertEquals(0.3064167904964453, t.value("w_1,1^(1)+"), printed12, "ω1⁺");
        assertEquals(0.20093134370476357, t.value("w_2,1^(1)+"), printed12, "ω2⁺");
        assertEquals(-0.39037481425533205, t.value("w_1,2^(1)+"), printed12, "ω3⁺");
        assertEquals(0.6013970155571453, t.value("w_2,2^(1)+"), printed12, "ω4⁺");
        assertEquals(0.25320839524822264, t.value("b_1^(1)+"), printed12, "b1⁺");
        assertEquals(0.4504656718523818, t.value("b_2^(1)+"), printed12, "b2⁺");
    }

    @Test
    void fewDigitsAreTheHandComputedNumbersRounded() {
        Case blog = blogFigure8();
        TraceLines t = assertTraceMatchesHandComputation(blog, BLOG_X, BLOG_Y, 0.1, 3);
        assertEquals(0.413, t.value("a_1^(1)"), 0, "h1 = 0.41338… to 3 digits");
        assertEquals(0.705, t.value("w_1,1^(2)+"), 0, "ω5⁺ = 0.704876… to 3 digits");
    }

    @Test
    void theBlogsWrongSigmaPrimeOrALastDigitOffWouldFail() {
        Case blog = blogFigure8();
        String text = Trace.of(blog.reference(), BLOG_X, BLOG_Y, 0.1).render(6);
        expectTrace(new TraceLines(text, 6), blog.hand(), BLOG_X, BLOG_Y, 0.1);
        // The blog's σ′(z_a1) = 0.220793 (σ′ taken at a1) in place of the correct 0.204947.
        String slip = text.replace("σ′(z_1^(2)) = a(1 − a) = 0.204947", "σ′(z_1^(2)) = a(1 − a) = 0.220793");
        assertNotEquals(text, slip);
        assertThrows(AssertionError.class, () -> expectTrace(new TraceLines(slip, 6), blog.hand(), BLOG_X, BLOG_Y, 0.1));
        // ω5⁺ = 0.70487559… shown as 0.704877 instead of 0.704876.
        String off = text.replace("= 0.704876\n", "= 0.704877\n");
        assertNotEquals(text, off);
        assertThrows(AssertionError.class, () -> expectTrace(new TraceLines(off, 6), blog.hand(), BLOG_X, BLOG_Y, 0.1));
    }

    @Test
    void theEssaysLayerPrintsItsSums() {
        // Essay §3: W_3,2, B3 and L2 as printed; forward pass only.
        Case layer = new Case(new double[][][] {{{-1.48, -2.49, 2.72, 3.46}, {-1.81, 2.84, -0.438, -4.80}}},
                new double[][] {{0.884, -0.226}}, Loss.QUADRATIC, Activation.SIGMOID);
        TraceLines t = assertTraceMatchesHandComputation(layer, new double[] {0.978, 0.322, 0.315, 0.201}, null, 0, 10);
        // The essay's printed numbers, to their printed decimals.
        assertEquals(-0.69696, t.value("sum_1^(1)"), 5e-11);
        assertEquals(-1.95847, t.value("sum_2^(1)"), 5e-11);
        assertEquals(0.18704, t.value("z_1^(1)"), 5e-11);
        assertEquals(-2.18447, t.value("z_2^(1)"), 5e-11);
        assertEquals(0.547, t.value("a_1^(1)"), 5e-4);
        assertEquals(0.101, t.value("a_2^(1)"), 5e-4);
    }

    @Test
    void theEssaysWeightStep() {
        // Essay §4: W_1,1 = 0.15, input 0.8, AS = 0.5 (bias 0.38), E = 1, r = 0.05.
        Case neuron = new Case(new double[][][] {{{0.15}}}, new double[][] {{0.38}}, Loss.QUADRATIC, Activation.SIGMOID);
        TraceLines t = assertTraceMatchesHandComputation(neuron, new double[] {0.8}, new double[] {1}, 0.05, 8);
        // The essay's printed numbers, to their printed decimals; W⁺ by hand: 0.15 − 0.05·(−0.142) = 0.1571 (the
        // essay prints 0.1271, an arithmetic slip).
        assertEquals(0.6225, t.value("a_1^(1)"), 5e-5);
        assertEquals(-0.755, t.value("dC/da_1^(1)"), 5e-4);
        assertEquals(0.235, t.value("σ'_1^(1)"), 5e-4);
        assertEquals(-0.142, t.value("dC/dw_1,1^(1)"), 5e-4);
        assertEquals(0.1571, t.value("w_1,1^(1)+"), 5e-5);
    }

    // ---- networks that are not the seeds' ----------------------------------------------------------------------

    @Test
    void aTanhHiddenLayerWithMeanSquaredError() {
        // 3-2-2: tanh, then sigmoid, C = (1/2)·Σ (a − y)². A tanh derivative written as a(1 − a), or MSE's
        // gradient without the 1/n, changes numbers printed below.
        Case c = new Case(new double[][][] {{{0.5, -0.3, 0.8}, {-0.6, 0.45, 0.2}}, {{0.7, -0.9}, {0.35, 0.6}}},
                new double[][] {{0.1, -0.25}, {0.05, -0.15}}, Loss.MSE, Activation.TANH, Activation.SIGMOID);
        assertTraceMatchesHandComputation(c, new double[] {1.0, -0.5, 0.25}, new double[] {1, 0}, 0.5, 12);
    }

    @Test
    void aSoftmaxOutputShowsTheFusedDelta() {
        Network net = Network.builder().input(2).dense(2, Activation.TANH).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(4).build();
        // The network's float parameters, widened to double, for both the trace and the hand computation.
        HandNetwork hand = HandNetwork.widen(net, Loss.CROSS_ENTROPY, Activation.TANH, Activation.SOFTMAX);
        String text = Trace.of(ReferenceNetwork.of(net), new double[] {0.5, -1}, new double[] {0, 0, 1}, 0.1).render(12);
        TraceLines t = new TraceLines(text, 12);
        expectTrace(t, hand, new double[] {0.5, -1}, new double[] {0, 0, 1}, 0.1);
        assertFalse(text.contains("seed"), "no seed annotations on a user's network");
    }

    @Test
    void aLeakyReluHiddenLayerWithBinaryCrossEntropy() {
        // 2-3-2: neuron 2 of layer 1 has z < 0, so its σ′ is the leaky slope 0.01; sigmoid outputs fused with BCE,
        // δ = (a − y)/n.
        Case c = new Case(new double[][][] {{{0.8, -0.2}, {-0.7, -0.4}, {0.3, 0.9}}, {{0.6, -0.5, 0.4}, {-0.3, 0.8, 0.7}}},
                new double[][] {{0.1, -0.1, 0.2}, {-0.2, 0.1}}, Loss.BINARY_CROSS_ENTROPY, Activation.LEAKY_RELU,
                Activation.SIGMOID);
        HandNetwork.Pass p = c.hand().forward(new double[] {0.9, 0.4});
        assertTrue(p.z()[0][1] < 0, "the case exercises the leaky slope");
        assertTraceMatchesHandComputation(c, new double[] {0.9, 0.4}, new double[] {1, 0}, 0.3, 12);
    }

    @Test
    void threeLayersWithReluAndAnIdentityOutput() {
        // 2-3-2-1: ReLU (neuron 3 has z < 0, so σ′ = 0 and its gradients are 0), tanh, identity; quadratic cost.
        Case c = new Case(new double[][][] {{{0.5, 0.9}, {-0.4, 0.6}, {-0.8, -0.3}}, {{0.3, -0.7, 0.5}, {0.9, 0.2, -0.6}},
                {{1.2, -0.8}}}, new double[][] {{0.1, 0.05, -0.1}, {0.2, -0.3}, {0.15}}, Loss.QUADRATIC,
                Activation.RELU, Activation.TANH, Activation.IDENTITY);
        HandNetwork.Pass p = c.hand().forward(new double[] {0.6, 0.7});
        assertTrue(p.z()[0][2] < 0 && p.z()[0][0] > 0, "the case exercises both sides of the ReLU");
        assertTraceMatchesHandComputation(c, new double[] {0.6, 0.7}, new double[] {0.4}, 0.2, 12);
    }

    // ---- the expected trace ----------------------------------------------------------------------------------

    /** One set of parameters, given to the code under test and to the hand computation alike. */
    private record Case(double[][][] w, double[][] b, Loss loss, Activation... f) {
        ReferenceNetwork reference() {
            List<LayerSpec> layers = new ArrayList<>();
            for (int l = 0; l < f.length; l++) layers.add(new LayerSpec(b[l].length, f[l]));
            return new ReferenceNetwork(new Architecture(w[0][0].length, layers, loss), w, b);
        }

        HandNetwork hand() {
            return new HandNetwork(w, b, loss, f);
        }
    }

    /** Renders the trace of the code under test and reads every line of it against the hand computation. */
    private static TraceLines assertTraceMatchesHandComputation(Case c, double[] x, double[] y, double eta, int digits) {
        Trace trace = y == null ? Trace.forwardOnly(c.reference(), x) : Trace.of(c.reference(), x, y, eta);
        TraceLines t = new TraceLines(trace.render(digits), digits);
        expectTrace(t, c.hand(), x, y, eta);
        return t;
    }

    /** The trace's lines, in order, with the numbers {@link HandNetwork} computes (y null: the forward pass only). */
    private static void expectTrace(TraceLines t, HandNetwork hand, double[] x, double[] y, double eta) {
        HandNetwork.Pass p = hand.forward(x);
        t.expect("Forward pass: z_j = Σ_k w_j,k·a_k + b_j, then a_j = σ(z_j)");
        t.expect("input a^(0) = (" + TraceLines.slots(x.length, ", ", "{}") + ")", x);
        for (int l = 0; l < hand.depth(); l++) {
            t.expect("layer " + (l + 1) + " (" + hand.inputs(l) + " → " + hand.units(l) + ", " + name(hand.activation(l)) + ")");
            for (int j = 0; j < hand.units(l); j++) {
                String n = (j + 1) + "^(" + (l + 1) + ")";
                double[] sum = new double[2 * hand.inputs(l) + 1];
                for (int k = 0; k < hand.inputs(l); k++) {
                    sum[2 * k] = hand.weight(l, j, k);
                    sum[2 * k + 1] = p.a()[l][k];
                }
                sum[sum.length - 1] = p.sum()[l][j];
                t.expect("sum_" + n, "Σ_k w_" + (j + 1) + ",k·a_k = " + TraceLines.slots(hand.inputs(l), " + ", "{}·{}")
                        + " = {}", sum);
                t.expect("z_" + n, "z_" + n + " = {} + {} = {}", p.sum()[l][j], hand.bias(l, j), p.z()[l][j]);
                if (hand.activation(l) == Activation.SOFTMAX) {
                    t.expect("a_" + n, "a_" + n + " = softmax(z)_" + (j + 1) + " = {}", p.a()[l + 1][j]);
                } else {
                    t.expect("a_" + n, "a_" + n + " = σ({}) = {}", p.z()[l][j], p.a()[l + 1][j]);
                }
            }
        }
        if (y == null) {
            t.expectEnd();
            return;
        }
        HandNetwork.Step s = hand.backprop(x, y, eta);
        int last = hand.depth() - 1, n = y.length;
        double[] out = p.output();
        double[] pairs = new double[2 * n + 1];
        for (int j = 0; j < n; j++) {
            pairs[2 * j] = out[j];
            pairs[2 * j + 1] = y[j];
        }
        pairs[2 * n] = s.cost();
        switch (hand.loss()) {
            case QUADRATIC -> {
                t.expect("Cost: C = Σ_j (a_j − y_j)²");
                t.expect("target y = (" + TraceLines.slots(n, ", ", "{}") + ")", y);
                t.expect("C", "C = " + TraceLines.slots(n, " + ", "({} − {})²") + " = {}", pairs);
            }
            case MSE -> {
                t.expect("Cost: C = (1/n)·Σ_j (a_j − y_j)²");
                t.expect("target y = (" + TraceLines.slots(n, ", ", "{}") + ")", y);
                t.expect("C", "C = (1/" + n + ")·[" + TraceLines.slots(n, " + ", "({} − {})²") + "] = {}", pairs);
            }
            case CROSS_ENTROPY -> {
                t.expect("Cost: C = −Σ_j y_j·log softmax(z)_j");
                t.expect("target y = (" + TraceLines.slots(n, ", ", "{}") + ")", y);
                t.expect("C", "C = {}", s.cost());
            }
            case BINARY_CROSS_ENTROPY -> {
                t.expect("Cost: C = (1/n)·Σ_j −[y_j·log a_j + (1 − y_j)·log(1 − a_j)]");
                t.expect("target y = (" + TraceLines.slots(n, ", ", "{}") + ")", y);
                t.expect("C", "C = {}", s.cost());
            }
        }
        t.expect("Backward pass: ∂C/∂w_j,k = ∂C/∂a_j · σ′(z_j) · ∂z_j/∂w_j,k, then w⁺ = w − η·∂C/∂w (η = {})", eta);
        for (int l = last; l >= 0; l--) {
            t.expect("layer " + (l + 1) + (l == last ? " (output)" : " (hidden)"));
            for (int j = 0; j < hand.units(l); j++) {
                String nj = (j + 1) + "^(" + (l + 1) + ")";
                double delta = s.delta()[l][j];
                t.expect("neuron " + (j + 1));
                if (s.dCda()[l] == null) {
                    String how = hand.loss() == Loss.CROSS_ENTROPY ? "a·Σy − y (softmax fused with cross-entropy)"
                            : "(a − y)/n (sigmoid fused with binary cross-entropy)";
                    t.expect("δ_" + nj, "δ_" + nj + " = ∂C/∂z = " + how + " = {}", delta);
                } else {
                    if (l == last && hand.loss() == Loss.MSE) {
                        t.expect("dC/da_" + nj, "∂C/∂a_" + nj + " = 2(a − y)/n = 2({} − {})/n = {}", out[j], y[j], s.dCda()[l][j]);
                    } else if (l == last) {
                        t.expect("dC/da_" + nj, "∂C/∂a_" + nj + " = 2(a − y) = 2({} − {}) = {}", out[j], y[j], s.dCda()[l][j]);
                    } else {
                        int m = hand.units(l + 1);
                        double[] terms = new double[2 * m + 1];
                        for (int i = 0; i < m; i++) {
                            terms[2 * i] = hand.weight(l + 1, i, j);
                            terms[2 * i + 1] = s.delta()[l + 1][i];
                        }
                        terms[2 * m] = s.dCda()[l][j];
                        t.expect("dC/da_" + nj, "∂C/∂a_" + nj + " = Σ_j w_j," + (j + 1) + "^(" + (l + 2) + ")·δ_j^(" + (l + 2)
                                + ") = " + TraceLines.slots(m, " + ", "{}·{}") + " = {}", terms);
                    }
                    t.expect("σ'_" + nj, "σ′(z_" + nj + ") = " + derivative(hand.activation(l)) + " = {}", s.sigmaPrime()[l][j]);
                    t.expect("δ_" + nj, "δ_" + nj + " = ∂C/∂z = ∂C/∂a·σ′(z) = {}·{} = {}", s.dCda()[l][j],
                            s.sigmaPrime()[l][j], delta);
                }
                for (int k = 0; k < hand.inputs(l); k++) {
                    String w = "w_" + (j + 1) + "," + (k + 1) + "^(" + (l + 1) + ")";
                    double aPrev = p.a()[l][k], dW = s.dW()[l][j][k];
                    t.expect(w + " = {}", hand.weight(l, j, k));
                    t.expect("∂z/∂w = a_" + (k + 1) + "^(" + l + ") = {}", aPrev);
                    t.expect("dC/d" + w, "∂C/∂w = δ·∂z/∂w = {}·{} = {}", delta, aPrev, dW);
                    t.expect(w + "+", "w⁺ = {} − {}·{} = {}", hand.weight(l, j, k), eta, dW, s.wNext()[l][j][k]);
                }
                String b = "b_" + nj;
                t.expect(b + " = {}", hand.bias(l, j));
                t.expect("dC/d" + b, "∂C/∂b = δ·∂z/∂b = δ·1 = {}", s.db()[l][j]);
                t.expect(b + "+", "b⁺ = {} − {}·{} = {}", hand.bias(l, j), eta, s.db()[l][j], s.bNext()[l][j]);
            }
        }
        t.expectEnd();
    }

    /** The activation's name as the trace prints it. */
    private static String name(Activation f) {
        return switch (f) {
            case SIGMOID -> "sigmoid";
            case TANH -> "tanh";
            case RELU -> "relu";
            case LEAKY_RELU -> "leaky-relu";
            case IDENTITY -> "identity";
            case SOFTMAX -> "softmax";
        };
    }

    /** σ′ as the trace writes it: the formula only (its value is checked against the hand computation). */
    private static String derivative(Activation f) {
        return switch (f) {
            case SIGMOID -> "a(1 − a)";
            case TANH -> "1 − a²";
            case RELU -> "(1 if z > 0 else 0)";
            case LEAKY_RELU -> "(1 if z > 0 else 0.01)";
            case IDENTITY -> "1";
            case SOFTMAX -> throw new IllegalArgumentException("softmax is fused");
        };
    }
}
