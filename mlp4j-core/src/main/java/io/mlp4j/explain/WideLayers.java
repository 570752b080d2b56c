package io.mlp4j.explain;

import io.mlp4j.nn.Architecture;
import io.mlp4j.reference.ReferenceNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * How the explain page summarizes a wide layer, the way the seeds' 784-16-16-10 network has to be: of a layer of more
 * than {@link #MAX_FULL} neurons the page draws and writes out its first and last {@code MAX_FULL / 2} (a sum over it
 * keeps those terms and writes "⋯ N more" for the rest), and it lists every number of the step, without TeX, in the
 * plain tables of {@link ExplainPage.Tables}. Measured: the 784-16-16-10 page written out whole was 12 MB with 26,195
 * formulas and did not finish loading in headless Chromium within a minute on two cores.
 */
public final class WideLayers {
    /** A layer of at most this many neurons is drawn and written out whole. */
    public static final int MAX_FULL = 8;

    private WideLayers() {
    }

    /** Whether neuron (or input) {@code index} of a layer of {@code size} is drawn and written out in full. */
    public static boolean shown(int index, int size) {
        return size <= MAX_FULL || index < MAX_FULL / 2 || index >= size - MAX_FULL / 2;
    }

    /** Whether any layer of the network, its input included, is summarized. */
    static boolean anyWide(Architecture arch) {
        if (arch.inputSize() > MAX_FULL) return true;
        for (Architecture.LayerSpec l : arch.layers()) if (l.units() > MAX_FULL) return true;
        return false;
    }

    /**
     * The terms {@code 0 … n−1} of a sum joined by " + ", the middle of a wide sum replaced by {@code gap(hidden)}:
     * {@code t₁ + … + t₄ + ⋯ + t₇₈₁ + … + t₇₈₄}.
     */
    static String sum(int n, IntFunction<String> term, IntFunction<String> gap) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n; k++) {
            if (!shown(k, n)) {
                if (k == MAX_FULL / 2) s.append(" + ").append(gap.apply(n - MAX_FULL));
                continue;
            }
            s.append(k > 0 ? " + " : "").append(term.apply(k));
        }
        return s.toString();
    }

    /** The left-out terms of a wide sum in TeX: a brace under the dots says how many. */
    static String texGap(int hidden) {
        return "\\underbrace{\\cdots}_{" + hidden + "\\text{ more}}";
    }

    static String textGap(int hidden) {
        return "… (" + hidden + " more) …";
    }

    /** Every neuron's and every parameter's numbers of the step, for the page's plain tables. */
    static ExplainPage.Tables tables(Trace t) {
        ReferenceNetwork net = t.network();
        Architecture arch = net.architecture();
        ReferenceNetwork.Backprop bp = t.backprop();
        List<ExplainPage.NeuronRow> neurons = new ArrayList<>();
        for (int k = 0; k < arch.inputSize(); k++) {
            neurons.add(new ExplainPage.NeuronRow(0, k, t.input()[k], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        List<ExplainPage.ParameterRow> parameters = new ArrayList<>();
        for (int l = 0; l < arch.depth(); l++) {
            for (int j = 0; j < arch.layers().get(l).units(); j++) {
                boolean chain = bp != null && bp.dCda()[l] != null; // null: δ fused with the cost
                neurons.add(new ExplainPage.NeuronRow(l + 1, j, t.pass().a()[l + 1][j], t.pass().z()[l][j], net.bias(l, j),
                        chain ? bp.dCda()[l][j] : Double.NaN, chain ? bp.sigmaPrime()[l][j] : Double.NaN,
                        bp != null ? bp.delta()[l][j] : Double.NaN));
                if (bp == null) continue;
                for (int k = 0; k < arch.fanIn(l); k++) {
                    parameters.add(new ExplainPage.ParameterRow(l + 1, j, k, net.weight(l, j, k), bp.dW()[l][j][k],
                            t.updated().weight(l, j, k)));
                }
                parameters.add(new ExplainPage.ParameterRow(l + 1, j, -1, net.bias(l, j), bp.db()[l][j], t.updated().bias(l, j)));
            }
        }
        return new ExplainPage.Tables(List.copyOf(neurons), List.copyOf(parameters));
    }
}
