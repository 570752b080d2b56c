package io.mlp4j.explain;

import io.mlp4j.reference.ReferenceNetwork;

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

    /** The trace as text with {@code digits} significant digits. */
    public String render(int digits) {
        return new TraceRenderer(digits, Annotations.NONE).render(this).text();
    }
}
