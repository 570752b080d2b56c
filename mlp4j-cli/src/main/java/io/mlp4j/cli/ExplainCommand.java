package io.mlp4j.cli;

import io.mlp4j.explain.Annotations;
import io.mlp4j.explain.ExplainPage;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Architecture;
import io.mlp4j.reference.ReferenceNetwork;
import io.mlp4j.explain.SeedExample;
import io.mlp4j.internal.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mlp4j explain}: one training step of a seed example, every number shown, in the terminal or as a page. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Print one training step of a seed document's worked example in the seeds' notation:",
                "each z and a, the cost, then ∂C/∂a, σ′(z), ∂z/∂w, ∂C/∂w and the updated value of every weight and",
                "bias. Values the seed printed differently are flagged with ✗.",
                "With --html, write the same step as one self-contained web page (works offline): the network drawn,",
                "the equations typeset with the numbers substituted, and the seed's numbers beside ours."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--example", paramLabel = "ID",
            description = "2-2-2 (the blog post's Figure 8 network) or 4-2 (the essay's layer and single-weight step).")
    String example;

    @Option(names = {"--model", "-m"}, paramLabel = "FILE",
            description = "Instead of an example, a model file of at most " + MAX_PARAMETERS + " weights and biases (784-16-16-10 fits)"
                    + ", with --input and --target; layers of more than " + ExplainSvg.MAX_DRAWN + " units are drawn and written out in"
                    + " part (the first and last " + ExplainSvg.MAX_DRAWN / 2 + "), with every value in tables.")
    Path model;

    @Option(names = "--input", paramLabel = "ROW", split = ",",
            description = "With --model: one input row, comma-separated (scaled by the model's normalization, if any).")
    double[] input;

    @Option(names = "--target", paramLabel = "ROW", split = ",",
            description = "With --model: the target row, comma-separated (one-hot for a classifier).")
    double[] target;

    @Option(names = "--eta", paramLabel = "η",
            description = "With --model: the learning rate of the step (default 0.1). With --example: the learning rate"
                    + " of section 8's gradient-descent path on the page (default the example's own η, so the path's"
                    + " first step is the page's update).")
    Double eta;

    @Option(names = "--steps", defaultValue = "" + ExplainPage.DEFAULT_PATH_STEPS, paramLabel = "N",
            description = "With --html: the gradient-descent steps of section 8's path, which the page steps through"
                    + " (1 to " + ExplainPage.MAX_PATH_STEPS + ", default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--digits", defaultValue = "6", paramLabel = "N",
            description = "Significant digits (1 to 17, default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--html", paramLabel = "FILE.html",
            description = "Write the step as a self-contained HTML page instead of printing it.")
    Path html;

    @Option(names = "--force", description = "Overwrite --html if it exists.")
    boolean force;

    /**
     * The most weights and biases a model may have for explain. The page writes out only the neurons of a wide layer
     * that it draws, but lists every parameter in a plain table row (about 55 bytes each) and the terminal trace prints
     * a line for each: the seeds' 784-16-16-10 (13,002) makes a page of 1.7 MB that loads in under a second (its
     * formulas typeset as they near the screen). A model over the limit would make a page and a trace past reading.
     */
    static final int MAX_PARAMETERS = 16_384;

    private void usage(String message) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), message);
    }

    /** One step of a model file on one sample, as an "example" of one part with no seed annotations. */
    private SeedExample modelStep() throws IOException {
        if (input == null || target == null) usage("--model needs --input ROW and --target ROW");
        double eta = this.eta == null ? 0.1 : this.eta;
        Outputs check = new Outputs(spec, force).file("--html", html);
        check.check(); // before reading the model, as every command does
        Model m = ModelFile.load(model);
        Architecture arch = m.network().architecture();
        long parameters = 0;
        for (int l = 0; l < arch.depth(); l++) parameters += (long) arch.layers().get(l).units() * (arch.fanIn(l) + 1);
        if (parameters > MAX_PARAMETERS) {
            throw new IllegalArgumentException("explain lists every weight and bias: " + model.getFileName() + " ("
                    + layers(arch) + ") has " + String.format(java.util.Locale.ROOT, "%,d", parameters)
                    + " of them, more than the limit of " + String.format(java.util.Locale.ROOT, "%,d", MAX_PARAMETERS));
        }
        if (input.length != arch.inputSize()) {
            usage("--input has " + input.length + " values; " + model.getFileName() + " takes " + arch.inputSize());
        }
        if (target.length != arch.outputSize()) {
            usage("--target has " + target.length + " values; " + model.getFileName() + " gives " + arch.outputSize());
        }
        for (double v : input) if (!Double.isFinite(v)) usage("--input must be finite numbers");
        for (double v : target) if (!Double.isFinite(v)) usage("--target must be finite numbers");
        double[] x = input.clone();
        String scaled = "";
        if (m.normalizer() != null) {
            float[] row = new float[x.length];
            for (int i = 0; i < x.length; i++) row[i] = (float) x[i];
            float[] n = m.normalizer().apply(row);
            for (int i = 0; i < x.length; i++) x[i] = n[i];
            scaled = " The model's normalization scales the input row first; x below is the scaled row.";
        }
        String layers = layers(arch);
        String name = model.getFileName().toString();
        SeedExample.Part step = new SeedExample.Part("one training step",
                "The model " + name + " (" + layers + ", loss " + arch.loss().id() + "), η = " + eta + ", computed in double"
                        + " from its float weights." + scaled,
                ReferenceNetwork.of(m.network()), x, target.clone(), eta, Annotations.NONE);
        return new SeedExample("model", "Model " + name + ": one training step", java.util.List.of(step));
    }

    private static String layers(Architecture arch) {
        StringBuilder layers = new StringBuilder().append(arch.inputSize());
        for (Architecture.LayerSpec l : arch.layers()) layers.append('-').append(l.units()).append(' ').append(l.activation().id());
        return layers.toString();
    }

    @Override
    public Integer call() throws IOException {
        if (digits < 1 || digits > 17) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--digits must be 1 to 17, got " + digits);
        }
        if (steps < 1 || steps > ExplainPage.MAX_PATH_STEPS) {
            usage("--steps must be 1 to " + ExplainPage.MAX_PATH_STEPS + ", got " + steps);
        }
        if (eta != null && (!(eta > 0) || !Double.isFinite(eta))) usage("--eta must be a positive finite number, got " + eta);
        if ((example == null) == (model == null)) usage("give --example ID or --model FILE (with --input and --target)");
        SeedExample chosen;
        if (example != null) {
            if (input != null || target != null) usage("--input and --target go with --model, not --example");
            try {
                chosen = SeedExample.byId(example);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--example: " + e.getMessage());
            }
        } else {
            chosen = modelStep();
        }
        if (html != null) {
            Outputs outputs = new Outputs(spec, force).file("--html", html);
            outputs.check();
            double pathEta = model == null && eta != null ? eta : Double.NaN;
            byte[] page = ExplainHtml.render(ExplainPage.of(chosen, digits, steps, pathEta)).getBytes(StandardCharsets.UTF_8);
            outputs.write("--html", ifExists -> AtomicFiles.write(html, ifExists, ByteBuffer.wrap(page)));
            spec.commandLine().getOut().println("Wrote " + html + " (" + page.length / 1024 + " KiB): open it in a browser.");
        } else {
            spec.commandLine().getOut().print(chosen.render(digits).text());
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
