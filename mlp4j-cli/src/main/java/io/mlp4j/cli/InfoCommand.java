package io.mlp4j.cli;

import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Architecture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlp4j info}: what a model file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a model file's architecture, parameter count, normalization, classes and metadata.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelOption modelOption;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    /** The model's description as {@code info --json} prints it (and {@code serve} answers GET /v1/model). */
    static Map<String, Object> json(String file, Model model, Map<String, String> metadata) {
        Architecture arch = model.network().architecture();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("model", file);
        j.put("architecture", arch.shape());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int i = 0; i < arch.depth(); i++) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("inputs", arch.fanIn(i));
            l.put("units", arch.layers().get(i).units());
            l.put("activation", arch.layers().get(i).activation().id());
            l.put("parameters", arch.parameterCount(i));
            layers.add(l);
        }
        j.put("layers", layers);
        j.put("loss", arch.loss().id());
        j.put("parameters", arch.parameterCount());
        j.put("normalization", model.normalizer() == null ? "none" : model.normalizer().kind().id());
        if (model.classNames() != null) j.put("classes", model.classNames());
        if (model.input() != null) j.put("input", model.input().describe());
        Map<String, String> shown = new LinkedHashMap<>(metadata);
        shown.remove("mlp4j.normalization"); // hundreds of numbers: summarized above
        j.put("metadata", shown);
        return j;
    }

    @Override
    public Integer call() throws IOException {
        ModelFile.Loaded loaded = ModelFile.loadWithMetadata(modelOption.file); // read once: the model and its metadata
        Model model = loaded.model();
        Map<String, String> metadata = loaded.metadata();
        Architecture arch = model.network().architecture();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = json(modelOption.file.toString(), model, metadata);
            out.println(Json.GSON.toJson(j));
        } else {
            out.printf("%s: %s, loss %s, %,d parameters%n", modelOption.file, arch.shape(), arch.loss().id(), arch.parameterCount());
            for (int i = 0; i < arch.depth(); i++) {
                out.printf("  dense %d  %d→%d  %-10s %,d parameters%n", i + 1, arch.fanIn(i), arch.layers().get(i).units(),
                        arch.layers().get(i).activation().id(), arch.parameterCount(i));
            }
            out.println("normalization: " + (model.normalizer() == null ? "none" : model.normalizer().kind().id()
                    + " (fitted on the training data, applied before prediction)"));
            out.println("classes: " + (model.classNames() == null ? "none (regression)" : String.join(", ", model.classNames())));
            out.println("input: " + (model.input() == null ? arch.inputSize() + " values (its shape is not recorded in this file)"
                    : model.input().describe()));
            out.println("format: " + metadata.get("format") + " version " + metadata.get("mlp4j.format_version")
                    + ", written by " + metadata.getOrDefault("mlp4j.created_by", "?"));
            out.println("sha256 of the weights: " + metadata.get("mlp4j.sha256"));
            if (metadata.containsKey("mlp4j.checkpoint")) out.println("this is a training checkpoint (it also holds optimizer state)");
        }
        out.flush();
        return Main.OK;
    }
}
