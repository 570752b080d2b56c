package io.mlp4j.explain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The explain page's numbers against independent values: the correct numbers of docs/seed-examples.md (derived by
 * hand, by PyTorch autograd in float64 and by finite differences), not the code's own output.
 */
class ExplainPageTest {
    private static final double EXACT = 1e-15;

    private static Map<String, ExplainPage.Equation> equations(ExplainPage.Part p) {
        return java.util.stream.Stream.of(p.forward(), p.cost(), p.backward()).flatMap(List::stream)
                .collect(Collectors.toMap(ExplainPage.Equation::key, Function.identity()));
    }

    private static Map<String, ExplainPage.Update> updates(ExplainPage.Part p) {
        return p.updates().stream().collect(Collectors.toMap(ExplainPage.Update::key, Function.identity()));
    }

    @Test
    void theBlogsNetworkIsDrawnWithItsWeightsAndActivations() {
        ExplainPage.Part p = ExplainPage.of(SeedExample.byId("2-2-2"), 6).parts().get(0);
        assertEquals(6, p.neurons().size(), "2 inputs, h1, h2, a1, a2");
        assertEquals(8, p.edges().size(), "ω1 … ω8");
        ExplainPage.Neuron a1 = p.neurons().stream().filter(n -> "a1".equals(n.label())).findFirst().orElseThrow();
        assertEquals(2, a1.layer());
        assertEquals(0.7122574322957417, a1.a(), EXACT);
        assertEquals(0.15, a1.b(), 0);
        ExplainPage.Neuron h2 = p.neurons().stream().filter(n -> "h2".equals(n.label())).findFirst().orElseThrow();
        assertEquals(0.9340109905087812, h2.a(), EXACT);
        assertEquals(0.45 + 0.2 * 2 + 0.6 * 3, h2.z(), EXACT);
        ExplainPage.Edge w8 = p.edges().stream().filter(e -> "ω8".equals(e.label())).findFirst().orElseThrow();
        assertEquals(-0.1, w8.w(), 0);
        assertEquals(List.of(2, 1, 1), List.of(w8.layer(), w8.to(), w8.from()), "ω8: h2 → a2");
        ExplainPage.Edge w3 = p.edges().stream().filter(e -> "ω3".equals(e.label())).findFirst().orElseThrow();
        assertEquals(List.of(1, 0, 1), List.of(w3.layer(), w3.to(), w3.from()), "ω3: x2 → h1");
    }

    @Test
    void theBlogsForwardPassCostAndChainRuleCarryTheCorrectNumbers() {
        ExplainPage.Part p = ExplainPage.of(SeedExample.byId("2-2-2"), 6).parts().get(0);
        Map<String, ExplainPage.Equation> eq = equations(p);
        assertEquals(0.41338242108266987, eq.get("a_1^(1)").value(), EXACT);
        assertEquals(0.5330975738715015, eq.get("a_2^(2)").value(), EXACT);
        assertEquals(0.19374977898812007, eq.get("C").value(), 1e-15);
        assertEquals(-0.5754851354085166, eq.get("dC/da_1^(2)").value(), EXACT);
        assertEquals(0.20494678243521863, eq.get("σ'_1^(2)").value(), EXACT);
        assertEquals(-0.048755904691400044, eq.get("dC/dw_1,1^(2)").value(), EXACT);
        assertEquals(-0.0641679049644533, eq.get("dC/dw_1,1^(1)").value(), 1e-16);
        // the numbers are substituted into the equations, as the blog writes them
        assertEquals("z^{(1)}_{1} = 0.3 \\cdot 2 + (-0.4) \\cdot 3 + 0.25 = -0.35", eq.get("z_1^(1)").tex());
        assertEquals("a^{(2)}_{1} = \\sigma(0.906373) = 0.712257", eq.get("a_1^(2)").tex());
        assertEquals("\\frac{\\partial C}{\\partial w^{(2)}_{1,1}} = \\frac{\\partial z^{(2)}_{1}}{\\partial w^{(2)}_{1,1}}"
                + "\\cdot\\frac{\\partial a^{(2)}_{1}}{\\partial z^{(2)}_{1}}\\cdot\\frac{\\partial C}{\\partial a^{(2)}_{1}}"
                + " = 0.413382 \\cdot 0.204947 \\cdot (-0.575485) = -0.0487559", eq.get("dC/dw_1,1^(2)").tex());
        assertEquals("ω5", eq.get("dC/dw_1,1^(2)").label());
        assertTrue(eq.get("C").tex().endsWith("= (0.712257 - 1)^2 + (0.533098 - 0.2)^2 = 0.19375"), eq.get("C").tex());
    }

