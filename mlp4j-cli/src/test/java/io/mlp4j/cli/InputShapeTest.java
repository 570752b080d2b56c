package io.mlp4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Data that matches a model only by its number of values is refused, naming both shapes; CSV columns are matched by
 * the names the model was trained with; a CSV without a header is never read as if its first row were one.
 */
class InputShapeTest {
    @TempDir
    Path tmp;

    private static void assertError(CliRun r, String message) {
        assertEquals(1, r.exitCode(), r.err());
        assertEquals("mlp4j: error: " + message + "\n", r.err());
    }

    @Test
    void imagesOfAnotherShapeWithTheSameNumberOfPixelsAreRefused() throws Exception {
        Path model = TestFiles.imageModel(tmp.resolve("m.safetensors"), new ModelInput.Image(28, 28, 1), 10);
        Path dir = TestFiles.idxDir(tmp.resolve("wide"), 14, 56, 14, 56, TestFiles.labels(10, 2)); // 14·56 = 784
        assertError(CliRun.of("evaluate", "--model", model.toString(), "--data", dir.toString()),
                "the model expects 28×28 images, t10k-images-idx3-ubyte has 14×56");
        assertError(CliRun.of("predict", "--model", model.toString(), "--input", dir.resolve("t10k-images-idx3-ubyte").toString()),
                "the model expects 28×28 images, t10k-images-idx3-ubyte has 14×56");
        // training and test images of one directory must have one shape, not one pixel count
        Path mixed = TestFiles.idxDir(tmp.resolve("mixed"), 28, 28, 14, 56, TestFiles.labels(10, 2));
        assertError(CliRun.of("evaluate", "--model", model.toString(), "--data", mixed.toString()),
                mixed + ": training images are 28×28 but test images are 14×56");
    }

