package io.mlp4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path tmp;

    private static final byte[] PIXELS = {0, (byte) 255, 51, 102, 0, 0, (byte) 204, 1}; // two 2×2 images

    @Test
    void readsRawAndGzippedFilesAndScalesPixels() throws Exception {
        for (boolean gz : new boolean[] {false, true}) {
            Path images = tmp.resolve("img" + gz), labels = tmp.resolve("lab" + gz);
            byte[] i = IdxFiles.images(2, 2, 2, PIXELS), l = IdxFiles.labels(new byte[] {3, 7});
            Files.write(images, gz ? IdxFiles.gzip(i) : i);
            Files.write(labels, gz ? IdxFiles.gzip(l) : l);
            Dataset d = IdxReader.read(images, labels, 10);
            assertEquals(2, d.size());
            assertEquals(4, d.featureCount());
            assertArrayEquals(new float[] {0f, 1f, 0.2f, 0.4f}, d.features()[0], 1e-7f);
            assertArrayEquals(new float[] {0f, 0f, 0.8f, 1 / 255f}, d.features()[1], 1e-7f);
            assertArrayEquals(new int[] {3, 7}, d.labels());
            assertEquals(1f, d.targets()[1][7]);
            assertEquals(10, d.classNames().size());
        }
    }

    @Test
    void classCountDefaultsToTheLargestLabelPlusOne() throws Exception {
        Path images = tmp.resolve("i"), labels = tmp.resolve("l");
        Files.write(images, IdxFiles.images(2, 2, 2, PIXELS));
        Files.write(labels, IdxFiles.labels(new byte[] {0, 1}));
        assertEquals(2, IdxReader.read(images, labels, 0).classNames().size());
        // labels 0 and 4 would make classes 1, 2 and 3 without a sample: a corrupt file, not five classes
        Files.write(labels, IdxFiles.labels(new byte[] {0, 4}));
        assertEquals("i and l: 2 distinct labels 0 and 4 (1 sample); expected contiguous classes 0..N−1 — is the file corrupt?",
                assertThrows(InvalidDataException.class, () -> IdxReader.read(images, labels, 0)).getMessage());
    }

    private static String imagesError(byte[] bytes) {
        return assertThrows(InvalidDataException.class,
                () -> IdxReader.readImages(new ByteArrayInputStream(bytes), "f.idx")).getMessage();
    }

    @Test
    void malformedFilesGiveOneClearLine() throws Exception {
        assertEquals("f.idx: wrong magic number 0x00000801: expected 0x00000803 for IDX images (idx3-ubyte)"
                + " (this is a labels file)", imagesError(IdxFiles.labels(new byte[] {1})));
        assertEquals("f.idx: wrong magic number 0x00000D03: expected 0x00000803 for IDX images (idx3-ubyte)"
                + " (data type 0x0D: only unsigned bytes, 0x08, are supported)", imagesError(IdxFiles.idx(0x0D03, new int[] {1, 1, 1}, new byte[4])));
        assertEquals("f.idx: truncated: the file ends inside the 4-byte IDX magic number", imagesError(new byte[] {0, 0}));
        assertEquals("f.idx: truncated: the file ends inside the header's size of dimension 3",
                imagesError(Arrays.copyOf(IdxFiles.images(2, 2, 2, PIXELS), 13)));
        assertEquals("f.idx: truncated: the header says 2×2×2 = 8 images bytes, the file holds 5",
                imagesError(Arrays.copyOf(IdxFiles.images(2, 2, 2, PIXELS), 16 + 5)));
        assertEquals("f.idx: the file has more bytes than the header's 1×2×2 images",
                imagesError(IdxFiles.images(1, 2, 2, PIXELS)));
        assertEquals("f.idx: dimension 2 has size 0 in the header; sizes must be 1 to 2147483647",
                imagesError(IdxFiles.images(1, 0, 2, new byte[0])));
        assertEquals("f.idx: dimension 1 has size 4294967295 in the header; sizes must be 1 to 2147483647",
                imagesError(IdxFiles.images(-1, 2, 2, new byte[0])));
    }

    @Test
    void aHeaderClaimingHugeSizesNeverAllocatesThem() {
        // 100,000 × 100,000 × 28 overflows an int; mlp4j stops counting once past one array's size.
        assertEquals("f.idx: the header's sizes 100000×100000… exceed 2147483631 values, more than mlp4j reads"
                + " from one file", imagesError(IdxFiles.images(100_000, 100_000, 28, new byte[0])));
        // 1,000,000 images of 28×28 claimed by a 16-byte file: read as it arrives, reported as truncated.
        assertEquals("f.idx: truncated: the header says 1000000×28×28 = 784000000 images bytes, the file holds 0",
                imagesError(IdxFiles.images(1_000_000, 28, 28, new byte[0])));
    }

    /** A header, then zeros up to {@code limit} bytes in all, counting what was read: a gzip bomb, already inflated. */
    private static final class Bomb extends java.io.InputStream {
        private final byte[] header;
        private final long limit;
        long served;

        Bomb(byte[] header, long limit) {
            this.header = header;
            this.limit = limit;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= limit) return -1;
            int n = (int) Math.min(len, limit - served);
            for (int i = 0; i < n; i++) b[off + i] = served + i < header.length ? header[(int) (served + i)] : 0;
            served += n;
            return n;
        }
    }

    @Test
    void theImageCountIsCheckedAgainstTheLabelsBeforeTheBodyIsRead() {
        // 2,700,000 images of 28×28 (2.1 GB) declared, 60,000 labels: stop after the header, not 2.1 GB later.
        Bomb bomb = new Bomb(Arrays.copyOf(IdxFiles.images(2_700_000, 28, 28, new byte[0]), 16), 64L << 20);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxReader.readImages(bomb, "bomb", 60_000));
        assertEquals("bomb: the header declares 2700000 images but there are 60000 labels; nothing past the header was read",
                e.getMessage());
        assertTrue(bomb.served <= 1 << 16, "read " + bomb.served + " bytes");
    }

    @Test
    void readingStopsAtTheDeclaredSize() {
        // 1,000 images declared, 64 MB of body: an error one byte past the declared 784,000, not 64 MB later.
        Bomb bomb = new Bomb(Arrays.copyOf(IdxFiles.images(1000, 28, 28, new byte[0]), 16), 64L << 20);
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> IdxReader.readImages(bomb, "bomb", 1000));
        assertEquals("bomb: the file has more bytes than the header's 1000×28×28 images", e.getMessage());
        assertTrue(bomb.served <= 16 + 784_000 + (1 << 16), "read " + bomb.served + " bytes");
    }

    @Test
    void aGzipBombWithTheWrongCountStopsAfterTheHeader() throws Exception {
        Path images = tmp.resolve("train-images-idx3-ubyte.gz"), labels = tmp.resolve("train-labels-idx1-ubyte");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(images))) {
            gz.write(IdxFiles.images(2_700_000, 28, 28, new byte[0]));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 8; i++) gz.write(zeros); // 8 MB of body for a claimed 2.1 GB: a few KB on disk
        }
        Files.write(labels, IdxFiles.labels(new byte[60]));
        assertArrayEquals(new int[] {2_700_000, 28, 28}, IdxReader.dimensions(images));
        assertArrayEquals(new int[] {60}, IdxReader.dimensions(labels));
        assertEquals("train-images-idx3-ubyte.gz: the header declares 2700000 images but there are 60 labels; nothing past"
                + " the header was read", assertThrows(InvalidDataException.class, () -> IdxReader.read(images, labels, 10)).getMessage());
    }

    @Test
    void countsAndLabelsMustMatch() throws Exception {
        Path images = tmp.resolve("i"), labels = tmp.resolve("l");
        Files.write(images, IdxFiles.images(2, 2, 2, PIXELS));
        Files.write(labels, IdxFiles.labels(new byte[] {1, 2, 3}));
        assertEquals("i: the header declares 2 images but there are 3 labels; nothing past the header was read",
                assertThrows(InvalidDataException.class, () -> IdxReader.read(images, labels, 10)).getMessage());
        Files.write(labels, IdxFiles.labels(new byte[] {1, 12}));
        assertEquals("i and l: label 12 of sample 1 is outside the known classes 0..9",
                assertThrows(InvalidDataException.class, () -> IdxReader.read(images, labels, 10)).getMessage());
    }

    @Test
    void brokenGzipIsReported() throws Exception {
        byte[] gz = IdxFiles.gzip(IdxFiles.images(2, 2, 2, PIXELS));
        Path p = tmp.resolve("cut.gz");
        Files.write(p, Arrays.copyOf(gz, gz.length - 12));
        String m = assertThrows(InvalidDataException.class, () -> IdxReader.readImages(p)).getMessage();
        assertEquals("cut.gz: broken or truncated gzip data", m.substring(0, m.indexOf(" (")));
        Path missing = tmp.resolve("nope");
        assertThrows(java.nio.file.NoSuchFileException.class, () -> IdxReader.readImages(missing));
    }
}
