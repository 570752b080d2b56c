package io.mlp4j.train;

import io.mlp4j.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each optimizer's update against steps computed by hand from its formula (w = 1, ∂C/∂w = 0.5, η = 0.1, two steps),
 * written out in the comments.
 */
class OptimizerTest {

    private static float[] twoSteps(Optimizer opt, boolean isWeight) {
        float[] w = {1f}, g = {0.5f};
        List<Parameter> p = List.of(new Parameter("w", w, g, isWeight));
        opt.step(p, 0.1);
        float first = w[0];
        opt.step(p, 0.1);
        return new float[] {first, w[0]};
    }

    @Test
    void plainSgdIsTheSeedsRule() {
        float[] w = twoSteps(Sgd.plain(), true);
        assertEquals(0.95f, w[0], 1e-7);   // 1 − 0.1·0.5
        assertEquals(0.90f, w[1], 1e-7);
    }

    @Test
    void momentum() {
        float[] w = twoSteps(Sgd.momentum(0.9), true);
        assertEquals(0.95f, w[0], 1e-7);   // v = 0.5; w = 1 − 0.1·0.5
        assertEquals(0.855f, w[1], 1e-7);  // v = 0.9·0.5 + 0.5 = 0.95; w = 0.95 − 0.095
    }

    @Test
    void nesterov() {
        float[] w = twoSteps(Sgd.nesterov(0.9), true);
        assertEquals(0.905f, w[0], 1e-7);  // v = 0.5; w = 1 − 0.1·(0.5 + 0.9·0.5)
        assertEquals(0.7695f, w[1], 1e-6); // v = 0.95; w = 0.905 − 0.1·(0.5 + 0.9·0.95)
    }

    @Test
    void rmsProp() {
        float[] w = twoSteps(RmsProp.rmsprop(0), true);
        // s = 0.1·0.25 = 0.025; w = 1 − 0.1·0.5/√0.025 = 1 − 0.316228
        assertEquals(1 - 0.05 / Math.sqrt(0.025), w[0], 1e-6);
        // s = 0.9·0.025 + 0.025 = 0.0475; w −= 0.05/√0.0475
        assertEquals(1 - 0.05 / Math.sqrt(0.025) - 0.05 / Math.sqrt(0.0475), w[1], 1e-6);
    }

    @Test
    void adamTakesStepsOfEtaForAConstantGradient() {
        float[] w = twoSteps(Adam.adam(0), true);
        // m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25; w = 1 − 0.1·0.5/(0.5 + 1e-8)
        assertEquals(0.9f, w[0], 1e-6);
        // m = 0.095, v = 0.00049975; m̂ = 0.095/0.19 = 0.5, v̂ = 0.00049975/0.001999 = 0.25
        assertEquals(0.8f, w[1], 1e-6);
    }

    @Test
    void weightDecayIsL2InTheGradientForWeightsOnly() {
        assertEquals(0.94f, twoSteps(Sgd.plain().withWeightDecay(0.1), true)[0], 1e-7);  // g = 0.5 + 0.1·1
        assertEquals(0.95f, twoSteps(Sgd.plain().withWeightDecay(0.1), false)[0], 1e-7); // a bias is not decayed
    }

    @Test
    void adamWDecaysTheWeightDirectly() {
        // w = 1 − 0.1·0.01·1 = 0.999, then the Adam step of 0.1: 0.899.
        assertEquals(0.899f, twoSteps(Adam.adamW(0.01), true)[0], 1e-6);
        // Adam's L2 decay goes through the moments instead: a constant gradient still gives a step of η first.
        assertEquals(0.9f, twoSteps(Adam.adam(0.01), true)[0], 1e-6);
    }

    @Test
    void stateRoundTripsThroughStateAndRestore() {
        Adam a = Adam.adam(0);
        float[] w = {1f}, g = {0.5f};
        List<Parameter> p = List.of(new Parameter("w", w, g, true));
        a.step(p, 0.1);
        Adam b = Adam.adam(0);
        b.restore(a.state());
        float[] w2 = {w[0]};
        a.step(p, 0.1);
        b.step(List.of(new Parameter("w", w2, g, true)), 0.1);
        assertEquals(w[0], w2[0]);
        assertEquals(2, b.state().stepCount());
    }

    @Test
    void rmsPropChecksItsSettings() {
        assertEquals("weight decay must be 0 or more, got -1.0",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RmsProp.rmsprop(-1)).getMessage());
        assertEquals("rho must be in (0, 1), got 1.0",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> RmsProp.of(1, 1e-8, 0)).getMessage());
    }

    @Test
    void byNameKnowsEveryOptimizer() {
        for (String id : List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw")) {
            assertEquals(id, Optimizer.byName(id, 0).id());
        }
    }
}
