package io.mlp4j.explain;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Loss;
import io.mlp4j.reference.ReferenceNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link Trace} in the seeds' notation: z_j^(l), a_j^(l), C, ∂C/∂a, σ′(z), ∂z/∂w, ∂C/∂w and the updated
 * value, layer by layer. Where {@link Annotations} hold a seed's printed number for a value, the line says whether
 * it agrees (✓) or not (✗, with the reason).
 */
final class TraceRenderer {
    private static final int EXPLICIT_SUM_LIMIT = 6;
    private static final String NOTE_INDENT = "          ";

    private final int digits;
    private final Annotations notes;
    private final StringBuilder out = new StringBuilder();
    private final List<Discrepancy> discrepancies = new ArrayList<>();
    private int agreements;

    /** A value where the seed's printed number is not what the math gives. */
    record Discrepancy(String key, String label, String printed, double correct, String note) {
    }

    /** The text, and what disagreed with the seed. */
    record Rendered(String text, List<Discrepancy> discrepancies, int agreements) {
    }

    TraceRenderer(int digits, Annotations notes) {
        if (digits < 1 || digits > 17) throw new IllegalArgumentException("digits must be 1 to 17, got " + digits);
        this.digits = digits;
        this.notes = notes;
    }

    Rendered render(Trace t) {
        forward(t);
        if (t.backprop() != null) {
            cost(t);
            backward(t);
        }
        return new Rendered(out.toString(), List.copyOf(discrepancies), agreements);
    }

    // ---- forward ----------------------------------------------------------------------------------------------

    private void forward(Trace t) {
        Architecture arch = t.network().architecture();
        out.append("Forward pass: z_j = Σ_k w_j,k·a_k + b_j, then a_j = σ(z_j)\n");
        line(1, "input a^(0) = " + vector(t.input()), null, null);
        for (int l = 0; l < arch.depth(); l++) {
            Activation f = arch.layers().get(l).activation();
            out.append(String.format("  layer %d (%d → %d, %s)%n", l + 1, arch.fanIn(l),
                    arch.layers().get(l).units(), f.id()));
            double[] aPrev = t.pass().a()[l];
            for (int j = 0; j < arch.layers().get(l).units(); j++) {
                double z = t.pass().z()[l][j];
                double bias = t.network().bias(l, j);
                String n = (j + 1) + sup(l);
                value(2, "Σ_k w_" + (j + 1) + ",k·a_k = " + weightedSum(t.network(), l, j, aPrev) + " = " + num(z - bias),
                        "sum_" + n, z - bias);
                value(2, "z_" + n + " = " + num(z - bias) + " + " + paren(bias) + " = " + num(z), "z_" + n, z);
                String how = f == Activation.SOFTMAX ? "softmax(z)_" + (j + 1) : "σ(" + num(z) + ")";
                value(2, "a_" + n + " = " + how + " = " + num(t.pass().a()[l + 1][j]), "a_" + n, t.pass().a()[l + 1][j]);
            }
        }
    }

