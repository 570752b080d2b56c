package io.mlp4j.bench;

import io.mlp4j.kernel.Kernel;
import io.mlp4j.kernel.Kernels;
import io.mlp4j.kernel.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The three GEMM forms of backpropagation at the MLP shapes, m×k·k×n (batch × inputs · inputs × outputs).
 * GFLOP/s = 2·m·n·k / (seconds per operation) / 1e9; JMH reports seconds per operation.
 * Run: java --add-modules jdk.incubator.vector -jar mlp4j-bench/target/mlp4j-benchmarks.jar Gemm
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    /** m×k×n: 128×784×256, 256×784×2048, 256×2048×2048, 1024×1024×1024. */
    @Param({"128x784x256", "256x784x2048", "256x2048x2048", "1024x1024x1024"})
    public String shape;

    @Param({"vector", "scalar"})
    public String kernel;

    @Param({"1", "2"})
    public int threads;

    private Kernel k;
    private float[] a, b, bt, at, c;
    private int m, n, kk;

    @Setup
    public void setUp() {
        String[] s = shape.split("x");
        m = Integer.parseInt(s[0]);
        kk = Integer.parseInt(s[1]);
        n = Integer.parseInt(s[2]);
        k = kernel.equals("vector") ? Kernels.vector() : Kernels.scalar();
        Parallel.setThreads(threads);
        Random r = new Random(1);
        a = fill(m * kk, r);
        at = fill(kk * m, r);
        b = fill(n * kk, r);
        bt = fill(kk * n, r);
        c = new float[m * n];
    }

    private static float[] fill(int size, Random r) {
        float[] v = new float[size];
        for (int i = 0; i < size; i++) v[i] = r.nextFloat() - 0.5f;
        return v;
    }

    /** Forward: Z = A·Wᵀ. */
    @Benchmark
    public float[] abt() {
        k.gemmABt(a, b, c, m, n, kk);
        return c;
    }

    /** Weight gradient: ∂C/∂W = δᵀ·A. */
    @Benchmark
    public float[] atb() {
        k.gemmAtB(at, bt, c, m, n, kk);
        return c;
    }

    /** Back to the previous layer: δ·W. */
    @Benchmark
    public float[] ab() {
        k.gemmAB(a, bt, c, m, n, kk);
        return c;
    }
}
