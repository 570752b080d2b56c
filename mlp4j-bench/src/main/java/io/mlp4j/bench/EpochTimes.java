package io.mlp4j.bench;

import io.mlp4j.data.Dataset;
import io.mlp4j.data.IdxReader;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.train.EpochRecord;
import io.mlp4j.train.Sgd;
import io.mlp4j.train.Trainer;
import io.mlp4j.train.TrainingListener;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * W1 (the seeds' 784-30-10 sigmoid network, quadratic cost, plain SGD η = 1.5, batch 10, 10 epochs) with each epoch's
 * seconds: how much of the run is the JIT's warm-up, which {@code mlp4j bench --workload W1} folds into one number.
 * One JVM per run, so run it several times, alternating the builds compared:
 * {@code java --add-modules jdk.incubator.vector -cp mlp4j-benchmarks.jar io.mlp4j.bench.EpochTimes DIR}, where DIR
 * holds MNIST's training files ({@code train-images-idx3-ubyte.gz}, {@code train-labels-idx1-ubyte.gz}), e.g.
 * ../shared/datasets/mnist-10k. Prints one line: the load time, the whole {@code fit()} and each epoch.
 */
public final class EpochTimes {
    private EpochTimes() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) fail("usage: EpochTimes DIR (a directory with MNIST's training IDX files)");
        Path dir = Path.of(args[0]);
        Path images = dir.resolve("train-images-idx3-ubyte.gz"), labels = dir.resolve("train-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) fail(dir + " has no train-images-idx3-ubyte.gz "
                + "and train-labels-idx1-ubyte.gz");
        long t0 = System.nanoTime();
        Dataset data = null;
        try {
            data = IdxReader.read(images, labels, 10);
        } catch (java.io.IOException | IllegalArgumentException e) { // a damaged or mismatched file: IdxReader names it
            fail(e.getMessage());
        }
        long loaded = System.nanoTime();
        Network net = Network.builder().input(784).dense(30, Activation.SIGMOID).dense(10, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).init(Initializer.NORMAL).seed(1).build();
        StringBuilder epochs = new StringBuilder();
        Trainer trainer = Trainer.builder().epochs(10).batchSize(10).learningRate(1.5).optimizer(Sgd.plain()).seed(1)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochRecord e) {
                        epochs.append(String.format(Locale.ROOT, " %.3f", e.seconds()));
                    }
                }).build();
        long start = System.nanoTime();
        trainer.fit(net, data, null);
        double fit = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "load %.3f s, fit %.3f s (%d samples × 10 epochs), epochs:%s%n",
                (loaded - t0) / 1e9, fit, data.size(), epochs);
    }

    /** One line on stderr and exit 2: a bad argument or file is not a stack trace. */
    private static void fail(String message) {
        System.err.println("EpochTimes: " + message);
        System.exit(2);
    }
}