    @Test
    void theBlogsUpdatesAreTheCorrectOnes() {
        Map<String, ExplainPage.Update> u = updates(ExplainPage.of(SeedExample.byId("2-2-2"), 6).parts().get(0));
        assertEquals(12, u.size(), "8 weights and 4 biases");
        // docs/seed-examples.md: ω5⁺ … b4⁺ and the five the blog does not print
        assertEquals(0.70487559046914, u.get("w_1,1^(2)").after(), 1e-14);
        assertEquals(-0.3068546661278576, u.get("w_2,1^(2)").after(), EXACT);
        assertEquals(0.5110160830532412, u.get("w_1,2^(2)").after(), EXACT);
        assertEquals(-0.11548767720436505, u.get("w_2,2^(2)").after(), EXACT);
        assertEquals(0.16179438268412716, u.get("b_1^(2)").after(), EXACT);
        assertEquals(0.3334180996136582, u.get("b_2^(2)").after(), EXACT);
        assertEquals(0.3064167904964453, u.get("w_1,1^(1)").after(), EXACT);
        assertEquals(0.20093134370476357, u.get("w_2,1^(1)").after(), EXACT);
        assertEquals(-0.39037481425533205, u.get("w_1,2^(1)").after(), EXACT);
        assertEquals(0.6013970155571453, u.get("w_2,2^(1)").after(), EXACT);
        assertEquals(0.25320839524822264, u.get("b_1^(1)").after(), EXACT);
        assertEquals(0.4504656718523818, u.get("b_2^(1)").after(), EXACT);
        assertEquals("ω8", u.get("w_2,2^(2)").label());
        assertEquals(0.7, u.get("w_1,1^(2)").before(), 0);
        assertEquals("{w^{(2)}_{1,1}}^{+} = 0.7 - 0.1 \\cdot (-0.0487559) = 0.704876", u.get("w_1,1^(2)").tex());
    }

    @Test
    void theSeedChecksMarkTheSameValuesAsTheTerminalTrace() {
        ExplainPage page = ExplainPage.of(SeedExample.byId("2-2-2"), 6);
        List<ExplainPage.SeedCheck> checks = page.parts().get(0).checks();
        List<String> wrong = checks.stream().filter(c -> !c.agrees()).map(ExplainPage.SeedCheck::key).toList();
        assertEquals(List.copyOf(new java.util.TreeSet<>(SeedExample.byId("2-2-2").render(6).discrepancies())),
                List.copyOf(new java.util.TreeSet<>(wrong)));
        assertEquals(7, checks.stream().filter(ExplainPage.SeedCheck::agrees).count());
        ExplainPage.SeedCheck sigma = checks.stream().filter(c -> c.key().equals("σ'_1^(2)")).findFirst().orElseThrow();
        assertEquals("0.220793265944315", sigma.printed());
        assertEquals(0.20494678243521863, sigma.ours(), EXACT);
        assertTrue(sigma.note().contains("σ′ at the activation"), sigma.note());
        ExplainPage.SeedCheck w8 = checks.stream().filter(c -> c.key().equals("w_2,2^(2)+")).findFirst().orElseThrow();
        assertEquals("ω8", w8.label());
        assertTrue(w8.note().contains("copy of −ω7⁺"));
        ExplainPage.SeedCheck h1 = checks.stream().filter(c -> c.key().equals("a_1^(1)")).findFirst().orElseThrow();
        assertTrue(h1.agrees());
        assertNull(h1.note());
        assertEquals("h1", h1.label());
    }

    @Test
    void theEssaysLayerAndSingleWeightStep() {
        ExplainPage page = ExplainPage.of(SeedExample.byId("4-2"), 6);
        assertEquals(2, page.parts().size());
        ExplainPage.Part layer = page.parts().get(0);
        assertEquals(6, layer.neurons().size());
        assertEquals(8, layer.edges().size());
        assertTrue(layer.cost().isEmpty() && layer.backward().isEmpty() && layer.updates().isEmpty(), "a forward pass only");
        Map<String, ExplainPage.Equation> eq = equations(layer);
        assertEquals(0.18704, eq.get("z_1^(1)").value(), 1e-12);
        assertEquals(-2.18447, eq.get("z_2^(1)").value(), 1e-12);
        assertEquals(0.5466241543849584, eq.get("a_1^(1)").value(), EXACT);
        assertEquals(0.10115378272331664, eq.get("a_2^(1)").value(), EXACT);
        assertTrue(layer.checks().stream().allMatch(ExplainPage.SeedCheck::agrees));

        ExplainPage.Part step = page.parts().get(1);
        Map<String, ExplainPage.Equation> s = equations(step);
        assertEquals(0.2350037122015945, s.get("σ'_1^(1)").value(), EXACT);
        assertEquals(-0.14195753387941898, s.get("dC/dw_1,1^(1)").value(), EXACT);
        assertEquals(0.15709787669397093, updates(step).get("w_1,1^(1)").after(), EXACT);
        ExplainPage.SeedCheck slip = step.checks().stream().filter(c -> !c.agrees()).findFirst().orElseThrow();
        assertEquals("w_1,1^(1)+", slip.key());
        assertEquals("W_1,1", slip.label());
        assertEquals("0.1271", slip.printed());
        assertNotNull(slip.note());
    }

