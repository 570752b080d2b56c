package io.mlp4j.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

/**
 * Two or more builds of mlp4j in one JVM, each in its own class loader, run in alternating slices: the machine's
 * noise (other tenants, frequency) then falls on all of them alike, where separate runs minutes apart differed by
 * ±15–30% on our shared 2-core VMs. Each build gets its own JIT-compiled code and its own kernel threads.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp mlp4j-benchmarks.jar io.mlp4j.bench.JarsSideBySide
 * WORK ROUNDS MILLIS JAR:TAG[:property=value…] JAR:TAG…}, where WORK is {@code gemm:FORMS:SHAPES} (FORMS from abt,
 * atb, ab, packed, comma-separated; SHAPES m×k×n as {@code 256x784x2048}) or {@code w4} (W4's batch of 1,000 rows
 * through W2's network). A jar is any mlp4j jar with the core classes (mlp4j-core's, the CLI's); properties are set
 * while that build's classes initialize, so {@code -Dmlp4j.gemm.tileRows=4} can apply to one build only. Prints the
 * median, best and worst rate of each build over the rounds after the first two (warm-up), and whether the builds
 * computed the same bits.
 */
public final class JarsSideBySide {
    private JarsSideBySide() {
    }

    /** One build's work: a rate per call of {@link #run}, and the result it computes, for comparing bits. */
    private interface Work {
        double run(long millis) throws Exception;

        Object result() throws Exception;
    }

