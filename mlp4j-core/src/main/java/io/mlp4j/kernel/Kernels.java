package io.mlp4j.kernel;

/**
 * Chooses the kernel once per JVM. Today that is always {@link ScalarKernel}; a Vector API kernel will be
 * chosen here when {@code jdk.incubator.vector} is readable, with the scalar kernel as the fallback.
 */
public final class Kernels {
    private static final Kernel DEFAULT = new ScalarKernel();

    private Kernels() {
    }

    /** The kernel mlp4j uses in this JVM. */
    public static Kernel best() {
        return DEFAULT;
    }

    /** The portable reference implementation. */
    public static Kernel scalar() {
        return DEFAULT;
    }
}
