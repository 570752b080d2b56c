package io.mlp4j.cli;

import io.mlp4j.data.Dataset;
import io.mlp4j.data.Normalizer;
import io.mlp4j.data.Splits;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.internal.AtomicFiles;
import io.mlp4j.io.Checkpoints;
import io.mlp4j.io.ModelFile;
import io.mlp4j.kernel.Kernels;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import io.mlp4j.nn.Architecture;
import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Network;
import io.mlp4j.train.Augmentation;
import io.mlp4j.train.LearningRateSchedule;
import io.mlp4j.train.Optimizer;
import io.mlp4j.train.Trainer;
import io.mlp4j.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlp4j train}: data in, a trained and saved model out. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a network and save it. With no data options it trains on the embedded MNIST-10k digits.",
                "Progress goes to stderr; the test accuracy and confusion matrix, or --json, to stdout."})
final class TrainCommand implements Callable<Integer> {
    /** The default recipe for image data (28×28 digits): measured in docs/benchmarks.md. */
    static final List<Integer> DEFAULT_IMAGE_HIDDEN = List.of(512, 256);
    static final List<Integer> DEFAULT_TABLE_HIDDEN = List.of(64);

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data;

    @Option(names = "--layers", split = ",", paramLabel = "N,N,...", converter = UsageChecks.LayerSize.class,
            description = "Layer sizes from input to output, e.g. 784,128,10 (default: input,512,256,classes for images; input,64,outputs otherwise).")
    List<Integer> layers;

    @Option(names = "--activation", defaultValue = "relu", paramLabel = "NAME",
            description = "Hidden activation: relu, leaky-relu, sigmoid, tanh, identity (default ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--output", paramLabel = "NAME", description = "Output activation (default: softmax for classes, identity for regression).")
    String output;

    @Option(names = "--loss", paramLabel = "NAME",
            description = "cross-entropy, quadratic (the seeds' Σ(a−y)²), mse, binary-cross-entropy (default: cross-entropy for classes, mse for regression).")
    String loss;

