package io.mlp4j.explain;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats numbers to a number of significant digits, plainly (no exponent) unless they are very large or small. */
final class SignificantDigits {
    private SignificantDigits() {
    }

    static String format(double v, int digits) {
        if (v == 0) return "0";
        if (!Double.isFinite(v)) return Double.toString(v);
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits));
        double mag = Math.abs(v);
        String s = mag >= 1e-5 && mag < 1e9 ? rounded.stripTrailingZeros().toPlainString()
                : rounded.stripTrailingZeros().toString();
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }
}
