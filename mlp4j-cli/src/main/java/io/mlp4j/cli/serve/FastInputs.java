package io.mlp4j.cli.serve;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link InputsJson}: reads a well-formed {@code {"inputs": [[…], …], "top_k": k}} straight from the
 * body's bytes, about ten times faster than Gson's reader (which decodes to chars, then makes a String and calls
 * Double.parseDouble for every number: 60–90 µs of CPU for one 784-pixel row, more than the prediction, measured in
 * docs/benchmarks.md). It decides nothing: on anything outside that narrow grammar (an escape in a name, an unknown
 * or repeated field, a row of the wrong width, NaN, a number float32 cannot hold, malformed JSON) it gives up and the
 * request goes through Gson, which accepts it or names the problem. {@code FastInputsTest} holds the two paths to the
 * same floats.
 *
 * <p>Numbers: the digits as a long m and a power of ten e; when m ≤ 2⁵³ and |e| ≤ 22 both are exact doubles, and one
 * IEEE multiplication or division rounds m·10^e correctly (Clinger's fast path), so the double equals what
 * Double.parseDouble gives; other numbers (long mantissas, large exponents) go to Double.parseDouble. The float is
 * that double rounded, as on Gson's path.
 */
final class FastInputs {
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10; // exact up to 1e22
    }

    /** Thrown to give up; preallocated, without a stack trace: it is a branch, not an error. */
    private static final RuntimeException GIVE_UP = new RuntimeException("not the fast path's grammar", null, false, false) {
    };

    private final byte[] b;
    private int pos;

    private FastInputs(byte[] body) {
        this.b = body;
    }

    /** The request, or null when the body must go through Gson. */
    static InputsJson.Request parse(byte[] body, int width) {
        try {
            return new FastInputs(body).request(width);
        } catch (RuntimeException e) { // GIVE_UP, or an index past the end of a truncated body
            return null;
        }
    }

    private InputsJson.Request request(int width) {
        expect('{');
        float[][] rows = null;
        int topK = 0;
        boolean more = peek() != '}';
        while (more) {
            boolean inputs = name();
            expect(':');
            if (inputs && rows == null) {
                rows = rows(width);
            } else if (!inputs && topK == 0) {
                topK = positiveInt();
            } else {
                throw GIVE_UP;
            }
            more = comma();
        }
        expect('}');
        if (peek() != -1 || rows == null) throw GIVE_UP;
        return new InputsJson.Request(rows, topK);
    }

    /** True for "inputs", false for "top_k"; anything else gives up. */
    private boolean name() {
        expect('"');
        if (matches("inputs\"")) return true;
        if (matches("top_k\"")) return false;
        throw GIVE_UP;
    }

    private boolean matches(String s) {
        if (pos + s.length() > b.length) return false;
        for (int i = 0; i < s.length(); i++) if (b[pos + i] != s.charAt(i)) return false;
        pos += s.length();
        return true;
    }

    private float[][] rows(int width) {
        List<float[]> rows = new ArrayList<>();
        expect('[');
        do {
            float[] row = new float[width];
            expect('[');
            int j = 0;
            do {
                if (j == width) throw GIVE_UP;
                row[j++] = number();
            } while (comma());
            expect(']');
            if (j != width) throw GIVE_UP;
            rows.add(row);
        } while (comma());
        expect(']');
        return rows.toArray(new float[0][]);
    }

    /** A JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, as a finite float. */
    private float number() {
        skipWhitespace();
        int start = pos;
        boolean negative = b[pos] == '-';
        if (negative) pos++;
        long m = 0;
        int digits = 0, fraction = 0;
        if (b[pos] == '0') {
            pos++;
        } else {
            if (!isDigit(b[pos])) throw GIVE_UP;
            while (pos < b.length && isDigit(b[pos])) {
                m = m * 10 + (b[pos++] - '0');
                digits++;
            }
        }
        if (pos < b.length && b[pos] == '.') {
            pos++;
            if (!isDigit(b[pos])) throw GIVE_UP;
            while (pos < b.length && isDigit(b[pos])) {
                m = m * 10 + (b[pos++] - '0');
                digits++;
                fraction++;
            }
        }
        int exponent = 0;
        if (pos < b.length && (b[pos] == 'e' || b[pos] == 'E')) {
            pos++;
            boolean down = b[pos] == '-';
            if (down || b[pos] == '+') pos++;
            if (!isDigit(b[pos])) throw GIVE_UP;
            while (pos < b.length && isDigit(b[pos])) {
                exponent = Math.min(exponent * 10 + (b[pos++] - '0'), 100_000); // beyond any double: clamped
            }
            if (down) exponent = -exponent;
        }
        int e = exponent - fraction;
        double v;
        if (digits <= 18 && m <= 1L << 53 && e >= -22 && e <= 22) {
            v = e < 0 ? m / POWERS_OF_TEN[-e] : m * POWERS_OF_TEN[e];
            if (negative) v = -v;
        } else {
            v = Double.parseDouble(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        }
        float f = (float) v;
        if (!Float.isFinite(f)) throw GIVE_UP;
        return f;
    }

    private int positiveInt() {
        skipWhitespace();
        if (b[pos] < '1' || b[pos] > '9') throw GIVE_UP;
        int k = 0;
        for (int n = 0; pos < b.length && isDigit(b[pos]); n++) {
            if (n == 9) throw GIVE_UP;
            k = k * 10 + (b[pos++] - '0');
        }
        return k;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** Skips a comma and says so, or says there is none. */
    private boolean comma() {
        if (peek() != ',') return false;
        pos++;
        return true;
    }

    private void expect(char c) {
        if (peek() != c) throw GIVE_UP;
        pos++;
    }

    /** The next byte after whitespace, not consumed; -1 at the end. */
    private int peek() {
        skipWhitespace();
        return pos < b.length ? b[pos] : -1;
    }

    private void skipWhitespace() {
        while (pos < b.length && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) pos++;
    }
}
