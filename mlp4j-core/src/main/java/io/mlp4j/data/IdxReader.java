package io.mlp4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzipped (detected from the content, not the name).
 *
 * <p>An IDX file is a big-endian header, {@code 0x00 0x00 type dims}, one 32-bit size per dimension, then the values.
 * mlp4j reads unsigned-byte files (type 0x08): images with 3 dimensions (count × rows × columns) and labels with 1.
 * Pixels are scaled from 0..255 to [0, 1].
 *
 * <p>Limits, checked from the header before the body is read: a file holds at most {@value #MAX_VALUES} values (one
 * Java array), and an images file read with its labels must declare as many images as the labels file holds labels.
 * The header is never trusted for an allocation: the body is read as it arrives, so a header that claims more data
 * than the file holds gives a "truncated" error, not an OutOfMemoryError; and reading stops at the declared size, so a
 * body longer than declared (a gzip bomb inflating to gigabytes) is an error after one byte too many.
 */
public final class IdxReader {
    /** Magic numbers: 0x0000 0x08 (unsigned byte) then the number of dimensions. */
    static final int IMAGES_MAGIC = 0x00000803, LABELS_MAGIC = 0x00000801;
    /** The most values one file may hold (one Java array). */
    static final long MAX_VALUES = Integer.MAX_VALUE - 16;

    private IdxReader() {
    }

    /** Images: {@code count} of {@code rows × columns} unsigned bytes. */
    public record Images(int count, int rows, int columns, byte[] pixels) {
        /** Image i as a row of rows·columns floats in [0, 1]. */
        public float[] scaled(int i) {
            int n = rows * columns;
            float[] row = new float[n];
            for (int p = 0; p < n; p++) row[p] = (pixels[i * n + p] & 0xFF) / 255f;
            return row;
        }
    }

    /** Reads an images file (idx3-ubyte). */
    public static Images readImages(Path file) throws IOException {
        return readImages(file, 0);
    }

    /**
     * Reads an images file whose header must declare {@code expectedCount} images (the number of labels), checked
     * before the body is read; {@code expectedCount} ≤ 0 accepts any count.
     */
    public static Images readImages(Path file, int expectedCount) throws IOException {
        try (InputStream in = Files.newInputStream(existing(file))) {
            return readImages(in, file.getFileName().toString(), expectedCount);
        }
    }

