package io.mlp4j.train;

import io.mlp4j.data.DataChecks;
import io.mlp4j.data.Dataset;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.nn.Batches;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.random.SeededRandom;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a network on a data set: epochs of shuffled mini-batches, an optimizer step per batch, validation after
 * each epoch, early stopping with best-model restore, listeners, checkpoints and resume. This is the one training
 * loop; {@link #sgd} is the seeds' plain stochastic gradient descent through it.
 *
 * <p>Each step has two halves: a {@link GradientSource} computes the batch's mean gradient ∇C (backpropagation on
 * this machine unless another source is given), and an {@link OptimizerStep} turns it into ω⁺.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder()
 *         .epochs(10).batchSize(128).learningRate(1e-3).optimizer(Adam.adam(0))
 *         .earlyStopping(3).seed(7).build();
 * TrainingResult result = trainer.fit(network, train, validation);
 * }</pre>
 *
 * <p>Reproducible: the same seed, data and settings give a bit-identical model.
 */
public final class Trainer {
    private static final System.Logger LOG = System.getLogger("io.mlp4j.train");

    /** What early stopping watches. */
    public enum Monitor { VALIDATION_LOSS, VALIDATION_ACCURACY }

    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final float dropout;
    private final double clipNorm;
    private final long seed;
    private final boolean shuffle;
    private final int patience;
    private final Monitor monitor;
    private final List<TrainingListener> listeners;
    private final CheckpointSink checkpoints;
    private final int checkpointEveryBatches;
    private final Augmentation augmentation;
    private final GradientSource gradientSource;
    private final StepSource stepSource;
    private final Map<String, String> callerSettings;

