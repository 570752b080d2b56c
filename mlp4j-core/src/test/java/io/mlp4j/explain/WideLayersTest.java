package io.mlp4j.explain;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import io.mlp4j.reference.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page of the seeds' 784-16-16-10 sigmoid network: the equations keep the first and last four neurons of each wide
 * layer (and of each wide sum), the tables keep every number. The numbers are checked against the forward pass and
 * finite differences of the cost written out here, not against the page's own code.
 */
class WideLayersTest {
    private static final double ETA = 3;
    private static final ReferenceNetwork NET = ReferenceNetwork.random(new Architecture(784, List.of(
            new LayerSpec(16, Activation.SIGMOID), new LayerSpec(16, Activation.SIGMOID), new LayerSpec(10, Activation.SIGMOID)),
            Loss.QUADRATIC), Initializer.NORMAL, 7);
    private static final double[] X = new double[784], Y = new double[10];

    static {
        for (int k = 0; k < 784; k++) X[k] = (k * 37 % 101) / 100.0; // no zeros in the elided middle
        Y[3] = 1;
    }

    private static ExplainPage.Part page() {
        SeedExample.Part step = new SeedExample.Part("one training step", "784-16-16-10", NET, X, Y, ETA, Annotations.NONE);
        return ExplainPage.of(new SeedExample("model", "seeds' network", List.of(step)), 6).parts().get(0);
    }

    private static final ExplainPage.Part P = page();

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The forward pass written out: a[l][j] of layer l (0 the input). */
    private static double[][] activations(ReferenceNetwork n) {
        int[] sizes = {784, 16, 16, 10};
        double[][] a = new double[4][];
        a[0] = X;
        for (int l = 1; l < 4; l++) {
            a[l] = new double[sizes[l]];
            for (int j = 0; j < sizes[l]; j++) {
                double z = n.bias(l - 1, j);
                for (int k = 0; k < sizes[l - 1]; k++) z += n.weight(l - 1, j, k) * a[l - 1][k];
                a[l][j] = sigmoid(z);
            }
        }
        return a;
    }

    private static double cost(ReferenceNetwork n) {
        double[] out = activations(n)[3];
        double c = 0;
        for (int j = 0; j < 10; j++) c += (out[j] - Y[j]) * (out[j] - Y[j]);
        return c;
    }

    @Test
    void theDrawingKeepsTheWholeNetworkAndTheEquationsTheShownNeurons() {
        assertEquals(784 + 16 + 16 + 10, P.neurons().size());
        assertEquals(784 * 16 + 16 * 16 + 16 * 10, P.edges().size());
        // a = σ(z) and z = Σ w·a + b for 8 of 16, 8 of 16 and 8 of 10 neurons: 1–4 and the last 4 of each layer
        List<String> keys = P.forward().stream().map(ExplainPage.Equation::key).filter(k -> k.startsWith("z_")).toList();
        assertEquals(List.of("z_1^(1)", "z_2^(1)", "z_3^(1)", "z_4^(1)", "z_13^(1)", "z_14^(1)", "z_15^(1)", "z_16^(1)",
                "z_1^(2)", "z_2^(2)", "z_3^(2)", "z_4^(2)", "z_13^(2)", "z_14^(2)", "z_15^(2)", "z_16^(2)",
                "z_1^(3)", "z_2^(3)", "z_3^(3)", "z_4^(3)", "z_7^(3)", "z_8^(3)", "z_9^(3)", "z_10^(3)"), keys);
        assertEquals(48, P.forward().size());
        double[][] a = activations(NET);
        for (ExplainPage.Equation e : P.forward()) {
            String[] jl = e.key().substring(2).split("\\^\\(");
            int j = Integer.parseInt(jl[0]) - 1, l = Integer.parseInt(jl[1].replace(")", ""));
            if (e.key().startsWith("a_")) assertEquals(a[l][j], e.value(), 1e-12, e.key());
        }
    }

    @Test
    void aWideSumKeepsItsFirstAndLastFourTermsAndSaysHowManyItLeavesOut() {
        ExplainPage.Equation z = P.forward().stream().filter(e -> e.key().equals("z_16^(1)")).findFirst().orElseThrow();
        String[] terms = z.tex().split(" = ")[1].split(" \\+ ");
        // w_16,1·x_1 … w_16,4·x_4, the gap, w_16,781·x_781 … w_16,784·x_784, then the bias
        assertEquals(4 + 1 + 4 + 1, terms.length, z.tex());
        assertEquals("\\underbrace{\\cdots}_{776\\text{ more}}", terms[4]);
        assertTrue(terms[0].endsWith(" \\cdot " + SignificantDigits.format(X[0], 6)), terms[0]);
        assertTrue(terms[8].endsWith(" \\cdot " + SignificantDigits.format(X[783], 6)), terms[8]);
        assertTrue(z.text().contains("… (776 more) …"), z.text());
        // the hidden layer's ∂C/∂a sums over the 10 outputs: 8 terms shown, 2 left out
        ExplainPage.Equation dCda = P.backward().stream().filter(e -> e.key().equals("dC/da_1^(2)")).findFirst().orElseThrow();
        assertTrue(dCda.tex().contains("\\underbrace{\\cdots}_{2\\text{ more}}"), dCda.tex());
        // the output layer's sums have 16 terms in, 8 shown
        ExplainPage.Equation z3 = P.forward().stream().filter(e -> e.key().equals("z_10^(3)")).findFirst().orElseThrow();
        assertTrue(z3.tex().contains("_{8\\text{ more}}"), z3.tex());
    }

