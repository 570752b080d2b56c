package io.mlp4j.kernel;

/**
 * How many rows of C the packed GEMM's register tile covers, chosen per vector width and JDK. The tile is rows × 2
 * vectors of accumulators. With 256-bit vectors x86 has 16 registers, and two limits meet: the FMA pipes need at least
 * (FMA latency × pipes) = 8 independent accumulators, and each step's loads (2 of B, one broadcast per row) compete
 * with the FMAs, so more rows per step do better (the same tiles in assembly on our AVX2 AMD EPYC, its VM busy: 4
 * rows 60–69 GFLOP/s, 6 rows 78, of a 90 peak; bench/tile_ceiling.c). 6 rows (12 accumulators + 2 of B +
 * broadcasts) just fit: C2 on JDK 17 keeps them in registers (31 instructions per step, no spill) and runs 9–24%
 * faster than with 4 rows there, busy VM or quiet; C2 on JDK 25 loads three broadcasts at once and spills an
 * accumulator on every step (30 against 45 GFLOP/s), so there, and on the JDKs between (not measured), 8 lanes keep
 * 4 rows, which never spilled. With 512-bit vectors there are 32 registers: 8
 * rows give 16 accumulators, as the AVX-512 kernels of the BLAS libraries do. docs/benchmarks.md has the runs.
 * {@code -Dmlp4j.gemm.tileRows=4|6|8} overrides the choice, to measure one against another; the tile height never
 * changes a result (each element of C is the same chain of FMAs either way).
 */
final class TileRows {
    static final String PROPERTY = "mlp4j.gemm.tileRows";
    private static final String PROBLEM = problem(System.getProperty(PROPERTY));

    private TileRows() {
    }

    /** Why {@code -Dmlp4j.gemm.tileRows=value} cannot be used (one sentence), or null when it can (or is unset). */
    static String problem(String value) {
        if (value == null || value.trim().equals("4") || value.trim().equals("6") || value.trim().equals("8")) return null;
        return "-D" + PROPERTY + "=" + value + " is not a tile height: use 4, 6 or 8, or leave it unset to choose by "
                + "the vector width and JDK";
    }

    /** The problem with this JVM's property, or null; {@link Kernels#best()} reports it. */
    static String propertyProblem() {
        return PROBLEM;
    }

    /**
     * Tile rows for {@code lanes} floats per vector on JDK {@code feature} (17, 25, …), unless the property (already
     * checked) says otherwise.
     */
    static int forLanes(int lanes, String property, int feature) {
        if (property != null && problem(property) == null) return Integer.parseInt(property.trim());
        if (lanes >= 16) return 8;
        return feature == 17 ? 6 : 4;
    }

    /** This JVM's tile height for {@code lanes}. */
    static int forLanes(int lanes) {
        return forLanes(lanes, System.getProperty(PROPERTY), Runtime.version().feature());
    }
}
