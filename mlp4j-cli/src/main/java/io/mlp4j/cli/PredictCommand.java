package io.mlp4j.cli;

import io.mlp4j.data.CsvReader;
import io.mlp4j.data.IdxReader;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlp4j predict}: a saved model on new inputs. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict with a saved model. The input is recognized by its content: a PNG or JPEG image (made",
                "grey, light-on-dark and centred in the model's square like MNIST), an IDX images file, or CSV rows of",
                "features (drop a label column with --label)."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelOption modelOption;

    @Option(names = {"--input", "-i"}, required = true, paramLabel = "FILE", description = "An image, an IDX images file, or a CSV file.")
    Path input;

    @Option(names = "--top", defaultValue = "3", paramLabel = "K", description = "Show the K most likely classes (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--label", paramLabel = "COLUMN", description = "A CSV column to ignore (e.g. the label of a test file).")
    String label;

    @Option(names = "--no-header", description = "The CSV file has no header line.")
    boolean noHeader;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (top < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1, got " + top);
        checkLabelColumn();
        Model model = modelOption.load();
        List<float[]> rows = readInputs(model);
        boolean images = (model.input() != null ? model.input() : guess(model.network().inputSize())) instanceof ModelInput.Image;
        List<Map<String, Object>> results = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        int blanks = 0;
        for (int r = 0; r < rows.size(); r++) {
            String row = rows.size() > 1 ? "row " + (r + 1) + ": " : "";
            if (images && isBlank(rows.get(r))) { // one flat colour: any class the network picks means nothing
                blanks++;
                results.add(Map.of("blank_input", true));
                if (!json) out.println(row + "blank input (the image is one flat colour): no class");
                continue;
            }
            float[] scores;
            try {
                scores = model.predict(rows.get(r));
            } catch (ArithmeticException e) { // NaN or infinite outputs: never printed as probabilities
                throw new InvalidDataException(modelOption.file.getFileName() + ": " + e.getMessage(), e);
            }
            results.add(result(model, scores));
            if (!json) out.println(row + text(model, scores));
        }
        if (blanks > 0) {
            spec.commandLine().getErr().println("mlp4j: warning: " + (rows.size() == 1 ? input.getFileName() + " is blank"
                    : blanks + " of " + rows.size() + " images are blank") + " (one flat colour): no class predicted");
        }
        if (json) out.println(Json.GSON.toJson(rows.size() == 1 ? results.get(0) : Map.of("predictions", results)));
        out.flush();
        return Main.OK;
    }

    private List<float[]> readInputs(Model model) throws IOException {
        int inputs = model.network().inputSize();
        io.mlp4j.data.InputFiles.requireReadable(input);
        byte[] bytes = Files.readAllBytes(input);
        String name = input.getFileName().toString();
        ModelInput expected = model.input() != null ? model.input() : guess(inputs);
        if (ImageInput.isImage(bytes)) {
            if (!(expected instanceof ModelInput.Image image)) {
                throw new IllegalArgumentException("the model expects " + expected.describe() + ", not an image: " + name);
            }
            return List.of(ImageInput.toInput(bytes, name, image));
        }
        if (looksLikeIdx(bytes)) {
            IdxReader.Images images = IdxReader.readImages(new ByteArrayInputStream(bytes), name);
            ModelInput.requireCompatible(expected, new ModelInput.Image(images.rows(), images.columns(), 1), name);
            List<float[]> rows = new ArrayList<>();
            for (int i = 0; i < images.count(); i++) rows.add(images.scaled(i));
            return rows;
        }
        // Like train: a header unless --no-header, or the model was trained on a file without one. With a header,
        // the model's feature columns are found by name, in whatever order the file has them.
        boolean header = !noHeader && !(model.input() instanceof ModelInput.Table t && !t.hasNames());
        CsvReader reader = label != null ? CsvReader.unlabeledIgnoring(label) : CsvReader.unlabeled();
        if (header && model.input() instanceof ModelInput.Table t && t.namesAreUnique()) reader.features(t.features());
        float[][] x = reader.header(header).read(input).features();
        if (x.length > 0 && x[0].length != inputs) {
            throw new IllegalArgumentException(name + " has " + x[0].length + " feature columns but the model takes " + inputs
                    + " inputs" + (label == null ? " (drop a label column with --label)" : ""));
        }
        return List.of(x);
    }

    /** An image with every pixel the same (a blank PNG becomes all zeros once centred): nothing to classify. */
    static boolean isBlank(float[] image) {
        for (float v : image) if (v != image[0]) return false;
        return true;
    }

    /**
     * What a model file without input metadata (written before mlp4j recorded it) most likely takes: square grey
     * images when its width is a square of at least 8×8 (MNIST's 784 = 28×28), else a table.
     */
    static ModelInput guess(int inputs) {
        int side = (int) Math.round(Math.sqrt(inputs));
        return side * side == inputs && side >= 8 ? new ModelInput.Image(side, side, 1) : ModelInput.Table.positional(inputs, null);
    }

    /** A --label column a CSV input does not have is a usage error, found from its first line before the model is read. */
    private void checkLabelColumn() throws IOException {
        if (label == null || !Files.isRegularFile(input)) return;
        byte[] head = io.mlp4j.data.FileKinds.head(input);
        if (ImageInput.isImage(head) || looksLikeIdx(head) || io.mlp4j.data.FileKinds.describe(head).isPresent()) return;
        try {
            CsvReader.unlabeledIgnoring(label).header(!noHeader).checkColumns(input);
        } catch (CsvReader.UnknownColumnException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--label " + label + ": " + e.getMessage());
        }
    }

    /** IDX images start 00 00 08 03; gzip (1f 8b) is taken for gzipped IDX, the only gzip input accepted. */
    private static boolean looksLikeIdx(byte[] b) {
        boolean idx = b.length >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 8;
        boolean gzip = b.length >= 2 && (b[0] & 0xFF) == 0x1f && (b[1] & 0xFF) == 0x8b;
        return idx || gzip;
    }

    private Map<String, Object> result(Model model, float[] scores) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!model.isClassifier()) {
            List<Double> values = new ArrayList<>();
            for (float v : scores) values.add((double) v);
            m.put("prediction", values);
            return m;
        }
        m.put("class", model.classNames().get(Model.topK(scores, 1).get(0)));
        Map<String, Object> probabilities = new LinkedHashMap<>();
        for (int j = 0; j < scores.length; j++) probabilities.put(model.classNames().get(j), (double) scores[j]);
        m.put("probabilities", probabilities);
        List<Map<String, Object>> best = new ArrayList<>();
        for (int j : Model.topK(scores, top)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("class", model.classNames().get(j));
            entry.put("probability", (double) scores[j]);
            best.add(entry);
        }
        m.put("top", best);
        return m;
    }

    private String text(Model model, float[] scores) {
        if (!model.isClassifier()) {
            StringBuilder s = new StringBuilder();
            for (float v : scores) s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", v));
            return s.toString();
        }
        List<Integer> best = Model.topK(scores, top);
        StringBuilder s = new StringBuilder(model.classNames().get(best.get(0)));
        s.append("   (");
        for (int i = 0; i < best.size(); i++) {
            if (i > 0) s.append(", ");
            s.append(model.classNames().get(best.get(i))).append(String.format(Locale.ROOT, " %.4f", scores[best.get(i)]));
        }
        return s.append(')').toString();
    }
}
