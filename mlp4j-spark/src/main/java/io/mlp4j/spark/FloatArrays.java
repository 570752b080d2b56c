package io.mlp4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Float arrays over Java serialization as blocks of bytes. What each step sends is one such array of every parameter
 * (the weights out, the partial gradients back), and ObjectOutputStream's own float[] encoding moved 23 MB (W3's
 * 784-2048-2048-10) at about 400 MB/s on the development machine; as bytes it is a bulk copy. The bytes go through
 * a 64 KB buffer rather than one of the array's size: Spark's streams copy them again anyway, and a second 23 MB
 * array on each side of every transfer was garbage the collector had to clear each step.
 */
final class FloatArrays {
    private static final int CHUNK = 16 * 1024; // floats

    private FloatArrays() {
    }

    static void write(ObjectOutputStream out, float[] a) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a == null) return;
        ByteBuffer bytes = ByteBuffer.allocate(4 * Math.min(CHUNK, a.length)).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        for (int at = 0; at < a.length; at += CHUNK) {
            int n = Math.min(CHUNK, a.length - at);
            floats.clear();
            floats.put(a, at, n);
            out.write(bytes.array(), 0, 4 * n);
        }
    }

    static float[] read(ObjectInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        float[] a = new float[n];
        ByteBuffer bytes = ByteBuffer.allocate(4 * Math.min(CHUNK, n)).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        for (int at = 0; at < n; at += CHUNK) {
            int k = Math.min(CHUNK, n - at);
            in.readFully(bytes.array(), 0, 4 * k);
            floats.clear();
            floats.get(a, at, k);
        }
        return a;
    }
}