    @Option(names = "--initializer", paramLabel = "NAME", description = "normal (the seeds' N(0,1)), glorot, he (default: he for ReLU, glorot otherwise).")
    String initializer;

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "NAME",
            description = "sgd (the seeds' ω − η∇C), momentum, nesterov, rmsprop, adam, adamw (default ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "η", description = "Learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "Mini-batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--epochs", defaultValue = "20", paramLabel = "N", description = "Epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed for weights, shuffling, dropout and splits (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--dropout", defaultValue = "0.1", paramLabel = "RATE", description = "Dropout on hidden layers (default ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--weight-decay", defaultValue = "0", paramLabel = "λ", description = "L2 weight decay (AdamW: decoupled) (default ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--schedule", defaultValue = "cosine", paramLabel = "SPEC",
            description = "constant, step[:EPOCHS:GAMMA], exponential[:GAMMA], cosine (default ${DEFAULT-VALUE}).")
    String schedule;

    @Option(names = "--clip-norm", defaultValue = "0", paramLabel = "C", description = "Clip the gradient norm to C (0: off).")
    double clipNorm;

    @Option(names = "--augment", paramLabel = "SPEC",
            description = "none or shift:N (move images by up to N pixels; default shift:1 for square images, none otherwise).")
    String augment;

    @Option(names = "--normalize", paramLabel = "KIND",
            description = "none, minmax or standard, fitted on the training split (default: none for images, standard for CSV).")
    String normalize;

    @Option(names = "--normalize-targets", paramLabel = "KIND",
            description = "Regression: none, minmax or standard scaling of the targets, fitted on the training split and "
                    + "undone in predictions (default: standard with a linear output, none otherwise).")
    String normalizeTargets;

    @Option(names = "--validation", defaultValue = "0", paramLabel = "FRACTION",
            description = "Hold out this fraction of the training data (stratified) for per-epoch validation (default 0; 0.1 with --early-stopping).")
    double validation;

    @Option(names = "--early-stopping", defaultValue = "0", paramLabel = "N",
            description = "Stop after N epochs without a better validation loss, keeping the best epoch (0: off).")
    int patience;

    @Option(names = "--shuffle", defaultValue = "true", arity = "1", paramLabel = "true|false", description = "Shuffle every epoch (default ${DEFAULT-VALUE}).")
    boolean shuffle;

    @Option(names = "--init", paramLabel = "FILE", description = "Start from this model's weights (fine-tuning); its architecture is used.")
    Path init;

    @Option(names = {"--out", "-o"}, defaultValue = "model.safetensors", paramLabel = "FILE", description = "Where to save the model (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--force", description = "Let the outputs (--out, --history, --plot, the checkpoint) replace existing files.")
    boolean force;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Write a checkpoint here after every epoch.")
    Path checkpointDir;

    @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "BATCHES", description = "Also checkpoint every N batches.")
    int checkpointEvery;

    @Option(names = "--resume", description = "Continue from the checkpoint in --checkpoint-dir (same settings and data).")
    boolean resume;

    @Option(names = "--history", paramLabel = "FILE.csv", description = "Write loss and accuracy per epoch as CSV.")
    Path history;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw the training curves (loss and accuracy per epoch).")
    Path plot;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for large matrix products (default: the available processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--json", description = "Print the result as one JSON object on stdout.")
    boolean json;

    /** The files this run writes, checked by {@link #checkOptions()} before any data is loaded. */
    private Outputs outputs;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        if (threads != null) io.mlp4j.kernel.Parallel.setThreads(threads);
        long started = System.nanoTime();
        DataOptions.Loaded loaded = data.load(true, null, err);
        Dataset train = loaded.train(), test = loaded.test(), val = null;
        io.mlp4j.data.DataChecks.rareClassWarning(train).ifPresent(w -> err.println("mlp4j: warning: " + w));
        double holdout = validation > 0 ? validation : patience > 0 ? 0.1 : 0;
        if (holdout > 0) {
            Splits.Split split = Splits.holdout(train, holdout, seed);
            train = split.train();
            val = split.holdout();
        }
        Normalizer normalizer = normalizer(loaded, train);
        if (normalizer != null) {
            train = normalizer.apply(train);
            if (val != null) val = normalizer.apply(val);
            if (test != null) test = normalizer.apply(test);
        }
        Network net = network(train, loaded);
        Normalizer targetScaling = targetScaling(train, net);
        if (targetScaling != null) { // the test targets stay in their own units: the evaluation undoes the scaling
            train = targetScaling.applyToTargets(train);
            if (val != null) val = targetScaling.applyToTargets(val);
        }
        Map<String, String> settings = resumeSettings(net, normalizer, holdout);
        settings.put("normalize-targets", targetScaling == null ? "none" : targetScaling.kind().id());
        Trainer trainer = trainer(loaded, train, settings, err); // bad options: before the banner
        err.printf(Locale.ROOT, "training %s on %s: %d samples%s, %d epochs, %s (kernel: %s, %d threads)%n",
                net.architecture().shape(), loaded.description(), train.size(),
                val != null ? " + " + val.size() + " for validation" : "", epochs, optimizer,
                Kernels.describe(Kernels.best()), io.mlp4j.kernel.Parallel.threads());
        err.flush();
        TrainingResult result = resume ? resumeOrFit(trainer, net, train, val, err) : trainer.fit(net, train, val);
        Evaluation eval = test == null ? null : Evaluation.of(result.network(), test, targetScaling);
        Model model = new Model(result.network(), normalizer, train.isClassification() ? train.classNames() : null,
                loaded.input(), targetScaling);
        outputs.write("--out", ifExists -> ModelFile.save(model, out, ifExists == AtomicFiles.IfExists.REPLACE));
        if (history != null) {
            byte[] csv = result.history().toCsv().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            outputs.write("--history", ifExists -> AtomicFiles.write(history, ifExists, java.nio.ByteBuffer.wrap(csv)));
        }
        if (plot != null) {
            outputs.write("--plot", ifExists -> Plots.trainingCurves(result.history(), "training " + net.architecture().shape(),
                    plot, ifExists));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        report(result, eval, model, seconds);
        return Main.OK;
    }

    private void checkOptions() throws IOException {
        if (epochs < 1) throw usage("--epochs must be at least 1, got " + epochs);
        if (threads != null && threads < 1) throw usage("--threads must be at least 1, got " + threads);
        if (batch < 1) throw usage("--batch must be at least 1, got " + batch);
        if (!(lr > 0 && lr < Double.POSITIVE_INFINITY)) throw usage("--lr must be a positive finite number, got " + lr);
        if (!(clipNorm >= 0 && clipNorm < Double.POSITIVE_INFINITY)) {
            throw usage("--clip-norm must be 0 (off) or a positive finite number, got " + clipNorm);
        }
        if (!(weightDecay >= 0 && weightDecay < Double.POSITIVE_INFINITY)) {
            throw usage("--weight-decay must be 0 or a positive finite number, got " + weightDecay);
        }
        if (checkpointEvery < 0) throw usage("--checkpoint-every must be 0 (every epoch only) or more batches, got " + checkpointEvery);
        if (checkpointEvery > 0 && checkpointDir == null) throw usage("--checkpoint-every needs --checkpoint-dir");
        if (!(dropout >= 0 && dropout < 1)) throw usage("--dropout must be in [0, 1), got " + dropout);
        if (!(validation >= 0 && validation < 1)) throw usage("--validation must be in [0, 1), got " + validation);
        if (patience < 0) throw usage("--early-stopping must be 0 or more, got " + patience);
        if (resume && checkpointDir == null) throw usage("--resume needs --checkpoint-dir");
        if (init != null && layers != null) throw usage("--init takes the architecture from the model: drop --layers");
        try {
            Optimizer.byName(optimizer, weightDecay);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        try {
            LearningRateSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw usage("--schedule: " + e.getMessage());
        }
        UsageChecks.network(spec, layers, activation, output, loss, initializer, normalize);
        data.check(spec, true);
        outputs = new Outputs(spec, force).file("--out", out).file("--history", history).file("--plot", plot);
        outputs.checkpointDir(checkpointDir, resume);
        outputs.check();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * The scaling of regression targets: what --normalize-targets asks for, by default standard when the output is
     * linear (identity: its range is unbounded, so scaled targets only speed training up) and none otherwise.
     * Fine-tuning keeps the starting model's scaling, so its outputs keep their meaning.
     */
    private Normalizer targetScaling(Dataset train, Network net) throws IOException {
        if (train.isClassification()) {
            if (normalizeTargets != null && !normalizeTargets.equalsIgnoreCase("none")) {
                throw usage("--normalize-targets is for regression: class targets are one-hot");
            }
            return null;
        }
        if (init != null && normalizeTargets == null) return startModel().targetScaling();
        boolean linear = net.layer(net.layers().size() - 1).activation() == io.mlp4j.nn.Activation.IDENTITY;
        String kind = normalizeTargets != null ? normalizeTargets : linear ? "standard" : "none";
        if (kind.equalsIgnoreCase("none")) return null;
        try {
            return Normalizer.fit(Normalizer.Kind.fromId(kind), train.targets());
        } catch (IllegalArgumentException e) {
            throw usage("--normalize-targets: " + e.getMessage());
        }
    }

    private Normalizer normalizer(DataOptions.Loaded loaded, Dataset train) {
        String kind = normalize != null ? normalize : loaded.imageSide() > 0 ? "none" : "standard";
        if (kind.equalsIgnoreCase("none")) return null;
        try {
            return Normalizer.fit(Normalizer.Kind.fromId(kind), train.features());
        } catch (IllegalArgumentException e) {
            throw usage("--normalize: " + e.getMessage());
        }
    }

    /** The --init model, read once (the network and its target scaling both come from it). */
    private Model startModel() throws IOException {
        if (startModel == null) startModel = ModelFile.load(init);
        return startModel;
    }

    private Model startModel;

    private Network network(Dataset train, DataOptions.Loaded loaded) throws IOException {
        if (init != null) {
            Model start = startModel();
            try {
                ModelInput.requireCompatible(start.input(), loaded.input(), loaded.description());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(init + ": " + e.getMessage(), e);
            }
            Network net = start.network(); // freshly loaded: training it in place changes no one else's
            if (net.inputSize() != train.featureCount() || net.outputSize() != train.targetCount()) {
                throw new IllegalArgumentException(init + " is a " + net.architecture().shape() + " network but the data has "
                        + train.featureCount() + " features and " + train.targetCount() + " outputs");
            }
            return net;
        }
        boolean classes = train.isClassification();
        List<Integer> sizes = layers != null ? layers : defaultLayers(train);
        if (sizes.get(0) != train.featureCount()) {
            throw usage("--layers starts with " + sizes.get(0) + " inputs but the data has " + train.featureCount() + " features");
        }
        if (sizes.get(sizes.size() - 1) != train.targetCount()) {
            throw usage("--layers ends with " + sizes.get(sizes.size() - 1) + " outputs but the data has " + train.targetCount()
                    + (classes ? " classes" : " targets"));
        }
        String lossName = loss != null ? loss : classes ? "cross-entropy" : "mse";
        String outName = output != null ? output : lossName.equals("binary-cross-entropy") ? "sigmoid"
                : lossName.equals("cross-entropy") ? "softmax" : classes ? "sigmoid" : "identity";
        Architecture arch = NetworkOptions.architecture(spec, sizes, activation, outName, lossName);
        Initializer initial;
        try {
            initial = initializer == null ? null : Initializer.fromId(initializer);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        return Network.create(arch, initial, seed);
    }

    private List<Integer> defaultLayers(Dataset train) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(train.featureCount());
        sizes.addAll(train.featureCount() >= 256 ? DEFAULT_IMAGE_HIDDEN : DEFAULT_TABLE_HIDDEN);
        sizes.add(train.targetCount());
        return sizes;
    }

    private Trainer trainer(DataOptions.Loaded loaded, Dataset train, Map<String, String> settings, PrintWriter err) {
        Trainer.Builder b = Trainer.builder().epochs(epochs).batchSize(batch).learningRate(lr)
                .optimizer(Optimizer.byName(optimizer, weightDecay)).schedule(LearningRateSchedule.parse(schedule))
                .dropout(dropout).clipNorm(clipNorm).seed(seed).shuffle(shuffle).earlyStopping(patience)
                .listener(new Progress(err, !json && Progress.stderrIsTerminal(), epochs, train.size()));
        Augmentation aug = augmentation(loaded, err);
        if (aug != null) b.augmentation(aug);
        if (checkpointDir != null) b.checkpoints(Checkpoints.in(checkpointDir), checkpointEvery);
        settings.forEach(b::setting);
        return b.build();
    }

    /**
     * The options that change the trained model but that the trainer does not see (it checks its own, and the data
     * after splitting and normalization): a checkpoint records them and --resume refuses other values. Not among
     * them: where outputs go, progress, --threads (the model does not depend on it) and --checkpoint-every.
     */
    private Map<String, String> resumeSettings(Network net, Normalizer normalizer, double holdout) {
        Architecture arch = net.architecture();
        StringBuilder sizes = new StringBuilder(Integer.toString(arch.inputSize()));
        for (Architecture.LayerSpec l : arch.layers()) sizes.append(',').append(l.units());
        Map<String, String> s = new LinkedHashMap<>();
        s.put("layers", sizes.toString());
        s.put("activation", arch.depth() > 1 ? arch.layers().get(0).activation().id() : "none");
        s.put("output", arch.layers().get(arch.depth() - 1).activation().id());
        s.put("loss", arch.loss().id());
        s.put("initializer", initializer == null ? "default" : Initializer.fromId(initializer).id());
        s.put("init", init == null ? "none" : io.mlp4j.train.Fingerprints.of(net)); // before training: the start
        s.put("normalize", normalizer == null ? "none" : normalizer.kind().id());
        s.put("validation", Double.toString(holdout));
        s.put("schedule", schedule.toLowerCase(Locale.ROOT));
        return s;
    }

    private Augmentation augmentation(DataOptions.Loaded loaded, PrintWriter err) {
        String spec = augment != null ? augment : loaded.imageSide() >= 4 ? "shift:1" : "none"; // at most a quarter
        if (spec.equals("none")) return null;
        if (!spec.startsWith("shift:")) throw usage("--augment must be none or shift:N, got " + spec);
        if (!(loaded.input() instanceof ModelInput.Image image)) throw usage("--augment shift:N needs image data (IDX)");
        int max;
        Augmentation shift;
        try {
            max = Integer.parseInt(spec.substring(6));
            shift = Augmentation.imageShift(image.height(), image.width(), max);
        } catch (IllegalArgumentException e) {
            throw usage("--augment: " + e.getMessage());
        }
        if (4 * max > Math.min(image.height(), image.width())) {
            err.printf("mlp4j: warning: --augment %s moves %s images by more than a quarter of their size: much of each"
                    + " image can leave the frame%n", spec, image.dimensions());
        }
        return shift;
    }

    private TrainingResult resumeOrFit(Trainer trainer, Network net, Dataset train, Dataset val, PrintWriter err)
            throws IOException {
        Path file = Checkpoints.file(checkpointDir);
        if (!Files.exists(file)) {
            err.println("no checkpoint in " + checkpointDir + " yet: starting from the beginning");
            return trainer.fit(net, train, val);
        }
        var state = Checkpoints.read(file);
        try {
            trainer.checkResumable(state, train, val);
        } catch (io.mlp4j.train.SettingsMismatchException e) { // name the settings as options: "--layers was …"
            throw new IllegalArgumentException(e.message(name -> spec.findOption("--" + name) != null ? "--" + name : name), e);
        }
        err.printf("resuming from %s at epoch %d, batch %d%n", file, state.epoch() + 1, state.nextBatch() + 1);
        return trainer.resume(state, train, val);
    }

    private void report(TrainingResult result, Evaluation eval, Model model, double seconds) {
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("model", out.toString());
            j.put("architecture", model.network().architecture().shape());
            j.put("parameters", model.network().parameterCount());
            j.put("epochs", result.history().size());
            if (result.bestEpoch() > 0) j.put("best_epoch", result.bestEpoch());
            j.put("train_loss", result.history().last().trainLoss());
            if (eval != null) {
                j.put("test_loss", eval.loss());
                if (eval.isClassification()) j.put("test_accuracy", eval.accuracy());
                else j.put("test_r2", eval.r2());
            }
            j.put("seconds", seconds);
            j.put("history", Json.history(result.history()));
            o.println(Json.GSON.toJson(j));
        } else {
            if (eval != null) o.print(eval.report());
            if (result.stoppedEarly()) o.printf("stopped early; kept epoch %d%n", result.bestEpoch());
            o.printf(Locale.ROOT, "saved %s (%,d parameters) in %.1f s%n", out, model.network().parameterCount(), seconds);
        }
        o.flush();
    }
}
