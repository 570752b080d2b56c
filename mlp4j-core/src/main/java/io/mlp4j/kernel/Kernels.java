package io.mlp4j.kernel;

import java.lang.invoke.MethodHandles;

/**
 * Chooses the kernel once per JVM, as Lucene chooses its vectorization provider: the Java Vector API kernel when the
 * {@code jdk.incubator.vector} module is readable, otherwise the portable scalar kernel, with one log line that says
 * why and what to do. The system property {@code mlp4j.kernel} ({@code vector} or {@code scalar}) forces a choice;
 * forcing {@code vector} without the module is an error, so a test that asks for the fast path gets it. A system
 * property that cannot be honoured ({@code mlp4j.kernel}, {@code mlp4j.threads}, {@code mlp4j.gemm.tileRows},
 * {@code mlp4j.vector.bits}) makes {@link #best()} throw an {@link IllegalStateException} that says which property
 * and what to do, rather than be ignored.
 */
public final class Kernels {
    private static final System.Logger LOG = System.getLogger("io.mlp4j.kernel");
    /** Loaded by name only, after the module check: no other class refers to it, so none needs the module. */
    private static final String VECTOR_KERNEL = "io.mlp4j.kernel.VectorKernel";
    private static final Kernel SCALAR = new ScalarKernel();
    private static final Choice BEST = choose(System.getProperty("mlp4j.kernel"),
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
            firstProblem(Parallel.propertyProblem(), TileRows.propertyProblem(), VectorWidth.propertyProblem()));

    private Kernels() {
    }

    /** The kernel mlp4j uses in this JVM; an IllegalStateException when a system property asks for the impossible. */
    public static Kernel best() {
        if (BEST.kernel == null) throw new IllegalStateException(BEST.problem);
        return BEST.kernel;
    }

    /** A kernel, or why none can be had (a one-sentence message). */
    record Choice(Kernel kernel, String problem) {
    }

    private static String firstProblem(String... problems) {
        for (String p : problems) if (p != null) return p;
        return null;
    }

    /** The portable reference implementation. */
    public static Kernel scalar() {
        return SCALAR;
    }

    /** The Vector API kernel, or an exception saying why it cannot be had. */
    public static Kernel vector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            throw new IllegalStateException("the Java Vector API is not available: start the JVM with "
                    + "--add-modules jdk.incubator.vector");
        }
        try {
            return (Kernel) MethodHandles.lookup().findConstructor(
                    Class.forName(VECTOR_KERNEL), java.lang.invoke.MethodType.methodType(void.class))
                    .invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("the Vector API kernel failed to load: " + t, t);
        }
    }

    /** A short name of the kernel in use, for logs and benchmarks: "scalar", "vector (8 float lanes)". */
    public static String describe(Kernel k) {
        if (k == SCALAR) return "scalar";
        // The vector kernel's toString() names its lanes; it is recognised by name, as it is loaded.
        return k.getClass().getName().equals(VECTOR_KERNEL) ? k.toString() : k.getClass().getSimpleName();
    }

    /**
     * The kernel for a {@code mlp4j.kernel} setting (null: choose), whether the Vector API module is there, and a
     * problem with another property found earlier (or null).
     */
    static Choice choose(String forced, boolean vectorModule, String otherProblem) {
        if (otherProblem != null) return new Choice(null, otherProblem);
        String f = forced == null ? "" : forced.trim().toLowerCase(java.util.Locale.ROOT);
        switch (f) {
            case "scalar":
                return new Choice(SCALAR, null);
            case "vector":
                if (!vectorModule) {
                    return new Choice(null, "-Dmlp4j.kernel=vector asks for the Vector API kernel, but the JVM was "
                            + "started without it: add --add-modules jdk.incubator.vector, or drop -Dmlp4j.kernel");
                }
                try {
                    return new Choice(vector(), null);
                } catch (IllegalStateException e) {
                    return new Choice(null, "-Dmlp4j.kernel=vector: " + e.getMessage());
                }
            case "":
                return new Choice(automatic(vectorModule), null);
            default:
                return new Choice(null, "-Dmlp4j.kernel=" + forced + " is not a kernel: use vector or scalar, or leave "
                        + "it unset to use the Vector API kernel when the JVM has it");
        }
    }

    private static Kernel automatic(boolean vectorModule) {
        if (!vectorModule) {
            LOG.log(System.Logger.Level.WARNING, "Java Vector API not enabled: mlp4j uses its scalar kernel, 3-12 "
                    + "times slower. Start the JVM with --add-modules jdk.incubator.vector for the fast path.");
            return SCALAR;
        }
        try {
            return vector();
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; mlp4j uses its scalar kernel.");
            return SCALAR;
        }
    }
}
