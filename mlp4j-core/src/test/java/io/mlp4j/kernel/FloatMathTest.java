package io.mlp4j.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FloatMath's e^x, σ and tanh against the JDK's double-precision functions, measured in units in the last place of
 * the float result, over every 997th float bit pattern (4.3 million inputs, all magnitudes and both signs). The
 * bounds are what the method gives (exp ≤ 1 ulp, σ ≤ 2.3, tanh ≤ 1.31 when measured with every 97th pattern), with a
 * little room; Math.exp/Math.tanh rounded to float would be 0.5.
 */
class FloatMathTest {

    @Test
    void expSigmoidAndTanhAreWithinAFewUlpsOfTheDoublePrecisionFunctions() {
        double worstExp = 0, worstSigmoid = 0, worstTanh = 0;
        for (long bits = 0; bits < (1L << 32); bits += 997) {
            float x = Float.intBitsToFloat((int) bits);
            if (Float.isNaN(x)) continue;
            if (x >= FloatMath.MIN_X && x <= FloatMath.MAX_X) {
                worstExp = Math.max(worstExp, ulps(FloatMath.exp(x), Math.exp(x)));
            }
            double sigmoid = 1 / (1 + Math.exp(-(double) x));
            if (sigmoid >= 1e-37) worstSigmoid = Math.max(worstSigmoid, ulps(FloatMath.sigmoid(x), sigmoid));
            double tanh = Math.tanh(x);
            if (Math.abs(tanh) >= Float.MIN_NORMAL) worstTanh = Math.max(worstTanh, ulps(FloatMath.tanh(x), tanh));
        }
        assertTrue(worstExp <= 1.1, "exp: " + worstExp + " ulp");
        assertTrue(worstSigmoid <= 2.5, "sigmoid: " + worstSigmoid + " ulp");
        assertTrue(worstTanh <= 1.5, "tanh: " + worstTanh + " ulp");
    }

    @Test
    void edgesOfTheRange() {
        assertEquals(1f, FloatMath.exp(0f));
        assertEquals((float) Math.E, FloatMath.exp(1f), Math.ulp((float) Math.E));
        assertEquals(1f, FloatMath.sigmoid(Float.POSITIVE_INFINITY));
        assertEquals(0.5f, FloatMath.sigmoid(0f));
        assertTrue(Float.isNaN(FloatMath.sigmoid(Float.NaN)));
        assertTrue(Float.isNaN(FloatMath.tanh(Float.NaN)));
        assertEquals(-1f, FloatMath.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(FloatMath.tanh(-0f)), "tanh(−0) = −0");
        // Below z = −88, e^−z is clamped at e^88, so σ stops at 1/(1 + e^88) = 6.05e−39 instead of going on down
        // through the subnormals to 0: an absolute error under 1e−38, documented in FloatMath.
        assertEquals((float) (1 / (1 + Math.exp(88))), FloatMath.sigmoid(-1000f), 1e-45f);
        assertEquals(FloatMath.sigmoid(-88f), FloatMath.sigmoid(Float.NEGATIVE_INFINITY));
    }

    private static double ulps(float got, double exact) {
        return Math.abs(got - exact) / Math.ulp((float) exact);
    }
}