    /**
     * The sizes an IDX file's header declares, read without its body: {count, rows, columns} for images (idx3),
     * {count} for labels (idx1). Lets a program check counts and memory before reading anything large.
     */
    public static int[] dimensions(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(existing(file))) {
            InputStream in = new BufferedInputStream(gunzipIfNeeded(raw), 64);
            String name = file.getFileName().toString();
            in.mark(4);
            byte[] start = in.readNBytes(4);
            in.reset();
            boolean labels = start.length == 4 && start[2] == 8 && start[3] == 1;
            int[] dims = labels ? header(in, name, LABELS_MAGIC, "labels (idx1-ubyte)") : header(in, name, IMAGES_MAGIC, "images (idx3-ubyte)");
            checkSize(name, dims);
            return dims;
        } catch (ZipException | EOFException e) {
            throw brokenGzip(file.getFileName().toString(), e);
        }
    }

    /** Reads a labels file (idx1-ubyte): one class index 0..255 per sample. */
    public static int[] readLabels(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(existing(file))) {
            return readLabels(in, file.getFileName().toString());
        }
    }

    /**
     * Images and labels as a classification data set; {@code classCount} ≤ 0 means one more than the largest label,
     * and then every class 0..N−1 must have samples (one corrupt label must not make a hundred empty classes).
     * Fails when the counts differ or a label is outside the classes.
     */
    public static Dataset read(Path images, Path labels, int classCount) throws IOException {
        int[] y = readLabels(labels);
        Images x = readImages(images, y.length); // the count is checked before the images are read
        return dataset(x, y, classCount, images.getFileName() + " and " + labels.getFileName(), null);
    }

    /**
     * Images and labels read separately, as a classification data set: {@code classCount} ≤ 0 means one more than the
     * largest label, and every class 0..N−1 must then have samples; {@code names} (or null for "0", "1", …) names the
     * classes; {@code where} names the source in errors.
     */
    public static Dataset dataset(Images x, int[] y, int classCount, String where, List<String> names)
            throws InvalidDataException {
        if (x.count() != y.length) {
            throw new InvalidDataException(where + ": " + x.count() + " images but " + y.length + " labels");
        }
        if (classCount <= 0) DataChecks.requireContiguousClasses(y, where, null, null);
        int classes = classCount > 0 ? classCount : Dataset.max(y) + 1;
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classes) {
                throw new InvalidDataException(where + ": label " + y[i] + " of sample " + i
                        + " is outside the known classes 0.." + (classes - 1));
            }
        }
        float[][] features = new float[x.count()][];
        for (int i = 0; i < x.count(); i++) features[i] = x.scaled(i);
        if (names != null && names.size() != classes) {
            throw new IllegalArgumentException(names.size() + " class names for " + classes + " classes");
        }
        return Dataset.classification(features, y, names != null ? names : Dataset.numberedClasses(classes), null);
    }

    /** Reads images from a stream, raw or gzipped; {@code name} names the source in errors. */
    public static Images readImages(InputStream raw, String name) throws IOException {
        return readImages(raw, name, 0);
    }

    /**
     * Reads images from a stream, raw or gzipped, whose header must declare {@code expectedCount} images (≤ 0: any);
     * {@code name} names the source in errors.
     */
    public static Images readImages(InputStream raw, String name, int expectedCount) throws IOException {
        try {
            InputStream in = gunzipIfNeeded(raw);
            int[] dims = header(in, name, IMAGES_MAGIC, "images (idx3-ubyte)");
            checkSize(name, dims);
            if (expectedCount > 0 && dims[0] != expectedCount) {
                throw new InvalidDataException(name + ": the header declares " + dims[0] + " images but there are "
                        + expectedCount + " labels; nothing past the header was read");
            }
            byte[] pixels = payload(in, name, dims, "images");
            return new Images(dims[0], dims[1], dims[2], pixels);
        } catch (ZipException | EOFException e) {
            throw brokenGzip(name, e);
        }
    }

    /** Reads labels from a stream, raw or gzipped; {@code name} names the source in errors. */
    public static int[] readLabels(InputStream raw, String name) throws IOException {
        try {
            InputStream in = gunzipIfNeeded(raw);
            int[] dims = header(in, name, LABELS_MAGIC, "labels (idx1-ubyte)");
            byte[] bytes = payload(in, name, dims, "labels");
            int[] labels = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) labels[i] = bytes[i] & 0xFF;
            return labels;
        } catch (ZipException | EOFException e) {
            throw brokenGzip(name, e);
        }
    }

    /** A gzip stream that is corrupt or ends early: GZIPInputStream reports both as ZipException or EOFException. */
    private static InvalidDataException brokenGzip(String name, IOException e) {
        return new InvalidDataException(name + ": broken or truncated gzip data (" + e.getMessage() + ")", e);
    }

    private static Path existing(Path file) throws IOException {
        return InputFiles.requireReadable(file);
    }

    /** gzip is recognized by its magic bytes 1f 8b, whatever the file is called. */
    private static InputStream gunzipIfNeeded(InputStream raw) throws IOException {
        InputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b0 = in.read(), b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static int[] header(InputStream in, String name, int expectedMagic, String kind) throws IOException {
        byte[] start = in.readNBytes(4);
        if (start.length < 4) {
            throw new InvalidDataException(name + ": truncated: the file ends inside the 4-byte IDX magic number");
        }
        int magic = ((start[0] & 0xFF) << 24) | ((start[1] & 0xFF) << 16) | ((start[2] & 0xFF) << 8) | (start[3] & 0xFF);
        if (magic != expectedMagic) {
            throw new InvalidDataException(String.format("%s: wrong magic number 0x%08X: expected 0x%08X for IDX %s%s",
                    name, magic, expectedMagic, kind, hint(magic)));
        }
        int[] dims = new int[expectedMagic & 0xFF];
        for (int d = 0; d < dims.length; d++) {
            byte[] size = in.readNBytes(4);
            if (size.length < 4) {
                throw new InvalidDataException(name + ": truncated: the file ends inside the header's size of dimension " + (d + 1));
            }
            dims[d] = ((size[0] & 0xFF) << 24) | ((size[1] & 0xFF) << 16) | ((size[2] & 0xFF) << 8) | (size[3] & 0xFF);
            if (dims[d] <= 0) {
                throw new InvalidDataException(name + ": dimension " + (d + 1) + " has size " + Integer.toUnsignedLong(dims[d])
                        + " in the header; sizes must be 1 to " + Integer.MAX_VALUE);
            }
        }
        return dims;
    }

    private static String hint(int magic) {
        if (magic == IMAGES_MAGIC) return " (this is an images file)";
        if (magic == LABELS_MAGIC) return " (this is a labels file)";
        if ((magic >>> 16) == 0 && ((magic >>> 8) & 0xFF) != 0x08) {
            return String.format(" (data type 0x%02X: only unsigned bytes, 0x08, are supported)", (magic >>> 8) & 0xFF);
        }
        return "";
    }

    /** The header's sizes against {@link #MAX_VALUES}; returns their product. */
    private static long checkSize(String name, int[] dims) throws InvalidDataException {
        long values = 1;
        StringBuilder shape = new StringBuilder();
        for (int d : dims) {
            values *= d; // each d < 2^31 and we stop once past MAX_VALUES, so this cannot overflow a long
            shape.append(shape.length() == 0 ? "" : "×").append(d);
            if (values > MAX_VALUES) {
                throw new InvalidDataException(name + ": the header's sizes " + shape + "… exceed " + MAX_VALUES
                        + " values, more than mlp4j reads from one file");
            }
        }
        return values;
    }

    private static byte[] payload(InputStream in, String name, int[] dims, String what) throws IOException {
        long values = checkSize(name, dims);
        String shape = String.join("×", java.util.Arrays.stream(dims).mapToObj(Integer::toString).toList());
        // Grows with the data that arrives, never past the declared size: a short file costs what it holds, and the
        // last growth holds 1.5× the data at most (InputStream.readNBytes holds 2×).
        byte[] data = new byte[(int) Math.min(values, 1 << 16)];
        int n = 0;
        while (n < values) {
            if (n == data.length) data = java.util.Arrays.copyOf(data, (int) Math.min(values, 2L * data.length));
            int r = in.read(data, n, data.length - n);
            if (r < 0) break;
            n += r;
        }
        if (n < values) {
            throw new InvalidDataException(name + ": truncated: the header says " + shape + " = " + values + " " + what
                    + " bytes, the file holds " + n);
        }
        if (in.read() >= 0) {
            throw new InvalidDataException(name + ": the file has more bytes than the header's " + shape + " " + what);
        }
        return data;
    }

    /** Names for Fashion-MNIST's ten classes, in label order (Zalando's README). */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
}
