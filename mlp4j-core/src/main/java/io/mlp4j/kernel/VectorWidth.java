package io.mlp4j.kernel;

/**
 * The vector width the Vector API kernel uses: the CPU's widest ({@code FloatVector.SPECIES_PREFERRED}) unless
 * {@code -Dmlp4j.vector.bits=128|256|512} says otherwise. Forcing a width the CPU lacks still gives the right numbers
 * (the Vector API then runs as plain Java, many times slower): the build uses it to test the 16-lane code, tile and
 * panel widths included, on machines without AVX-512. Results depend on the width only where lanes are summed
 * (a single row's dot products).
 */
final class VectorWidth {
    static final String PROPERTY = "mlp4j.vector.bits";
    private static final String PROBLEM = problem(System.getProperty(PROPERTY));

    private VectorWidth() {
    }

    /** Why {@code -Dmlp4j.vector.bits=value} cannot be used (one sentence), or null when it can (or is unset). */
    static String problem(String value) {
        if (value == null || bits(value) != 0) return null;
        return "-D" + PROPERTY + "=" + value + " is not a vector width: use 128, 256 or 512, or leave it unset for the "
                + "CPU's widest";
    }

    /** The problem with this JVM's property, or null; {@link Kernels#best()} reports it. */
    static String propertyProblem() {
        return PROBLEM;
    }

    /** 128, 256 or 512 for a valid setting; 0 for none (or an invalid one, already reported). */
    static int bits(String value) {
        if (value == null) return 0;
        return switch (value.trim()) {
            case "128" -> 128;
            case "256" -> 256;
            case "512" -> 512;
            default -> 0;
        };
    }
}
