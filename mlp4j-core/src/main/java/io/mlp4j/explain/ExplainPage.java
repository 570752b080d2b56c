package io.mlp4j.explain;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Loss;
import io.mlp4j.reference.ReferenceNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The explain page's content, for a renderer that draws it (the CLI's HTML page): the network as neurons and edges,
 * the forward pass, the cost, backpropagation as the blog's chain-rule products, the update, and the seeds' printed
 * numbers beside ours. Every number comes from the same {@link Trace} the terminal renderer prints, so the page and
 * the terminal show the same values; equations are TeX with the numbers substituted, formatted to {@code digits}
 * significant digits, each with a plain-text twin for readers without math rendering.
 *
 * @param parts one per traced computation of the example (the essay has two)
 */
public record ExplainPage(String id, String title, int digits, List<Part> parts) {

    /**
     * One traced computation: sections 1–8 of the page. {@code cost} and the backward lists are empty for a forward
     * pass only. {@code neurons} and {@code edges} are the whole network; when a layer is wider than
     * {@link WideLayers#MAX_FULL}, {@code forward}, {@code backward} and {@code updates} keep only the neurons and
     * weights {@link WideLayers#shown} and {@code tables} holds every number (null when nothing is summarized).
     */
    public record Part(String heading, String intro, Trace trace, List<Neuron> neurons, List<Edge> edges,
                       List<Equation> forward, List<Equation> cost, List<Equation> backward,
                       List<Update> updates, List<SeedCheck> checks, List<ActivationPlot> activations,
                       CostSurface surface, Tables tables) {
    }

    /** Every number of a summarized step, for plain tables (no TeX): each neuron (inputs first) and each parameter. */
    public record Tables(List<NeuronRow> neurons, List<ParameterRow> parameters) {
    }

    /**
     * Neuron {@code index} of {@code layer} (0: an input, with only {@code a}); {@code dCda} and {@code sigmaPrime}
     * are NaN where δ is fused with the cost, and the backward values NaN for a forward pass only.
     */
    public record NeuronRow(int layer, int index, double a, double z, double b, double dCda, double sigmaPrime,
                            double delta) {
    }

    /** The weight w_to,from^(layer), or with {@code from} −1 the bias b_to^(layer): before, ∂C/∂ω and after the step. */
    public record ParameterRow(int layer, int to, int from, double before, double gradient, double after) {
        /** The terminal trace's name: {@code w_j,k^(l)} or {@code b_j^(l)}. */
        public String key() {
            return (from < 0 ? "b_" + (to + 1) : "w_" + (to + 1) + "," + (from + 1)) + "^(" + layer + ")";
        }
    }

    /** Section 7: a layer's activation a(z) and derivative over z, sampled, with each neuron's z of this step marked. */
    public record ActivationPlot(int layer, String activation, double[] z, double[] a, double[] derivative,
                                 List<Marker> markers) {
    }

    /** A neuron's point on its activation's curves: its z, a = σ(z) and σ′(z) from the trace. */
    public record Marker(String key, String label, double z, double a, double derivative) {
    }

    /**
     * Section 8: the cost over two parameters into the first output neuron, every other one fixed
     * ({@code cost[iy][ix]} at {@code xs[ix]}, {@code ys[iy]}), and a gradient-descent path on those two:
     * {x, y, C, a_1, …, a_n} per point (the network's outputs last), the first at this step's values; the contour
     * lines of C at evenly spaced levels. Null for a forward pass only.
     */
    public record CostSurface(String xKey, String xLabel, String yKey, String yLabel, double eta, double[] xs,
                              double[] ys, double[][] cost, List<double[]> path, List<Contour> contours) {
    }

    /** One contour line of section 8: the segments {x1, y1, x2, y2} where C equals {@code level} ({@link Contours}). */
    public record Contour(double level, List<double[]> segments) {
    }

