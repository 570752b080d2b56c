package io.mlp4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An option value that is wrong on its own is a usage error: exit 2, one line naming the option and what is valid,
 * reported before any data is loaded (here --data names a folder that does not exist, which would be exit 1).
 */
class UsageErrorsTest {
    @TempDir
    Path tmp;

    private CliRun train(String... options) {
        String[] args = new String[options.length + 5];
        args[0] = "train";
        args[1] = "--data";
        args[2] = tmp.resolve("no-such-folder").toString();
        args[3] = "--out";
        args[4] = tmp.resolve("m").toString();
        System.arraycopy(options, 0, args, 5, options.length);
        return CliRun.of(args);
    }

    private static void assertUsage(CliRun r, String line) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(line, r.err().lines().findFirst().orElse(""));
        assertTrue(r.err().lines().skip(1).findFirst().orElse("").startsWith("Try 'mlp4j "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void numbersOutOfRange() {
        assertUsage(train("--lr", "Infinity"), "mlp4j: --lr must be a positive finite number, got Infinity");
        assertUsage(train("--lr", "NaN"), "mlp4j: --lr must be a positive finite number, got NaN");
        assertUsage(train("--clip-norm", "-1"), "mlp4j: --clip-norm must be 0 (off) or a positive finite number, got -1.0");
        assertUsage(train("--weight-decay", "Infinity"), "mlp4j: --weight-decay must be 0 or a positive finite number, got Infinity");
        assertUsage(train("--checkpoint-every", "-5", "--checkpoint-dir", tmp.toString()),
                "mlp4j: --checkpoint-every must be 0 (every epoch only) or more batches, got -5");
        assertUsage(train("--checkpoint-every", "5"), "mlp4j: --checkpoint-every needs --checkpoint-dir");
    }

    @Test
    void everyScheduleParameterIsChecked() {
        assertUsage(train("--schedule", "step:1:-2"), "mlp4j: --schedule: step schedule: GAMMA must be a number in (0, 1], got -2");
        assertUsage(train("--schedule", "step:1:0"), "mlp4j: --schedule: step schedule: GAMMA must be a number in (0, 1], got 0");
        assertUsage(train("--schedule", "exponential:0"),
                "mlp4j: --schedule: exponential schedule: GAMMA must be a number in (0, 1], got 0");
        assertUsage(train("--schedule", "cosine:abc"), "mlp4j: --schedule: cosine schedule takes no parameters, got 'cosine:abc'");
    }

    @Test
    void namesAreCheckedBeforeTheData() {
        assertUsage(train("--activation", "relu6"), "mlp4j: --activation: unknown activation 'relu6' (expected one of "
                + "[sigmoid, relu, leaky-relu, tanh, identity, softmax])");
        assertUsage(train("--loss", "hinge"), "mlp4j: --loss: unknown loss 'hinge' (expected one of "
                + "[quadratic, mse, cross-entropy, binary-cross-entropy])");
        assertUsage(train("--normalize", "l2"), "mlp4j: --normalize: unknown normalization 'l2' (expected minmax or standard)");
        assertUsage(train("--layers", "784,0,10"), "mlp4j: layer 1: units must be positive, got 0");
        assertUsage(train("--dataset", "cifar"), "mlp4j: choose one data source: --data, --dataset or --train/--test");
        assertUsage(CliRun.of("train", "--dataset", "cifar"), "mlp4j: --dataset: unknown data set 'cifar' (expected one of [mnist, fashion-mnist])");
    }

    @Test
    void aMalformedLayersValueIsShortAndSaysWhatIsWrong() {
        String runaway = "784" + "9".repeat(990);
        for (CliRun r : new CliRun[] {CliRun.of("summary", "--layers", runaway + ",10"), train("--layers", runaway + ",10")}) {
            assertEquals(2, r.exitCode(), r.err());
            String line = r.err().lines().findFirst().orElse("");
            assertEquals("mlp4j: Invalid value for option '--layers' (N,N,...): '7849999999999999999999999999999999999999…' (993"
                    + " characters) is not a layer size: sizes are whole numbers from input to output, e.g. 784,128,10", line);
        }
    }

    @Test
    void aLabelColumnOutsideTheFileIsAUsageError() throws Exception {
        Path csv = tmp.resolve("d.csv");
        Files.writeString(csv, "a,b,y\n1,2,x\n3,4,y\n");
        assertUsage(CliRun.of("train", "--train", csv.toString(), "--label", "99", "--out", tmp.resolve("m").toString()),
                "mlp4j: --label 99: d.csv: column index 99 is outside the 3 columns (0..2, or −1 for the last)");
        assertUsage(CliRun.of("evaluate", "--model", tmp.resolve("none").toString(), "--test", csv.toString(), "--label", "7"),
                "mlp4j: --label 7: d.csv: column index 7 is outside the 3 columns (0..2, or −1 for the last)");
        assertUsage(CliRun.of("predict", "--model", tmp.resolve("none").toString(), "--input", csv.toString(), "--label", "z"),
                "mlp4j: --label z: d.csv: no column named 'z'; the header has [a, b, y]");
    }

    @Test
    void aBadMirrorUrlIsAUsageError() {
        String expected = " is not an http:// or https:// URL of a folder, such as https://mirror.example.org/mnist/";
        assertUsage(CliRun.of("train", "--dataset", "mnist", "--mirror", "ftp://example.org/", "--cache-dir", tmp.toString()),
                "mlp4j: --mirror: 'ftp://example.org/'" + expected);
        assertUsage(CliRun.of("datasets", "download", "mnist", "--dir", tmp.toString(), "--mirror", "not a url"),
                "mlp4j: --mirror: 'not a url'" + expected);
        assertUsage(CliRun.of("datasets", "download", "mnist", "--dir", tmp.toString(), "--mirror", "http:///mnist"),
                "mlp4j: --mirror: 'http:///mnist'" + expected);
    }
}
