package io.mlp4j.gradcheck;

import io.mlp4j.nn.Activation;
import io.mlp4j.reference.ReferenceNetwork;

/**
 * Compares backpropagation's ∂C/∂ω with a finite-difference estimate for every weight and bias, in double precision.
 *
 * <p>The estimate is the five-point central difference
 * {@code (−C(ω+2h) + 8C(ω+h) − 8C(ω−h) + C(ω−2h)) / 12h} with h = 1e-3: its truncation error is O(h⁴) ≈ 1e-13 and its
 * rounding error ≈ ε·C/h ≈ 1e-13, far below the 1e-6 tolerance. The relative error of a parameter is
 * {@code |g − fd| / max(|g|, |fd|, 1e-6)}; the floor keeps a gradient that is essentially zero from dividing rounding
 * noise by nothing.
 *
 * <p>ReLU and leaky ReLU have a kink at z = 0 where no derivative exists. When a perturbation of ±2h moves any
 * pre-activation of such a layer across 0, the difference quotient measures the kink, not the gradient, so that
 * parameter is counted as skipped rather than compared.
 */
public final class GradientCheck {
    /** The finite-difference step. */
    public static final double H = 1e-3;
    /** The floor of the relative error's denominator. */
    public static final double FLOOR = 1e-6;

    private GradientCheck() {
    }

    /** The outcome for one network: the worst parameter, how many were compared and how many skipped at a kink. */
    public record Result(double maxRelativeError, String worstParameter, double backprop, double finiteDifference,
                         int checked, int skipped) {
        public boolean passes(double tolerance) {
            return maxRelativeError < tolerance && checked > 0;
        }
    }

    /** Checks every parameter of {@code net} on the mean cost over the samples {@code xs, ys}. */
    public static Result run(ReferenceNetwork net, double[][] xs, double[][] ys) {
        return compareWith(net.meanGradient(xs, ys), net, xs, ys);
    }

    /** Checks a given gradient (normally backpropagation's) against finite differences of {@code net}'s cost. */
    static Result compareWith(ReferenceNetwork.Backprop g, ReferenceNetwork net, double[][] xs, double[][] ys) {
        Worst worst = new Worst();
        for (int l = 0; l < net.architecture().depth(); l++) {
            double[][] dW = g.dW()[l];
            for (int j = 0; j < dW.length; j++) {
                for (int k = 0; k < dW[j].length; k++) {
                    final int layer = l, jj = j, kk = k;
                    double w0 = net.weight(l, j, k);
                    compare(worst, dW[j][k], "w[" + (l + 1) + "]_" + (j + 1) + "," + (k + 1),
                            d -> net.withWeight(layer, jj, kk, w0 + d), net, xs, ys);
                }
                final int layer = l, jj = j;
                double b0 = net.bias(l, j);
                compare(worst, g.db()[l][j], "b[" + (l + 1) + "]_" + (j + 1),
                        d -> net.withBias(layer, jj, b0 + d), net, xs, ys);
            }
        }
        return new Result(worst.error, worst.name, worst.backprop, worst.fd, worst.checked, worst.skipped);
    }

    private interface Perturbed {
        ReferenceNetwork by(double delta);
    }

    private static final class Worst {
        double error = 0, backprop, fd;
        String name = "-";
        int checked, skipped;
    }

    private static void compare(Worst worst, double backprop, String name, Perturbed perturbed,
                                ReferenceNetwork net, double[][] xs, double[][] ys) {
        ReferenceNetwork plus2 = perturbed.by(2 * H), minus2 = perturbed.by(-2 * H);
        if (crossesKink(net, plus2, xs) || crossesKink(net, minus2, xs)) {
            worst.skipped++;
            return;
        }
        double fd = (-plus2.cost(xs, ys) + 8 * perturbed.by(H).cost(xs, ys)
                - 8 * perturbed.by(-H).cost(xs, ys) + minus2.cost(xs, ys)) / (12 * H);
        double error = Math.abs(backprop - fd) / Math.max(FLOOR, Math.max(Math.abs(backprop), Math.abs(fd)));
        worst.checked++;
        if (error >= worst.error) {
            worst.error = error;
            worst.name = name;
            worst.backprop = backprop;
            worst.fd = fd;
        }
    }

    /** Whether any ReLU-family pre-activation changes sign between the two networks on any sample. */
    private static boolean crossesKink(ReferenceNetwork a, ReferenceNetwork b, double[][] xs) {
        for (double[] x : xs) {
            double[][] za = a.forward(x).z(), zb = b.forward(x).z();
            for (int l = 0; l < za.length; l++) {
                Activation f = a.architecture().layers().get(l).activation();
                if (f != Activation.RELU && f != Activation.LEAKY_RELU) continue;
                for (int j = 0; j < za[l].length; j++) {
                    if ((za[l][j] > 0) != (zb[l][j] > 0)) return true;
                }
            }
        }
        return false;
    }
}
