package io.mlp4j.onnx;

import io.mlp4j.data.IdxReader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The first 1,000 digits of the MNIST test set, pixels scaled to [0, 1]: read from the copy embedded in mlp4j-cli
 * (the project's one copy of real data; Maven runs each module's tests in its own folder, so the path is stable).
 */
final class MnistSamples {
    static final int COUNT = 1000;
    private static final Path DIR = Path.of("..", "mlp4j-cli", "src", "main", "resources", "io", "mlp4j", "cli", "mnist-10k");

    private MnistSamples() {
    }

    static float[][] images() throws IOException {
        IdxReader.Images images = IdxReader.readImages(DIR.resolve("t10k-images-idx3-ubyte.gz"));
        float[][] x = new float[COUNT][];
        for (int i = 0; i < COUNT; i++) x[i] = images.scaled(i);
        return x;
    }

    static int[] labels() throws IOException {
        return Arrays.copyOf(IdxReader.readLabels(DIR.resolve("t10k-labels-idx1-ubyte.gz")), COUNT);
    }
}