    /** A neuron of the drawing; an input (layer 0) has no z or b (NaN). {@code label} is the seed's name or null. */
    public record Neuron(int layer, int index, String key, String label, double a, double z, double b) {
    }

    /** The edge from neuron {@code from} of layer {@code layer − 1} into neuron {@code to} of layer {@code layer}. */
    public record Edge(int layer, int to, int from, String key, String label, double w) {
    }

    /** A typeset equation with its numbers substituted; {@code value} is its right-hand side at full precision. */
    public record Equation(String key, String label, String tex, String text, double value) {
    }

    /** ω⁺ = ω − η·∂C/∂ω for one weight or bias. */
    public record Update(String key, String label, double before, double gradient, double eta, double after,
                         String tex) {
    }

    /** A number a seed printed beside ours; {@code note} says why it is wrong (null when it agrees). */
    public record SeedCheck(String key, String label, String printed, double ours, boolean agrees, String note) {
    }

    /** A number as the page and the terminal trace show it: {@code digits} significant digits, a typographic minus. */
    public String format(double v) {
        return SignificantDigits.format(v, digits);
    }

    /** The most steps of section 8's gradient-descent path. */
    public static final int MAX_PATH_STEPS = ExplainPlots.MAX_PATH_STEPS;
    /** The steps of section 8's path unless asked otherwise. */
    public static final int DEFAULT_PATH_STEPS = ExplainPlots.PATH_STEPS;

    /** The page of a seed example, numbers formatted to {@code digits} significant digits (1 to 17). */
    public static ExplainPage of(SeedExample example, int digits) {
        return of(example, digits, ExplainPlots.PATH_STEPS, Double.NaN);
    }

    /**
     * As {@link #of(SeedExample, int)} with section 8's path of {@code steps} gradient-descent steps (1 to
     * {@link #MAX_PATH_STEPS}) of learning rate {@code pathEta} (NaN: the step's own η, so the path's first step is
     * the page's update).
     */
    public static ExplainPage of(SeedExample example, int digits, int steps, double pathEta) {
        if (digits < 1 || digits > 17) throw new IllegalArgumentException("digits must be 1 to 17, got " + digits);
        List<Part> parts = new ArrayList<>();
        for (SeedExample.Part p : example.parts()) {
            parts.add(new Builder(digits, p.annotations(), p.trace()).build(p.heading(), p.intro(), steps, pathEta));
        }
        return new ExplainPage(example.id(), example.title(), digits, List.copyOf(parts));
    }

    /** Builds one part from a trace; the keys are the terminal trace's ({@link Trace#values()}). */
    private static final class Builder {
        private final int digits;
        private final Annotations notes;
        private final Trace t;
        private final ReferenceNetwork net;
        private final Architecture arch;

        Builder(int digits, Annotations notes, Trace t) {
            this.digits = digits;
            this.notes = notes;
            this.t = t;
            this.net = t.network();
            this.arch = net.architecture();
        }

        Part build(String heading, String intro, int steps, double pathEta) {
            return new Part(heading, intro, t, neurons(), edges(), forward(), cost(), backward(), updates(), checks(),
                    ExplainPlots.activations(t, notes), ExplainPlots.surface(t, notes, steps, pathEta),
                    WideLayers.anyWide(arch) ? WideLayers.tables(t) : null);
        }

        private List<Neuron> neurons() {
            List<Neuron> out = new ArrayList<>();
            for (int k = 0; k < t.input().length; k++) {
                String key = "x_" + (k + 1);
                out.add(new Neuron(0, k, key, null, t.input()[k], Double.NaN, Double.NaN));
            }
            for (int l = 0; l < arch.depth(); l++) {
                for (int j = 0; j < arch.layers().get(l).units(); j++) {
                    String key = "a_" + (j + 1) + sup(l);
                    out.add(new Neuron(l + 1, j, key, notes.label(key), t.pass().a()[l + 1][j], t.pass().z()[l][j],
                            net.bias(l, j)));
                }
            }
            return List.copyOf(out);
        }

