package io.mlp4j.cli;

import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Hostile-but-honest input files: each is refused early, in bounded memory, with one line naming the file. */
class HostileInputTest {
    @TempDir
    Path tmp;

    private static void assertError(CliRun r, String line) {
        assertEquals(1, r.exitCode(), r.err());
        assertEquals(line, r.err().lines().findFirst().orElse(""));
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private static byte[] idx(int magic, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        return b.array();
    }

    /** A folder of IDX files: small test files and the given training files. */
    private Path idxDir(byte[] trainImagesGz, byte[] trainLabels) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("idx"));
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), trainImagesGz);
        Files.write(dir.resolve("train-labels-idx1-ubyte"), trainLabels);
        ByteBuffer test = ByteBuffer.allocate(16 + 2 * 784).putInt(0x803).putInt(2).putInt(28).putInt(28);
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), test.array());
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), ByteBuffer.allocate(10).putInt(0x801).putInt(2).array());
        return dir;
    }

    /** gzip of a header claiming 2.1 GB of images, and 4 MB of zeros: a few KB on disk. */
    private static byte[] bomb(int count) throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(gz)) {
            out.write(idx(0x803, count, 28, 28));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 4; i++) out.write(zeros);
        }
        return gz.toByteArray();
    }

    @Test
    void anIdxGzipBombStopsAtItsHeader() throws Exception {
        byte[] labels = new byte[8 + 60];
        ByteBuffer.wrap(labels).putInt(0x801).putInt(60);
        Path dir = idxDir(bomb(2_700_000), labels);
        assertError(CliRun.of("train", "--data", dir.toString(), "--out", tmp.resolve("m").toString()),
                "mlp4j: error: train-images-idx3-ubyte.gz declares 2700000 images but train-labels-idx1-ubyte declares 60"
                        + " labels: the files do not belong together");
    }

    @Test
    void idxHeadersThatAgreeButExceedTheHeapAreRefusedBeforeReading() throws Exception {
        int count = 2_700_000; // 2.1 G pixels: about 10 GB as floats
        assumeTrue(Runtime.getRuntime().maxMemory() < 10_000L << 20, "a heap smaller than 10 GB");
        Path dir = idxDir(bomb(count), idx(0x801, count));
        CliRun r = CliRun.of("train", "--data", dir.toString(), "--out", tmp.resolve("m").toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("mlp4j: error: " + dir + ": the IDX headers declare 2700000 + 2 images of 28×28, about "),
                r.err());
        assertTrue(r.err().contains(" MB in memory, more than the Java heap's "), r.err());
    }

    @Test
    void dataNamingAFileSaysItWantsAFolder() throws Exception {
        Path file = Files.write(tmp.resolve("train-images-idx3-ubyte.gz"), bomb(1));
        assertError(CliRun.of("train", "--data", file.toString(), "--out", tmp.resolve("m").toString()),
                "mlp4j: error: --data " + file + " is a file: --data expects a folder of IDX files (train-images-idx3-ubyte[.gz],"
                        + " train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz])");
    }

    private Path digitModel() throws Exception {
        Network net = Network.builder().input(784).dense(10, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(1).build();
        Path model = tmp.resolve("digits.safetensors");
        ModelFile.save(new Model(net, null, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")), model);
        return model;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws Exception {
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.US_ASCII));
        crc.update(data);
        out.writeInt(data.length);
        out.writeBytes(type);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void aHugeImageIsRefusedFromItsHeaderBeforeDecoding() throws Exception {
        // A PNG that says 20000×20000 grey pixels: 400 MB to decode; its header alone is enough to refuse it.
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(20_000).putInt(20_000).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[20_001]); // the first row only: never read
        deflater.finish();
        byte[] idat = new byte[1024];
        chunk(out, "IDAT", java.util.Arrays.copyOf(idat, deflater.deflate(idat)));
        chunk(out, "IEND", new byte[0]);
        Path big = Files.write(tmp.resolve("big.png"), png.toByteArray());
        assertError(CliRun.of("predict", "--model", digitModel().toString(), "--input", big.toString()),
                "mlp4j: error: big.png: 20000×20000 pixels is larger than mlp4j reads (at most 8192 on a side); scale the"
                        + " image down first");
    }

    @Test
    void gifAndBmpImagesArePredictedLikePngs() throws Exception {
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 40, 40);
        g.setColor(Color.BLACK);
        g.fillRect(17, 5, 6, 30);
        g.dispose();
        Path model = digitModel();
        for (String format : new String[] {"gif", "bmp"}) {
            Path file = tmp.resolve("one." + format);
            ImageIO.write(img, format, file.toFile());
            CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", file.toString());
            assertEquals(0, r.exitCode(), format + ": " + r.err());
        }
    }

    @Test
    void inputsThatAreNotRegularFilesSaySo() throws Exception {
        Path empty = Files.createFile(tmp.resolve("empty.csv"));
        assertError(CliRun.of("evaluate", "--model", tmp.toString()), "mlp4j: error: " + tmp + ": is a directory, not a file");
        assertError(CliRun.of("train", "--train", empty.toString(), "--label", "y", "--out", tmp.resolve("m").toString()),
                "mlp4j: error: " + empty + ": is empty (0 bytes)");
        assumeTrue(Files.exists(Path.of("/dev/null")), "a /dev/null");
        assertError(CliRun.of("info", "--model", "/dev/null"), "mlp4j: error: /dev/null: is not a regular file (a device, pipe or socket)");
        assertError(CliRun.of("predict", "--model", digitModel().toString(), "--input", "/dev/null"),
                "mlp4j: error: /dev/null: is not a regular file (a device, pipe or socket)");
    }

    @Test
    void csvProblemsNameTheFileTheLineAndWhatToDo() throws Exception {
        Path quote = Files.writeString(tmp.resolve("quote.csv"), "a,b,y\n1,2,x\n3,4,y\n\"5,6,x\n7,8,y\n");
        assertError(CliRun.of("train", "--train", quote.toString(), "--label", "y", "--out", tmp.resolve("m").toString()),
                "mlp4j: error: quote.csv: line 4: a quoted field starts here and is never closed (a \" without its closing \");"
                        + " check the quotes on that line");
        Path latin1 = Files.write(tmp.resolve("latin1.csv"), "a,y\n1,caf\u00e9\n2,the\n".getBytes(StandardCharsets.ISO_8859_1));
        assertError(CliRun.of("train", "--train", latin1.toString(), "--label", "y", "--out", tmp.resolve("m").toString()),
                "mlp4j: error: latin1.csv: line 2: not UTF-8 at byte offset 9; save the file as UTF-8 (it may be Latin-1 or"
                        + " Windows-1252)");
        Path gif = tmp.resolve("photo.gif");
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "gif", gif.toFile());
        assertError(CliRun.of("train", "--train", gif.toString(), "--label", "y", "--out", tmp.resolve("m").toString()),
                "mlp4j: error: photo.gif looks like a GIF image, not CSV text");
        Path wide = Files.writeString(tmp.resolve("wide.csv"), "a,b,y\n1,2,x\n" + ";".repeat(5) + ",".repeat(20_000) + "\n");
        assertError(CliRun.of("train", "--train", wide.toString(), "--label", "y", "--out", tmp.resolve("m").toString()),
                "mlp4j: error: wide.csv: line 3 has more than 16384 fields, more than mlp4j reads (is the separator right?)");
    }
}
