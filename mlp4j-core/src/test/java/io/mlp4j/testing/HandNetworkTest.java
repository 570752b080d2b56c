package io.mlp4j.testing;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The oracle is checked against things that do not come from mlp4j: the seeds' printed numbers, the hand derivation
 * in docs/seed-examples.md (a Python script), and central finite differences of its own cost.
 */
class HandNetworkTest {

    /** The blog's Figure 8 network: ω1…ω8 = 0.3, 0.2, −0.4, 0.6, 0.7, −0.3, 0.5, −0.1, b1…b4 = 0.25, 0.45, 0.15, 0.35. */
    static HandNetwork blogFigure8() {
        return new HandNetwork(new double[][][] {{{0.3, -0.4}, {0.2, 0.6}}, {{0.7, 0.5}, {-0.3, -0.1}}},
                new double[][] {{0.25, 0.45}, {0.15, 0.35}}, Loss.QUADRATIC, Activation.SIGMOID, Activation.SIGMOID);
    }

    @Test
    void theBlogsForwardPassAndItsCorrectBackwardNumbers() {
        HandNetwork.Step s = blogFigure8().backprop(new double[] {2, 3}, new double[] {1.0, 0.2}, 0.1);
        // Printed in the blog (shared/seeds/000_*.txt, "Numerical Computation"); all correct.
        assertEquals(0.41338242108267, s.pass().a()[1][0], 1e-14, "h1");
        assertEquals(0.934010990508781, s.pass().a()[1][1], 1e-14, "h2");
        assertEquals(0.712257432295742, s.pass().a()[2][0], 1e-14, "a1");
        assertEquals(0.533097573871501, s.pass().a()[2][1], 1e-14, "a2");
        assertEquals(0.19374977898811957, s.cost(), 1e-15, "C");
        assertEquals(-0.5754851354085166, s.dCda()[1][0], 1e-15, "∂C/∂a1");
        // The blog prints wrong values for these (σ′ taken at a instead of z); these are the hand derivation's
        // (the Python script in docs/seed-examples.md).
        assertEquals(0.70487559046914, s.wNext()[1][0][0], 1e-13, "ω5⁺");
        assertEquals(-0.3068546661278576, s.wNext()[1][1][0], 1e-15, "ω6⁺");
        assertEquals(0.5110160830532412, s.wNext()[1][0][1], 1e-15, "ω7⁺");
        assertEquals(-0.11548767720436505, s.wNext()[1][1][1], 1e-15, "ω8⁺");
        assertEquals(0.16179438268412716, s.bNext()[1][0], 1e-15, "b3⁺");
        assertEquals(0.3334180996136582, s.bNext()[1][1], 1e-15, "b4⁺");
        assertEquals(0.3064167904964453, s.wNext()[0][0][0], 1e-15, "ω1⁺");
        assertEquals(0.20093134370476357, s.wNext()[0][1][0], 1e-15, "ω2⁺");
        assertEquals(-0.39037481425533205, s.wNext()[0][0][1], 1e-15, "ω3⁺");
        assertEquals(0.6013970155571453, s.wNext()[0][1][1], 1e-15, "ω4⁺");
        assertEquals(0.25320839524822264, s.bNext()[0][0], 1e-15, "b1⁺");
        assertEquals(0.4504656718523818, s.bNext()[0][1], 1e-15, "b2⁺");
    }

