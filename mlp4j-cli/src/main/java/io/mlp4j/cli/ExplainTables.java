package io.mlp4j.cli;

import io.mlp4j.explain.ExplainPage;

import java.util.List;
import java.util.function.Predicate;

import static io.mlp4j.cli.ExplainHtml.esc;

/**
 * The plain tables of a summarized page ({@link ExplainPage.Tables}): every neuron's and every parameter's numbers at
 * the page's digits, one collapsed {@code <details>} per layer, so the seeds' 784-16-16-10 network keeps all 13,002
 * of its parameters on the page without a formula each. Rows leave out their optional end tags ({@code </td>},
 * {@code </tr>}, valid HTML) because they are most of the page's bytes: 13,002 rows are about 0.7 MB this way.
 */
final class ExplainTables {
    private ExplainTables() {
    }

    /** Section 2: the input and each neuron's z, a and b. */
    static void neurons(StringBuilder h, ExplainPage page, ExplainPage.Part p) {
        List<ExplainPage.NeuronRow> rows = p.tables().neurons();
        for (int l = 0; l <= lastLayer(rows); l++) {
            final int layer = l;
            List<ExplainPage.NeuronRow> in = rows.stream().filter(r -> r.layer() == layer).toList();
            if (l == 0) {
                open(h, "The input x: " + in.size() + " values", "input", "x");
                for (ExplainPage.NeuronRow r : in) row(h, "x_" + (r.index() + 1), page, r.a());
            } else {
                open(h, "Layer " + l + ": z, a and b of its " + in.size() + " neurons", "neuron", "z", "a", "b");
                for (ExplainPage.NeuronRow r : in) row(h, "a_" + (r.index() + 1) + "^(" + l + ")", page, r.z(), r.a(), r.b());
            }
            close(h);
        }
    }

    /** Section 4: each neuron's ∂C/∂a, σ′(z), δ and ∂C/∂b; each ∂C/∂w = a·δ is in section 5's tables. */
    static void backward(StringBuilder h, ExplainPage page, ExplainPage.Part p) {
        List<ExplainPage.NeuronRow> rows = p.tables().neurons();
        for (int l = lastLayer(rows); l >= 1; l--) {
            final int layer = l;
            List<ExplainPage.NeuronRow> in = rows.stream().filter(r -> r.layer() == layer).toList();
            boolean fused = Double.isNaN(in.get(0).dCda());
            if (fused) {
                open(h, "Layer " + l + ": δ = ∂C/∂z = ∂C/∂b of its " + in.size() + " neurons", "neuron", "δ = ∂C/∂b");
                for (ExplainPage.NeuronRow r : in) row(h, "a_" + (r.index() + 1) + "^(" + l + ")", page, r.delta());
            } else {
                open(h, "Layer " + l + ": ∂C/∂a, σ′(z) and δ = ∂C/∂z = ∂C/∂b of its " + in.size() + " neurons",
                        "neuron", "∂C/∂a", "σ′(z)", "δ = ∂C/∂b");
                for (ExplainPage.NeuronRow r : in) {
                    row(h, "a_" + (r.index() + 1) + "^(" + l + ")", page, r.dCda(), r.sigmaPrime(), r.delta());
                }
            }
            close(h);
        }
        h.append("<p class=\"note\">Each weight's ∂C/∂w = a·δ (the input it multiplies times its neuron's δ) is in "
                + "section 5's tables.</p>\n");
    }

    /** Section 5: every weight and bias before and after the step, with its gradient. */
    static void parameters(StringBuilder h, ExplainPage page, ExplainPage.Part p) {
        List<ExplainPage.ParameterRow> rows = p.tables().parameters();
        int last = rows.stream().mapToInt(ExplainPage.ParameterRow::layer).max().orElse(0);
        for (int l = last; l >= 1; l--) {
            final int layer = l;
            Predicate<ExplainPage.ParameterRow> inLayer = r -> r.layer() == layer;
            long weights = rows.stream().filter(inLayer).filter(r -> r.from() >= 0).count();
            long biases = rows.stream().filter(inLayer).filter(r -> r.from() < 0).count();
            open(h, "Layer " + l + ": all " + String.format(java.util.Locale.ROOT, "%,d", weights) + " weights and "
                    + biases + " biases", "parameter", "before", "∂C/∂ω", "after");
            for (ExplainPage.ParameterRow r : rows) {
                if (r.layer() == l) row(h, r.key(), page, r.before(), r.gradient(), r.after());
            }
            close(h);
        }
    }

    private static int lastLayer(List<ExplainPage.NeuronRow> rows) {
        return rows.stream().mapToInt(ExplainPage.NeuronRow::layer).max().orElse(0);
    }

    private static void open(StringBuilder h, String summary, String... columns) {
        h.append("<details><summary>").append(esc(summary)).append("</summary>\n<div class=\"scroll\"><table class=\"all\">"
                + "<thead><tr>");
        for (String c : columns) h.append("<th scope=\"col\">").append(esc(c)).append("</th>");
        h.append("</tr></thead>\n<tbody>\n");
    }

    private static void row(StringBuilder h, String name, ExplainPage page, double... values) {
        h.append("<tr><th>").append(esc(name));
        for (double v : values) h.append("<td>").append(esc(page.format(v)));
        h.append('\n');
    }

    private static void close(StringBuilder h) {
        h.append("</tbody></table></div></details>\n");
    }
}