    private Trainer(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.dropout = b.dropout;
        this.clipNorm = b.clipNorm;
        this.seed = b.seed;
        this.shuffle = b.shuffle;
        this.patience = b.patience;
        this.monitor = b.monitor;
        this.listeners = List.copyOf(b.listeners);
        this.checkpoints = b.checkpoints;
        this.checkpointEveryBatches = b.checkpointEveryBatches;
        this.augmentation = b.augmentation;
        this.gradientSource = b.gradientSource;
        this.stepSource = b.stepSource;
        this.callerSettings = Map.copyOf(b.callerSettings);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The seeds' stochastic gradient descent in one call: each epoch shuffles the samples, cuts them into mini-batches
     * of {@code batchSize} (1 = per-sample SGD; all of them = batch gradient descent) and takes one step
     * ω⁺ = ω − η ∂C/∂ω per batch with the batch's mean gradient ({@link Sgd#plain()}, shuffled with seed 1). For
     * other optimizers, validation, early stopping and checkpoints, build a Trainer.
     *
     * @return the mean training cost of each epoch, as measured on the batches while they were trained
     */
    public static double[] sgd(Network net, float[][] xs, float[][] ys, int epochs, int batchSize, double eta) {
        net.checkData(xs, ys);
        Trainer trainer = builder().epochs(epochs).batchSize(batchSize).learningRate(eta).optimizer(Sgd.plain()).build();
        return trainer.fit(net, Dataset.regression(xs, ys, null), null).history().epochs().stream()
                .mapToDouble(EpochRecord::trainLoss).toArray();
    }

    /** Trains {@code net} in place from its current parameters (fresh, or loaded for fine-tuning). */
    public TrainingResult fit(Network net, Dataset train, Dataset validation) {
        check(net, train, validation);
        Run run = new Run(net, train, validation);
        // Only checkpoints need them: hashing the data is not part of a benchmark's timed run
        run.settings = checkpoints == null ? null : fingerprint(train, validation);
        return fresh(run).train();
    }

    /**
     * Trains on rows that live elsewhere: each batch's gradient comes from the builder's {@link
     * Builder#gradientSource}, which holds the rows; the loop shuffles their indices and needs only their summary.
     * There is no validation set here (so no early stopping): evaluate where the data lives.
     */
    public TrainingResult fit(Network net, DataSummary train) {
        Run run = remoteRun(net, train);
        run.settings = checkpoints == null ? null : fingerprint(train.fingerprint(), "none");
        return fresh(run).train();
    }

    private Run fresh(Run run) {
        run.shuffleRng = new SeededRandom(seed);
        run.dropoutRng = new SeededRandom(~seed);
        return run;
    }

    private Run remoteRun(Network net, DataSummary train) {
        if (gradientSource == null && stepSource == null) {
            throw new IllegalArgumentException("training on remote rows needs a gradient source or a step source");
        }
        if (patience > 0) throw new IllegalArgumentException("early stopping needs a validation set");
        checkShape(net, train.size(), train.features(), train.targets(), train.classification(), "training");
        return new Run(net, null, train.size(), train.classification(), null);
    }

    /** Continues from a checkpoint written by an earlier run with the same settings and data. */
    public TrainingResult resume(TrainingState state, Dataset train, Dataset validation) {
        Map<String, String> settings = checkResumable(state, train, validation);
        check(state.network(), train, validation);
        return resumed(new Run(state.network(), train, validation), state, settings).train();
    }

    /** Continues a {@link #fit(Network, DataSummary)} run from its checkpoint (same settings, same data fingerprint). */
    public TrainingResult resume(TrainingState state, DataSummary train) {
        Map<String, String> settings = fingerprint(train.fingerprint(), "none");
        SettingsMismatchException.check(state.fingerprint(), settings);
        return resumed(remoteRun(state.network(), train), state, settings).train();
    }

    private Run resumed(Run run, TrainingState state, Map<String, String> settings) {
        if (!state.optimizerId().equals(optimizer.id())) {
            throw new IllegalArgumentException("the checkpoint's optimizer is " + state.optimizerId() + ", not " + optimizer.id());
        }
        run.settings = settings;
        optimizer.restore(state.optimizer());
        run.startEpoch = state.epoch();
        run.startBatch = state.nextBatch();
        run.shuffleRng = new SeededRandom(state.shuffleSeedState());
        run.dropoutRng = new SeededRandom(state.dropoutState());
        run.resumedLossSum = state.epochLossSum();
        run.resumedCorrect = state.epochCorrect();
        state.history().forEach(run.history::add);
        if (state.best() != null) {
            run.best = state.best();
            run.bestEpoch = state.bestEpoch();
            run.bestMetric = state.bestMetric();
        }
        run.sinceImprovement = state.epochsWithoutImprovement();
        return run;
    }

    /**
     * Throws a {@link SettingsMismatchException} naming each setting (or data set) that differs from the checkpoint's;
     * returns this run's settings.
     */
    public Map<String, String> checkResumable(TrainingState state, Dataset train, Dataset validation) {
        Map<String, String> settings = fingerprint(train, validation);
        SettingsMismatchException.check(state.fingerprint(), settings);
        return settings;
    }

    /** Setting names of the data and the learning-rate sequence in {@link #fingerprint}. */
    static final String TRAINING_DATA = "training data", VALIDATION_DATA = "validation data", LEARNING_RATES = "learning rates";

    /**
     * Everything the trained model depends on, by name: what a checkpoint records and a resumed run must share with
     * the interrupted one. Not included: the listeners, the checkpoint directory and interval (resuming is bit-exact
     * whatever they are), and the thread count (results do not depend on it).
     */
    Map<String, String> fingerprint(Dataset train, Dataset validation) {
        return fingerprint(Fingerprints.of(train), validation == null ? "none" : Fingerprints.of(validation));
    }

    private Map<String, String> fingerprint(String trainingData, String validationData) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("epochs", Integer.toString(epochs));
        s.put("batch", Integer.toString(batchSize));
        s.put("lr", Double.toString(learningRate));
        s.put("optimizer", optimizer.id());
        s.putAll(new TreeMap<>(optimizer.settings()));
        s.put("dropout", Float.toString(dropout));
        s.put("clip-norm", Double.toString(clipNorm));
        s.put("seed", Long.toString(seed));
        s.put("shuffle", Boolean.toString(shuffle));
        s.put("augment", augmentation == null ? "none" : augmentation.describe());
        s.put("early-stopping", patience == 0 ? "off" : patience + " epochs on " + monitor.name().toLowerCase(Locale.ROOT));
        s.putAll(new TreeMap<>(callerSettings));
        s.put(LEARNING_RATES, Fingerprints.ofRates(schedule, learningRate, epochs));
        s.put(TRAINING_DATA, trainingData);
        s.put(VALIDATION_DATA, validationData);
        return s;
    }

