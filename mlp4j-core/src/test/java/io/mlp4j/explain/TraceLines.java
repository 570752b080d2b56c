package io.mlp4j.explain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads a rendered trace line by line. Each {@link #expect} names the next line's text with {@code {}} where a
 * number stands, and the value that number must show: every number the trace prints is compared with an expected
 * value, within the rounding of the trace's significant digits.
 */
final class TraceLines {
    /** A printed number: plain or with an exponent, with the typographic minus, negative factors in parentheses. */
    private static final String NUMBER = "(\\(−[0-9.]+(?:E[-+]?[0-9]+)?\\)|−?[0-9.]+(?:E[-+]?[0-9]+)?)";

    private final List<String> lines;
    private final int digits;
    private final String text;
    private int next;
    private final Map<String, Double> printed = new LinkedHashMap<>();

    TraceLines(String text, int digits) {
        this.text = text;
        this.digits = digits;
        this.lines = text.lines().map(String::strip).toList();
    }

    /** The next line must read {@code template}, each {@code {}} a number that rounds from the matching value. */
    void expect(String template, double... expected) {
        expect(null, template, expected);
    }

    /** The same, and remembers the line's last number as {@code key} for {@link #value}. */
    void expect(String key, String template, double... expected) {
        if (next >= lines.size()) fail("the trace ended before: " + template + "\n" + text);
        String line = lines.get(next++);
        String[] literal = template.split("\\{}", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literal.length; i++) {
            if (i > 0) regex.append(NUMBER);
            regex.append(Pattern.quote(literal[i]));
        }
        assertEquals(literal.length - 1, expected.length, "values for: " + template);
        Matcher m = Pattern.compile(regex.toString()).matcher(line);
        if (!m.matches()) fail("line " + next + " is\n  " + line + "\nexpected\n  " + template + "\nin\n" + text);
        for (int i = 0; i < expected.length; i++) {
            String number = m.group(i + 1);
            double shown = parse(number), want = expected[i];
            int lineNumber = next;
            assertTrue(Math.abs(shown - want) <= tolerance(shown, want), () -> "line " + lineNumber + ": "
                    + line + "\n  shows " + number + " where " + want + " rounded to " + digits
                    + " significant digits was expected");
            if (key != null && i == expected.length - 1) printed.put(key, shown);
        }
    }

    /** All lines were read. */
    void expectEnd() {
        if (next != lines.size()) fail("unexpected line " + (next + 1) + ": " + lines.get(next) + "\n" + text);
    }

    /** The number a line read with {@code key} showed. */
    double value(String key) {
        Double v = printed.get(key);
        if (v == null) throw new IllegalArgumentException("no line read as " + key + " (read: " + printed.keySet() + ")");
        return v;
    }

    /**
     * Half a unit in the last of {@code digits} significant places, at the larger magnitude of the two (a value just
     * under a power of ten may round up to it), plus 1e-13 for the rounding differences between two double
     * computations of the same formula.
     */
    double tolerance(double shown, double expected) {
        double magnitude = Math.max(Math.abs(shown), Math.abs(expected));
        if (magnitude == 0) return 0;
        double lastPlace = Math.pow(10, Math.floor(Math.log10(magnitude)) - digits + 1);
        return 0.5 * lastPlace + 1e-13;
    }

    static double parse(String number) {
        String plain = number.startsWith("(") ? number.substring(1, number.length() - 1) : number;
        return new BigDecimal(plain.replace('−', '-')).doubleValue();
    }

    /** "{}, {}, {}" with n slots. */
    static String slots(int n, String separator, String slot) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < n; i++) s.add(slot);
        return String.join(separator, s);
    }
}
