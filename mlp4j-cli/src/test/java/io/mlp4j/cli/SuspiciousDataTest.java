package io.mlp4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data that reads without an error but would train or predict nonsense: refused, or warned about. */
class SuspiciousDataTest {
    @TempDir
    Path tmp;

    @Test
    void aStrayLabelInAnIdxFileIsRefusedNotMadeIntoAHundredClasses() throws Exception {
        Path dir = TestFiles.idxDir(tmp.resolve("idx"), 8, 8, 8, 8, TestFiles.labels(10, 3));
        int[] stray = Arrays.copyOf(TestFiles.labels(10, 3), 31);
        stray[30] = 200;
        TestFiles.idxImages(dir.resolve("train-images-idx3-ubyte"), 31, 8, 8, (i, p) -> p % 7 == i % 7 ? 255 : 0);
        TestFiles.idxLabels(dir.resolve("train-labels-idx1-ubyte"), stray);
        CliRun r = CliRun.of("train", "--data", dir.toString(), "--epochs", "1", "--out", tmp.resolve("m.safetensors").toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("mlp4j: error: train-labels-idx1-ubyte: 11 distinct labels 0..9 and 200 (1 sample); expected contiguous "
                + "classes 0..N−1 — is the file corrupt?\n", r.err());
        assertFalse(Files.exists(tmp.resolve("m.safetensors")));
    }

    @Test
    void aClassWithAlmostNoSamplesIsWarnedAbout() throws Exception {
        Path csv = TestFiles.blobs(tmp.resolve("t.csv"), 600, 1);
        Files.writeString(csv, "3,1,2,40,dog\n", java.nio.file.StandardOpenOption.APPEND);
        CliRun r = CliRun.of("train", "--train", csv.toString(), "--label", "kind", "--epochs", "1", "--out",
                tmp.resolve("m.safetensors").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("mlp4j: warning: class 'dog' (1 sample) has fewer than 1% of the largest class's 200 "
                + "samples: a stray label? (the model gets an output for it)\n"), r.err());
    }

    @Test
    void aShiftThatMovesImagesOutOfTheFrameIsRefusedAndALargeOneWarnedAbout() throws Exception {
        Path dir = TestFiles.idxDir(tmp.resolve("idx"), 8, 8, 8, 8, TestFiles.labels(3, 10));
        CliRun r = CliRun.of("train", "--data", dir.toString(), "--augment", "shift:100", "--epochs", "1",
                "--out", tmp.resolve("m.safetensors").toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("mlp4j: --augment: a shift of up to 100 pixels can move 8×8 images out of the frame; "
                + "it must be smaller than the images (at most 7)\n"), r.err());
        CliRun big = CliRun.of("train", "--data", dir.toString(), "--augment", "shift:3", "--epochs", "1", "--layers", "64,4,3",
                "--out", tmp.resolve("m.safetensors").toString());
        assertEquals(0, big.exitCode(), big.err());
        assertTrue(big.err().contains("mlp4j: warning: --augment shift:3 moves 8×8 images by more than a quarter of their size: "
                + "much of each image can leave the frame\n"), big.err());
    }
}
