package io.mlp4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad input: one clear line on stderr, a non-zero exit, no stack trace unless --verbose. */
class ErrorsTest {
    @TempDir
    Path tmp;

    private void assertOneLine(CliRun r, int code, String expected) {
        assertEquals(code, r.exitCode(), r.err());
        assertEquals(expected, r.err().lines().findFirst().orElse(""));
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void aMissingFile() {
        Path missing = tmp.resolve("nope.safetensors");
        assertOneLine(CliRun.of("evaluate", "--model", missing.toString()), 1, "mlp4j: error: " + missing + ": no such file");
        assertOneLine(CliRun.of("train", "--train", tmp.resolve("x.csv").toString(), "--label", "y", "--out",
                tmp.resolve("m").toString()), 1, "mlp4j: error: " + tmp.resolve("x.csv") + ": no such file");
    }

    @Test
    void aCsvWithABadCell() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "a,b,y\n1,2,x\n3,oops,y\n");
        assertOneLine(CliRun.of("train", "--train", csv.toString(), "--label", "y", "--out", tmp.resolve("m").toString()), 1,
                "mlp4j: error: bad.csv: line 3, column 1 ('b'): 'oops' is not a number");
    }

    @Test
    void aLabelColumnThatDoesNotExist() throws Exception {
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, "a,b,y\n1,2,x\n3,4,y\n");
        assertOneLine(CliRun.of("train", "--train", csv.toString(), "--label", "species", "--out", tmp.resolve("m").toString()),
                2, "mlp4j: --label species: d.csv: no column named 'species'; the header has [a, b, y]");
    }

    @Test
    void aModelThatDoesNotMatchTheData() throws Exception {
        Path csv = tmp.resolve("d.csv"), model = tmp.resolve("m.safetensors");
        Files.writeString(csv, "a,b,y\n1,2,x\n3,4,y\n1,1,x\n");
        assertEquals(0, CliRun.of("train", "--train", csv.toString(), "--label", "y", "--epochs", "1", "--out",
                model.toString()).exitCode());
        // the embedded digits are 28×28 images; this model takes a table of 2 columns
        assertOneLine(CliRun.of("evaluate", "--model", model.toString()), 1,
                "mlp4j: error: the model expects a table of 2 features (a, b), not images: embedded t10k-images holds 28×28 images");
    }

    @Test
    void aCorruptedModel() throws Exception {
        Path model = tmp.resolve("m.safetensors");
        Files.write(model, new byte[] {1, 2, 3});
        assertOneLine(CliRun.of("info", "--model", model.toString()), 1,
                "mlp4j: error: m.safetensors: truncated: 3 bytes, too short for the 8-byte header length (not a safetensors file?)");
    }

    @Test
    void badFlagsAreUsageErrorsWithAHint() {
        CliRun r = CliRun.of("train", "--epochs", "0");
        assertOneLine(r, 2, "mlp4j: --epochs must be at least 1, got 0");
        assertEquals("Try 'mlp4j train --help' for more information.", r.err().lines().skip(1).findFirst().orElse(""));
        assertOneLine(CliRun.of("train", "--optimizer", "adagrad"), 2,
                "mlp4j: unknown optimizer 'adagrad' (expected one of sgd, momentum, nesterov, rmsprop, adam, adamw)");
        assertOneLine(CliRun.of("train", "--layers", "784,64,3", "--epochs", "1"), 2,
                "mlp4j: --layers ends with 3 outputs but the data has 10 classes");
        assertOneLine(CliRun.of("train", "--frobnicate"), 2, "mlp4j: Unknown option: '--frobnicate'");
        assertOneLine(CliRun.of("datasets", "download", "cifar"), 2,
                "mlp4j: unknown data set 'cifar' (expected one of [mnist, fashion-mnist])");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun r = CliRun.of("info", "--model", tmp.resolve("none").toString(), "--verbose");
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("\tat "), r.err());
    }
}
