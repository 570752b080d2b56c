package io.mlp4j.cli;

import io.mlp4j.model.ModelInput;
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

    @Test
    void anImageFarSmallerThanTheModelsInputIsRefused() throws Exception {
        Path model = TestFiles.imageModel(tmp.resolve("m.safetensors"), new ModelInput.Image(28, 28, 1), 10);
        Path tiny = TestFiles.png(tmp.resolve("tiny.png"), 1, 1, (x, y) -> 255);
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", tiny.toString());
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("mlp4j: error: tiny.png is 1×1 pixels, far smaller than the model's 28×28 images (at least 7×7)\n", r.err());
        Path small = TestFiles.png(tmp.resolve("small.png"), 7, 9, (x, y) -> x == 3 ? 255 : 0);
        assertEquals(0, CliRun.of("predict", "--model", model.toString(), "--input", small.toString()).exitCode());
    }

    @Test
    void aBlankImageGetsNoClass() throws Exception {
        Path model = TestFiles.imageModel(tmp.resolve("m.safetensors"), new ModelInput.Image(28, 28, 1), 10);
        Path blank = TestFiles.png(tmp.resolve("blank.png"), 40, 40, (x, y) -> 255); // white paper, no ink
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", blank.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("blank input (the image is one flat colour): no class\n", r.out());
        assertEquals("mlp4j: warning: blank.png is blank (one flat colour): no class predicted\n", r.err());
        CliRun j = CliRun.of("predict", "--model", model.toString(), "--input", blank.toString(), "--json");
        assertEquals("{\"blank_input\":true}\n", j.out());
        Path grey = TestFiles.png(tmp.resolve("grey.png"), 40, 40, (x, y) -> 90); // a flat mid-grey: no ink either
        assertEquals("blank input (the image is one flat colour): no class\n",
                CliRun.of("predict", "--model", model.toString(), "--input", grey.toString()).out());

        Path idx = TestFiles.idxImages(tmp.resolve("three-idx3-ubyte"), 3, 28, 28, (i, p) -> i == 1 ? 0 : p % 29 == 0 ? 255 : 0);
        CliRun many = CliRun.of("predict", "--model", model.toString(), "--input", idx.toString());
        assertEquals(0, many.exitCode(), many.err());
        assertEquals("row 2: blank input (the image is one flat colour): no class", many.out().lines().toList().get(1));
        assertTrue(many.out().lines().toList().get(0).matches("row 1: \\d .*"), many.out());
        assertEquals("mlp4j: warning: 1 of 3 images are blank (one flat colour): no class predicted\n", many.err());
    }

    @Test
    void aModelWhoseOutputsOverflowIsAnErrorNotANumber() throws Exception {
        // Finite weights of 1e20: the hidden layer reaches ~1e21 and the output layer overflows float32 (3.4e38).
        Path model = TestFiles.tableModel(tmp.resolve("huge.safetensors"), 1e20f);
        Path rows = tmp.resolve("rows.csv");
        Files.writeString(rows, "f1,f2,f3,f4\n1,2,3,4\n");
        String overflow = "mlp4j: error: huge.safetensors: the network's outputs are not finite numbers: its weights overflow"
                + " float32 (the largest is 1.00e+20)\n";
        for (String json : new String[] {"--top", "--json"}) {
            CliRun r = CliRun.of(json.equals("--json") ? new String[] {"predict", "--model", model.toString(), "--input",
                    rows.toString(), "--json"} : new String[] {"predict", "--model", model.toString(), "--input", rows.toString()});
            assertEquals(1, r.exitCode(), r.err());
            assertEquals(overflow, r.err());
            assertEquals("", r.out());
        }
        Path test = tmp.resolve("test.csv");
        Files.writeString(test, "f1,f2,f3,f4,kind\n1,2,3,4,ant\n");
        CliRun e = CliRun.of("evaluate", "--model", model.toString(), "--test", test.toString(), "--label", "kind", "--json");
        assertEquals(1, e.exitCode(), e.err());
        assertEquals(overflow, e.err());

        // 3e38 is finite but absurd: the file is refused when it is loaded, by every command
        Path absurd = TestFiles.tableModel(tmp.resolve("absurd.safetensors"), 3e38f);
        CliRun info = CliRun.of("info", "--model", absurd.toString());
        assertEquals(1, info.exitCode());
        assertEquals("mlp4j: error: absurd.safetensors: tensor 'layers.0.weight' holds 3.0E38 at index 0, beyond any trained "
                + "weight (|w| ≤ 1.0E30): the network's outputs would overflow float32\n", info.err());
    }
}