    private static final String USAGE =
            "usage: JarsSideBySide gemm:FORMS:SHAPES|w4 ROUNDS MILLIS JAR:TAG[:prop=value...] JAR:TAG...";

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException | ClassNotFoundException | NoSuchMethodException | NoSuchFieldException e) {
            System.err.println("JarsSideBySide: " + e.getMessage()); // a bad argument or a jar without mlp4j's classes
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length < 5) throw new IllegalArgumentException("two builds or more are needed; " + USAGE);
        int rounds = number(args[1], "ROUNDS"), millis = number(args[2], "MILLIS");
        if (rounds < 3) throw new IllegalArgumentException("ROUNDS is " + rounds + ": the first two warm up, give 3 or more");
        if (!args[0].equals("w4") && !args[0].matches("gemm:[a-z,]+:[0-9x,]+")) {
            throw new IllegalArgumentException("WORK is '" + args[0] + "': give w4 or gemm:FORMS:SHAPES, e.g. "
                    + "gemm:abt,ab:256x784x2048; " + USAGE);
        }
        List<String> tags = new ArrayList<>();
        List<List<Work>> works = new ArrayList<>();
        List<String> labels = null;
        for (int j = 3; j < args.length; j++) {
            String[] spec = args[j].split(":");
            if (spec.length < 2) throw new IllegalArgumentException("build '" + args[j] + "' has no tag: give JAR:TAG");
            if (!Files.isRegularFile(Path.of(spec[0]))) throw new IllegalArgumentException("no such jar: " + spec[0]);
            Properties saved = (Properties) System.getProperties().clone();
            for (int p = 2; p < spec.length; p++) {
                String[] kv = spec[p].split("=", 2);
                if (kv.length < 2) throw new IllegalArgumentException("'" + spec[p] + "' in " + args[j] + " is not prop=value");
                System.setProperty(kv[0], kv[1]);
            }
            ClassLoader loader = new URLClassLoader(new URL[] {Path.of(spec[0]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            List<String> names = new ArrayList<>();
            List<Work> list = args[0].equals("w4") ? List.of(w4(loader, names)) : gemm(loader, args[0], names);
            for (Work w : list) w.result(); // initializes the build's classes while its properties are set
            System.setProperties(saved);
            tags.add(spec[1]);
            works.add(list);
            labels = names;
        }
        for (int i = 0; i < labels.size(); i++) {
            Object first = works.get(0).get(i).result();
            for (int j = 1; j < works.size(); j++) {
                boolean same = Arrays.deepEquals(new Object[] {first}, new Object[] {works.get(j).get(i).result()});
                System.out.printf("%s: %s gives %s bits as %s%n", labels.get(i), tags.get(j), same ? "the same" : "OTHER",
                        tags.get(0));
            }
        }
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < labels.size(); i++) {
                for (int jj = 0; jj < works.size(); jj++) {
                    int j = r % 2 == 0 ? jj : works.size() - 1 - jj; // who goes first alternates
                    double rate = works.get(j).get(i).run(millis);
                    if (r >= 2) rates.computeIfAbsent(labels.get(i) + "  " + tags.get(j), k -> new ArrayList<>()).add(rate);
                }
            }
        }
        String unit = args[0].equals("w4") ? "samples/s" : "GFLOP/s";
        printRates(rates, unit);
        printRatios(rates, labels, tags);
    }

    private static void printRates(Map<String, List<Double>> rates, String unit) {
        for (Map.Entry<String, List<Double>> e : rates.entrySet()) {
            List<Double> v = new ArrayList<>(e.getValue()); // sorted apart: the ratios below need the round order
            Collections.sort(v);
            System.out.printf("%-36s median %10.1f  best %10.1f  worst %10.1f %s (%d slices)%n", e.getKey(),
                    v.get(v.size() / 2), v.get(v.size() - 1), v.get(0), unit, v.size());
        }
    }

    /**
     * Each build against the first, round by round (the two slices of a round are next to each other in time, so a
     * slow minute of the machine falls on both): the median and the spread of the ratios.
     */
    private static void printRatios(Map<String, List<Double>> rates, List<String> labels, List<String> tags) {
        for (String label : labels) {
            List<Double> first = rates.get(label + "  " + tags.get(0));
            for (int j = 1; j < tags.size(); j++) {
                List<Double> other = rates.get(label + "  " + tags.get(j)), ratios = new ArrayList<>();
                for (int r = 0; r < first.size(); r++) ratios.add(other.get(r) / first.get(r));
                Collections.sort(ratios);
                int n = ratios.size();
                System.out.printf("%s: %s / %s per round: median %.3f, middle half %.3f–%.3f (%d rounds)%n", label,
                        tags.get(j), tags.get(0), ratios.get(n / 2), ratios.get(n / 4), ratios.get(3 * n / 4), n);
            }
        }
    }

    /** The GEMM forms through the build's {@code Kernels.vector()}, with its thread count (mlp4j.threads). */
    private static List<Work> gemm(ClassLoader loader, String spec, List<String> names) throws Exception {
        String[] parts = spec.split(":");
        Class<?> kernels = loader.loadClass("io.mlp4j.kernel.Kernels"), kernelType = loader.loadClass("io.mlp4j.kernel.Kernel");
        Object kernel = kernels.getMethod("vector").invoke(null);
        List<Work> list = new ArrayList<>();
        for (String shape : parts[2].split(",")) {
            String[] s = shape.split("x");
            if (s.length != 3) throw new IllegalArgumentException("shape '" + shape + "' is not m×k×n, e.g. 256x784x2048");
            int m = number(s[0], "m"), k = number(s[1], "k"), n = number(s[2], "n");
            Random random = new Random(1);
            float[] a = fill(m * k, random), b = fill(n * k, random), c = new float[m * n];
            for (String form : parts[1].split(",")) {
                names.add(form + " " + shape);
                list.add(form.equals("packed") ? packed(loader, kernelType, kernel, a, b, c, m, n, k)
                        : product(kernelType, kernel, form, a, b, c, m, n, k));
            }
        }
        return list;
    }

    private static Work product(Class<?> kernelType, Object kernel, String form, float[] a, float[] b, float[] c, int m,
                                int n, int k) throws Exception {
        String name = switch (form) {
            case "abt" -> "gemmABt";
            case "atb" -> "gemmAtB";
            case "ab" -> "gemmAB";
            default -> throw new IllegalArgumentException("unknown GEMM form: " + form);
        };
        Method call = kernelType.getMethod(name, float[].class, float[].class, float[].class, int.class, int.class, int.class);
        double flops = 2.0 * m * n * k;
        return new Work() {
            public double run(long millis) throws Exception {
                long t0 = System.nanoTime(), end = t0 + millis * 1_000_000L, calls = 0;
                do {
                    call.invoke(kernel, a, b, c, m, n, k);
                    calls++;
                } while (System.nanoTime() < end);
                return flops * calls / (System.nanoTime() - t0);
            }

            public Object result() throws Exception {
                call.invoke(kernel, a, b, c, m, n, k);
                return c.clone();
            }
        };
    }

    /** A·Wᵀ with W packed once, as batch prediction runs it. */
    private static Work packed(ClassLoader loader, Class<?> kernelType, Object kernel, float[] a, float[] w, float[] c,
                               int m, int n, int k) throws Exception {
        Class<?> packedType = loader.loadClass("io.mlp4j.kernel.PackedWeights");
        Object p = kernelType.getMethod("packWeights", float[].class, int.class, int.class, packedType)
                .invoke(kernel, w, n, k, null);
        Method call = kernelType.getMethod("gemmABt", float[].class, packedType, float[].class, int.class);
        double flops = 2.0 * m * n * k;
        return new Work() {
            public double run(long millis) throws Exception {
                long t0 = System.nanoTime(), end = t0 + millis * 1_000_000L, calls = 0;
                do {
                    call.invoke(kernel, a, p, c, m);
                    calls++;
                } while (System.nanoTime() < end);
                return flops * calls / (System.nanoTime() - t0);
            }

            public Object result() throws Exception {
                call.invoke(kernel, a, p, c, m);
                return c.clone();
            }
        };
    }

    /** W4's batch: 1,000 rows through W2's network (784-256-128-10, ReLU, softmax), with the build's thread count. */
    private static Work w4(ClassLoader loader, List<String> names) throws Exception {
        Class<?> network = loader.loadClass("io.mlp4j.nn.Network"), activation = loader.loadClass("io.mlp4j.nn.Activation");
        Class<?> loss = loader.loadClass("io.mlp4j.nn.Loss");
        Object builder = network.getMethod("builder").invoke(null);
        Class<?> bt = builder.getClass();
        Object relu = activation.getField("RELU").get(null), softmax = activation.getField("SOFTMAX").get(null);
        builder = bt.getMethod("input", int.class).invoke(builder, 784);
        builder = bt.getMethod("dense", int.class, activation).invoke(builder, 256, relu);
        builder = bt.getMethod("dense", int.class, activation).invoke(builder, 128, relu);
        builder = bt.getMethod("dense", int.class, activation).invoke(builder, 10, softmax);
        builder = bt.getMethod("loss", loss).invoke(builder, loss.getField("CROSS_ENTROPY").get(null));
        builder = bt.getMethod("seed", long.class).invoke(builder, 1L);
        Object net = bt.getMethod("build").invoke(builder);
        Method predict = network.getMethod("predict", float[][].class);
        Random random = new Random(1);
        float[][] xs = new float[1000][];
        for (int r = 0; r < xs.length; r++) xs[r] = fill(784, random);
        names.add("W4 batch of 1,000");
        return new Work() {
            public double run(long millis) throws Exception {
                long t0 = System.nanoTime(), end = t0 + millis * 1_000_000L, calls = 0;
                do {
                    predict.invoke(net, (Object) xs);
                    calls++;
                } while (System.nanoTime() < end);
                return 1000.0 * calls / ((System.nanoTime() - t0) / 1e9);
            }

            public Object result() throws Exception {
                return predict.invoke(net, (Object) xs);
            }
        };
    }

    private static int number(String text, String name) {
        try {
            int v = Integer.parseInt(text);
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " is '" + text + "': give a whole number above 0");
    }

    private static float[] fill(int size, Random random) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = random.nextFloat() - 0.5f;
        return v;
    }
}