    private void check(Network net, Dataset train, Dataset validation) {
        checkShape(net, train, "training");
        if (validation != null) checkShape(net, validation, "validation");
        if (patience > 0 && validation == null) {
            throw new IllegalArgumentException("early stopping needs a validation set");
        }
        if (monitor == Monitor.VALIDATION_ACCURACY && validation != null && !validation.isClassification()) {
            throw new IllegalArgumentException("early stopping on accuracy needs classification data");
        }
        DataChecks.unscaledWarning(train).ifPresent(this::warn);
    }

    /** To the listeners; when none is installed, to System.Logger ("io.mlp4j.train"), so no warning is lost. */
    private void warn(String message) {
        if (listeners.isEmpty()) LOG.log(System.Logger.Level.WARNING, message);
        for (TrainingListener l : listeners) l.onWarning(message);
    }

    private static void checkShape(Network net, Dataset data, String which) {
        checkShape(net, data.size(), data.featureCount(), data.targetCount(), data.isClassification(), which);
    }

    private static void checkShape(Network net, int size, int features, int targets, boolean classes, String which) {
        if (size == 0) throw new IllegalArgumentException("the " + which + " data is empty");
        if (features != net.inputSize()) {
            throw new IllegalArgumentException("the " + which + " data has " + features
                    + " features but the network expects " + net.inputSize() + " inputs");
        }
        if (targets != net.outputSize()) {
            throw new IllegalArgumentException("the " + which + " data has " + targets
                    + (classes ? " classes" : " targets") + " but the network has " + net.outputSize() + " outputs");
        }
    }

    /** One training run's mutable state. */
    private final class Run {
        final Network net;
        /** The training rows when they are on this machine (null when a gradient source holds them elsewhere). */
        final Dataset train, validation;
        final int n;
        final boolean classification;
        final History history = new History();
        Map<String, String> settings;
        SeededRandom shuffleRng, dropoutRng;
        int startEpoch, startBatch;
        double resumedLossSum;
        long resumedCorrect;
        /** The epoch in progress: Σ batch cost × batch size, and correctly classified samples, so far. */
        double lossSum;
        long correct;
        Network best;
        int bestEpoch = -1;
        double bestMetric = Double.NaN;
        int sinceImprovement;

        Run(Network net, Dataset train, Dataset validation) {
            this(net, train, train.size(), train.isClassification(), validation);
        }

        Run(Network net, Dataset train, int n, boolean classification, Dataset validation) {
            this.net = net;
            this.train = train;
            this.n = n;
            this.classification = classification;
            this.validation = validation;
        }

        /** Trains with the network marked as in training, so other threads' predictions fail rather than mix weights. */
        TrainingResult train() {
            try (Network.Training marked = net.startTraining()) {
                return trainMarked();
            }
        }

        private TrainingResult trainMarked() {
            int size = Math.min(batchSize, n);
            Gradients g = new Gradients(net.architecture());
            OptimizerStep step = new OptimizerStep(net, g, optimizer, clipNorm);
            GradientSource source = gradientSource != null ? gradientSource
                    : train == null ? null : new Backpropagating(net, train, size, dropout, augmentation, dropoutRng);
            // The step's two halves here, unless a step source takes whole steps elsewhere (a diverged batch's
            // gradient is never applied)
            StepSource steps = stepSource != null ? stepSource : (network, o, start, m, lr, gradients) -> {
                source.gradient(network, o, start, m, gradients);
                if (Double.isFinite(gradients.cost())) step.apply(lr);
            };
            int[] order = new int[n];
            boolean stoppedEarly = false;
            for (int epoch = startEpoch; epoch < epochs && !stoppedEarly; epoch++) {
                long started = System.nanoTime();
                double lr = schedule.rate(learningRate, epoch, epochs);
                long shuffleStart = shuffleRng.state();
                for (int i = 0; i < n; i++) order[i] = i;
                if (shuffle) shuffleRng.shuffle(order);
                boolean resumed = epoch == startEpoch;
                lossSum = resumed ? resumedLossSum : 0;
                correct = resumed ? resumedCorrect : 0;
                trainEpoch(epoch, resumed ? startBatch : 0, size, order, lr, shuffleStart, steps, g);
                EpochRecord record = endOfEpoch(epoch, lossSum / n,
                        classification ? (double) correct / n : Double.NaN, lr, started);
                history.add(record);
                stoppedEarly = earlyStop(epoch, record);
                for (TrainingListener l : listeners) l.onEpoch(record);
                checkpoint(epoch + 1, 0, shuffleRng.state(), 0, 0);
            }
            if (best != null) net.copyParametersFrom(best);
            return new TrainingResult(net, history, bestEpoch + 1, stoppedEarly);
        }

