package io.mlp4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every output obeys one rule: no existing file is replaced without --force, checked at the start and again when the
 * file is put in place; two outputs of one run are never the same file; a bad output location is found before any
 * training, with the option and the path named.
 */
class OutputsTest {
    @TempDir
    Path tmp;

    private Path csv() throws Exception {
        StringBuilder s = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 30; i++) s.append(i % 3).append(',').append(i % 5).append(',').append(i % 2 == 0 ? "x" : "y").append('\n');
        Path p = tmp.resolve("d.csv");
        Files.writeString(p, s.toString());
        return p;
    }

    private String[] train(String... more) throws Exception {
        String[] base = {"train", "--train", csv().toString(), "--label", "kind", "--epochs", "1"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertError(CliRun r, int code, String line) {
        assertEquals(code, r.exitCode(), r.err());
        assertEquals(line, r.err().lines().findFirst().orElse(""));
        assertFalse(r.err().contains("training "), "stopped before training: " + r.err());
    }

    @Test
    void historyAndPlotAreNotOverwrittenWithoutForce() throws Exception {
        Path model = tmp.resolve("m.safetensors"), history = tmp.resolve("h.csv"), plot = tmp.resolve("p.png");
        Files.writeString(history, "precious");
        assertError(CliRun.of(train("--out", model.toString(), "--history", history.toString())), 1,
                "mlp4j: error: " + history + " exists: add --force to overwrite it, or choose --history FILE");
        Files.writeString(plot, "precious");
        assertError(CliRun.of(train("--out", model.toString(), "--plot", plot.toString())), 1,
                "mlp4j: error: " + plot + " exists: add --force to overwrite it, or choose --plot FILE");
        assertEquals("precious", Files.readString(history));
        assertEquals("precious", Files.readString(plot));
        assertFalse(Files.exists(model), "nothing trained, nothing saved");

        CliRun forced = CliRun.of(train("--out", model.toString(), "--history", history.toString(), "--plot", plot.toString(),
                "--force"));
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(Files.readString(history).startsWith("epoch,"));

        Path heat = tmp.resolve("confusion.png");
        Files.writeString(heat, "precious");
        CliRun ev = CliRun.of("evaluate", "--model", model.toString(), "--test", csv().toString(), "--label", "kind",
                "--plot", heat.toString());
        assertError(ev, 1, "mlp4j: error: " + heat + " exists: add --force to overwrite it, or choose --plot FILE");
        assertEquals("precious", Files.readString(heat));
        assertEquals(0, CliRun.of("evaluate", "--model", model.toString(), "--test", csv().toString(), "--label", "kind",
                "--plot", heat.toString(), "--force").exitCode());
        assertTrue(Files.size(heat) > 1000);
    }

    @Test
    void twoOutputsOfOneRunCannotBeTheSameFile() throws Exception {
        Path x = tmp.resolve("x");
        assertError(CliRun.of(train("--out", x.toString(), "--plot", x.toString())), 2,
                "mlp4j: --plot " + x + " is also --out: two outputs of one run cannot be the same file");
        Path spelledOtherwise = tmp.resolve("sub").resolve("..").resolve("x");
        assertError(CliRun.of(train("--out", x.toString(), "--history", spelledOtherwise.toString(), "--force")), 2,
                "mlp4j: --history " + spelledOtherwise + " is also --out: two outputs of one run cannot be the same file");
        Path dir = tmp.resolve("ckpt");
        assertError(CliRun.of(train("--out", dir.resolve("checkpoint.safetensors").toString(), "--checkpoint-dir", dir.toString())),
                2, "mlp4j: --checkpoint-dir " + dir.resolve("checkpoint.safetensors") + " is also --out: two outputs of one run"
                        + " cannot be the same file");
        assertFalse(Files.exists(x));
    }

    @Test
    void aPreviousRunsCheckpointIsNotOverwrittenWhenResumeIsForgotten() throws Exception {
        Path dir = tmp.resolve("ckpt"), checkpoint = dir.resolve("checkpoint.safetensors");
        Files.createDirectories(dir);
        Files.writeString(checkpoint, "an earlier run's checkpoint");
        assertError(CliRun.of(train("--out", tmp.resolve("m").toString(), "--checkpoint-dir", dir.toString())), 1,
                "mlp4j: error: --checkpoint-dir " + dir + " holds the checkpoint of an earlier run: add --resume to continue"
                        + " it, --force to start over and replace it, or choose another --checkpoint-dir");
        assertEquals("an earlier run's checkpoint", Files.readString(checkpoint));
        CliRun over = CliRun.of(train("--out", tmp.resolve("m").toString(), "--checkpoint-dir", dir.toString(), "--force"));
        assertEquals(0, over.exitCode(), over.err());
    }

    @Test
    void badOutputLocationsAreFoundBeforeAnyDataIsLoaded() throws Exception {
        Path file = tmp.resolve("notes.txt");
        Files.writeString(file, "x");
        // the embedded digits are the data: none of these runs gets as far as reading them
        assertError(CliRun.of("train", "--out", file.resolve("m.safetensors").toString()), 1,
                "mlp4j: error: --out " + file.resolve("m.safetensors") + ": " + file + " is a file, not a folder");
        assertError(CliRun.of("train", "--out", tmp.toString()), 1, "mlp4j: error: --out " + tmp + ": is a directory, not a file");
        assertError(CliRun.of("train", "--out", tmp.resolve("m").toString(), "--checkpoint-dir", file.toString()), 1,
                "mlp4j: error: --checkpoint-dir " + file + " is a file, not a folder: name a folder for the checkpoints");
        assertError(CliRun.of("train", "--out", tmp.resolve("m").toString(), "--history", file.resolve("h.csv").toString()), 1,
                "mlp4j: error: --history " + file.resolve("h.csv") + ": " + file + " is a file, not a folder");
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux /proc");
        CliRun proc = CliRun.of("train", "--out", "/proc/m.safetensors");
        assertEquals(1, proc.exitCode());
        assertTrue(proc.err().startsWith("mlp4j: error: --out /proc/m.safetensors: cannot create a file in /proc ("), proc.err());
        assertFalse(proc.err().contains("training "), proc.err());
    }

    /** Creates {@code file} (as another run would) once the first epoch is reported: after the start-up check. */
    private static final class OtherRun extends Writer {
        private final StringWriter seen = new StringWriter();
        private final Path file;

        OtherRun(Path file) {
            this.file = file;
        }

        @Override
        public void write(char[] c, int off, int len) {
            seen.write(c, off, len);
            if (seen.toString().contains("epoch 1/") && !Files.exists(file)) {
                try {
                    Files.writeString(file, "theirs");
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aFileCreatedDuringTrainingIsKeptAndTheRunSaysSo() throws Exception {
        Path model = tmp.resolve("m.safetensors");
        OtherRun err = new OtherRun(model);
        StringWriter out = new StringWriter();
        int code = Main.run(train("--out", model.toString()), new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(1, code, err.seen.toString());
        assertEquals("theirs", Files.readString(model), "the other run's model is kept");
        assertTrue(err.seen.toString().contains("mlp4j: error: " + model + " was created by something else during this run"
                + " (another run?) and was kept; nothing was written there: add --force to overwrite it, or choose --out FILE"),
                err.seen.toString());
        assertFalse(out.toString().contains("saved"), out.toString());
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "the data and the other run's model, no temporary file");
        }
    }
}
