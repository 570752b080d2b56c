package io.mlp4j.cli;

import io.mlp4j.data.Dataset;
import io.mlp4j.eval.Evaluation;
import io.mlp4j.kernel.Kernels;
import io.mlp4j.kernel.Parallel;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Backpropagation;
import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.train.Adam;
import io.mlp4j.train.EpochRecord;
import io.mlp4j.train.Optimizer;
import io.mlp4j.train.OptimizerStep;
import io.mlp4j.train.Sgd;
import io.mlp4j.train.Trainer;
import io.mlp4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code mlp4j bench}: the shared workloads of docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a benchmark workload (docs/benchmarks.md defines them) and print its figures:",
                "W1 the seeds' 784-30-10 sigmoid network, W2 784-256-128-10 on Fashion-MNIST, W3 784-2048-2048-10",
                "(compute-bound), W4 single-sample latency and batch throughput of the W2 network."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workload", required = true, paramLabel = "W", description = "W1, W2, W3 or W4.")
    String workload;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The data set's IDX folder (W2: Fashion-MNIST, required; others: default the embedded MNIST-10k).")
    Path data;

    @Option(names = "--threads", paramLabel = "N", description = "Kernel threads (default: the available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print the figures as one JSON object on stdout.")
    boolean json;

    /** Set by each workload while its data and network are still reachable: see {@link #liveHeapMb()}. */
    private double liveHeapMb;

    @Override
    public Integer call() throws IOException {
        if (threads != null) {
            if (threads < 1) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
            Parallel.setThreads(threads);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("workload", workload.toUpperCase(Locale.ROOT));
        r.put("kernel", Kernels.describe(Kernels.best()));
        r.put("threads", Parallel.threads());
        r.put("jdk", System.getProperty("java.vm.name") + " " + Runtime.version());
        resetPeakHeap();
        switch (workload.toUpperCase(Locale.ROOT)) {
            case "W1" -> w1(r);
            case "W2" -> w2(r);
            case "W3" -> w3(r);
            case "W4" -> w4(r);
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "unknown workload '" + workload + "' (expected W1, W2, W3 or W4)");
        }
        r.put("peak_heap_mb", peakHeapMb());
        r.put("live_heap_mb", liveHeapMb);
        print(r);
        return Main.OK;
    }

    private DataOptions.Loaded load(boolean required) throws IOException {
        if (data == null) {
            if (required) throw new IllegalArgumentException("W2 trains on Fashion-MNIST: name its IDX folder with --data DIR");
            return DataOptions.embedded();
        }
        return DataOptions.loadIdxDir(data, data.toString(), null);
    }

    /** W1: the seeds' network, 784-30-10 sigmoid, Σ(a−y)², plain SGD η=1.5, batch 10, N(0,1), 10 epochs. */
    private void w1(Map<String, Object> r) throws IOException {
        DataOptions.Loaded d = load(false);
        Network net = Network.builder().input(784).dense(30, Activation.SIGMOID).dense(10, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).init(Initializer.NORMAL).seed(1).build();
        train(r, net, d, Sgd.plain(), 1.5, 10, 10);
    }

    /** W2: 784-256-128-10 ReLU, softmax cross-entropy, Adam 1e-3, batch 128, 10 epochs on Fashion-MNIST. */
    private void w2(Map<String, Object> r) throws IOException {
        DataOptions.Loaded d = load(true);
        train(r, w2Network(), d, Adam.adam(0), 1e-3, 128, 10);
    }

    private static Network w2Network() {
        return Network.builder().input(784).dense(256, Activation.RELU).dense(128, Activation.RELU)
                .dense(10, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(1).build();
    }

    private void train(Map<String, Object> r, Network net, DataOptions.Loaded d, Optimizer opt, double lr, int batch,
                       int epochs) {
        double[] epochSeconds = new double[epochs];
        int[] done = {0};
        Trainer trainer = Trainer.builder().epochs(epochs).batchSize(batch).learningRate(lr).optimizer(opt).seed(1)
                .listener(new TrainingListener() {
                    @Override
                    public void onEpoch(EpochRecord e) {
                        epochSeconds[done[0]++] = e.seconds();
                    }
                }).build();
        long t0 = System.nanoTime();
        trainer.fit(net, d.train(), null);
        double seconds = (System.nanoTime() - t0) / 1e9;
        liveHeapMb = liveHeapMb(); // the data and the network are still reachable here
        double samplesPerSecond = (double) epochs * d.train().size() / seconds;
        // The whole run includes the JIT's warm-up (most of W1's first epoch); the median epoch shows the warm speed.
        double[] sorted = epochSeconds.clone();
        Arrays.sort(sorted);
        r.put("network", net.architecture().shape());
        r.put("samples_per_second", samplesPerSecond);
        r.put("samples_per_second_median_epoch", d.train().size() / sorted[epochs / 2]);
        r.put("seconds_per_epoch", seconds / epochs);
        r.put("gflops", 6.0 * weights(net) * samplesPerSecond / 1e9);
        r.put("test_accuracy", Evaluation.of(net, d.test()).accuracy());
    }

    /** W3: 784-2048-2048-10 ReLU, cross-entropy, SGD 0.01, batch 256; 100 timed batches after 10 warm-up batches. */
    private void w3(Map<String, Object> r) throws IOException {
        Dataset train = load(false).train();
        Network net = Network.builder().input(784).dense(2048, Activation.RELU).dense(2048, Activation.RELU)
                .dense(10, Activation.SOFTMAX).loss(Loss.CROSS_ENTROPY).seed(1).build();
        int batch = 256;
        Backpropagation bp = new Backpropagation(net, batch);
        Gradients g = new Gradients(net.architecture());
        OptimizerStep sgd = new OptimizerStep(net, g, Sgd.plain(), 0);
        int batches = train.size() / batch;
        long t0 = 0;
        // The same batches again and again (the first 256·⌊n/256⌋ rows in order), so no shuffle or epoch is timed.
        for (int step = 0; step < 110; step++) {
            if (step == 10) t0 = System.nanoTime();
            bp.load(train.features(), train.targets(), null, (step % batches) * batch, batch);
            bp.forward(0f, null);
            bp.backward(g);
            sgd.apply(0.01);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        liveHeapMb = liveHeapMb();
        double samplesPerSecond = 100.0 * batch / seconds;
        r.put("network", net.architecture().shape());
        r.put("samples_per_second", samplesPerSecond);
        r.put("gflops", 6.0 * (784 * 2048 + 2048 * 2048 + 2048 * 10) * samplesPerSecond / 1e9);
    }

    /** W4: median latency of 10,000 single-sample predictions and batch-1000 throughput, W2's network. */
    private void w4(Map<String, Object> r) throws IOException {
        Dataset test = load(false).test();
        Network net = w2Network();
        float[][] xs = test.features();
        long[] nanos = new long[10_000];
        float sink = 0;
        for (int i = 0; i < 5_000; i++) sink += net.predict(xs[i % xs.length])[0]; // warm-up
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            sink += net.predict(xs[i % xs.length])[0];
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        float[][] thousand = new float[1000][];
        for (int i = 0; i < 1000; i++) thousand[i] = xs[i % xs.length];
        // The batch path's kernels (packed GEMM) are not the single-sample path's: they need their own JIT warm-up,
        // about 20 calls of 1,000 rows before C2 has compiled them (the first 20 ran at 16k samples/s, later ones
        // at 110-130k). 100 warm-up calls, then the median of 31.
        double[] rates = new double[31];
        for (int rep = -100; rep < rates.length; rep++) {
            long t = System.nanoTime();
            sink += net.predict(thousand)[0][0];
            if (rep >= 0) rates[rep] = 1000 / ((System.nanoTime() - t) / 1e9);
        }
        Arrays.sort(rates);
        liveHeapMb = liveHeapMb();
        r.put("network", net.architecture().shape());
        r.put("latency_us_median", nanos[nanos.length / 2] / 1e3);
        r.put("latency_us_p99", nanos[nanos.length * 99 / 100] / 1e3);
        r.put("batch_samples_per_second", rates[rates.length / 2]);
        if (sink == 42.4242f) r.put("sink", sink); // keeps the JIT from skipping the predictions
    }

    private static long weights(Network net) {
        long w = 0;
        for (int i = 0; i < net.layers().size(); i++) w += (long) net.layer(i).units() * net.layer(i).inputs();
        return w;
    }

    private static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        }
    }

    /**
     * The heap in use right after a full collection: what the run keeps alive (data, network, buffers). The pools'
     * peak usage below also counts garbage not yet collected, so with a large default heap it mostly shows the
     * heap's size; this one is near the smallest -Xmx the steady state needs.
     */
    private static double liveHeapMb() {
        System.gc();
        long bytes = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            java.lang.management.MemoryUsage afterGc = p.getType() == MemoryType.HEAP ? p.getCollectionUsage() : null;
            if (afterGc != null) bytes += afterGc.getUsed();
        }
        return bytes / (1024.0 * 1024.0);
    }

    /** The largest heap in use during the run: the sum of the heap pools' peaks (an upper bound on the true peak). */
    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) bytes += p.getPeakUsage().getUsed();
        }
        return bytes / (1024.0 * 1024.0);
    }

    private void print(Map<String, Object> r) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.GSON.toJson(r));
        } else {
            String row = "%-" + r.keySet().stream().mapToInt(String::length).max().orElse(1) + "s  %s%n";
            r.forEach((k, v) -> out.printf(Locale.ROOT, row, k, v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v));
        }
        out.flush();
    }
}
