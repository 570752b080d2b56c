package io.mlp4j.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --resume continues only the run that wrote the checkpoint: every option that changes the trained model, and the
 * data, must be the same, or the run stops naming the setting and both values.
 */
class ResumeSettingsTest {
    @TempDir
    Path tmp;
    Path train, dir;
    String[] run;

    @BeforeEach
    void aFinishedRunWithACheckpoint() throws Exception {
        train = TestFiles.blobs(tmp.resolve("train.csv"), 60, 1);
        dir = tmp.resolve("ckpt");
        run = new String[] {"train", "--train", train.toString(), "--label", "kind", "--epochs", "2", "--layers", "4,8,3",
                "--checkpoint-dir", dir.toString()};
        CliRun first = CliRun.of(with(run, "--out", tmp.resolve("first.safetensors").toString()));
        assertEquals(0, first.exitCode(), first.err());
    }

    /** The first run with --resume and these options changed (--layers replaces its value: picocli adds lists up). */
    private CliRun resume(String... changes) {
        String[] args = with(run, "--resume", "--out", tmp.resolve("r" + System.nanoTime() + ".safetensors").toString());
        int layers = Arrays.asList(changes).indexOf("--layers");
        if (layers >= 0) args[Arrays.asList(args).indexOf("--layers") + 1] = changes[layers + 1];
        return CliRun.of(layers >= 0 ? args : with(args, changes));
    }

    private static void assertRefused(CliRun r, String message) {
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("mlp4j: error: " + message, r.err().lines().filter(l -> l.startsWith("mlp4j:")).findFirst().orElse(r.err()));
        assertFalse(r.err().contains("resuming from"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void theSameRunResumes() {
        CliRun r = resume();
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("resuming from"), r.err());
    }

    @Test
    void anotherNetworkIsRefused() {
        assertRefused(resume("--layers", "4,6,3"), "cannot resume: --layers was 4,8,3 in the checkpoint, 4,6,3 now");
        assertRefused(resume("--activation", "tanh"), "cannot resume: --activation was relu in the checkpoint, tanh now");
        assertRefused(resume("--initializer", "normal"),
                "cannot resume: --initializer was default in the checkpoint, normal now");
    }

    @Test
    void anotherScheduleWeightDecayNormalizationOrValidationIsRefused() {
        assertRefused(resume("--schedule", "constant"), "cannot resume: --schedule was cosine in the checkpoint, constant now");
        assertRefused(resume("--weight-decay", "0.001"), "cannot resume: --weight-decay was 0.0 in the checkpoint, 0.001 now");
        assertRefused(resume("--normalize", "minmax"), "cannot resume: --normalize was standard in the checkpoint, minmax now");
        assertRefused(resume("--validation", "0.2"), "cannot resume: --validation was 0.0 in the checkpoint, 0.2 now");
        assertRefused(resume("--dropout", "0.3", "--seed", "2"),
                "cannot resume: --dropout was 0.1 in the checkpoint, 0.3 now; --seed was 1 in the checkpoint, 2 now");
    }

    @Test
    void otherDataIsRefused() throws Exception {
        Path other = TestFiles.blobs(tmp.resolve("other.csv"), 60, 2); // the same shape, other values
        String[] args = run.clone();
        args[2] = other.toString();
        CliRun r = CliRun.of(with(args, "--resume", "--out", tmp.resolve("o.safetensors").toString()));
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().matches("(?s).*mlp4j: error: cannot resume: training data was 60 samples × 4 features, hash "
                + "[0-9a-f]{16} in the checkpoint, 60 samples × 4 features, hash [0-9a-f]{16} now\n"), r.err());
    }

    @Test
    void whereOutputsGoDoesNotMatter() {
        CliRun r = resume("--history", tmp.resolve("h.csv").toString(), "--checkpoint-every", "3", "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
    }

    static String[] with(String[] a, String... b) {
        String[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