        private List<Edge> edges() {
            List<Edge> out = new ArrayList<>();
            for (int l = 0; l < arch.depth(); l++) {
                for (int j = 0; j < arch.layers().get(l).units(); j++) {
                    for (int k = 0; k < arch.fanIn(l); k++) {
                        String key = "w_" + (j + 1) + "," + (k + 1) + sup(l);
                        out.add(new Edge(l + 1, j, k, key, notes.label(key), net.weight(l, j, k)));
                    }
                }
            }
            return List.copyOf(out);
        }

        // z_j^(l) = Σ_k w_j,k^(l)·a_k^(l−1) + b_j^(l), then a_j^(l) = σ(z_j^(l)) (the blog's Eq 10–11)
        private List<Equation> forward() {
            List<Equation> out = new ArrayList<>();
            for (int l = 0; l < arch.depth(); l++) {
                Activation f = arch.layers().get(l).activation();
                double[] aPrev = t.pass().a()[l];
                int units = arch.layers().get(l).units();
                for (int j = 0; j < units; j++) {
                    if (!WideLayers.shown(j, units)) continue;
                    double z = t.pass().z()[l][j];
                    final int jj = j, ll = l;
                    String tex = WideLayers.sum(aPrev.length,
                            k -> texFactor(net.weight(ll, jj, k)) + " \\cdot " + texFactor(aPrev[k]), WideLayers::texGap);
                    String text = WideLayers.sum(aPrev.length,
                            k -> factor(net.weight(ll, jj, k)) + "·" + factor(aPrev[k]), WideLayers::textGap);
                    String zKey = "z_" + (j + 1) + sup(l);
                    out.add(new Equation(zKey, notes.label(zKey),
                            "z" + texIndex(j, l) + " = " + tex + " + " + texFactor(net.bias(l, j)) + " = " + texNum(z),
                            zKey + " = " + text + " + " + factor(net.bias(l, j)) + " = " + num(z), z));
                    String aKey = "a_" + (j + 1) + sup(l);
                    double a = t.pass().a()[l + 1][j];
                    String fn = f == Activation.SOFTMAX ? "\\operatorname{softmax}(z)_{" + (j + 1) + "}"
                            : "\\sigma(" + texNum(z) + ")";
                    out.add(new Equation(aKey, notes.label(aKey), "a" + texIndex(j, l) + " = " + fn + " = " + texNum(a),
                            aKey + " = " + (f == Activation.SOFTMAX ? "softmax(z)_" + (j + 1) : "σ(" + num(z) + ")")
                                    + " = " + num(a), a));
                }
            }
            return List.copyOf(out);
        }

        private List<Equation> cost() {
            if (t.backprop() == null) return List.of();
            Loss loss = arch.loss();
            double c = t.backprop().cost();
            if (loss == Loss.CROSS_ENTROPY) { // C = −Σ_j y_j·log a_j, a = softmax(z)
                StringBuilder tex = new StringBuilder(), text = new StringBuilder();
                double[] a = t.pass().output(), y = t.target();
                for (int j = 0; j < a.length; j++) {
                    if (y[j] == 0) continue;
                    tex.append(tex.length() > 0 ? " + " : "").append(texNum(y[j])).append(" \\cdot \\log ").append(texNum(a[j]));
                    text.append(text.length() > 0 ? " + " : "").append(num(y[j])).append("·log ").append(num(a[j]));
                }
                return List.of(new Equation("C", null, "C = -\\sum_j y_j \\log a_j = -\\left(" + tex + "\\right) = " + texNum(c),
                        "C = −Σ_j y_j·log a_j = −(" + text + ") = " + num(c), c));
            }
            if (loss != Loss.QUADRATIC && loss != Loss.MSE) {
                return List.of(new Equation("C", null, "C = " + texNum(c), "C = " + num(c), c));
            }
            double[] a = t.pass().output(), y = t.target();
            StringBuilder tex = new StringBuilder(), text = new StringBuilder();
            for (int j = 0; j < a.length; j++) {
                tex.append(j > 0 ? " + " : "").append("(").append(texNum(a[j])).append(" - ").append(texNum(y[j])).append(")^2");
                text.append(j > 0 ? " + " : "").append("(").append(num(a[j])).append(" − ").append(num(y[j])).append(")²");
            }
            String mean = loss == Loss.MSE ? "\\frac{1}{" + a.length + "}" : "";
            int L = arch.depth() - 1;
            return List.of(new Equation("C", null,
                    "C = " + mean + "\\sum_j \\left(a" + texIndex(-1, L).replace("{0}", "{j}") + " - y_j\\right)^2 = "
                            + mean + (mean.isEmpty() ? "" : "\\left[") + tex + (mean.isEmpty() ? "" : "\\right]")
                            + " = " + texNum(c),
                    "C = " + (loss == Loss.MSE ? "(1/" + a.length + ")·" : "") + "Σ_j (a_j − y_j)² = " + text + " = " + num(c), c));
        }

