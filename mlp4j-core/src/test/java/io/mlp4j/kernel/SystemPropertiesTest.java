package io.mlp4j.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@code -Dmlp4j.kernel}, {@code -Dmlp4j.threads} and {@code -Dmlp4j.gemm.tileRows}: a value that cannot be honoured is reported in one sentence
 * that names the property, never ignored (the properties are read once per JVM, so the choice is tested directly).
 */
class SystemPropertiesTest {

    @Test
    void kernelPropertyChoosesOrSaysWhyNot() {
        assertSame(Kernels.scalar(), Kernels.choose("scalar", true, null).kernel());
        assertSame(Kernels.scalar(), Kernels.choose(" Scalar ", false, null).kernel());
        assertSame(Kernels.scalar(), Kernels.choose(null, false, null).kernel(), "no module: the scalar kernel");
        assertEquals("vector (" + Species.FLOAT.length() + " float lanes)",
                Kernels.describe(Kernels.choose(null, true, null).kernel()));
        assertEquals("vector (" + Species.FLOAT.length() + " float lanes)",
                Kernels.describe(Kernels.choose("vector", true, null).kernel()));

        Kernels.Choice bogus = Kernels.choose("bogus", true, null);
        assertNull(bogus.kernel());
        assertEquals("-Dmlp4j.kernel=bogus is not a kernel: use vector or scalar, or leave it unset to use the Vector "
                + "API kernel when the JVM has it", bogus.problem());
        assertEquals("-Dmlp4j.kernel=vector asks for the Vector API kernel, but the JVM was started without it: add "
                + "--add-modules jdk.incubator.vector, or drop -Dmlp4j.kernel", Kernels.choose("vector", false, null).problem());
        assertEquals("threads!", Kernels.choose("scalar", true, "threads!").problem(), "a bad thread count wins");
    }

    @Test
    void threadsPropertyMustBeACountOfAtLeastOne() {
        assertNull(Parallel.threadsProblem(null));
        assertNull(Parallel.threadsProblem("3"));
        assertEquals(3, Parallel.threadsSetting(" 3", 8));
        assertEquals(8, Parallel.threadsSetting(null, 8));
        for (String bad : new String[] {"0", "-2", "abc", "", "1.5"}) {
            assertEquals("-Dmlp4j.threads=" + bad + " is not a thread count: give a whole number of at least 1, or "
                    + "leave it unset for one thread per processor", Parallel.threadsProblem(bad));
        }
    }

    @Test
    void tileRowsPropertyIsFourSixOrEight() {
        assertNull(TileRows.problem(null));
        assertEquals(6, TileRows.forLanes(8, null, 17), "256-bit vectors, JDK 17: 6 rows (C2 keeps 12 accumulators)");
        assertEquals(4, TileRows.forLanes(8, null, 25), "256-bit vectors, JDK 25: 4 rows (its C2 spills 6)");
        assertEquals(4, TileRows.forLanes(8, null, 21), "JDKs not measured: the tile that never spilled");
        assertEquals(8, TileRows.forLanes(16, null, 17), "512-bit vectors: 8 rows");
        assertEquals(8, TileRows.forLanes(16, null, 25));
        assertEquals(8, TileRows.forLanes(8, " 8", 17));
        assertEquals(6, TileRows.forLanes(8, "6", 25));
        assertEquals(4, TileRows.forLanes(16, "4", 17));
        for (String bad : new String[] {"5", "0", "abc", ""}) {
            assertEquals("-Dmlp4j.gemm.tileRows=" + bad + " is not a tile height: use 4, 6 or 8, or leave it unset to "
                    + "choose by the vector width and JDK", TileRows.problem(bad));
            assertEquals(4, TileRows.forLanes(8, bad, 25), "never used: best() reports the problem first");
        }
    }

    @Test
    void vectorBitsPropertyIsAWidth() {
        assertNull(VectorWidth.problem(null));
        assertEquals(512, VectorWidth.bits(" 512"));
        assertEquals(128, VectorWidth.bits("128"));
        for (String bad : new String[] {"64", "1024", "avx512", ""}) {
            assertEquals("-Dmlp4j.vector.bits=" + bad + " is not a vector width: use 128, 256 or 512, or leave it unset "
                    + "for the CPU's widest", VectorWidth.problem(bad));
        }
    }
}
