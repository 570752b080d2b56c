package io.mlp4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End-to-end: the commands run in-process on small data, as a person would chain them. */
class TrainEvaluatePredictTest {
    @TempDir
    Path tmp;

    /** A separable 3-class problem with 4 features, as CSV with a header and a named label column. */
    private Path csv(String name, int rows, long seed) throws Exception {
        StringBuilder s = new StringBuilder("f1,f2,f3,f4,kind\n");
        java.util.Random r = new java.util.Random(seed);
        String[] kinds = {"ant", "bee", "cat"};
        for (int i = 0; i < rows; i++) {
            int k = i % 3;
            for (int f = 0; f < 4; f++) s.append(String.format(java.util.Locale.ROOT, "%.3f,", (f == k ? 40 : 0) + r.nextGaussian() * 5));
            s.append(kinds[k]).append('\n');
        }
        Path p = tmp.resolve(name);
        Files.writeString(p, s.toString());
        return p;
    }

    @Test
    void trainSaveInfoEvaluatePredictRoundTripOnCsv() throws Exception {
        Path train = csv("train.csv", 300, 1), test = csv("test.csv", 90, 2), model = tmp.resolve("m.safetensors");
        Path history = tmp.resolve("h.csv"), curves = tmp.resolve("curves.png");
        CliRun t = CliRun.of("train", "--train", train.toString(), "--test", test.toString(), "--label", "kind",
                "--epochs", "15", "--lr", "0.01", "--out", model.toString(), "--history", history.toString(),
                "--plot", curves.toString(), "--validation", "0.2", "--json");
        assertEquals(0, t.exitCode(), t.err());
        JsonObject j = JsonParser.parseString(t.out()).getAsJsonObject();
        assertTrue(j.get("test_accuracy").getAsDouble() > 0.95, t.out());
        assertEquals(4 * 64 + 64 + 64 * 3 + 3, j.get("parameters").getAsInt(), "default table network 4-64-3");
        assertEquals(15, j.getAsJsonArray("history").size());
        assertTrue(t.err().contains("epoch 15/15"), "plain per-epoch lines when stderr is not a terminal: " + t.err());
        assertEquals(16, Files.readAllLines(history).size());
        assertTrue(ImageIO.read(curves.toFile()).getWidth() > 100);

        CliRun info = CliRun.of("info", "--model", model.toString(), "--json");
        assertEquals(0, info.exitCode(), info.err());
        JsonObject i = JsonParser.parseString(info.out()).getAsJsonObject();
        assertEquals("4-64-3", i.get("architecture").getAsString());
        assertEquals("standard", i.get("normalization").getAsString());
        assertEquals(List.of("ant", "bee", "cat"), List.of(i.getAsJsonArray("classes").get(0).getAsString(),
                i.getAsJsonArray("classes").get(1).getAsString(), i.getAsJsonArray("classes").get(2).getAsString()));

        Path heat = tmp.resolve("confusion.png");
        CliRun ev = CliRun.of("evaluate", "--model", model.toString(), "--test", test.toString(), "--label", "kind",
                "--json", "--plot", heat.toString());
        assertEquals(0, ev.exitCode(), ev.err());
        JsonObject e = JsonParser.parseString(ev.out()).getAsJsonObject();
        assertEquals(j.get("test_accuracy").getAsDouble(), e.get("test_accuracy").getAsDouble(), 1e-12,
                "evaluate reproduces train's test accuracy from the saved file");
        assertEquals(3, e.getAsJsonArray("per_class").size());
        assertTrue(ImageIO.read(heat.toFile()).getHeight() > 100);

        Path one = tmp.resolve("one.csv");
        Files.writeString(one, "f1,f2,f3,f4\n1,39,2,-1\n");
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--input", one.toString(), "--json");
        assertEquals(0, p.exitCode(), p.err());
        JsonObject pj = JsonParser.parseString(p.out()).getAsJsonObject();
        assertEquals("bee", pj.get("class").getAsString());
        assertEquals(1.0, pj.getAsJsonObject("probabilities").entrySet().stream()
                .mapToDouble(x -> x.getValue().getAsDouble()).sum(), 1e-5);

        CliRun many = CliRun.of("predict", "--model", model.toString(), "--input", test.toString(), "--label", "kind", "--top", "2");
        assertEquals(0, many.exitCode(), many.err());
        assertEquals(90, many.out().lines().count());
        assertTrue(many.out().startsWith("row 1: ant   (ant "), many.out());
    }