        // The blog's chain rule: ∂C/∂w = ∂z/∂w · ∂a/∂z · ∂C/∂a, with ∂a/∂z = σ′(z), layer by layer from the output.
        private List<Equation> backward() {
            List<Equation> out = new ArrayList<>();
            ReferenceNetwork.Backprop bp = t.backprop();
            if (bp == null) return List.of();
            for (int l = arch.depth() - 1; l >= 0; l--) {
                int units = arch.layers().get(l).units();
                for (int j = 0; j < units; j++) {
                    if (!WideLayers.shown(j, units)) continue;
                    String n = (j + 1) + sup(l), idx = texIndex(j, l);
                    boolean fused = bp.dCda()[l] == null;
                    if (!fused) {
                        double dCda = bp.dCda()[l][j];
                        String how, howText;
                        if (l == arch.depth() - 1) {
                            String two = arch.loss() == Loss.MSE ? "\\frac{2}{n}" : "2";
                            how = two + "\\left(a" + idx + " - y_{" + (j + 1) + "}\\right) = " + two + "(" + texNum(t.pass().output()[j])
                                    + " - " + texNum(t.target()[j]) + ")";
                            howText = (arch.loss() == Loss.MSE ? "(2/n)" : "2") + "·(" + num(t.pass().output()[j]) + " − "
                                    + num(t.target()[j]) + ")";
                        } else {
                            final int ll = l, jj = j;
                            double[] next = bp.delta()[l + 1];
                            how = "\\sum_i w^{(" + (l + 2) + ")}_{i," + (j + 1) + "}\\,\\delta^{(" + (l + 2) + ")}_i = "
                                    + WideLayers.sum(next.length, i -> texFactor(net.weight(ll + 1, i, jj)) + " \\cdot "
                                    + texFactor(next[i]), WideLayers::texGap);
                            howText = "Σ_i w_i," + (j + 1) + "·δ_i = " + WideLayers.sum(next.length,
                                    i -> factor(net.weight(ll + 1, i, jj)) + "·" + factor(next[i]), WideLayers::textGap);
                        }
                        add(out, "dC/da_" + n, "\\frac{\\partial C}{\\partial a" + idx + "} = " + how + " = " + texNum(dCda),
                                "∂C/∂a_" + n + " = " + howText + " = " + num(dCda), dCda);
                        double s = bp.sigmaPrime()[l][j];
                        add(out, "σ'_" + n, "\\frac{\\partial a" + idx + "}{\\partial z" + idx + "} = \\sigma'(z" + idx + ") = "
                                        + derivativeTex(arch.layers().get(l).activation(), t.pass().a()[l + 1][j]) + " = " + texNum(s),
                                "σ′(z_" + n + ") = " + num(s), s);
                    }
                    double delta = bp.delta()[l][j];
                    add(out, "δ_" + n, "\\delta" + idx + " = \\frac{\\partial C}{\\partial z" + idx + "} = "
                                    + (fused ? fusedDelta(j) : "\\frac{\\partial a" + idx + "}{\\partial z" + idx + "}\\cdot\\frac{\\partial C}{\\partial a"
                                    + idx + "} = " + texFactor(bp.sigmaPrime()[l][j]) + " \\cdot " + texFactor(bp.dCda()[l][j]) + " = ")
                                    + texNum(delta),
                            "δ_" + n + " = ∂C/∂z_" + n + " = " + num(delta), delta);
                    for (int k = 0; k < arch.fanIn(l); k++) {
                        if (!WideLayers.shown(k, arch.fanIn(l))) continue;
                        String w = "w_" + (j + 1) + "," + (k + 1) + sup(l);
                        String wTex = "w^{(" + (l + 1) + ")}_{" + (j + 1) + "," + (k + 1) + "}";
                        double aPrev = t.pass().a()[l][k], g = bp.dW()[l][j][k];
                        String product = fused ? texFactor(aPrev) + " \\cdot " + texFactor(delta)
                                : texFactor(aPrev) + " \\cdot " + texFactor(bp.sigmaPrime()[l][j]) + " \\cdot " + texFactor(bp.dCda()[l][j]);
                        String chain = fused ? "\\frac{\\partial z" + idx + "}{\\partial " + wTex + "}\\cdot\\frac{\\partial C}{\\partial z" + idx + "}"
                                : "\\frac{\\partial z" + idx + "}{\\partial " + wTex + "}\\cdot\\frac{\\partial a" + idx
                                + "}{\\partial z" + idx + "}\\cdot\\frac{\\partial C}{\\partial a" + idx + "}";
                        add(out, "dC/d" + w, "\\frac{\\partial C}{\\partial " + wTex + "} = " + chain + " = " + product + " = " + texNum(g),
                                "∂C/∂" + w + " = ∂z/∂w·∂a/∂z·∂C/∂a = " + factor(aPrev) + "·" + (fused ? factor(delta)
                                        : factor(bp.sigmaPrime()[l][j]) + "·" + factor(bp.dCda()[l][j])) + " = " + num(g), g);
                    }
                    String b = "b_" + n;
                    double g = bp.db()[l][j];
                    add(out, "dC/d" + b, "\\frac{\\partial C}{\\partial b" + idx + "} = \\frac{\\partial z" + idx + "}{\\partial b" + idx
                                    + "}\\cdot\\frac{\\partial C}{\\partial z" + idx + "} = 1 \\cdot " + texFactor(delta) + " = " + texNum(g),
                            "∂C/∂" + b + " = 1·δ = " + num(g), g);
                }
            }
            return List.copyOf(out);
        }

