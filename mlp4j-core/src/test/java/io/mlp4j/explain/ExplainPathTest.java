package io.mlp4j.explain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Section 8's path of N steps, each point with C and the network's outputs, against the blog's 2-2-2 equations written
 * out here: only a1 depends on ω5 and ω7, C(ω5, ω7) = (a1 − 1)² + (a2 − 0.2)² and ∂C/∂ω5 = 2(a1 − 1)·a1(1 − a1)·h1,
 * ∂C/∂ω7 = 2(a1 − 1)·a1(1 − a1)·h2.
 */
class ExplainPathTest {
    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    private static final double H1 = sigmoid(0.25 + 0.3 * 2 - 0.4 * 3), H2 = sigmoid(0.45 + 0.2 * 2 + 0.6 * 3);
    private static final double A2 = sigmoid(0.35 - 0.3 * H1 - 0.1 * H2);

    /** {ω5, ω7, C, a1, a2} after each of {@code steps} steps from (0.7, 0.5) with learning rate {@code eta}. */
    private static double[][] blogPath(int steps, double eta) {
        double[][] out = new double[steps + 1][];
        double w5 = 0.7, w7 = 0.5;
        for (int k = 0; k <= steps; k++) {
            double a1 = sigmoid(0.15 + w5 * H1 + w7 * H2);
            out[k] = new double[] {w5, w7, (a1 - 1) * (a1 - 1) + (A2 - 0.2) * (A2 - 0.2), a1, A2};
            double g = 2 * (a1 - 1) * a1 * (1 - a1);
            w5 -= eta * g * H1;
            w7 -= eta * g * H2;
        }
        return out;
    }

    private static void assertPath(double[][] want, ExplainPage.CostSurface s) {
        assertEquals(want.length, s.path().size());
        for (int k = 0; k < want.length; k++) {
            assertEquals(5, s.path().get(k).length, "ω5, ω7, C, a1, a2");
            for (int i = 0; i < 5; i++) assertEquals(want[k][i], s.path().get(k)[i], 1e-12, "step " + k + ", value " + i);
        }
    }

    @Test
    void theDefaultPathIsSixtyStepsOfTheBlogsEquationsWithItsEta() {
        ExplainPage.CostSurface s = ExplainPage.of(SeedExample.byId("2-2-2"), 6).parts().get(0).surface();
        assertEquals(0.1, s.eta());
        assertPath(blogPath(ExplainPage.DEFAULT_PATH_STEPS, 0.1), s);
        // the first step is the page's update: docs/seed-examples.md's ω5⁺ and ω7⁺
        assertEquals(0.70487559046914, s.path().get(1)[0], 1e-14);
        assertEquals(0.5110160830532412, s.path().get(1)[1], 1e-15);
    }

    @Test
    void stepsAndEtaAreChosen() {
        ExplainPage.CostSurface s = ExplainPage.of(SeedExample.byId("2-2-2"), 6, 5, 0.5).parts().get(0).surface();
        assertEquals(0.5, s.eta());
        assertPath(blogPath(5, 0.5), s);
        assertPath(blogPath(1, 0.1), ExplainPage.of(SeedExample.byId("2-2-2"), 6, 1, Double.NaN).parts().get(0).surface());
        ExplainPage.CostSurface longest = ExplainPage.of(SeedExample.byId("2-2-2"), 6, ExplainPage.MAX_PATH_STEPS, 2.0)
                .parts().get(0).surface();
        assertPath(blogPath(ExplainPage.MAX_PATH_STEPS, 2.0), longest);
    }

    @Test
    void theEssaysForwardPassHasNoPathAndItsStepHasOneOutput() {
        ExplainPage page = ExplainPage.of(SeedExample.byId("4-2"), 6, 3, Double.NaN);
        assertNull(page.parts().get(0).surface());
        assertEquals(4, page.parts().get(1).surface().path().size());
        assertEquals(4, page.parts().get(1).surface().path().get(0).length, "x, y, C and one output");
    }

    @Test
    void stepsAndEtaAreChecked() {
        SeedExample blog = SeedExample.byId("2-2-2");
        assertThrows(IllegalArgumentException.class, () -> ExplainPage.of(blog, 6, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ExplainPage.of(blog, 6, ExplainPage.MAX_PATH_STEPS + 1, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ExplainPage.of(blog, 6, 5, -0.1));
        assertThrows(IllegalArgumentException.class, () -> ExplainPage.of(blog, 6, 5, Double.POSITIVE_INFINITY));
    }
}
