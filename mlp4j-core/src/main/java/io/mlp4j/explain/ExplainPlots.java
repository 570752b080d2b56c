package io.mlp4j.explain;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.reference.ReferenceNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Sections 7 and 8 of the explain page: each layer's activation and its derivative over z with the step's z marked,
 * and the cost over two weights (the rest fixed) with a gradient-descent path on those two. The markers and the first
 * point of the path are the trace's own numbers; the curves and the grid are evaluated with the same
 * {@link Activation} and {@link ReferenceNetwork} the trace uses.
 */
final class ExplainPlots {
    static final int CURVE_POINTS = 121, GRID = 41, PATH_STEPS = 60, CONTOUR_LEVELS = 12;
    /** The most gradient-descent steps section 8 precomputes (each is a forward and backward pass, kept on the page). */
    public static final int MAX_PATH_STEPS = 1000;

    private ExplainPlots() {
    }

    static List<ExplainPage.ActivationPlot> activations(Trace t, Annotations notes) {
        Architecture arch = t.network().architecture();
        List<ExplainPage.ActivationPlot> out = new ArrayList<>();
        for (int l = 0; l < arch.depth(); l++) {
            Activation f = arch.layers().get(l).activation();
            if (f == Activation.SOFTMAX) continue; // not elementwise: no curve of one z
            List<ExplainPage.Marker> markers = new ArrayList<>();
            double lo = -6, hi = 6;
            for (int j = 0; j < arch.layers().get(l).units(); j++) {
                double z = t.pass().z()[l][j], a = t.pass().a()[l + 1][j];
                String key = "a_" + (j + 1) + "^(" + (l + 1) + ")";
                double slope = t.backprop() != null && t.backprop().sigmaPrime()[l] != null ? t.backprop().sigmaPrime()[l][j]
                        : f.derivative(z, a);
                markers.add(new ExplainPage.Marker(key, notes.label(key), z, a, slope));
                lo = Math.min(lo, Math.floor(z - 1));
                hi = Math.max(hi, Math.ceil(z + 1));
            }
            double[] zs = new double[CURVE_POINTS], as = new double[CURVE_POINTS], ds = new double[CURVE_POINTS];
            for (int i = 0; i < CURVE_POINTS; i++) {
                zs[i] = lo + (hi - lo) * i / (CURVE_POINTS - 1);
                as[i] = f.apply(zs[i]);
                ds[i] = f.derivative(zs[i], as[i]);
            }
            out.add(new ExplainPage.ActivationPlot(l + 1, f.id(), zs, as, ds, List.copyOf(markers)));
        }
        return List.copyOf(out);
    }

    /**
     * C over the first two parameters into the first output neuron (two weights, or a weight and the bias when the
     * neuron has one input), the rest fixed, and {@value #PATH_STEPS} steps of gradient descent with the example's η
     * on those two alone, starting from this step's values (so the path's first step is the page's update).
     */
    static ExplainPage.CostSurface surface(Trace t, Annotations notes) {
        return surface(t, notes, PATH_STEPS, Double.NaN);
    }

    /**
     * As {@link #surface(Trace, Annotations)} with {@code steps} steps (1 to {@value #MAX_PATH_STEPS}) of learning
     * rate {@code eta} (NaN: the trace's η). Each point of the path is {x, y, C, a_1, …, a_n}: the two parameters, the
     * cost and the network's outputs with those two parameters, before the step from it.
     */
    static ExplainPage.CostSurface surface(Trace t, Annotations notes, int steps, double eta) {
        if (steps < 1 || steps > MAX_PATH_STEPS) {
            throw new IllegalArgumentException("steps must be 1 to " + MAX_PATH_STEPS + ", got " + steps);
        }
        if (t.backprop() == null) return null;
        double h = Double.isNaN(eta) ? t.eta() : eta;
        if (!(h > 0) || !Double.isFinite(h)) throw new IllegalArgumentException("eta must be positive and finite, got " + h);
        ReferenceNetwork net = t.network();
        int l = net.architecture().depth() - 1;
        Param px = new Param(l, 0, 0);
        Param py = net.architecture().fanIn(l) > 1 ? new Param(l, 0, 1) : new Param(l, 0, -1);
        List<double[]> path = new ArrayList<>();
        ReferenceNetwork at = net;
        for (int s = 0; s <= steps; s++) {
            ReferenceNetwork.Backprop bp = at.backprop(t.input(), t.target());
            double x = px.get(at), y = py.get(at);
            double[] out = bp.pass().output();
            double[] point = new double[3 + out.length];
            point[0] = x;
            point[1] = y;
            point[2] = bp.cost();
            System.arraycopy(out, 0, point, 3, out.length);
            path.add(point);
            at = py.set(px.set(at, x - h * px.gradient(bp)), y - h * py.gradient(bp));
        }
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (double[] p : path) {
            minX = Math.min(minX, p[0]);
            maxX = Math.max(maxX, p[0]);
            minY = Math.min(minY, p[1]);
            maxY = Math.max(maxY, p[1]);
        }
        double pad = Math.max(0.5, 0.75 * Math.max(maxX - minX, maxY - minY));
        double[] xs = new double[GRID], ys = new double[GRID];
        double[][] cost = new double[GRID][GRID];
        for (int i = 0; i < GRID; i++) {
            xs[i] = minX - pad + (maxX - minX + 2 * pad) * i / (GRID - 1);
            ys[i] = minY - pad + (maxY - minY + 2 * pad) * i / (GRID - 1);
        }
        for (int iy = 0; iy < GRID; iy++) {
            for (int ix = 0; ix < GRID; ix++) {
                cost[iy][ix] = py.set(px.set(net, xs[ix]), ys[iy]).cost(t.input(), t.target());
            }
        }
        return new ExplainPage.CostSurface(px.key(), notes.label(px.key()), py.key(), notes.label(py.key()), h, xs, ys,
                cost, List.copyOf(path), contours(xs, ys, cost));
    }

    /** {@value #CONTOUR_LEVELS} contour lines at levels evenly spaced inside the grid's range of C (not at its ends). */
    static List<ExplainPage.Contour> contours(double[] xs, double[] ys, double[][] cost) {
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (double[] row : cost) {
            for (double c : row) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
        }
        List<ExplainPage.Contour> out = new ArrayList<>();
        if (!(hi > lo)) return out; // a flat window has no lines
        for (int i = 0; i < CONTOUR_LEVELS; i++) {
            double level = lo + (hi - lo) * (i + 0.5) / CONTOUR_LEVELS;
            out.add(new ExplainPage.Contour(level, Contours.segments(xs, ys, cost, level)));
        }
        return List.copyOf(out);
    }

    /** A weight w_j,k^(l) or, with k = −1, the bias b_j^(l). */
    private record Param(int l, int j, int k) {
        double get(ReferenceNetwork n) {
            return k < 0 ? n.bias(l, j) : n.weight(l, j, k);
        }

        ReferenceNetwork set(ReferenceNetwork n, double v) {
            return k < 0 ? n.withBias(l, j, v) : n.withWeight(l, j, k, v);
        }

        double gradient(ReferenceNetwork.Backprop bp) {
            return k < 0 ? bp.db()[l][j] : bp.dW()[l][j][k];
        }

        String key() {
            return (k < 0 ? "b_" + (j + 1) : "w_" + (j + 1) + "," + (k + 1)) + "^(" + (l + 1) + ")";
        }
    }
}