        /** δ of an output fused with its cost: softmax with cross-entropy gives a·Σy − y, sigmoid with BCE (a − y)/n. */
        private String fusedDelta(int j) {
            double a = t.pass().output()[j], y = t.target()[j];
            if (arch.loss() == Loss.CROSS_ENTROPY) {
                double sum = 0;
                for (double v : t.target()) sum += v;
                return "a_{" + (j + 1) + "} \\sum_i y_i - y_{" + (j + 1) + "} = " + texNum(a) + " \\cdot " + texNum(sum) + " - "
                        + texNum(y) + " = ";
            }
            return "\\frac{a_{" + (j + 1) + "} - y_{" + (j + 1) + "}}{" + t.pass().output().length + "} = \\frac{" + texNum(a)
                    + " - " + texNum(y) + "}{" + t.pass().output().length + "} = ";
        }

        private void add(List<Equation> out, String key, String tex, String text, double v) {
            out.add(new Equation(key, labelOf(key), tex, text, v));
        }

        /** The seed's name of the value a key is about: ω5 for dC/dw_1,1^(2), a1 for σ'_1^(2). */
        private String labelOf(String key) {
            String k = key.replaceFirst("^(dC/d|dz/d|σ'_|δ_|dC/da_)", "");
            if (key.startsWith("σ'_") || key.startsWith("δ_") || key.startsWith("dC/da_")) k = "a_" + k;
            return notes.label(k);
        }

