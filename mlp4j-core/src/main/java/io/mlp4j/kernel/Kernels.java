package io.mlp4j.kernel;

import java.lang.invoke.MethodHandles;

/**
 * Chooses the kernel once per JVM, as Lucene chooses its vectorization provider: the Java Vector API kernel when the
 * {@code jdk.incubator.vector} module is readable, otherwise the portable scalar kernel, with one log line that says
 * why and what to do. The system property {@code mlp4j.kernel} ({@code vector} or {@code scalar}) forces a choice;
 * forcing {@code vector} without the module is an error, so a test that asks for the fast path gets it.
 */
public final class Kernels {
    private static final System.Logger LOG = System.getLogger("io.mlp4j.kernel");
    /** Loaded by name only, after the module check: no other class refers to it, so none needs the module. */
    private static final String VECTOR_KERNEL = "io.mlp4j.kernel.VectorKernel";
    private static final Kernel SCALAR = new ScalarKernel();
    private static final Kernel BEST = choose();

    private Kernels() {
    }

    /** The kernel mlp4j uses in this JVM. */
    public static Kernel best() {
        return BEST;
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

    private static Kernel choose() {
        String forced = System.getProperty("mlp4j.kernel", "");
        if (forced.equals("scalar")) return SCALAR;
        if (forced.equals("vector")) return vector();
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "Java Vector API not enabled: mlp4j uses its scalar kernel, several "
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