    @Test
    void theEssaysLayerAndWeightStep() {
        // Essay §3: W_3,2·L2 = (−0.69696, −1.95847), + B3 = (0.18704, −2.18447), L3 ≈ (0.547, 0.101).
        HandNetwork layer = new HandNetwork(new double[][][] {{{-1.48, -2.49, 2.72, 3.46}, {-1.81, 2.84, -0.438, -4.80}}},
                new double[][] {{0.884, -0.226}}, Loss.QUADRATIC, Activation.SIGMOID);
        HandNetwork.Pass p = layer.forward(new double[] {0.978, 0.322, 0.315, 0.201});
        assertEquals(-0.69696, p.sum()[0][0], 1e-12);
        assertEquals(-1.95847, p.sum()[0][1], 1e-12);
        assertEquals(0.18704, p.z()[0][0], 1e-12);
        assertEquals(-2.18447, p.z()[0][1], 1e-12);
        assertEquals(0.547, p.a()[1][0], 0.0005);
        assertEquals(0.101, p.a()[1][1], 0.0005);
        // Essay §4: W_1,1 = 0.15, input 0.8, AS = 0.5 (so bias 0.38), E = 1, r = 0.05: a ≈ 0.6225, ∂C/∂a = −0.755,
        // σ′ ≈ 0.235, ∂C/∂W ≈ −0.142; W⁺ = 0.15 − 0.05·(−0.142) = 0.1571 (the essay prints 0.1271, a slip).
        HandNetwork.Step s = new HandNetwork(new double[][][] {{{0.15}}}, new double[][] {{0.38}}, Loss.QUADRATIC,
                Activation.SIGMOID).backprop(new double[] {0.8}, new double[] {1}, 0.05);
        assertEquals(0.5, s.pass().z()[0][0], 1e-15);
        assertEquals(0.6225, s.pass().a()[1][0], 0.00005);
        assertEquals(-0.755, s.dCda()[0][0], 0.0005);
        assertEquals(0.235, s.sigmaPrime()[0][0], 0.0005);
        assertEquals(-0.142, s.dW()[0][0][0], 0.0005);
        assertEquals(0.1571, s.wNext()[0][0][0], 0.00005);
    }

    @Test
    void backpropagationAgreesWithFiniteDifferencesForEveryActivationAndCost() {
        double[][] xs = {{0.7, -1.1, 0.4}, {-0.3, 0.9, 1.3}};
        for (Loss loss : Loss.values()) {
            Activation out = switch (loss) {
                case CROSS_ENTROPY -> Activation.SOFTMAX;
                case BINARY_CROSS_ENTROPY -> Activation.SIGMOID;
                default -> Activation.TANH;
            };
            double[][] ys = loss == Loss.CROSS_ENTROPY ? new double[][] {{0, 1}, {0.25, 0.75}} : new double[][] {{0.9, 0.1}, {0.2, 0.6}};
            for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU,
                    Activation.LEAKY_RELU, Activation.IDENTITY}) {
                HandNetwork net = new HandNetwork(
                        new double[][][] {{{0.5, -0.3, 0.8}, {-0.6, 0.4, 0.2}, {0.35, 0.9, -0.45}},
                                {{0.7, -0.9, 0.25}, {0.3, 0.6, -0.55}}},
                        new double[][] {{0.1, -0.2, 0.05}, {0.05, -0.15}}, loss, hidden, out);
                assertGradientsAgree(net.finiteDifferences(xs, ys), net.meanBackprop(xs, ys), loss + "/" + hidden);
            }
        }
    }

    @Test
    void finiteDifferencesRefuseAReluKink() {
        HandNetwork net = new HandNetwork(new double[][][] {{{1.0}}}, new double[][] {{-0.5}}, Loss.QUADRATIC,
                Activation.RELU);
        assertThrows(IllegalStateException.class, () -> net.finiteDifferences(new double[][] {{0.5}}, new double[][] {{1}}));
    }

    private static void assertGradientsAgree(HandNetwork.Grad fd, HandNetwork.Grad bp, String what) {
        for (int l = 0; l < fd.dW().length; l++) {
            for (int j = 0; j < fd.dW()[l].length; j++) {
                for (int k = 0; k < fd.dW()[l][j].length; k++) {
                    assertEquals(fd.dW()[l][j][k], bp.dW()[l][j][k], 1e-8, what + ": ∂C/∂w layer " + l + " " + j + "," + k);
                }
                assertEquals(fd.db()[l][j], bp.db()[l][j], 1e-8, what + ": ∂C/∂b layer " + l + " " + j);
            }
        }
    }
}
