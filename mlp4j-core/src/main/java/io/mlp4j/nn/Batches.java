package io.mlp4j.nn;

/**
 * The one mini-batch walk: rows 0 … n−1 cut into consecutive batches of {@code size} rows (the last one shorter).
 * Training, evaluation, costing and batch prediction all go through it, so a batch is the same rows everywhere.
 *
 * <pre>{@code
 * Batches.walk(n, 128, 0, (batch, start, m) -> { ... rows start … start+m−1 ... });
 * }</pre>
 */
public final class Batches {
    private Batches() {
    }

    /** What is done with each batch: rows {@code start … start+m−1}, which are batch number {@code batch}. */
    @FunctionalInterface
    public interface Visitor {
        void visit(int batch, int start, int m);
    }

    /** The number of batches of {@code size} rows that cover n rows. */
    public static int count(int n, int size) {
        return (n + size - 1) / size;
    }

    /** Visits batches {@code firstBatch, firstBatch+1, …} of n rows in order (0 to start at the beginning). */
    public static void walk(int n, int size, int firstBatch, Visitor visitor) {
        if (size < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        for (int b = firstBatch, start = b * size; start < n; b++, start += size) {
            visitor.visit(b, start, Math.min(size, n - start));
        }
    }
}
