package io.mlp4j.nn;

import io.mlp4j.kernel.Kernel;
import io.mlp4j.kernel.Kernels;

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
        // The kernel's fast check; the message (built only when something is wrong) comes from checkRow.
        Kernel kernel = Kernels.best();
        for (int r = from; r < to; r++) {
            if (!kernel.allFinite(rows[r], width)) checkRow(rows[r], width, what + " row " + r);
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
}