        /** One epoch's batches from {@code first} on: a step (a gradient, then the optimizer's update) for each. */
        private void trainEpoch(int epoch, int first, int size, int[] order, double lr, long shuffleStart,
                                StepSource steps, Gradients g) {
            int batches = Batches.count(order.length, size);
            Network lastGood = net.copy();
            Batches.walk(order.length, size, first, (b, start, m) -> {
                steps.step(net, order, start, m, lr, g);
                double loss = g.cost();
                if (!Double.isFinite(loss)) {
                    net.copyParametersFrom(lastGood);
                    throw new TrainingDivergedException(epoch + 1, b + 1, loss, lr);
                }
                lossSum += loss * m;
                correct += g.correct();
                for (TrainingListener l : listeners) l.onBatch(epoch + 1, b + 1, batches, m, loss);
                if (checkpointEveryBatches > 0 && (b + 1) % checkpointEveryBatches == 0 && b + 1 < batches) {
                    checkpoint(epoch, b + 1, shuffleStart, lossSum, correct);
                }
            });
        }

        private EpochRecord endOfEpoch(int epoch, double trainLoss, double trainAccuracy, double lr, long started) {
            double valLoss = Double.NaN, valAccuracy = Double.NaN;
            if (validation != null) {
                Evaluation e = Evaluation.of(net, validation);
                valLoss = e.loss();
                valAccuracy = e.isClassification() ? e.accuracy() : Double.NaN;
            }
            return new EpochRecord(epoch + 1, trainLoss, trainAccuracy, valLoss, valAccuracy, lr,
                    (System.nanoTime() - started) / 1e9);
        }

        /** Keeps the best parameters; true when {@code patience} epochs passed without improvement. */
        private boolean earlyStop(int epoch, EpochRecord r) {
            if (patience <= 0) return false;
            double metric = monitor == Monitor.VALIDATION_LOSS ? r.validationLoss() : r.validationAccuracy();
            boolean better = Double.isNaN(bestMetric)
                    || (monitor == Monitor.VALIDATION_LOSS ? metric < bestMetric : metric > bestMetric);
            if (better) {
                best = net.copy();
                bestEpoch = epoch;
                bestMetric = metric;
                sinceImprovement = 0;
                return false;
            }
            return ++sinceImprovement >= patience;
        }

        private void checkpoint(int epoch, int nextBatch, long shuffleState, double lossSum, long correct) {
            if (checkpoints == null) return;
            TrainingState state = new TrainingState(net, optimizer.id(), optimizer.state(), epoch, nextBatch, shuffleState,
                    dropoutRng.state(), lossSum, correct, history.epochs(), best, bestEpoch, bestMetric,
                    sinceImprovement, settings);
            try {
                checkpoints.save(state);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a checkpoint: " + e.getMessage(), e);
            }
        }
    }

    /** Training settings; defaults: 10 epochs, batch 32, η = 0.01, plain SGD, constant rate, no dropout, seed 1. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 32;
        private double learningRate = 0.01;
        private Optimizer optimizer = Sgd.plain();
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private float dropout;
        private double clipNorm;
        private long seed = 1;
        private boolean shuffle = true;
        private int patience;
        private Monitor monitor = Monitor.VALIDATION_LOSS;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private CheckpointSink checkpoints;
        private int checkpointEveryBatches;
        private Augmentation augmentation;
        private GradientSource gradientSource;
        private StepSource stepSource;
        private final Map<String, String> callerSettings = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder epochs(int epochs) {
            if (epochs < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
            this.epochs = epochs;
            return this;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** The base learning rate η (the schedule scales it per epoch). */
        public Builder learningRate(double eta) {
            if (!(eta > 0) || !Double.isFinite(eta)) {
                throw new IllegalArgumentException("learning rate must be a positive number, got " + eta);
            }
            this.learningRate = eta;
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = optimizer;
            return this;
        }

