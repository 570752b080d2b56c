package io.mlp4j.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The float species of the Vector API kernel's classes (see {@link VectorWidth}); a constant to C2. */
final class Species {
    static final VectorSpecies<Float> FLOAT = of(VectorWidth.bits(System.getProperty(VectorWidth.PROPERTY)));

    private Species() {
    }

    private static VectorSpecies<Float> of(int bits) {
        return switch (bits) {
            case 128 -> FloatVector.SPECIES_128;
            case 256 -> FloatVector.SPECIES_256;
            case 512 -> FloatVector.SPECIES_512;
            default -> FloatVector.SPECIES_PREFERRED;
        };
    }
}
