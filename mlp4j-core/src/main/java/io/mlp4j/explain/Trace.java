package io.mlp4j.explain;

import io.mlp4j.reference.ReferenceNetwork;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One training step of a small network on one sample, every number kept: the forward pass, the cost, the backward
 * pass and the updated parameters. Computed in double precision by {@link ReferenceNetwork}.
 *
 * <pre>{@code
 * Trace t = Trace.of(net, new double[] {2, 3}, new double[] {1.0, 0.2}, 0.1);
 * System.out.print(t.render(6));
 * }</pre>
 *
 * @param target null for a forward pass only
 */
public record Trace(ReferenceNetwork network, double[] input, double[] target, double eta,
                    ReferenceNetwork.Pass pass, ReferenceNetwork.Backprop backprop, ReferenceNetwork updated) {

    /** A full step: forward, cost, backpropagation and ω⁺ = ω − η ∂C/∂ω. */
    public static Trace of(ReferenceNetwork net, double[] x, double[] y, double eta) {
        ReferenceNetwork.Backprop bp = net.backprop(x, y);
        return new Trace(net, x.clone(), y.clone(), eta, bp.pass(), bp, net.step(bp, eta));
    }

    /** The forward pass alone (no target, no cost, no update). */
    public static Trace forwardOnly(ReferenceNetwork net, double[] x) {
        return new Trace(net, x.clone(), null, Double.NaN, net.forward(x), null, null);
    }

    /**
     * Every number of the trace by the key the terminal trace and the seeds' annotations use ({@code sum_j^(l)},
     * {@code z_j^(l)}, {@code a_j^(l)}, {@code C}, {@code dC/da_j^(l)}, {@code σ'_j^(l)}, {@code δ_j^(l)},
     * {@code dz/dw_j,k^(l)}, {@code dC/dw_j,k^(l)}, {@code w_j,k^(l)+}, {@code dC/db_j^(l)}, {@code b_j^(l)+}), in
     * the order the trace shows them. Both renderers read their numbers from here or from the same fields.
     */
    public Map<String, Double> values() {
        Map<String, Double> v = new LinkedHashMap<>();
        var arch = network.architecture();
        for (int l = 0; l < arch.depth(); l++) {
            for (int j = 0; j < arch.layers().get(l).units(); j++) {
                String n = (j + 1) + "^(" + (l + 1) + ")";
                v.put("sum_" + n, pass.z()[l][j] - network.bias(l, j));
                v.put("z_" + n, pass.z()[l][j]);
                v.put("a_" + n, pass.a()[l + 1][j]);
            }
        }
        if (backprop == null) return v;
        v.put("C", backprop.cost());
        for (int l = arch.depth() - 1; l >= 0; l--) {
            for (int j = 0; j < arch.layers().get(l).units(); j++) {
                String n = (j + 1) + "^(" + (l + 1) + ")";
                if (backprop.dCda()[l] != null) {
                    v.put("dC/da_" + n, backprop.dCda()[l][j]);
                    v.put("σ'_" + n, backprop.sigmaPrime()[l][j]);
                }
                v.put("δ_" + n, backprop.delta()[l][j]);
                for (int k = 0; k < arch.fanIn(l); k++) {
                    String w = "w_" + (j + 1) + "," + (k + 1) + "^(" + (l + 1) + ")";
                    v.put("dz/d" + w, pass.a()[l][k]);
                    v.put("dC/d" + w, backprop.dW()[l][j][k]);
                    v.put(w + "+", updated.weight(l, j, k));
                }
                v.put("dC/db_" + n, backprop.db()[l][j]);
                v.put("b_" + n + "+", updated.bias(l, j));
            }
        }
        return v;
    }

    /** The trace as text with {@code digits} significant digits. */
    public String render(int digits) {
        return new TraceRenderer(digits, Annotations.NONE).render(this).text();
    }
}
