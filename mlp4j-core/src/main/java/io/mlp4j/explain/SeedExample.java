package io.mlp4j.explain;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import io.mlp4j.nn.Loss;
import io.mlp4j.reference.ReferenceNetwork;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The worked examples of the two seed documents, with the numbers they printed, so the explain trace can show the
 * correct value beside each printed one. Every printed number here is copied from the documents in
 * {@code shared/seeds/}; the notes say why a printed number is wrong (derived by hand and confirmed by finite
 * differences; see docs/seed-examples.md).
 */
public record SeedExample(String id, String title, List<Part> parts) {

    /** One traced computation of an example. {@code target} null means a forward pass only. */
    public record Part(String heading, String intro, ReferenceNetwork network, double[] input, double[] target,
                       double eta, Annotations annotations) {

        public Trace trace() {
            return target == null ? Trace.forwardOnly(network, input) : Trace.of(network, input, target, eta);
        }
    }

    /** The examples by id: "2-2-2" (the blog) and "4-2" (the essay). */
    public static List<SeedExample> all() {
        return List.of(blog222(), essay42());
    }

    public static SeedExample byId(String id) {
        for (SeedExample e : all()) {
            if (e.id().equals(id)) return e;
        }
        throw new IllegalArgumentException("unknown example '" + id + "' (expected one of "
                + all().stream().map(SeedExample::id).toList() + ")");
    }

    /** Renders every part of the example with {@code digits} significant digits. */
    public Rendering render(int digits) {
        StringBuilder text = new StringBuilder(title).append("\n\n");
        List<TraceRenderer.Discrepancy> wrong = new java.util.ArrayList<>();
        int agreements = 0;
        for (Part part : parts) {
            text.append("== ").append(part.heading()).append(" ==\n").append(part.intro()).append("\n\n");
            TraceRenderer.Rendered r = new TraceRenderer(digits, part.annotations()).render(part.trace());
            text.append(r.text()).append('\n');
            wrong.addAll(r.discrepancies());
            agreements += r.agreements();
        }
        text.append("Seed check: ").append(agreements).append(agreements == 1 ? " printed value agrees, " : " printed values agree, ")
                .append(wrong.size()).append(wrong.size() == 1 ? " differs" : " differ")
                .append(wrong.isEmpty() ? ".\n" : " (marked ✗; the correct values are derived in docs/seed-examples.md).\n");
        return new Rendering(text.toString(), agreements, wrong.stream().map(TraceRenderer.Discrepancy::key).toList());
    }

    /** The rendered text, how many printed numbers agreed, and the keys of those that did not. */
    public record Rendering(String text, int agreements, List<String> discrepancies) {
    }

    // ---- the blog: "Math and Computation in Neural Network", Figure 8 ----------------------------------------------

    private static final String SIGMA_PRIME_AT_A = "the blog evaluates σ′ at the activation (σ(a)(1 − σ(a))) instead of"
            + " at z; by its own Eq 17, σ′(z) = a(1 − a)";

    static SeedExample blog222() {
        Architecture arch = new Architecture(2, List.of(new LayerSpec(2, Activation.SIGMOID),
                new LayerSpec(2, Activation.SIGMOID)), Loss.QUADRATIC);
        // Figure 8: h1 = σ(ω1·x1 + ω3·x2 + b1), h2 = σ(ω2·x1 + ω4·x2 + b2),
        //           a1 = σ(ω5·h1 + ω7·h2 + b3), a2 = σ(ω6·h1 + ω8·h2 + b4).
        double[][][] w = {{{0.3, -0.4}, {0.2, 0.6}}, {{0.7, 0.5}, {-0.3, -0.1}}};
        double[][] b = {{0.25, 0.45}, {0.15, 0.35}};
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("a_1^(1)", "h1");
        labels.put("a_2^(1)", "h2");
        labels.put("a_1^(2)", "a1");
        labels.put("a_2^(2)", "a2");
        labels.put("w_1,1^(1)", "ω1");
        labels.put("w_2,1^(1)", "ω2");
        labels.put("w_1,2^(1)", "ω3");
        labels.put("w_2,2^(1)", "ω4");
        labels.put("w_1,1^(2)", "ω5");
        labels.put("w_2,1^(2)", "ω6");
        labels.put("w_1,2^(2)", "ω7");
        labels.put("w_2,2^(2)", "ω8");
        labels.put("b_1^(1)", "b1");
        labels.put("b_2^(1)", "b2");
        labels.put("b_1^(2)", "b3");
        labels.put("b_2^(2)", "b4");
        Map<String, PrintedValue> printed = new LinkedHashMap<>();
        printed.put("a_1^(1)", ok("0.41338242108267"));
        printed.put("a_2^(1)", ok("0.934010990508781"));
        printed.put("a_1^(2)", ok("0.712257432295742"));
        printed.put("a_2^(2)", ok("0.533097573871501"));
        printed.put("C", ok("0.19374977898811957"));
        printed.put("dC/da_1^(2)", ok("-0.5754851354085166"));
        printed.put("σ'_1^(2)", wrong("0.220793265944315", SIGMA_PRIME_AT_A));
        printed.put("dz/dw_1,1^(2)", ok("0.41338242108267"));
        printed.put("dC/dw_1,1^(2)", wrong("-0.052525710835624", "follows from the σ′ slip above"));
        printed.put("w_1,1^(2)+", wrong("0.70525257108356", "follows from the σ′ slip"));
        printed.put("w_2,1^(2)+", wrong("-0.3064179482696209", "the same σ′-at-a slip"));
        printed.put("w_1,2^(2)+", wrong("0.511867846503068", "the same σ′-at-a slip"));
        printed.put("w_2,2^(2)+", wrong("-0.511867846503068", "a copy of −ω7⁺; even with the blog's σ′ slip it"
                + " would be −0.114501"));
        printed.put("b_1^(2)+", wrong("0.1627063242549253", "the same σ′-at-a slip"));
        printed.put("b_2^(2)+", wrong("0.33447454961240974", "the same σ′-at-a slip"));
        printed.put("dC/dw_1,1^(1)", wrong("-0.064945998937865", "σ′ taken at a1, a2 and h1 instead of their z"));
        printed.put("w_1,1^(1)+", wrong("0.3064945998937866", "follows from the σ′ slip"));
        Part step = new Part("one training step",
                "The blog's Figure 8 network (after Tobias Hill): sigmoid everywhere, quadratic cost, η = 0.1,\n"
                        + "input x = (2, 3), target y = (1.0, 0.2). Layer 1 is the hidden layer (h1, h2), layer 2 the output (a1, a2);\n"
                        + "w_j,k^(l) is the weight from neuron k of layer l−1 into neuron j of layer l.",
                new ReferenceNetwork(arch, w, b), new double[] {2, 3}, new double[] {1.0, 0.2}, 0.1,
                new Annotations(labels, printed));
        return new SeedExample("2-2-2", "Example 2-2-2: \"Math and Computation in Neural Network\" (the blog post)",
                List.of(step));
    }

