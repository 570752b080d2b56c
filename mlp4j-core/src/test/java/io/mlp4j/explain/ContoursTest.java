package io.mlp4j.explain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Marching squares against functions whose level sets are known in closed form. */
class ContoursTest {
    private static double[] axis(double lo, double hi, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * i / (n - 1);
        return v;
    }

    private static double[][] grid(double[] xs, double[] ys, java.util.function.DoubleBinaryOperator f) {
        double[][] g = new double[ys.length][xs.length];
        for (int iy = 0; iy < ys.length; iy++) for (int ix = 0; ix < xs.length; ix++) g[iy][ix] = f.applyAsDouble(xs[ix], ys[iy]);
        return g;
    }

    @Test
    void aPlaneIsCutExactlyAlongItsLevelLine() {
        // f = 2x − y: the level 0.3 is the line y = 2x − 0.3, which linear interpolation finds exactly
        double[] xs = axis(-1, 1, 11), ys = axis(-1, 1, 9);
        List<double[]> seg = Contours.segments(xs, ys, grid(xs, ys, (x, y) -> 2 * x - y), 0.3);
        assertTrue(seg.size() >= 8, "the line crosses several cells: " + seg.size());
        for (double[] s : seg) {
            assertEquals(0.3, 2 * s[0] - s[1], 1e-12);
            assertEquals(0.3, 2 * s[2] - s[3], 1e-12);
        }
        // it runs from the bottom edge (y = −1, x = −0.35) to the top edge (y = 1, x = 0.65): the total length
        double length = seg.stream().mapToDouble(s -> Math.hypot(s[2] - s[0], s[3] - s[1])).sum();
        assertEquals(Math.hypot(1.0, 2.0), length, 1e-12);
    }

    @Test
    void aParaboloidsLevelIsACircle() {
        // f = x² + y², level 0.49: the circle of radius 0.7; the interpolated points lie within a cell's error of it
        double[] xs = axis(-1, 1, 41), ys = axis(-1, 1, 41);
        List<double[]> seg = Contours.segments(xs, ys, grid(xs, ys, (x, y) -> x * x + y * y), 0.49);
        double length = 0;
        for (double[] s : seg) {
            assertEquals(0.7, Math.hypot(s[0], s[1]), 0.002);
            assertEquals(0.7, Math.hypot(s[2], s[3]), 0.002);
            length += Math.hypot(s[2] - s[0], s[3] - s[1]);
        }
        assertEquals(2 * Math.PI * 0.7, length, 0.01, "a closed curve as long as the circle");
    }

    @Test
    void aSaddleCellIsSplitByItsCentre() {
        // one cell, corners (0,0)=1, (1,0)=0, (1,1)=1.4, (0,1)=0 at level 0.5, its centre (the mean) 0.6, above: the
        // corners above (0,0) and (1,1) connect through the centre, so the lines cut off the corners (1,0) and (0,1)
        double[] xs = {0, 1}, ys = {0, 1};
        List<double[]> seg = Contours.segments(xs, ys, new double[][] {{1, 0}, {0, 1.4}}, 0.5);
        assertEquals(2, seg.size());
        // by hand: (0.5, 0)–(1, 0.5/1.4) around (1, 0), and (1 − 0.9/1.4, 1)–(0, 0.5) around (0, 1); the other
        // pairing would give segments around (0, 0) and (1, 1), with midpoints on the diagonal
        double[] mid0 = {(seg.get(0)[0] + seg.get(0)[2]) / 2, (seg.get(0)[1] + seg.get(0)[3]) / 2};
        double[] mid1 = {(seg.get(1)[0] + seg.get(1)[2]) / 2, (seg.get(1)[1] + seg.get(1)[3]) / 2};
        double[] first = mid0[0] > mid1[0] ? mid0 : mid1, second = first == mid0 ? mid1 : mid0;
        assertEquals(0.75, first[0], 1e-12);
        assertEquals(0.25 / 1.4, first[1], 1e-12);
        assertEquals((1 - 0.9 / 1.4) / 2, second[0], 1e-12);
        assertEquals(0.75, second[1], 1e-12);
        for (double[] m : new double[][] {mid0, mid1}) {
            assertTrue(Math.abs(m[0] - m[1]) > 0.5, "a midpoint off the diagonal: " + java.util.Arrays.toString(m));
        }
    }

    @Test
    void theCostSurfaceCarriesContoursOfItsOwnGrid() {
        ExplainPage.CostSurface s = ExplainPage.of(SeedExample.byId("2-2-2"), 6).parts().get(0).surface();
        assertEquals(12, s.contours().size());
        // every segment's ends lie on the blog's cost at the line's level, to the grid's interpolation error
        double h1 = 1 / (1 + Math.exp(-(0.25 + 0.3 * 2 - 0.4 * 3))), h2 = 1 / (1 + Math.exp(-(0.45 + 0.2 * 2 + 0.6 * 3)));
        double a2 = 1 / (1 + Math.exp(-(0.35 - 0.3 * h1 - 0.1 * h2)));
        for (ExplainPage.Contour c : s.contours()) {
            assertTrue(!c.segments().isEmpty(), "level " + c.level());
            for (double[] g : c.segments()) {
                double a1 = 1 / (1 + Math.exp(-(0.15 + g[0] * h1 + g[1] * h2)));
                assertEquals(c.level(), (a1 - 1) * (a1 - 1) + (a2 - 0.2) * (a2 - 0.2), 1e-4);
            }
        }
    }
}