    private String weightedSum(ReferenceNetwork net, int l, int j, double[] aPrev) {
        if (aPrev.length > EXPLICIT_SUM_LIMIT) return "…";
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < aPrev.length; k++) {
            if (k > 0) s.append(" + ");
            s.append(paren(net.weight(l, j, k))).append('·').append(paren(aPrev[k]));
        }
        return s.toString();
    }

    // ---- cost -------------------------------------------------------------------------------------------------

    private void cost(Trace t) {
        Loss loss = t.network().architecture().loss();
        double[] a = t.pass().output();
        out.append("Cost: ").append(costFormula(loss)).append('\n');
        StringBuilder terms = new StringBuilder();
        if (loss == Loss.QUADRATIC || loss == Loss.MSE) {
            for (int j = 0; j < a.length; j++) {
                if (j > 0) terms.append(" + ");
                terms.append('(').append(num(a[j])).append(" − ").append(num(t.target()[j])).append(")²");
            }
            if (loss == Loss.MSE) terms.insert(0, "(1/" + a.length + ")·[").append(']');
            terms.append(" = ");
        }
        line(1, "target y = " + vector(t.target()), null, null);
        value(1, "C = " + terms + num(t.backprop().cost()), "C", t.backprop().cost());
    }

    private static String costFormula(Loss loss) {
        return switch (loss) {
            case QUADRATIC -> "C = Σ_j (a_j − y_j)²";
            case MSE -> "C = (1/n)·Σ_j (a_j − y_j)²";
            case CROSS_ENTROPY -> "C = −Σ_j y_j·log softmax(z)_j";
            case BINARY_CROSS_ENTROPY -> "C = (1/n)·Σ_j −[y_j·log a_j + (1 − y_j)·log(1 − a_j)]";
        };
    }

    // ---- backward ---------------------------------------------------------------------------------------------

    private void backward(Trace t) {
        Architecture arch = t.network().architecture();
        ReferenceNetwork.Backprop bp = t.backprop();
        out.append("Backward pass: ∂C/∂w_j,k = ∂C/∂a_j · σ′(z_j) · ∂z_j/∂w_j,k, then w⁺ = w − η·∂C/∂w (η = ")
                .append(num(t.eta())).append(")\n");
        for (int l = arch.depth() - 1; l >= 0; l--) {
            boolean output = l == arch.depth() - 1;
            out.append(String.format("  layer %d (%s)%n", l + 1, output ? "output" : "hidden"));
            for (int j = 0; j < arch.layers().get(l).units(); j++) {
                neuronBackward(t, l, j, output);
            }
        }
    }

    private void neuronBackward(Trace t, int l, int j, boolean output) {
        ReferenceNetwork.Backprop bp = t.backprop();
        Architecture arch = t.network().architecture();
        String n = (j + 1) + sup(l);
        String label = notes.label("a_" + n);
        out.append("    neuron ").append(j + 1).append(label == null ? "" : " [" + label + "]").append('\n');
        double delta = bp.delta()[l][j];
        if (bp.dCda()[l] == null) {
            value(3, "δ_" + n + " = ∂C/∂z = " + fusedFormula(arch.loss()) + " = " + num(delta), "δ_" + n, delta);
        } else {
            String dCdaHow = output ? outputGradientFormula(arch.loss(), t.pass().output()[j], t.target()[j])
                    : hiddenGradientSum(t, l, j);
            value(3, "∂C/∂a_" + n + " = " + dCdaHow + " = " + num(bp.dCda()[l][j]), "dC/da_" + n, bp.dCda()[l][j]);
            Activation f = arch.layers().get(l).activation();
            value(3, "σ′(z_" + n + ") = " + derivativeFormula(f) + " = " + num(bp.sigmaPrime()[l][j]),
                    "σ'_" + n, bp.sigmaPrime()[l][j]);
            value(3, "δ_" + n + " = ∂C/∂z = ∂C/∂a·σ′(z) = " + paren(bp.dCda()[l][j]) + "·" + paren(bp.sigmaPrime()[l][j])
                    + " = " + num(delta), "δ_" + n, delta);
        }
        for (int k = 0; k < arch.fanIn(l); k++) {
            String w = "w_" + (j + 1) + "," + (k + 1) + sup(l);
            double aPrev = t.pass().a()[l][k];
            String wLabel = notes.label(w);
            out.append("      ").append(w).append(wLabel == null ? "" : " [" + wLabel + "]")
                    .append(" = ").append(num(t.network().weight(l, j, k))).append('\n');
            value(4, "∂z/∂w = a_" + (k + 1) + sup(l - 1) + " = " + num(aPrev), "dz/d" + w, aPrev);
            value(4, "∂C/∂w = δ·∂z/∂w = " + paren(delta) + "·" + paren(aPrev) + " = " + num(bp.dW()[l][j][k]),
                    "dC/d" + w, bp.dW()[l][j][k]);
            double updated = t.updated().weight(l, j, k);
            value(4, "w⁺ = " + num(t.network().weight(l, j, k)) + " − " + num(t.eta()) + "·" + paren(bp.dW()[l][j][k])
                    + " = " + num(updated), w + "+", updated);
        }
        String b = "b_" + n;
        String bLabel = notes.label(b);
        out.append("      ").append(b).append(bLabel == null ? "" : " [" + bLabel + "]")
                .append(" = ").append(num(t.network().bias(l, j))).append('\n');
        value(4, "∂C/∂b = δ·∂z/∂b = δ·1 = " + num(bp.db()[l][j]), "dC/d" + b, bp.db()[l][j]);
        double updated = t.updated().bias(l, j);
        value(4, "b⁺ = " + num(t.network().bias(l, j)) + " − " + num(t.eta()) + "·" + paren(bp.db()[l][j]) + " = "
                + num(updated), b + "+", updated);
    }

    private String hiddenGradientSum(Trace t, int l, int k) {
        ReferenceNetwork.Backprop bp = t.backprop();
        int next = l + 1;
        StringBuilder s = new StringBuilder("Σ_j w_j," + (k + 1) + sup(next) + "·δ_j" + sup(next));
        if (bp.delta()[next].length <= EXPLICIT_SUM_LIMIT) {
            s.append(" = ");
            for (int j = 0; j < bp.delta()[next].length; j++) {
                if (j > 0) s.append(" + ");
                s.append(paren(t.network().weight(next, j, k))).append('·').append(paren(bp.delta()[next][j]));
            }
        }
        return s.toString();
    }

    private String outputGradientFormula(Loss loss, double a, double y) {
        String diff = "(" + num(a) + " − " + num(y) + ")";
        return loss == Loss.MSE ? "2(a − y)/n = 2" + diff + "/n" : "2(a − y) = 2" + diff;
    }

    private static String fusedFormula(Loss loss) {
        return loss == Loss.CROSS_ENTROPY ? "a·Σy − y (softmax fused with cross-entropy)"
                : "(a − y)/n (sigmoid fused with binary cross-entropy)";
    }

    private static String derivativeFormula(Activation f) {
        return switch (f) {
            case SIGMOID -> "a(1 − a)";
            case TANH -> "1 − a²";
            case RELU -> "(1 if z > 0 else 0)";
            case LEAKY_RELU -> "(1 if z > 0 else " + Activation.LEAKY_SLOPE + ")";
            case IDENTITY -> "1";
            case SOFTMAX -> throw new IllegalStateException("softmax is fused with its cost");
        };
    }

    // ---- lines --------------------------------------------------------------------------------------------------

    /** Prints one value, and whether it agrees with the seed's printed number when the seed printed one. */
    private void value(int indent, String text, String key, double v) {
        PrintedValue printed = notes.printed(key);
        line(indent, text, key, printed == null ? null : check(key, printed, v));
    }

    private String check(String key, PrintedValue printed, double v) {
        if (printed.agreesWith(v)) {
            agreements++;
            return "✓ seed: " + minus(printed.text());
        }
        discrepancies.add(new Discrepancy(key, notes.label(key), printed.text(), v, printed.note()));
        return "✗ seed printed " + minus(printed.text()) + (printed.note() == null ? "" : "\n" + NOTE_INDENT + "↳ " + printed.note());
    }

    private void line(int indent, String text, String key, String check) {
        out.append("  ".repeat(indent)).append(text);
        String label = key == null ? null : notes.label(key);
        if (label != null && !key.startsWith("w_") && !key.startsWith("b_")) out.append("   [").append(label).append(']');
        if (check != null) out.append("   ").append(check);
        out.append('\n');
    }

    /** A seed's number as printed, with the typographic minus the trace uses. */
    private static String minus(String printed) {
        return printed.startsWith("-") ? "−" + printed.substring(1) : printed;
    }

    private String num(double v) {
        return SignificantDigits.format(v, digits);
    }

    /** A number as a factor: negative ones in parentheses, as the blog writes (−0.4)·3. */
    private String paren(double v) {
        return v < 0 ? "(" + num(v) + ")" : num(v);
    }

    private String vector(double[] v) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) s.append(i > 0 ? ", " : "").append(num(v[i]));
        return s.append(')').toString();
    }

    private static String sup(int layer) {
        return "^(" + (layer + 1) + ")";
    }
}