        public Builder schedule(LearningRateSchedule schedule) {
            this.schedule = schedule;
            return this;
        }

        /** The fraction of hidden activations dropped in training (inverted dropout), 0 ≤ rate &lt; 1. */
        public Builder dropout(double rate) {
            if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout must be in [0, 1), got " + rate);
            this.dropout = (float) rate;
            return this;
        }

        /** Clip the gradient's global L2 norm to {@code maxNorm} (0: no clipping). */
        public Builder clipNorm(double maxNorm) {
            if (!(maxNorm >= 0)) throw new IllegalArgumentException("clip norm must be 0 or more, got " + maxNorm);
            this.clipNorm = maxNorm;
            return this;
        }

        /** Seeds shuffling and dropout. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Shuffle the training samples each epoch (default true). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Stop after {@code patience} epochs without a better validation loss, then restore the best epoch. */
        public Builder earlyStopping(int patience) {
            return earlyStopping(patience, Monitor.VALIDATION_LOSS);
        }

        public Builder earlyStopping(int patience, Monitor monitor) {
            if (patience < 0) throw new IllegalArgumentException("patience must be 0 or more, got " + patience);
            this.patience = patience;
            this.monitor = monitor;
            return this;
        }

        public Builder listener(TrainingListener listener) {
            listeners.add(listener);
            return this;
        }

        /**
         * Hand the run's state to {@code sink} after every epoch, and every {@code everyBatches} batches if &gt; 0
         * (e.g. {@code io.mlp4j.io.Checkpoints.in(dir)}, which writes a file that {@link #resume} continues from).
         */
        public Builder checkpoints(CheckpointSink sink, int everyBatches) {
            if (everyBatches < 0) throw new IllegalArgumentException("checkpoint interval must be 0 or more, got " + everyBatches);
            this.checkpoints = sink;
            this.checkpointEveryBatches = everyBatches;
            return this;
        }

        /**
         * Take each batch's gradient from {@code source} instead of backpropagating here (e.g. a sum of partial
         * gradients computed on several machines). Dropout and augmentation belong to the trainer's own source, so
         * they cannot be combined with another.
         */
        public Builder gradientSource(GradientSource source) {
            this.gradientSource = source;
            return this;
        }

        /**
         * Take whole steps with {@code source} (e.g. local steps on several machines with periodic averaging of
         * parameters and optimizer state) instead of a gradient and this trainer's optimizer step; give the source
         * the same {@link Optimizer} instance as {@link #optimizer}, whose state checkpoints save. Dropout and
         * augmentation cannot be combined with it, as with {@link #gradientSource}.
         */
        public Builder stepSource(StepSource source) {
            this.stepSource = source;
            return this;
        }

        /** Randomly transform each training batch (e.g. {@link Augmentation#imageShift}); validation data is untouched. */
        public Builder augmentation(Augmentation augmentation) {
            this.augmentation = augmentation;
            return this;
        }

        /**
         * Records a setting the trained model depends on that the trainer does not see itself (how the caller built
         * the network or prepared the data, e.g. "layers" or "normalize"): checkpoints keep it, and {@link #resume}
         * refuses a run whose value differs.
         */
        public Builder setting(String name, String value) {
            callerSettings.put(name, value);
            return this;
        }

        public Trainer build() {
            if (gradientSource != null && stepSource != null) {
                throw new IllegalArgumentException("a gradient source or a step source, not both");
            }
            if ((gradientSource != null || stepSource != null) && (dropout > 0 || augmentation != null)) {
                throw new IllegalArgumentException("dropout and augmentation are done by the trainer's own gradient "
                        + "source; a custom gradient source must do them itself");
            }
            return new Trainer(this);
        }
    }
}