    // ---- the essay: "Mathematics of machine learning", section 3 and 4 ---------------------------------------------

    static SeedExample essay42() {
        Architecture layer = new Architecture(4, List.of(new LayerSpec(2, Activation.SIGMOID)), Loss.QUADRATIC);
        double[][][] w = {{{-1.48, -2.49, 2.72, 3.46}, {-1.81, 2.84, -0.438, -4.80}}};
        double[][] b = {{0.884, -0.226}};
        Map<String, PrintedValue> printed = new LinkedHashMap<>();
        printed.put("sum_1^(1)", ok("-0.69696"));
        printed.put("sum_2^(1)", ok("-1.95847"));
        printed.put("z_1^(1)", ok("0.18704"));
        printed.put("z_2^(1)", ok("-2.18447"));
        printed.put("a_1^(1)", ok("0.547"));
        printed.put("a_2^(1)", ok("0.101"));
        Part forward = new Part("the layer L3 = S(W_3,2·L2 + B3)",
                "The essay's output layer of Figure 3: four hidden activations L2 = (0.978, 0.322, 0.315, 0.201) feed two\n"
                        + "sigmoid neurons. Here layer 1 is that layer and a^(0) is L2.",
                new ReferenceNetwork(layer, w, b), new double[] {0.978, 0.322, 0.315, 0.201}, null, Double.NaN,
                new Annotations(Map.of(), printed));

        // The single-weight step: a(n_1^2) = 0.8, AS_1^3 = 0.5, E_1 = 1, r = 0.05, W_1,1 = 0.15. Only neuron 1's
        // term of C depends on W_1,1, so a one-input, one-output neuron with bias 0.5 − 0.15·0.8 = 0.38 gives the
        // same ∂C/∂W_1,1.
        Architecture neuron = new Architecture(1, List.of(new LayerSpec(1, Activation.SIGMOID)), Loss.QUADRATIC);
        Map<String, PrintedValue> step = new LinkedHashMap<>();
        step.put("z_1^(1)", ok("0.5"));
        step.put("a_1^(1)", ok("0.6225"));
        step.put("dC/da_1^(1)", ok("-0.755"));
        step.put("σ'_1^(1)", ok("0.235"));
        step.put("dz/dw_1,1^(1)", ok("0.8"));
        step.put("dC/dw_1,1^(1)", ok("-0.142"));
        step.put("w_1,1^(1)+", wrong("0.1271", "0.15 − 0.05·(−0.142) = 0.15 + 0.0071 = 0.1571 (an arithmetic slip)"));
        Map<String, String> names = Map.of("a_1^(1)", "a(n_1^3)", "z_1^(1)", "AS_1^3", "w_1,1^(1)", "W_1,1");
        Part single = new Part("one weight's gradient-descent step",
                "The essay's W_1,1 = 0.15 with a(n_1^2) = 0.8, AS_1^3 = 0.5, E_1 = 1 and r = 0.05. Only a(n_1^3) depends on\n"
                        + "W_1,1, so this is one neuron with input 0.8 and bias 0.5 − 0.15·0.8 = 0.38 (so that z = AS = 0.5).",
                new ReferenceNetwork(neuron, new double[][][] {{{0.15}}}, new double[][] {{0.38}}),
                new double[] {0.8}, new double[] {1.0}, 0.05, new Annotations(names, step));
        return new SeedExample("4-2", "Example 4-2: \"Mathematics of machine learning\" (the essay)",
                List.of(forward, single));
    }

    private static PrintedValue ok(String text) {
        return new PrintedValue(text, null);
    }

    private static PrintedValue wrong(String text, String why) {
        return new PrintedValue(text, why);
    }
}
