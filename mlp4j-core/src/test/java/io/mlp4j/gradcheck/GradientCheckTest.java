package io.mlp4j.gradcheck;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void backpropagationAgreesWithFiniteDifferencesForEveryActivationAndCost(long seed) {
        List<GradientCheckSuite.Case> cases = GradientCheckSuite.runAll(seed);
        // 5 elementwise hidden activations × (5 elementwise outputs × 2 squared costs + softmax/CE + sigmoid/BCE).
        assertEquals(5 * 12, cases.size());
        for (GradientCheckSuite.Case c : cases) {
            String name = c.hidden().id() + "/" + c.output().id() + "/" + c.loss().id();
            assertTrue(c.result().maxRelativeError() < 1e-6, name + ": " + c.result());
            // A case that skipped most parameters at ReLU kinks would prove little.
            assertTrue(c.result().checked() >= 45, name + " checked only " + c.result().checked());
        }
    }

    @Test
    void theCheckFailsWhenTheDerivativeIsWrong() {
        // A deliberately wrong analytic gradient must be caught: the check is not one that cannot fail.
        GradientCheckSuite.Case good = GradientCheckSuite.run(Activation.TANH, Activation.SIGMOID, Loss.QUADRATIC, 4);
        assertTrue(good.passes());
        GradientCheck.Result bad = GradientCheckSuite.runWithCorruptedGradient(Activation.TANH, Activation.SIGMOID,
                Loss.QUADRATIC, 4, 1.001);
        assertFalse(bad.passes(GradientCheckSuite.TOLERANCE), bad.toString());
        assertTrue(bad.maxRelativeError() > 5e-4, bad.toString());
    }
}
