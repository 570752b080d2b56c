package io.mlp4j.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float arrays over Java serialization as one block of bytes. What each step sends is one such array of every
 * parameter (the weights out, the partial gradients back), and ObjectOutputStream's own float[] encoding moved 23 MB
 * (W3's 784-2048-2048-10) at about 400 MB/s on the development machine; as bytes it is a bulk copy.
 */
final class FloatArrays {
    private FloatArrays() {
    }

    static void write(ObjectOutputStream out, float[] a) throws IOException {
        out.writeInt(a == null ? -1 : a.length);
        if (a == null) return;
        ByteBuffer bytes = ByteBuffer.allocate(4 * a.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(a);
        out.write(bytes.array());
    }

    static float[] read(ObjectInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) return null;
        byte[] bytes = new byte[4 * n];
        in.readFully(bytes);
        float[] a = new float[n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(a);
        return a;
    }
}