        // ω⁺ = ω − η·∂C/∂ω (the blog's Eq 16)
        private List<Update> updates() {
            if (t.backprop() == null) return List.of();
            List<Update> out = new ArrayList<>();
            ReferenceNetwork.Backprop bp = t.backprop();
            for (int l = arch.depth() - 1; l >= 0; l--) {
                int units = arch.layers().get(l).units();
                for (int j = 0; j < units; j++) {
                    if (!WideLayers.shown(j, units)) continue;
                    for (int k = 0; k < arch.fanIn(l); k++) {
                        if (!WideLayers.shown(k, arch.fanIn(l))) continue;
                        String w = "w_" + (j + 1) + "," + (k + 1) + sup(l);
                        out.add(update(w, "w^{(" + (l + 1) + ")}_{" + (j + 1) + "," + (k + 1) + "}", net.weight(l, j, k),
                                bp.dW()[l][j][k], t.updated().weight(l, j, k)));
                    }
                    out.add(update("b_" + (j + 1) + sup(l), "b" + texIndex(j, l), net.bias(l, j), bp.db()[l][j],
                            t.updated().bias(l, j)));
                }
            }
            return List.copyOf(out);
        }

        private Update update(String key, String texName, double before, double g, double after) {
            String tex = "{" + texName + "}^{+} = " + texNum(before) + " - " + texNum(t.eta()) + " \\cdot " + texFactor(g) + " = " + texNum(after);
            return new Update(key, notes.label(key), before, g, t.eta(), after, tex);
        }

        private List<SeedCheck> checks() {
            Map<String, Double> values = t.values();
            List<SeedCheck> out = new ArrayList<>();
            for (Map.Entry<String, Double> v : values.entrySet()) {
                PrintedValue p = notes.printed(v.getKey());
                if (p == null) continue;
                boolean agrees = p.agreesWith(v.getValue());
                out.add(new SeedCheck(v.getKey(), labelOf(v.getKey().endsWith("+") ? v.getKey().substring(0, v.getKey().length() - 1)
                        : v.getKey()), p.text(), v.getValue(), agrees, agrees ? null : p.note()));
            }
            return List.copyOf(out);
        }

        // ---- formatting ----------------------------------------------------------------------------------------

        private String num(double v) {
            return SignificantDigits.format(v, digits);
        }

        private String factor(double v) {
            return v < 0 ? "(" + num(v) + ")" : num(v);
        }

        private String texNum(double v) {
            return num(v).replace('−', '-').replaceFirst("E([+-]?)(\\d+)$", "\\\\times 10^{$1$2}").replace("{+", "{");
        }

        private String texFactor(double v) {
            return v < 0 ? "(" + texNum(v) + ")" : texNum(v);
        }

        /** {@code ^{(l)}_{j}} for neuron j (0-based) of layer l (0-based, so printed l + 1); j = −1 gives {0}. */
        private static String texIndex(int j, int l) {
            return "^{(" + (l + 1) + ")}_{" + (j + 1) + "}";
        }

        private String derivativeTex(Activation f, double a) {
            return switch (f) {
                case SIGMOID -> "a(1 - a) = " + texNum(a) + "\\,(1 - " + texNum(a) + ")";
                case TANH -> "1 - a^2 = 1 - " + texFactor(a) + "^2";
                case RELU -> "[z > 0]";
                case LEAKY_RELU -> "\\begin{cases}1 & z > 0\\\\ " + Activation.LEAKY_SLOPE + " & z \\le 0\\end{cases}";
                case IDENTITY -> "1";
                case SOFTMAX -> throw new IllegalStateException("softmax is fused with its cost");
            };
        }

        private static String sup(int layer) {
            return "^(" + (layer + 1) + ")";
        }
    }
}
