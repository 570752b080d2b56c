package io.mlp4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/** Broadcast parameters (every parameter in one array, layer by layer), serialized as blocks of bytes. */
final class Weights implements Serializable {
    private static final long serialVersionUID = 1L;
    transient float[] values;

    Weights(float[] values) {
        this.values = values;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        FloatArrays.write(out, values);
    }

    private void readObject(ObjectInputStream in) throws IOException {
        values = FloatArrays.read(in);
    }
}