    /**
     * Regression targets in the thousands: the network trains on standardized targets and the model file carries
     * that scaling, so predict and evaluate speak the targets' own units with no unscaling by hand.
     * y = 5000 + 300·x1 − 200·x2 exactly, so the expected prediction is computed here, not taken from a run.
     */
    @Test
    void regressionPredictsInTheTargetsOwnUnits() throws Exception {
        StringBuilder s = new StringBuilder("x1,x2,y\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            double x1 = r.nextDouble(), x2 = r.nextDouble();
            s.append(String.format(java.util.Locale.ROOT, "%.4f,%.4f,%.4f%n", x1, x2, 5000 + 300 * x1 - 200 * x2));
        }
        Path data = tmp.resolve("lin.csv"), model = tmp.resolve("lin.safetensors"), one = tmp.resolve("one.csv");
        Files.writeString(data, s.toString());
        CliRun t = CliRun.of("train", "--train", data.toString(), "--test", data.toString(), "--label", "y",
                "--regression", "--epochs", "40", "--lr", "0.01", "--out", model.toString(), "--json");
        assertEquals(0, t.exitCode(), t.err());
        JsonObject j = JsonParser.parseString(t.out()).getAsJsonObject();
        assertTrue(j.get("test_r2").getAsDouble() > 0.98, t.out());

        Files.writeString(one, "x1,x2\n0.5,0.5\n");
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--input", one.toString(), "--json");
        assertEquals(0, p.exitCode(), p.err());
        double y = JsonParser.parseString(p.out()).getAsJsonObject().getAsJsonArray("prediction").get(0).getAsDouble();
        assertEquals(5050, y, 15, "5000 + 300·0.5 − 200·0.5, in the targets' units");

        // No --regression: the model file says its outputs are numbers, not classes.
        CliRun ev = CliRun.of("evaluate", "--model", model.toString(), "--test", data.toString(), "--label", "y", "--json");
        assertEquals(0, ev.exitCode(), ev.err());
        JsonObject e = JsonParser.parseString(ev.out()).getAsJsonObject();
        assertEquals(j.get("test_r2").getAsDouble(), e.get("test_r2").getAsDouble(), 1e-9);
        assertTrue(e.get("test_mae").getAsDouble() < 15, "MAE in the targets' units: " + ev.out());
        CliRun report = CliRun.of("evaluate", "--model", model.toString(), "--test", data.toString(), "--label", "y");
        assertTrue(report.out().contains("(on scaled targets)  MSE "), report.out());

        CliRun bad = CliRun.of("train", "--train", csv("c.csv", 30, 1).toString(), "--label", "kind",
                "--normalize-targets", "standard", "--out", tmp.resolve("c.safetensors").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--normalize-targets is for regression: class targets are one-hot"), bad.err());
    }

    @Test
    void theEmbeddedDefaultTrainsAndPredictsAnImage() throws Exception {
        Path model = tmp.resolve("digits.safetensors");
        CliRun t = CliRun.of("train", "--epochs", "1", "--layers", "784,64,10", "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertTrue(t.err().contains("on MNIST-10k (embedded): 8000 samples"), t.err());
        String accuracyLine = t.out().lines().filter(l -> l.contains("accuracy")).findFirst().orElseThrow();
        double accuracy = Double.parseDouble(accuracyLine.substring(accuracyLine.lastIndexOf(' ') + 1));
        assertTrue(accuracy > 0.85, "one epoch of a small network: " + accuracyLine);
        assertTrue(t.out().contains("confusion matrix"), t.out());

        // a "1": a dark vertical stroke on white paper, as a phone photo of a digit would be
        BufferedImage img = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 80);
        g.setColor(Color.BLACK);
        g.fillRect(26, 10, 8, 60);
        g.dispose();
        Path png = tmp.resolve("one.png");
        ImageIO.write(img, "png", png.toFile());
        CliRun p = CliRun.of("predict", "--model", model.toString(), "--input", png.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertTrue(p.out().startsWith("1 "), p.out());
    }

    @Test
    void fineTuningStartsFromTheGivenModelsWeights() throws Exception {
        Path train = csv("t.csv", 150, 5), first = tmp.resolve("first.safetensors"), tuned = tmp.resolve("tuned.safetensors");
        assertEquals(0, CliRun.of("train", "--train", train.toString(), "--label", "kind", "--epochs", "5", "--out",
                first.toString()).exitCode());
        // A learning rate of 1e-12 leaves the weights where --init put them: the tuned model predicts like the first.
        CliRun t = CliRun.of("train", "--train", train.toString(), "--label", "kind", "--epochs", "1", "--lr", "1e-12",
                "--dropout", "0", "--init", first.toString(), "--out", tuned.toString());
        assertEquals(0, t.exitCode(), t.err());
        Path one = tmp.resolve("row.csv");
        Files.writeString(one, "f1,f2,f3,f4\n3,1,38,2\n");
        JsonObject a = JsonParser.parseString(CliRun.of("predict", "--model", first.toString(), "--input", one.toString(),
                "--json").out()).getAsJsonObject();
        JsonObject b = JsonParser.parseString(CliRun.of("predict", "--model", tuned.toString(), "--input", one.toString(),
                "--json").out()).getAsJsonObject();
        assertEquals(a.getAsJsonObject("probabilities").get("cat").getAsDouble(),
                b.getAsJsonObject("probabilities").get("cat").getAsDouble(), 1e-6);
        CliRun mismatch = CliRun.of("train", "--init", first.toString(), "--epochs", "1", "--out", tmp.resolve("x").toString());
        assertEquals(1, mismatch.exitCode());
        assertTrue(mismatch.err().startsWith("mlp4j: error: " + first + ": the model expects a table of 4 features (f1, f2, f3, f4),"
                + " not images: MNIST-10k (embedded) holds 28×28 images"), mismatch.err());
    }

    @Test
    void aModelIsNeverOverwrittenWithoutForce() throws Exception {
        Path train = csv("t.csv", 60, 3), model = tmp.resolve("keep.safetensors");
        Files.writeString(model, "precious");
        CliRun t = CliRun.of("train", "--train", train.toString(), "--label", "kind", "--epochs", "1", "--out", model.toString());
        assertEquals(1, t.exitCode());
        assertEquals("mlp4j: error: " + model + " exists: add --force to overwrite it, or choose --out FILE\n", t.err());
        assertEquals("precious", Files.readString(model));
        CliRun forced = CliRun.of("train", "--train", train.toString(), "--label", "kind", "--epochs", "1", "--out",
                model.toString(), "--force");
        assertEquals(0, forced.exitCode(), forced.err());
    }

    @Test
    void aKilledRunResumedFromItsCheckpointEndsWithTheSameModel() throws Exception {
        Path train = csv("t.csv", 3000, 4), dir = tmp.resolve("ckpt");
        Path whole = tmp.resolve("whole.safetensors"), resumed = tmp.resolve("resumed.safetensors");
        String[] common = {"train", "--train", train.toString(), "--label", "kind", "--epochs", "30", "--batch", "16"};
        assertEquals(0, CliRun.of(concat(common, "--out", whole.toString())).exitCode());

        // The same run in a separate JVM, killed (SIGKILL) as soon as its first checkpoint is on disk.
        Path checkpoint = dir.resolve("checkpoint.safetensors");
        String[] jvm = {java(), "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()};
        String[] args = concat(common, "--out", resumed.toString(), "--checkpoint-dir", dir.toString(), "--checkpoint-every", "50");
        Process p = new ProcessBuilder(concat(jvm, args)).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(checkpoint) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        p.destroyForcibly().waitFor();
        assertTrue(Files.exists(checkpoint), "a checkpoint was written before the kill");
        assertFalse(Files.exists(resumed), "killed before it finished: " + Files.readString(tmp.resolve("killed.log")));

        CliRun r = CliRun.of(concat(common, "--out", resumed.toString(), "--checkpoint-dir", dir.toString(),
                "--checkpoint-every", "50", "--resume"));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("resuming from"), r.err());
        assertEquals(sha(whole), sha(resumed), "same weights, bit for bit");
    }

    private static String sha(Path model) {
        CliRun info = CliRun.of("info", "--model", model.toString(), "--json");
        return JsonParser.parseString(info.out()).getAsJsonObject().getAsJsonObject("metadata").get("mlp4j.sha256").getAsString();
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
