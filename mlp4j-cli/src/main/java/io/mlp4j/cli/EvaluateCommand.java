package io.mlp4j.cli;

import io.mlp4j.data.Dataset;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mlp4j evaluate}: a saved model on test data. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure a saved model on test data: accuracy, loss, confusion matrix and per-class precision,",
                "recall and F1 (MSE, MAE and R² for regression). With no data options: the embedded MNIST-10k test set."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelOption modelOption;

    @Mixin
    DataOptions data;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the confusion matrix as a heat map.")
    Path plot;

    @Option(names = "--force", description = "Overwrite --plot if it exists.")
    boolean force;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (data.isCsv() && data.testCsv == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "evaluate reads test data: use --test FILE.csv --label COLUMN");
        }
        data.check(spec, false);
        Outputs outputs = new Outputs(spec, force).file("--plot", plot);
        outputs.check();
        Model model = modelOption.load();
        if (!model.isClassifier()) data.regression = true; // the model knows its targets are numbers, not classes
        DataOptions.Loaded loaded = data.load(false, model.classNames(), model.input(), spec.commandLine().getErr());
        ModelInput.requireCompatible(model.input(), loaded.input(), loaded.testSource());
        Dataset test = loaded.test();
        if (model.normalizer() != null) test = model.normalizer().apply(checkWidth(model, test));
        Evaluation e = Evaluation.of(model.network(), checkWidth(model, test), model.targetScaling());
        if (!Double.isFinite(e.loss())) { // NaN outputs: no accuracy or loss to print
            float largest = 0;
            for (float[] row : test.features()) largest = Math.max(largest, Model.largest(row));
            throw new InvalidDataException(modelOption.file.getFileName() + ": " + model.overflow(largest));
        }
        if (plot != null) {
            if (!e.isClassification()) throw new IllegalArgumentException("--plot draws a confusion matrix: a regression model has none");
            outputs.write("--plot", ifExists -> Plots.confusionMatrix(e, "confusion matrix: " + modelOption.file.getFileName(),
                    plot, ifExists));
        }
        if (json) {
            out.println(Json.GSON.toJson(Json.evaluation(e)));
        } else {
            out.print(e.report());
        }
        out.flush();
        return Main.OK;
    }

    static Dataset checkWidth(Model model, Dataset data) {
        if (data.featureCount() != model.network().inputSize()) {
            throw new IllegalArgumentException("the model expects " + model.network().inputSize() + " inputs but the data has "
                    + data.featureCount() + " features");
        }
        if (data.targetCount() != model.network().outputSize()) {
            throw new IllegalArgumentException("the model has " + model.network().outputSize() + " outputs but the data has "
                    + data.targetCount() + (data.isClassification() ? " classes" : " targets"));
        }
        return data;
    }
}