    @Test
    void trainingRecordsTheImageShapeInTheModel() throws Exception {
        Path dir = TestFiles.idxDir(tmp.resolve("idx"), 12, 12, 12, 12, TestFiles.labels(3, 10));
        Path model = tmp.resolve("m.safetensors");
        CliRun t = CliRun.of("train", "--data", dir.toString(), "--epochs", "1", "--layers", "144,4,3", "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertEquals(new ModelInput.Image(12, 12, 1), ModelFile.load(model).input());
        CliRun info = CliRun.of("info", "--model", model.toString(), "--json");
        assertEquals("{\"kind\":\"image\",\"height\":12,\"width\":12,\"channels\":1}", JsonParser.parseString(info.out())
                .getAsJsonObject().getAsJsonObject("metadata").get("mlp4j.input").getAsString());
        assertTrue(CliRun.of("info", "--model", model.toString()).out().contains("\ninput: 12×12 images\n"));
    }

    @Test
    void anImageGivenToATableModelIsRefused() throws Exception {
        Path model = tableModel("m.safetensors");
        Path png = TestFiles.png(tmp.resolve("digit.png"), 20, 20, (x, y) -> x == 10 ? 255 : 0);
        assertError(CliRun.of("predict", "--model", model.toString(), "--input", png.toString()),
                "the model expects a table of 4 features (f1, f2, f3, f4), not an image: digit.png");
        Path idx = TestFiles.idxImages(tmp.resolve("x-idx3-ubyte"), 1, 2, 2, (i, p) -> p * 60);
        assertError(CliRun.of("predict", "--model", model.toString(), "--input", idx.toString()),
                "the model expects a table of 4 features (f1, f2, f3, f4), not images: x-idx3-ubyte holds 2×2 images");
    }

    @Test
    void csvColumnsAreMatchedByNameInAnyOrder() throws Exception {
        Path model = tableModel("m.safetensors");
        Path test = TestFiles.blobs(tmp.resolve("test.csv"), 60, 2);
        double inOrder = accuracy(CliRun.of("evaluate", "--model", model.toString(), "--test", test.toString(), "--label", "kind", "--json"));
        assertTrue(inOrder > 0.9, "accuracy " + inOrder);

        Path shuffled = reorder(test, tmp.resolve("shuffled.csv"), 4, 3, 1, 0, 2); // kind,f4,f2,f1,f3
        CliRun r = CliRun.of("evaluate", "--model", model.toString(), "--test", shuffled.toString(), "--label", "kind", "--json");
        assertEquals(inOrder, accuracy(r), 1e-12, "the same accuracy whatever the column order");

        CliRun a = CliRun.of("predict", "--model", model.toString(), "--input", test.toString(), "--label", "kind");
        CliRun b = CliRun.of("predict", "--model", model.toString(), "--input", shuffled.toString()); // the label column is not a feature
        assertEquals(0, b.exitCode(), b.err());
        assertEquals(a.out(), b.out());
        assertEquals(60, b.out().lines().count());

        Path missing = reorder(test, tmp.resolve("missing.csv"), 0, 1, 3, 4);
        assertError(CliRun.of("evaluate", "--model", model.toString(), "--test", missing.toString(), "--label", "kind"),
                "missing.csv: no feature column named 'f3'; the features are [f1, f2, f3, f4], the header has [f1, f2, f4, kind]");
    }

    @Test
    void aCsvWithoutAHeaderIsNeverReadAsIfItHadOne() throws Exception {
        Path model = tableModel("m.safetensors");
        Path rows = tmp.resolve("rows.csv");
        Files.writeString(rows, "1,39,2,-1\n40,1,2,3\n");
        assertError(CliRun.of("predict", "--model", model.toString(), "--input", rows.toString()),
                "rows.csv: line 1 holds only numbers, so it looks like data, not a header (if the file has no header line, "
                        + "say so: --no-header)");
        CliRun r = CliRun.of("predict", "--model", model.toString(), "--input", rows.toString(), "--no-header");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(List.of("row 1: bee", "row 2: ant"), r.out().lines().map(l -> l.substring(0, l.indexOf(' ', 7))).toList());

        // A model trained on a file without a header reads files without one, by position, like train --no-header.
        Path plain = tmp.resolve("plain.csv");
        List<String> lines = Files.readAllLines(TestFiles.blobs(tmp.resolve("t.csv"), 60, 3));
        Files.write(plain, lines.subList(1, lines.size()));
        Path noHeader = tmp.resolve("nh.safetensors");
        CliRun t = CliRun.of("train", "--train", plain.toString(), "--label", "4", "--no-header", "--epochs", "15", "--lr", "0.01",
                "--out", noHeader.toString());
        assertEquals(0, t.exitCode(), t.err());
        assertEquals(ModelInput.Table.positional(4, List.of("4")), ModelFile.load(noHeader).input());
        CliRun p = CliRun.of("predict", "--model", noHeader.toString(), "--input", rows.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertEquals(2, p.out().lines().count(), "both rows predicted: " + p.out());
    }

    @Test
    void modelFilesWithoutInputMetadataStillLoadAndGoByPosition() throws Exception {
        Path model = tableModel("m.safetensors");
        Model m = ModelFile.load(model);
        Path old = tmp.resolve("old.safetensors");
        ModelFile.save(new Model(m.network(), m.normalizer(), m.classNames()), old);
        assertNull(ModelFile.load(old).input());
        Path one = tmp.resolve("one.csv");
        Files.writeString(one, "a,b,c,d\n1,39,2,-1\n");
        CliRun r = CliRun.of("predict", "--model", old.toString(), "--input", one.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("bee "), r.out());
        assertFalse(CliRun.of("predict", "--model", model.toString(), "--input", one.toString()).exitCode() == 0,
                "a model with column names refuses other names");
    }

    /** A 4-64-3 classifier trained on f1..f4 → kind (ant: f1 high, bee: f2 high, cat: f3 high). */
    private Path tableModel(String name) throws Exception {
        Path train = TestFiles.blobs(tmp.resolve("train-" + name + ".csv"), 150, 1), model = tmp.resolve(name);
        CliRun t = CliRun.of("train", "--train", train.toString(), "--label", "kind", "--epochs", "15", "--lr", "0.01",
                "--out", model.toString());
        assertEquals(0, t.exitCode(), t.err());
        return model;
    }

    private static double accuracy(CliRun r) {
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        return j.get("test_accuracy").getAsDouble();
    }

    /** The CSV file with only these columns, in this order. */
    private static Path reorder(Path from, Path to, int... columns) throws Exception {
        StringBuilder s = new StringBuilder();
        for (String line : Files.readAllLines(from)) {
            String[] cells = line.split(",");
            for (int i = 0; i < columns.length; i++) s.append(i == 0 ? "" : ",").append(cells[columns[i]]);
            s.append('\n');
        }
        Files.writeString(to, s.toString());
        return to;
    }
}
