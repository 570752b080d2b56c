package io.mlp4j.train;

import io.mlp4j.internal.SafeTensors;
import io.mlp4j.data.Dataset;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.io.Checkpoints;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.DenseLayer;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    @TempDir
    Path tmp;

    static Network classifier(int in, int hidden, int classes, long seed) {
        return Network.builder().input(in).dense(hidden, Activation.RELU).dense(classes, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(seed).build();
    }

    @Test
    void adamLearnsSeparableBlobs() {
        Dataset train = Synthetic.blobs(600, 4, 4, 1), val = Synthetic.blobs(200, 4, 4, 2);
        Network net = classifier(4, 16, 4, 3);
        List<EpochRecord> seen = new ArrayList<>();
        TrainingResult r = Trainer.builder().epochs(15).batchSize(32).learningRate(0.01).optimizer(Adam.adam(0))
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochRecord record) {
                        seen.add(record);
                    }
                }).build().fit(net, train, val);
        assertEquals(15, r.history().size());
        assertEquals(r.history().epochs(), seen);
        EpochRecord last = r.history().last();
        assertTrue(last.validationAccuracy() > 0.95, "validation accuracy " + last.validationAccuracy());
        assertTrue(last.trainLoss() < r.history().epochs().get(0).trainLoss());
        assertEquals(Evaluation.of(net, val).accuracy(), last.validationAccuracy(), 1e-12);
    }

    @Test
    void everyOptimizerAndScheduleTrains() {
        Dataset train = Synthetic.blobs(300, 3, 3, 4);
        for (String opt : List.of("sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw")) {
            for (String schedule : List.of("constant", "step:2:0.5", "exponential:0.9", "cosine")) {
                Network net = classifier(3, 8, 3, 5);
                double lr = opt.startsWith("adam") || opt.equals("rmsprop") ? 0.01 : 0.1;
                TrainingResult r = Trainer.builder().epochs(6).batchSize(16).learningRate(lr)
                        .optimizer(Optimizer.byName(opt, 1e-4)).schedule(LearningRateSchedule.parse(schedule))
                        .dropout(0.1).clipNorm(5).build().fit(net, train, null);
                assertTrue(r.history().last().trainAccuracy() > 0.8, opt + "/" + schedule + ": " + r.history().last());
            }
        }
    }

    @Test
    void sameSeedSameDataSameModelBitForBit() {
        Dataset train = Synthetic.blobs(200, 4, 3, 6);
        Network a = classifier(4, 10, 3, 7), b = classifier(4, 10, 3, 7);
        Trainer t = Trainer.builder().epochs(3).batchSize(20).learningRate(0.01).optimizer(Adam.adam(0)).dropout(0.3)
                .seed(9).build();
        t.fit(a, train, null);
        Trainer.builder().epochs(3).batchSize(20).learningRate(0.01).optimizer(Adam.adam(0)).dropout(0.3)
                .seed(9).build().fit(b, train, null);
        assertSameParameters(a, b);
    }

    @Test
    void reproducibleAcrossJitTiersWithSigmoidAndTanh() {
        // The first run executes partly interpreted, the second compiled: a kernel whose result depends on the JIT
        // tier (as the Vector API's EXP does) gives different models. Both must be bit-identical.
        Dataset train = Synthetic.blobs(3000, 8, 4, 21);
        Network[] nets = new Network[2];
        for (int run = 0; run < 2; run++) {
            nets[run] = Network.builder().input(8).dense(24, Activation.SIGMOID).dense(16, Activation.TANH)
                    .dense(4, Activation.SIGMOID).loss(Loss.QUADRATIC).seed(5).build();
            Trainer.builder().epochs(3).batchSize(10).learningRate(0.5).seed(2).build().fit(nets[run], train, null);
        }
        assertSameParameters(nets[0], nets[1]);
        float[] x = train.features()[7];
        assertArrayEquals(nets[0].predict(x), nets[1].predict(x));
    }

    @Test
    void earlyStoppingRestoresTheBestEpoch() {
        // Noise labels: a large network can only memorize, so validation loss soon rises.
        Dataset train = Synthetic.noise(40, 6, 3, 10), val = Synthetic.noise(200, 6, 3, 11);
        Network net = classifier(6, 64, 3, 12);
        List<Network> snapshots = new ArrayList<>();
        TrainingResult r = Trainer.builder().epochs(100).batchSize(8).learningRate(0.01).optimizer(Adam.adam(0))
                .earlyStopping(3).listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochRecord record) {
                        snapshots.add(net.copy());
                    }
                }).build().fit(net, train, val);
        assertTrue(r.stoppedEarly());
        List<EpochRecord> h = r.history().epochs();
        int best = 0;
        for (int e = 1; e < h.size(); e++) if (h.get(e).validationLoss() < h.get(best).validationLoss()) best = e;
        assertEquals(best + 1, r.bestEpoch());
        assertEquals(best + 3 + 1, h.size(), "stops exactly 3 epochs after the best");
        assertSameParameters(snapshots.get(best), net);
    }

    @Test
    void divergenceStopsWithEpochAndBatchAndKeepsTheLastGoodModel() {
        Dataset train = Synthetic.blobs(64, 3, 3, 13);
        Network net = Network.builder().input(3).dense(8, Activation.RELU).dense(3, Activation.IDENTITY)
                .loss(Loss.QUADRATIC).seed(1).build();
        List<Network> epochStart = new ArrayList<>();
        epochStart.add(net.copy());
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> Trainer.builder()
                .epochs(50).batchSize(8).learningRate(1e3).listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochRecord record) {
                        epochStart.add(net.copy());
                    }
                }).build().fit(net, train, null));
        assertTrue(e.getMessage().startsWith("training diverged: the loss became "), e.getMessage());
        assertTrue(e.getMessage().contains("at epoch " + e.epoch() + ", batch " + e.batch()), e.getMessage());
        assertTrue(e.getMessage().contains("Try a smaller learning rate (now 1000.0)"), e.getMessage());
        assertSameParameters(epochStart.get(e.epoch() - 1), net);
        for (DenseLayer l : net.layers()) for (float w : l.weights()) assertTrue(Float.isFinite(w));
    }

    @Test
    void resumingFromACheckpointGivesTheSameModelAsAnUninterruptedRun() throws Exception {
        Dataset train = Synthetic.blobs(150, 4, 3, 14), val = Synthetic.blobs(60, 4, 3, 15);
        Trainer.Builder settings = Trainer.builder().epochs(4).batchSize(16).learningRate(0.01)
                .optimizer(Adam.adam(1e-4)).dropout(0.2).seed(3).earlyStopping(10);

        Network whole = classifier(4, 12, 3, 16);
        settings.build().fit(whole, train, val);

        Path dir = tmp.resolve("ckpt");
        Network interrupted = classifier(4, 12, 3, 16);
        RuntimeException crash = new RuntimeException("simulated crash");
        Trainer.Builder crashing = Trainer.builder().epochs(4).batchSize(16).learningRate(0.01)
                .optimizer(Adam.adam(1e-4)).dropout(0.2).seed(3).earlyStopping(10).checkpoints(Checkpoints.in(dir), 4)
                .listener(new TrainingListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, int samples, double loss) {
                        if (epoch == 3 && batch == 6) throw crash; // after the checkpoint at batch 4 of epoch 3
                    }
                });
        assertEquals(crash, assertThrows(RuntimeException.class, () -> crashing.build().fit(interrupted, train, val)));

        TrainingState state = Checkpoints.read(Checkpoints.file(dir));
        assertEquals(2, state.epoch());
        assertEquals(4, state.nextBatch());
        TrainingResult resumed = Trainer.builder().epochs(4).batchSize(16).learningRate(0.01)
                .optimizer(Adam.adam(1e-4)).dropout(0.2).seed(3).earlyStopping(10).build()
                .resume(state, train, val);
        assertSameParameters(whole, resumed.network());
        assertEquals(4, resumed.history().size());
    }

    @Test
    void resumeRefusesOtherSettings() throws Exception {
        Dataset train = Synthetic.blobs(40, 4, 3, 17);
        Path dir = tmp.resolve("c2");
        Trainer.builder().epochs(1).batchSize(8).checkpoints(Checkpoints.in(dir), 0).build().fit(classifier(4, 5, 3, 1), train, null);
        TrainingState state = Checkpoints.read(Checkpoints.file(dir));
        SettingsMismatchException e = assertThrows(SettingsMismatchException.class,
                () -> Trainer.builder().epochs(2).batchSize(16).build().resume(state, train, null));
        assertEquals("cannot resume: epochs was 1 in the checkpoint, 2 now; batch was 8 in the checkpoint, 16 now",
                e.getMessage());
        assertEquals("cannot resume: --epochs was 1 in the checkpoint, 2 now; --batch was 8 in the checkpoint, 16 now",
                e.message(name -> "--" + name));
    }

    /** Each setting the result depends on: changed alone, the resume is refused with that setting named. */
    @Test
    void resumeRefusesEachResultChangingSettingByName() throws Exception {
        Dataset train = Synthetic.blobs(40, 4, 3, 17), val = Synthetic.blobs(20, 4, 3, 18);
        Path dir = tmp.resolve("c3");
        java.util.function.Supplier<Trainer.Builder> same = () -> Trainer.builder().epochs(2).batchSize(8)
                .optimizer(Adam.adam(1e-4)).setting("layers", "4,5,3");
        same.get().checkpoints(Checkpoints.in(dir), 0).build().fit(classifier(4, 5, 3, 1), train, val);
        TrainingState state = Checkpoints.read(Checkpoints.file(dir));
        same.get().build().resume(state, train, val); // the same run resumes

        assertEquals("cannot resume: weight-decay was 1.0E-4 in the checkpoint, 0.001 now", assertThrows(
                SettingsMismatchException.class, () -> Trainer.builder().epochs(2).batchSize(8).optimizer(Adam.adam(1e-3))
                        .setting("layers", "4,5,3").build().resume(state, train, val)).getMessage());
        assertEquals("cannot resume: layers was 4,5,3 in the checkpoint, 4,6,3 now", assertThrows(
                SettingsMismatchException.class, () -> Trainer.builder().epochs(2).batchSize(8).optimizer(Adam.adam(1e-4))
                        .setting("layers", "4,6,3").build().resume(state, train, val)).getMessage());
        assertEquals("learning rates", assertThrows(SettingsMismatchException.class,
                () -> same.get().schedule(LearningRateSchedule.step(1, 0.5)).build().resume(state, train, val))
                .differences().get(0).setting());
        assertEquals("early-stopping", assertThrows(SettingsMismatchException.class,
                () -> same.get().earlyStopping(3).build().resume(state, train, val)).differences().get(0).setting());

        // Other data of the same shape, the same rows in another order, another validation set: each is named.
        Dataset other = Synthetic.blobs(40, 4, 3, 99);
        SettingsMismatchException e = assertThrows(SettingsMismatchException.class, () -> same.get().build().resume(state, other, val));
        assertEquals(1, e.differences().size());
        assertEquals("training data", e.differences().get(0).setting());
        assertTrue(e.getMessage().matches("cannot resume: training data was 40 samples × 4 features, hash [0-9a-f]{16} in the "
                + "checkpoint, 40 samples × 4 features, hash [0-9a-f]{16} now"), e.getMessage());
        int[] reversed = new int[40];
        for (int i = 0; i < 40; i++) reversed[i] = 39 - i;
        assertThrows(SettingsMismatchException.class, () -> same.get().build().resume(state, train.subset(reversed), val));
        assertEquals("validation data", assertThrows(SettingsMismatchException.class,
                () -> same.get().build().resume(state, train, null)).differences().get(0).setting());
    }

    @Test
    void aCheckpointOfAnOlderMlp4jIsNotResumedBlindly() throws Exception {
        // Its settings were one string without weight decay, early stopping or the data: it cannot vouch for them.
        Dataset train = Synthetic.blobs(40, 4, 3, 17);
        Path dir = tmp.resolve("old");
        Trainer.builder().epochs(1).batchSize(8).checkpoints(Checkpoints.in(dir), 0).build().fit(classifier(4, 5, 3, 1), train, null);
        Path file = Checkpoints.file(dir);
        var contents = io.mlp4j.internal.SafeTensors.read(file);
        var meta = new java.util.LinkedHashMap<>(contents.metadata());
        var state = com.google.gson.JsonParser.parseString(meta.get("mlp4j.checkpoint")).getAsJsonObject();
        state.remove("settings");
        state.addProperty("fingerprint", "epochs=1 batch=8 lr=0.01 optimizer=sgd dropout=0.0 clip=0.0 seed=1 shuffle=true augment=none");
        meta.put("mlp4j.checkpoint", state.toString());
        io.mlp4j.internal.SafeTensors.write(file, meta, contents.tensors(), "mlp4j.sha256");
        TrainingState old = Checkpoints.read(file);
        assertEquals("0.01", old.fingerprint().get("lr"));
        SettingsMismatchException e = assertThrows(SettingsMismatchException.class,
                () -> Trainer.builder().epochs(1).batchSize(8).build().resume(old, train, null));
        assertEquals("cannot resume: the checkpoint does not record momentum, weight-decay, clip-norm, early-stopping (an older"
                + " mlp4j wrote it); start the run again without --resume", e.getMessage());
    }

    @Test
    void aSettingThatCausesAnotherIsNamedAloneNotItsConsequence() throws Exception {
        // A higher learning rate changes the per-epoch rates too; only the cause is named.
        Dataset train = Synthetic.blobs(40, 4, 3, 17);
        Path dir = tmp.resolve("c4");
        Trainer.builder().epochs(1).batchSize(8).checkpoints(Checkpoints.in(dir), 0).build().fit(classifier(4, 5, 3, 1), train, null);
        TrainingState state = Checkpoints.read(Checkpoints.file(dir));
        assertEquals("cannot resume: lr was 0.01 in the checkpoint, 0.02 now", assertThrows(SettingsMismatchException.class,
                () -> Trainer.builder().epochs(1).batchSize(8).learningRate(0.02).build().resume(state, train, null))
                .getMessage());
    }

    @Test
    void historyExportsAsCsv() throws Exception {
        Dataset train = Synthetic.blobs(50, 4, 3, 18);
        TrainingResult r = Trainer.builder().epochs(2).batchSize(10).build().fit(classifier(4, 5, 3, 2), train, null);
        Path csv = tmp.resolve("h.csv");
        Files.writeString(csv, r.history().toCsv());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds", lines.get(0));
        assertEquals(3, lines.size());
        String[] cells = lines.get(1).split(",", -1);
        assertEquals("1", cells[0]);
        assertEquals(r.history().epochs().get(0).trainLoss(), Double.parseDouble(cells[1]));
        assertEquals("", cells[3], "no validation set: empty cell");
    }

    @Test
    void badSetupsFailFast() {
        Dataset train = Synthetic.blobs(20, 4, 3, 19);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().build().fit(classifier(5, 4, 3, 1), train, null));
        assertEquals("the training data has 4 features but the network expects 5 inputs", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().earlyStopping(2).build().fit(classifier(4, 4, 3, 1), train, null));
        assertEquals("early stopping needs a validation set", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder().dropout(1.0));
    }

    @Test
    void unscaledFeaturesGiveAWarning() {
        Dataset small = Synthetic.blobs(20, 4, 3, 20);
        float[][] big = new float[20][];
        for (int i = 0; i < 20; i++) {
            big[i] = small.features()[i].clone();
            big[i][1] *= 100;
        }
        List<String> warnings = new ArrayList<>();
        Trainer.builder().epochs(1).listener(new TrainingListener() {
            @Override
            public void onWarning(String message) {
                warnings.add(message);
            }
        }).build().fit(classifier(4, 4, 3, 1), small.withFeatures(big), null);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).startsWith("features look unscaled"), warnings.get(0));
        assertFalse(warnings.get(0).isBlank());
    }

    @Test
    void withoutAListenerTheWarningGoesToTheSystemLoggerAndSpeaksOfValuesForRegression() {
        Dataset blobs = Synthetic.blobs(20, 4, 3, 20);
        float[][] big = new float[20][];
        for (int i = 0; i < 20; i++) {
            big[i] = blobs.features()[i].clone();
            big[i][2] *= 100;
        }
        Dataset regression = Dataset.regression(big, blobs.targets(), null);
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.mlp4j.train");
        List<String> logged = new ArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try {
            Network net = Network.builder().input(4).dense(4, Activation.TANH).dense(3, Activation.IDENTITY)
                    .loss(Loss.MSE).build();
            Trainer.builder().epochs(1).build().fit(net, regression, null);
        } finally {
            log.removeHandler(handler);
        }
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(logged.get(0).startsWith("WARNING features look unscaled"), logged.get(0));
        assertTrue(logged.get(0).endsWith("the network may predict nearly the same value for every input (normalize "
                + "with minmax or standard)"), logged.get(0));
    }

    @Test
    void epochsAndBatchesCountFromOneEverywhereAndAListenerCanBeALambda() {
        Dataset train = Synthetic.blobs(30, 4, 3, 21);
        List<String> calls = new ArrayList<>();
        TrainingResult r = Trainer.builder().epochs(2).batchSize(10)
                .listener(TrainingListener.eachBatch((epoch, batch, batches, m, loss) -> calls.add(epoch + "." + batch + "/" + batches)))
                .listener(TrainingListener.eachEpoch(record -> calls.add("epoch " + record.epoch())))
                .build().fit(classifier(4, 5, 3, 2), train, null);
        assertEquals(List.of("1.1/3", "1.2/3", "1.3/3", "epoch 1", "2.1/3", "2.2/3", "2.3/3", "epoch 2"), calls);
        assertEquals(1, r.history().epochs().get(0).epoch());
        assertEquals("1", r.history().toCsv().split("\n")[1].split(",")[0], "the CSV's first epoch");
        assertEquals(0, r.bestEpoch(), "no early stopping: no best epoch");
    }

    @Test
    void resultsPrintReadably() {
        Dataset train = Synthetic.blobs(30, 4, 3, 22);
        TrainingResult r = Trainer.builder().epochs(2).batchSize(10).build().fit(classifier(4, 5, 3, 2), train, null);
        assertTrue(r.toString().startsWith("TrainingResult(4-5-3, 2 epochs, last epoch 2: train loss "), r.toString());
        assertTrue(r.history().toString().startsWith("History(2 epochs, last epoch 2: train loss "), r.history().toString());
        io.mlp4j.model.Model.Prediction p = new io.mlp4j.model.Model.Prediction(1, "b", new float[] {0.25f, 0.75f});
        assertEquals("Prediction(class 1 'b', score 0.75, scores [0.25, 0.75])", p.toString());
        assertEquals(p, new io.mlp4j.model.Model.Prediction(1, "b", new float[] {0.25f, 0.75f}));
    }

    static void assertSameParameters(Network expected, Network actual) {
        for (int i = 0; i < expected.layers().size(); i++) {
            assertArrayEquals(expected.layer(i).weights(), actual.layer(i).weights(), "weights of layer " + i);
            assertArrayEquals(expected.layer(i).biases(), actual.layer(i).biases(), "biases of layer " + i);
        }
    }
}
