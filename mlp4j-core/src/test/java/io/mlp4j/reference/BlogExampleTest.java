package io.mlp4j.reference;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Architecture.LayerSpec;
import io.mlp4j.nn.Loss;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The blog post's 2-2-2 example (its Figure 8; shared/seeds/000_*.txt, "Numerical Computation").
 *
 * <p>Forward values are the blog's printed numbers. The backward values are NOT the blog's (several of its are
 * wrong, see docs/seed-examples.md): they were derived by hand with the chain rule in a separate Python script
 * (plain floats, no library; the script is in docs/seed-examples.md) and are re-confirmed below by finite
 * differences of the cost.
 */
class BlogExampleTest {
    static final double ETA = 0.1;
    static final double[] X = {2, 3};
    static final double[] Y = {1.0, 0.2};

    /** h1 = σ(ω1·x1 + ω3·x2 + b1), h2 = σ(ω2·x1 + ω4·x2 + b2), a1 = σ(ω5·h1 + ω7·h2 + b3), a2 = σ(ω6·h1 + ω8·h2 + b4). */
    static ReferenceNetwork figure8() {
        Architecture arch = new Architecture(2, List.of(new LayerSpec(2, Activation.SIGMOID),
                new LayerSpec(2, Activation.SIGMOID)), Loss.QUADRATIC);
        return new ReferenceNetwork(arch, new double[][][] {{{0.3, -0.4}, {0.2, 0.6}}, {{0.7, 0.5}, {-0.3, -0.1}}},
                new double[][] {{0.25, 0.45}, {0.15, 0.35}});
    }

    @Test
    void forwardPassMatchesTheBlogsPrintedValues() {
        ReferenceNetwork.Pass p = figure8().forward(X);
        assertEquals(0.41338242108267, p.a()[1][0], 1e-12, "h1");
        assertEquals(0.934010990508781, p.a()[1][1], 1e-12, "h2");
        assertEquals(0.712257432295742, p.a()[2][0], 1e-12, "a1");
        assertEquals(0.533097573871501, p.a()[2][1], 1e-12, "a2");
        assertEquals(0.19374977898811957, figure8().cost(X, Y), 1e-12, "C");
    }

    @Test
    void theBlogsCorrectBackwardNumbersReproduce() {
        ReferenceNetwork.Backprop g = figure8().backprop(X, Y);
        assertEquals(-0.5754851354085166, g.dCda()[1][0], 1e-12, "∂C/∂a1 (blog, correct)");
        assertEquals(0.41338242108267, g.pass().a()[1][0], 1e-12, "∂z_a1/∂ω5 = h1 (blog, correct)");
    }

    @Test
    void oneStepUpdatesEveryWeightAndBiasToTheHandDerivedValues() {
        ReferenceNetwork next = figure8().step(figure8().backprop(X, Y), ETA);
        // Hand-derived (chain rule, Python floats); the blog prints other values for all output-layer ones and ω1.
        assertEquals(0.3064167904964453, next.weight(0, 0, 0), 1e-12, "ω1⁺ (blog: 0.3064945998937866)");
        assertEquals(0.20093134370476357, next.weight(0, 1, 0), 1e-12, "ω2⁺");
        assertEquals(-0.39037481425533205, next.weight(0, 0, 1), 1e-12, "ω3⁺");
        assertEquals(0.6013970155571453, next.weight(0, 1, 1), 1e-12, "ω4⁺");
        assertEquals(0.70487559046914, next.weight(1, 0, 0), 1e-12, "ω5⁺ (blog: 0.70525257108356)");
        assertEquals(-0.3068546661278576, next.weight(1, 1, 0), 1e-12, "ω6⁺ (blog: −0.3064179482696209)");
        assertEquals(0.5110160830532412, next.weight(1, 0, 1), 1e-12, "ω7⁺ (blog: 0.511867846503068)");
        assertEquals(-0.11548767720436505, next.weight(1, 1, 1), 1e-12, "ω8⁺ (blog: −0.511867846503068)");
        assertEquals(0.25320839524822264, next.bias(0, 0), 1e-12, "b1⁺");
        assertEquals(0.4504656718523818, next.bias(0, 1), 1e-12, "b2⁺");
        assertEquals(0.16179438268412716, next.bias(1, 0), 1e-12, "b3⁺ (blog: 0.1627063242549253)");
        assertEquals(0.3334180996136582, next.bias(1, 1), 1e-12, "b4⁺ (blog: 0.33447454961240974)");
    }

    @Test
    void everyGradientAgreesWithFiniteDifferencesOfTheCost() {
        ReferenceNetwork net = figure8();
        ReferenceNetwork.Backprop g = net.backprop(X, Y);
        double h = 1e-6;
        for (int l = 0; l < 2; l++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 2; k++) {
                    double w = net.weight(l, j, k);
                    double fd = (net.withWeight(l, j, k, w + h).cost(X, Y) - net.withWeight(l, j, k, w - h).cost(X, Y)) / (2 * h);
                    assertEquals(fd, g.dW()[l][j][k], 1e-9, "∂C/∂w layer " + l + " " + j + "," + k);
                }
                double b = net.bias(l, j);
                double fd = (net.withBias(l, j, b + h).cost(X, Y) - net.withBias(l, j, b - h).cost(X, Y)) / (2 * h);
                assertEquals(fd, g.db()[l][j], 1e-9, "∂C/∂b layer " + l + " " + j);
            }
        }
    }

    /**
     * Our diagnosis of the blog's wrong numbers (docs/seed-examples.md): it evaluates σ′ at the activation, σ′(a),
     * where Eq 17 needs σ′(z). Redoing its arithmetic with that slip gives its printed numbers exactly.
     */
    @Test
    void theBlogsWrongNumbersComeFromTakingSigmaPrimeOfTheActivation() {
        ReferenceNetwork.Pass p = figure8().forward(X);
        double h1 = p.a()[1][0], h2 = p.a()[1][1], a1 = p.a()[2][0], a2 = p.a()[2][1];
        double d1 = 2 * (a1 - Y[0]) * sigmaPrime(a1), d2 = 2 * (a2 - Y[1]) * sigmaPrime(a2);
        assertEquals(0.220793265944315, sigmaPrime(a1), 1e-14, "σ′ printed for z_a1");
        assertEquals(0.70525257108356, 0.7 - ETA * d1 * h1, 1e-13, "ω5⁺ printed");
        assertEquals(-0.3064179482696209, -0.3 - ETA * d2 * h1, 1e-14, "ω6⁺ printed");
        assertEquals(0.511867846503068, 0.5 - ETA * d1 * h2, 1e-14, "ω7⁺ printed");
        assertEquals(0.1627063242549253, 0.15 - ETA * d1, 1e-14, "b3⁺ printed");
        assertEquals(0.33447454961240974, 0.35 - ETA * d2, 1e-14, "b4⁺ printed");
        assertEquals(-0.064945998937865, (d1 * 0.7 + d2 * -0.3) * sigmaPrime(h1) * X[0], 1e-14, "∂C/∂ω1 printed");
    }

    private static double sigmaPrime(double x) {
        double s = 1 / (1 + Math.exp(-x));
        return s * (1 - s);
    }
}