    @Test
    void backpropagationAndTheUpdateWriteOutTheWeightsBetweenShownNeurons() {
        // per shown neuron (8 in each of 3 layers): ∂C/∂a, σ′, δ, 8 weights and the bias
        assertEquals(24 * (3 + 8 + 1), P.backward().size());
        assertEquals(24 * (8 + 1), P.updates().size());
        assertTrue(P.updates().stream().anyMatch(u -> u.key().equals("w_16,784^(1)")));
        assertFalse(P.updates().stream().anyMatch(u -> u.key().equals("w_16,5^(1)")), "input 5 is not shown");
        assertFalse(P.updates().stream().anyMatch(u -> u.key().equals("b_5^(1)")), "neuron 5 is not shown");
    }

    @Test
    void theTablesHoldEveryNumberOfTheStep() {
        ExplainPage.Tables t = P.tables();
        assertEquals(784 + 42, t.neurons().size());
        assertEquals(13_002, t.parameters().size(), "784·16+16 + 16·16+16 + 16·10+10");
        double[][] a = activations(NET);
        for (ExplainPage.NeuronRow r : t.neurons()) assertEquals(a[r.layer()][r.index()], r.a(), 1e-12);
        Map<String, ExplainPage.ParameterRow> rows = t.parameters().stream()
                .collect(Collectors.toMap(ExplainPage.ParameterRow::key, Function.identity()));
        // ∂C/∂ω by central differences of the cost written out above, for parameters the equations leave out
        double h = 1e-6;
        for (String key : List.of("w_5,400^(1)", "b_9^(1)", "w_7,12^(2)", "w_5,6^(3)", "b_6^(3)")) {
            ExplainPage.ParameterRow r = rows.get(key);
            ReferenceNetwork up = r.from() < 0 ? NET.withBias(r.layer() - 1, r.to(), r.before() + h)
                    : NET.withWeight(r.layer() - 1, r.to(), r.from(), r.before() + h);
            ReferenceNetwork down = r.from() < 0 ? NET.withBias(r.layer() - 1, r.to(), r.before() - h)
                    : NET.withWeight(r.layer() - 1, r.to(), r.from(), r.before() - h);
            assertEquals((cost(up) - cost(down)) / (2 * h), r.gradient(), 1e-8, key);
        }
        for (ExplainPage.ParameterRow r : t.parameters()) {
            double before = r.from() < 0 ? NET.bias(r.layer() - 1, r.to()) : NET.weight(r.layer() - 1, r.to(), r.from());
            assertEquals(before, r.before(), 0, r.key());
            assertEquals(before - ETA * r.gradient(), r.after(), 1e-15, r.key()); // ω⁺ = ω − η·∂C/∂ω
        }
        // ∂C/∂w = a·δ: the weight's input times its neuron's δ, both from the neuron table
        ExplainPage.NeuronRow x400 = t.neurons().stream().filter(n -> n.layer() == 0 && n.index() == 399).findFirst().orElseThrow();
        ExplainPage.NeuronRow n5 = t.neurons().stream().filter(n -> n.layer() == 1 && n.index() == 4).findFirst().orElseThrow();
        assertEquals(x400.a() * n5.delta(), rows.get("w_5,400^(1)").gradient(), 1e-15);
        assertEquals(n5.sigmaPrime() * n5.dCda(), n5.delta(), 1e-15);
        assertEquals(n5.a() * (1 - n5.a()), n5.sigmaPrime(), 1e-15);
    }

    @Test
    void aSmallNetworkIsWrittenOutWhole() {
        ExplainPage.Part blog = ExplainPage.of(SeedExample.byId("2-2-2"), 6).parts().get(0);
        assertNull(blog.tables());
        assertEquals(12, blog.updates().size());
        assertFalse(Stream.of(blog.forward(), blog.backward()).flatMap(List::stream).anyMatch(e -> e.tex().contains("more}")));
        assertTrue(WideLayers.shown(7, 8) && WideLayers.shown(3, 9) && !WideLayers.shown(4, 9) && WideLayers.shown(5, 9));
    }
}
