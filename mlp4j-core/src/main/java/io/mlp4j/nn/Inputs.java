package io.mlp4j.nn;

/** Checks on data handed to a network, with messages that say which row and column is wrong. */
final class Inputs {
    private Inputs() {
    }

    /** Every row has {@code width} finite values. {@code what} names the rows in messages ("input", "target"). */
    static void checkRows(float[][] rows, int width, String what) {
        if (rows == null) throw new IllegalArgumentException(what + " rows are null");
        for (int r = 0; r < rows.length; r++) checkRow(rows[r], width, what + " row " + r);
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
}
