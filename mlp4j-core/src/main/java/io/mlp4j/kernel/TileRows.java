package io.mlp4j.kernel;

/**
 * How many rows of C the packed GEMM's register tile covers, chosen per vector width. The tile is rows × 2 vectors of
 * accumulators, and the FMA pipes need at least (FMA latency × pipes) = 8 independent ones to stay busy. With 256-bit
 * vectors x86 has 16 registers: 4 rows (8 accumulators + 2 vectors of B + 1 broadcast) is the largest tile C2 keeps in
 * registers on both JDKs (6 rows spilled an accumulator every step on JDK 25; docs/benchmarks.md). With 512-bit
 * vectors there are 32: 8 rows give 16 accumulators, twice the minimum, as the hand-written AVX-512 kernels of the
 * BLAS libraries do. {@code -Dmlp4j.gemm.tileRows=4|8} overrides the choice, to measure one against the other; the
 * tile height never changes a result (each element of C is the same chain of FMAs either way).
 */
final class TileRows {
    static final String PROPERTY = "mlp4j.gemm.tileRows";
    private static final String PROBLEM = problem(System.getProperty(PROPERTY));

    private TileRows() {
    }

    /** Why {@code -Dmlp4j.gemm.tileRows=value} cannot be used (one sentence), or null when it can (or is unset). */
    static String problem(String value) {
        if (value == null || value.trim().equals("4") || value.trim().equals("8")) return null;
        return "-D" + PROPERTY + "=" + value + " is not a tile height: use 4 or 8, or leave it unset to choose by the "
                + "vector width";
    }

    /** The problem with this JVM's property, or null; {@link Kernels#best()} reports it. */
    static String propertyProblem() {
        return PROBLEM;
    }

    /** Tile rows for {@code lanes} floats per vector, unless the property (already checked) says otherwise. */
    static int forLanes(int lanes, String property) {
        if (property != null && problem(property) == null) return Integer.parseInt(property.trim());
        return lanes >= 16 ? 8 : 4;
    }

    /** This JVM's tile height for {@code lanes}. */
    static int forLanes(int lanes) {
        return forLanes(lanes, System.getProperty(PROPERTY));
    }
}
