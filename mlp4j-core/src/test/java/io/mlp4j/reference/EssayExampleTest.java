package io.mlp4j.reference;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The essay's examples (shared/seeds/001_*.txt, sections 3 and 4). */
class EssayExampleTest {

    @Test
    void layerL3ReproducesThePrintedPreActivationsAndOutputs() {
        Architecture arch = new Architecture(4, List.of(new LayerSpec(2, Activation.SIGMOID)), Loss.QUADRATIC);
        double[][] w = {{-1.48, -2.49, 2.72, 3.46}, {-1.81, 2.84, -0.438, -4.80}};
        double[] b = {0.884, -0.226};
        ReferenceNetwork layer = new ReferenceNetwork(arch, new double[][][] {w}, new double[][] {b});
        ReferenceNetwork.Pass p = layer.forward(new double[] {0.978, 0.322, 0.315, 0.201});
        // The essay prints W·L2 = (−0.69696, −1.95847) exactly (five-decimal products), then adds B3.
        assertEquals(-0.69696, p.z()[0][0] - b[0], 1e-12);
        assertEquals(-1.95847, p.z()[0][1] - b[1], 1e-12);
        assertEquals(0.18704, p.z()[0][0], 1e-12);
        assertEquals(-2.18447, p.z()[0][1], 1e-12);
        // L3 ≈ (0.547, 0.101): printed to three decimals.
        assertEquals(0.547, p.output()[0], 5e-4);
        assertEquals(0.101, p.output()[1], 5e-4);
    }

    @Test
    void singleWeightStepGivesTheEssaysGradientButNotItsPrintedUpdate() {
        // W_1,1 = 0.15, a(n_1^2) = 0.8, AS_1^3 = 0.5, E_1 = 1, r = 0.05; bias 0.38 makes AS = 0.15·0.8 + 0.38 = 0.5.
        Architecture arch = new Architecture(1, List.of(new LayerSpec(1, Activation.SIGMOID)), Loss.QUADRATIC);
        ReferenceNetwork neuron = new ReferenceNetwork(arch, new double[][][] {{{0.15}}}, new double[][] {{0.38}});
        ReferenceNetwork.Backprop g = neuron.backprop(new double[] {0.8}, new double[] {1.0});

        // Closed form by hand: ∂C/∂W = 2(S(0.5) − 1) · S(0.5)(1 − S(0.5)) · 0.8.
        double s = 1 / (1 + Math.exp(-0.5));
        double byHand = 2 * (s - 1) * s * (1 - s) * 0.8;
        assertEquals(byHand, g.dW()[0][0][0], 1e-15);
        assertEquals(-0.755, g.dCda()[0][0], 5e-4, "essay: 2(0.6225 − 1) = −0.755");
        assertEquals(0.235, g.sigmaPrime()[0][0], 5e-4, "essay: ≈ 0.235");
        assertEquals(-0.142, g.dW()[0][0][0], 5e-4, "essay: ≈ −0.142");

        double updated = neuron.step(g, 0.05).weight(0, 0, 0);
        assertEquals(0.15 - 0.05 * byHand, updated, 1e-15);
        assertEquals(0.157098, updated, 5e-7, "0.15 − 0.05·(−0.141958)");
        assertNotEquals(0.1271, updated, 0.01, "the essay prints 0.1271: an arithmetic slip");
    }

    @Test
    void digitNetworkHasTheEssaysParameterCount() {
        Network net = Network.builder().input(784).dense(16, Activation.SIGMOID).dense(16, Activation.SIGMOID)
                .dense(10, Activation.SIGMOID).loss(Loss.QUADRATIC).build();
        // 784·16 + 16 + 16·16 + 16 + 16·10 + 10, as the essay counts (citing 3Blue1Brown).
        assertEquals(13002, net.parameterCount());
    }
}
