package io.mlp4j.nn;

/** Checks on data handed to a network, with messages that say which row and column is wrong. */
final class Inputs {
    private Inputs() {
    }

    /** Every row has {@code width} finite values. {@code what} names the rows in messages ("input", "target"). */
    static void checkRows(float[][] rows, int width, String what) {
        checkShapes(rows, width, what);
        checkValues(rows, 0, rows.length, width, what);
    }

    /** Every row is there and has {@code width} values; whether they are finite is checked later. */
    static void checkShapes(float[][] rows, int width, String what) {
        if (rows == null) throw new IllegalArgumentException(what + " rows are null");
        for (int r = 0; r < rows.length; r++) {
            float[] row = rows[r];
            if (row == null || row.length != width) checkRow(row, width, what + " row " + r);
        }
    }

    /** Rows [from, to), already of the right shape, hold only finite values. */
    static void checkValues(float[][] rows, int from, int to, int width, String what) {
        for (int r = from; r < to; r++) {
            if (!allFinite(rows[r])) checkRow(rows[r], width, what + " row " + r);
        }
    }

    static void checkRow(float[] row, int width, String where) {
        if (row == null) throw new IllegalArgumentException(where + " is null");
        if (row.length != width) {
            throw new IllegalArgumentException(where + " has " + row.length + " values, expected " + width);
        }
        for (int c = 0; c < width; c++) {
            if (!Float.isFinite(row[c])) {
                throw new IllegalArgumentException(where + ", column " + c + " is " + row[c] + " (values must be finite)");
            }
        }
    }

    /** The fast check; the message (built only when something is wrong) comes from {@link #checkRow}. */
    private static boolean allFinite(float[] row) {
        // 0·x is 0 for finite x and NaN for ±∞ and NaN; four sums keep four independent add chains in flight.
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= row.length; i += 4) {
            s0 += row[i] * 0f;
            s1 += row[i + 1] * 0f;
            s2 += row[i + 2] * 0f;
            s3 += row[i + 3] * 0f;
        }
        for (; i < row.length; i++) s0 += row[i] * 0f;
        return s0 + s1 + s2 + s3 == 0f;
    }
}
