package io.mlp4j.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a function sampled on a grid, by marching squares: in each cell the level crosses the edges whose
 * corners lie on either side of it, at the point found by linear interpolation along the edge, and the crossings are
 * joined pairwise into segments. A cell with two opposite corners above the level (a saddle) is resolved by the mean
 * of its four corners. Exact for a function linear over each cell; otherwise the lines are the usual piecewise-linear
 * approximation, within a cell of the true curve.
 */
public final class Contours {
    private Contours() {
    }

    /**
     * The segments {x1, y1, x2, y2} where {@code f} crosses {@code level}; {@code f[iy][ix]} is the value at
     * ({@code xs[ix]}, {@code ys[iy]}).
     */
    public static List<double[]> segments(double[] xs, double[] ys, double[][] f, double level) {
        List<double[]> out = new ArrayList<>();
        for (int iy = 0; iy + 1 < ys.length; iy++) {
            for (int ix = 0; ix + 1 < xs.length; ix++) {
                // corners counter-clockwise from the bottom left, and the edge i from corner i to corner i + 1
                double[] cx = {xs[ix], xs[ix + 1], xs[ix + 1], xs[ix]};
                double[] cy = {ys[iy], ys[iy], ys[iy + 1], ys[iy + 1]};
                double[] v = {f[iy][ix], f[iy][ix + 1], f[iy + 1][ix + 1], f[iy + 1][ix]};
                List<double[]> cross = new ArrayList<>(4);
                for (int e = 0; e < 4; e++) {
                    double a = v[e], b = v[(e + 1) % 4];
                    if ((a < level) == (b < level)) continue;
                    double t = (level - a) / (b - a);
                    int n = (e + 1) % 4;
                    cross.add(new double[] {cx[e] + t * (cx[n] - cx[e]), cy[e] + t * (cy[n] - cy[e]), e});
                }
                if (cross.size() == 2) {
                    out.add(new double[] {cross.get(0)[0], cross.get(0)[1], cross.get(1)[0], cross.get(1)[1]});
                } else if (cross.size() == 4) {
                    // A saddle: corners 0 and 2 on one side, 1 and 3 on the other. If the centre is on corner 0's
                    // side, the lines cut off corners 1 and 3 (edges 0–1 and 2–3); otherwise corners 0 and 2.
                    boolean centreWithCorner0 = ((v[0] + v[1] + v[2] + v[3]) / 4 < level) == (v[0] < level);
                    int[][] pairs = centreWithCorner0 ? new int[][] {{0, 1}, {2, 3}} : new int[][] {{3, 0}, {1, 2}};
                    for (int[] p : pairs) {
                        double[] a = cross.get(p[0]), b = cross.get(p[1]);
                        out.add(new double[] {a[0], a[1], b[0], b[1]});
                    }
                }
            }
        }
        return out;
    }
}