    @Test
    void thePageAndTheTerminalShowTheSameNumbers() {
        for (SeedExample e : SeedExample.all()) {
            for (int digits : new int[] {3, 6, 17}) {
                String terminal = e.render(digits).text();
                for (ExplainPage.Part p : ExplainPage.of(e, digits).parts()) {
                    for (ExplainPage.Equation q : equations(p).values()) {
                        String shown = SignificantDigits.format(q.value(), digits);
                        assertTrue(terminal.contains(shown), e.id() + " " + q.key() + " = " + shown + " not in the trace");
                        assertTrue(q.tex().endsWith("= " + shown.replace('−', '-')), q.tex());
                    }
                }
            }
        }
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void theActivationPlotsMarkEachNeuronsZOnSigmaAndItsDerivative() {
        ExplainPage.Part p = ExplainPage.of(SeedExample.byId("2-2-2"), 6).parts().get(0);
        assertEquals(2, p.activations().size());
        ExplainPage.ActivationPlot out = p.activations().get(1);
        assertEquals("sigmoid", out.activation());
        ExplainPage.Marker a1 = out.markers().get(0);
        assertEquals("a1", a1.label());
        assertEquals(0.7122574322957417, a1.a(), EXACT);
        assertEquals(0.20494678243521863, a1.derivative(), EXACT);
        assertEquals(0.15 + 0.7 * 0.41338242108266987 + 0.5 * 0.9340109905087812, a1.z(), 1e-15);
        for (int i = 0; i < out.z().length; i += 17) {
            double s = sigmoid(out.z()[i]);
            assertEquals(s, out.a()[i], 1e-15);
            assertEquals(s * (1 - s), out.derivative()[i], 1e-15);
        }
        assertTrue(out.z()[0] <= -6 && out.z()[out.z().length - 1] >= 6);
        ExplainPage.Marker h2 = p.activations().get(0).markers().get(1);
        assertEquals(2.65, h2.z(), 1e-15);
        assertTrue(h2.z() < p.activations().get(0).z()[p.activations().get(0).z().length - 1]);
    }

    @Test
    void theCostSurfaceIsTheBlogsCostOverOmega5AndOmega7AndThePathStartsWithTheUpdate() {
        ExplainPage.CostSurface s = ExplainPage.of(SeedExample.byId("2-2-2"), 6).parts().get(0).surface();
        assertEquals(List.of("w_1,1^(2)", "ω5", "w_1,2^(2)", "ω7"), List.of(s.xKey(), s.xLabel(), s.yKey(), s.yLabel()));
        assertEquals(List.of(0.7, 0.5, 0.19374977898812007), List.of(s.path().get(0)[0], s.path().get(0)[1], s.path().get(0)[2]));
        // the first step is the update of section 5 (docs/seed-examples.md's ω5⁺ and ω7⁺)
        assertEquals(0.70487559046914, s.path().get(1)[0], 1e-14);
        assertEquals(0.5110160830532412, s.path().get(1)[1], EXACT);
        for (int i = 1; i < s.path().size(); i++) assertTrue(s.path().get(i)[2] < s.path().get(i - 1)[2], "descends");
        // the grid against the blog's equations written out: only a1 depends on ω5 and ω7
        double h1 = sigmoid(0.25 + 0.3 * 2 - 0.4 * 3), h2 = sigmoid(0.45 + 0.2 * 2 + 0.6 * 3);
        double a2 = sigmoid(0.35 - 0.3 * h1 - 0.1 * h2);
        for (int iy : new int[] {0, 7, s.ys().length - 1}) {
            for (int ix : new int[] {0, 20, s.xs().length - 1}) {
                double a1 = sigmoid(0.15 + s.xs()[ix] * h1 + s.ys()[iy] * h2);
                assertEquals((a1 - 1) * (a1 - 1) + (a2 - 0.2) * (a2 - 0.2), s.cost()[iy][ix], 1e-14);
            }
        }
        double[] last = s.path().get(s.path().size() - 1);
        assertTrue(last[0] > s.xs()[0] && last[0] < s.xs()[s.xs().length - 1] && last[1] > s.ys()[0]
                && last[1] < s.ys()[s.ys().length - 1], "the path lies inside the window");
    }

    @Test
    void theEssaysSurfaceIsOverItsWeightAndBias() {
        ExplainPage page = ExplainPage.of(SeedExample.byId("4-2"), 6);
        assertNull(page.parts().get(0).surface(), "a forward pass has no cost");
        ExplainPage.CostSurface s = page.parts().get(1).surface();
        assertEquals(List.of("w_1,1^(1)", "W_1,1", "b_1^(1)"), List.of(s.xKey(), s.xLabel(), s.yKey()));
        assertEquals(0.15709787669397093, s.path().get(1)[0], EXACT);
    }

    @Test
    void digitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ExplainPage.of(SeedExample.byId("2-2-2"), 0));
        assertFalse(ExplainPage.of(SeedExample.byId("2-2-2"), 17).parts().isEmpty());
    }
}
