package io.mlp4j.explain;

import java.math.BigDecimal;

/**
 * A number as a seed document printed it, kept as text so its precision is known: "0.547" claims three decimals,
 * "0.712257432295742" fifteen. It agrees with a computed value when they differ by at most half a unit in the last
 * printed digit (or 1e-12 relative, for values printed to the last bit of a double).
 */
public record PrintedValue(String text, String note) {

    public PrintedValue {
        new BigDecimal(text); // fails fast on a typo in an example's table
    }

    public double value() {
        return Double.parseDouble(text);
    }

    /** Whether {@code computed} rounds to what was printed. */
    public boolean agreesWith(double computed) {
        BigDecimal printed = new BigDecimal(text);
        double halfUnit = 0.5 * Math.pow(10, -Math.max(printed.scale(), 0));
        double tolerance = Math.max(halfUnit, 1e-12 * Math.abs(computed));
        return Math.abs(computed - printed.doubleValue()) <= tolerance;
    }
}
