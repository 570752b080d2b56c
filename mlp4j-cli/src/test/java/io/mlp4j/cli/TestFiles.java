package io.mlp4j.cli;

import io.mlp4j.data.Dataset;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntBinaryOperator;

/** Small data and model files for CLI tests, written in a few milliseconds. */
final class TestFiles {
    private TestFiles() {
    }

    /** A separable 3-class problem with 4 features f1..f4 and a label column "kind" (ant, bee, cat). */
    static Path blobs(Path file, int rows, long seed) throws Exception {
        StringBuilder s = new StringBuilder("f1,f2,f3,f4,kind\n");
        Random r = new Random(seed);
        String[] kinds = {"ant", "bee", "cat"};
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            for (int f = 0; f < 4; f++) s.append(String.format(Locale.ROOT, "%.3f,", (f == k ? 40 : 0) + r.nextGaussian() * 5));
            s.append(kinds[k]).append('\n');
        }
        Files.writeString(file, s.toString());
        return file;
    }

    /** An IDX images file: {@code count} images of rows×columns, pixel (image, index) given by {@code pixel}. */
    static Path idxImages(Path file, int count, int rows, int columns, IntBinaryOperator pixel) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int i = 0; i < count; i++) for (int p = 0; p < rows * columns; p++) out.writeByte(pixel.applyAsInt(i, p));
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /** An IDX labels file. */
    static Path idxLabels(Path file, int... labels) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(labels.length);
        for (int l : labels) out.writeByte(l);
        Files.write(file, bytes.toByteArray());
        return file;
    }

    /**
     * A directory of the four MNIST-named IDX files: {@code count} images per split of rows×columns, image i of class
     * {@code labels[i]}, drawn as a bright bar whose row depends on the class (so a network can tell them apart).
     */
    static Path idxDir(Path dir, int rows, int columns, int testRows, int testColumns, int[] labels) throws Exception {
        Files.createDirectories(dir);
        idxImages(dir.resolve("train-images-idx3-ubyte"), labels.length, rows, columns, bar(labels, rows, columns));
        idxLabels(dir.resolve("train-labels-idx1-ubyte"), labels);
        idxImages(dir.resolve("t10k-images-idx3-ubyte"), labels.length, testRows, testColumns, bar(labels, testRows, testColumns));
        idxLabels(dir.resolve("t10k-labels-idx1-ubyte"), labels);
        return dir;
    }

    private static IntBinaryOperator bar(int[] labels, int rows, int columns) {
        return (i, p) -> p / columns == (labels[i] * 3 + 2) % rows ? 255 : 0;
    }

    /** Labels 0..classes−1, {@code each} of every class. */
    static int[] labels(int classes, int each) {
        int[] l = new int[classes * each];
        for (int i = 0; i < l.length; i++) l[i] = i % classes;
        return l;
    }

    /** An untrained softmax classifier for {@code input} images, saved with that shape in its metadata. */
    static Path imageModel(Path file, ModelInput.Image input, int classes) throws Exception {
        Network net = Network.builder().input(input.size()).dense(8, Activation.RELU).dense(classes, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(1).build();
        ModelFile.save(new Model(net, null, Dataset.numberedClasses(classes), input), file);
        return file;
    }

    /** A 4-8-3 classifier of f1..f4 into ant, bee, cat, every weight and bias {@code w} (huge ones overflow). */
    static Path tableModel(Path file, float w) throws Exception {
        Network net = Network.builder().input(4).dense(8, Activation.RELU).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(1).build();
        for (var layer : net.layers()) {
            float[] weights = new float[layer.weights().length], biases = new float[layer.biases().length];
            java.util.Arrays.fill(weights, w);
            java.util.Arrays.fill(biases, w);
            layer.setParameters(weights, biases);
        }
        ModelFile.save(new Model(net, null, java.util.List.of("ant", "bee", "cat"),
                ModelInput.Table.named(java.util.List.of("f1", "f2", "f3", "f4"), java.util.List.of("kind"))), file);
        return file;
    }

    /** A PNG of width×height grey pixels, value (x, y) → 0..255. */
    static Path png(Path file, int width, int height, IntBinaryOperator grey) throws Exception {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) img.getRaster().setSample(x, y, 0, grey.applyAsInt(x, y));
        ImageIO.write(img, "png", file.toFile());
        return file;
    }
}
