package io.mlp4j.train;

import io.mlp4j.data.Dataset;
import io.mlp4j.io.Checkpoints;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Batches;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.random.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A training step's two halves as another module would drive them: the gradient of a batch (backpropagation, or a
 * source that computes it elsewhere) and the optimizer's update. Driven by hand, or through the trainer with a
 * gradient source of its own, they give the same model file, byte for byte, as the trainer.
 */
class SplitStepTest {
    @TempDir
    Path tmp;

    private static final long SEED = 5;
    private final Dataset train = Synthetic.blobs(90, 4, 3, 31);

    private Trainer.Builder settings() {
        return Trainer.builder().epochs(3).batchSize(16).learningRate(0.01).optimizer(Adam.adam(1e-4)).clipNorm(0.5)
                .seed(SEED);
    }

    private byte[] saved(Network net, String name) throws Exception {
        Path f = tmp.resolve(name);
        ModelFile.save(new Model(net, null, train.classNames()), f);
        return Files.readAllBytes(f);
    }

    @Test
    void aLoopDrivenByHandThroughBothHalvesSavesTheTrainersModelFile() throws Exception {
        Network byTrainer = TrainerTest.classifier(4, 8, 3, 2);
        settings().build().fit(byTrainer, train, null);

        Network net = TrainerTest.classifier(4, 8, 3, 2);
        Backpropagation bp = new Backpropagation(net, 16);
        Gradients g = new Gradients(net.architecture());
        OptimizerStep step = new OptimizerStep(net, g, Adam.adam(1e-4), 0.5); // the optimizer's state lives here
        SeededRandom shuffle = new SeededRandom(SEED); // the trainer shuffles with its seed
        int[] order = new int[train.size()];
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int i = 0; i < order.length; i++) order[i] = i;
            shuffle.shuffle(order);
            Batches.walk(order.length, 16, 0, (b, start, m) -> {
                bp.load(train.features(), train.targets(), order, start, m); // first half: ∇C of the batch
                bp.forward(0f, null);
                bp.backward(g);
                step.apply(0.01);                                              // second half: ω⁺
            });
        }
        assertArrayEquals(saved(byTrainer, "trainer.safetensors"), saved(net, "by-hand.safetensors"));
    }

    @Test
    void aGradientSourceThatComputesElsewhereGivesTheSameModelFileHistoryAndCheckpoints() throws Exception {
        Network byTrainer = TrainerTest.classifier(4, 8, 3, 2);
        TrainingResult expected = settings().checkpoints(Checkpoints.in(tmp.resolve("a")), 2).build()
                .fit(byTrainer, train, null);

        // A "worker": its own copy of the network, sent the parameters each step, computes the batch's gradient
        // from its own copy of the data, and hands it back — what a distributed trainer does over the network.
        Network worker = TrainerTest.classifier(4, 8, 3, 99);
        Backpropagation workerBp = new Backpropagation(worker, 16);
        Gradients workerG = new Gradients(worker.architecture());
        List<Integer> calls = new ArrayList<>();
        GradientSource remote = (net, order, start, m, g) -> {
            worker.copyParametersFrom(net);
            workerBp.load(train.features(), train.targets(), order, start, m);
            double cost = workerBp.forward(0f, null);
            workerBp.backward(workerG);
            workerG.setBatchResult(cost, correct(workerBp, m, net.outputSize()));
            g.copyFrom(workerG);
            calls.add(m);
        };
        Network net = TrainerTest.classifier(4, 8, 3, 2);
        TrainingResult actual = settings().gradientSource(remote).checkpoints(Checkpoints.in(tmp.resolve("b")), 2)
                .build().fit(net, train, null);

        assertEquals(3 * Batches.count(90, 16), calls.size());
        assertArrayEquals(saved(byTrainer, "trainer.safetensors"), saved(net, "remote.safetensors"));
        for (int e = 0; e < 3; e++) {
            EpochRecord want = expected.history().epochs().get(e), got = actual.history().epochs().get(e);
            assertEquals(want.trainLoss(), got.trainLoss(), "epoch " + e + " loss");
            assertEquals(want.trainAccuracy(), got.trainAccuracy(), "epoch " + e + " accuracy");
        }
        // The checkpoints hold the same state (their histories differ only in the seconds each epoch took).
        TrainingState a = Checkpoints.read(Checkpoints.file(tmp.resolve("a")));
        TrainingState b = Checkpoints.read(Checkpoints.file(tmp.resolve("b")));
        TrainerTest.assertSameParameters(a.network(), b.network());
        assertEquals(a.optimizer().stepCount(), b.optimizer().stepCount());
        assertNotEquals(0, b.optimizer().stepCount());
        assertEquals(a.optimizer().buffers().keySet(), b.optimizer().buffers().keySet());
        a.optimizer().buffers().forEach((k, v) -> assertArrayEquals(v, b.optimizer().buffers().get(k), k));
    }

    private final DataSummary summary = new DataSummary(90, 4, 3, true, "blobs 90×4, seed 31");

    /** A source that holds the rows itself: the trainer sees only their summary. */
    private void backpropagateHere(Network net, int[] order, int start, int m, Gradients g) {
        Backpropagation bp = new Backpropagation(net, m);
        bp.load(train.features(), train.targets(), order, start, m);
        g.setBatchResult(bp.forward(0f, null), correct(bp, m, net.outputSize()));
        bp.backward(g);
    }

    @Test
    void rowsHeldOnlyByTheSourceTrainFromTheirSummaryToTheTrainersModelFile() throws Exception {
        Network byTrainer = TrainerTest.classifier(4, 8, 3, 2);
        TrainingResult expected = settings().build().fit(byTrainer, train, null);

        Network net = TrainerTest.classifier(4, 8, 3, 2);
        TrainingResult actual = settings().gradientSource(this::backpropagateHere).build().fit(net, summary);
        assertArrayEquals(saved(byTrainer, "trainer.safetensors"), saved(net, "summary.safetensors"));
        assertEquals(expected.history().epochs().get(2).trainLoss(), actual.history().epochs().get(2).trainLoss());
        assertEquals(expected.history().epochs().get(2).trainAccuracy(), actual.history().epochs().get(2).trainAccuracy());
    }

    @Test
    void aStepSourceThatTakesBothHalvesItselfTrainsTheTrainersModelFile() throws Exception {
        Network byTrainer = TrainerTest.classifier(4, 8, 3, 2);
        TrainingResult expected = settings().build().fit(byTrainer, train, null);

        // The source owns the optimizer's step (as machines that step locally do) and shares the optimizer instance
        Network net = TrainerTest.classifier(4, 8, 3, 2);
        Adam adam = Adam.adam(1e-4);
        Gradients own = new Gradients(net.architecture());
        OptimizerStep step = new OptimizerStep(net, own, adam, 0.5);
        StepSource steps = (network, order, start, m, lr, g) -> {
            backpropagateHere(network, order, start, m, own);
            step.apply(lr);
            g.setBatchResult(own.cost(), own.correct());
        };
        TrainingResult actual = settings().optimizer(adam).stepSource(steps).build().fit(net, summary);
        assertArrayEquals(saved(byTrainer, "trainer.safetensors"), saved(net, "steps.safetensors"));
        assertEquals(expected.history().last().trainLoss(), actual.history().last().trainLoss());
        assertThrows(IllegalArgumentException.class,
                () -> settings().stepSource(steps).gradientSource(this::backpropagateHere).build());
    }

    @Test
    void aRunOnRemoteRowsResumesFromItsEpochCheckpointToTheSameModel() throws Exception {
        Network byTrainer = TrainerTest.classifier(4, 8, 3, 2);
        settings().build().fit(byTrainer, train, null);

        int[] calls = {0};
        int perEpoch = Batches.count(90, 16);
        GradientSource stopsOnce = (net, order, start, m, g) -> { // the driver dies at the second epoch's first batch
            if (calls[0]++ == perEpoch) throw new IllegalStateException("the driver stops");
            backpropagateHere(net, order, start, m, g);
        };
        Trainer trainer = settings().gradientSource(stopsOnce).checkpoints(Checkpoints.in(tmp), 0).build();
        assertThrows(IllegalStateException.class, () -> trainer.fit(TrainerTest.classifier(4, 8, 3, 2), summary));
        TrainingState afterOne = Checkpoints.read(Checkpoints.file(tmp));
        assertEquals(1, afterOne.epoch());

        Network resumed = trainer.resume(afterOne, summary).network();
        assertArrayEquals(saved(byTrainer, "trainer.safetensors"), saved(resumed, "resumed.safetensors"));
        DataSummary otherRows = new DataSummary(90, 4, 3, true, "other rows");
        assertThrows(SettingsMismatchException.class, () -> trainer.resume(afterOne, otherRows));
    }

    @Test
    void remoteRowsNeedAGradientSourceAndCannotStopEarly() {
        Network net = TrainerTest.classifier(4, 8, 3, 2);
        assertEquals("training on remote rows needs a gradient source or a step source",
                assertThrows(IllegalArgumentException.class, () -> settings().build().fit(net, summary)).getMessage());
        assertEquals("early stopping needs a validation set", assertThrows(IllegalArgumentException.class,
                () -> settings().earlyStopping(2).gradientSource(this::backpropagateHere).build().fit(net, summary))
                .getMessage());
        DataSummary fiveFeatures = new DataSummary(90, 5, 3, true, "x");
        assertEquals("the training data has 5 features but the network expects 4 inputs", assertThrows(
                IllegalArgumentException.class,
                () -> settings().gradientSource(this::backpropagateHere).build().fit(net, fiveFeatures)).getMessage());
    }

    @Test
    void aCustomSourceCannotBeAskedForDropoutOrAugmentation() {
        GradientSource none = (net, order, start, m, g) -> { };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.builder().dropout(0.1).gradientSource(none).build());
        assertEquals("dropout and augmentation are done by the trainer's own gradient source; a custom gradient "
                + "source must do them itself", e.getMessage());
    }

    private static long correct(Backpropagation bp, int m, int k) {
        long correct = 0;
        for (int r = 0; r < m; r++) {
            if (io.mlp4j.eval.Evaluation.argmax(bp.outputs(), r * k, k) == io.mlp4j.eval.Evaluation.argmax(bp.targets(), r * k, k)) {
                correct++;
            }
        }
        return correct;
    }
}
