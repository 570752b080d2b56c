package io.mlp4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark command's plumbing (its figures go to docs/benchmarks.md, never into assertions on speed). */
class BenchCommandTest {

    @Test
    void w1ReportsItsFiguresAsJson() {
        CliRun r = CliRun.of("bench", "--workload", "W1", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("784-30-10", j.get("network").getAsString());
        for (String field : new String[] {"samples_per_second", "seconds_per_epoch", "gflops", "test_accuracy", "peak_heap_mb",
            "live_heap_mb"}) {
            assertTrue(j.has(field), field + " in " + r.out());
        }
        assertTrue(j.get("test_accuracy").getAsDouble() > 0.5, "the seeds' network learns: " + r.out());
        // The live heap holds at least MNIST-10k's 10,000 rows of 784 floats (30 MB), and never more than the peak
        double live = j.get("live_heap_mb").getAsDouble();
        assertTrue(live >= 10_000 * 784 * 4 / (1024.0 * 1024.0), "live heap " + live);
        assertTrue(live <= j.get("peak_heap_mb").getAsDouble(), r.out());
    }

    @Test
    void w4MeasuresLatencyAndThroughput() {
        CliRun r = CliRun.of("bench", "--workload", "W4", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
        assertTrue(j.get("latency_us_median").getAsDouble() > 0);
        assertTrue(j.get("batch_samples_per_second").getAsDouble() > 0);
    }

    @Test
    void badWorkloadsAreUsageErrors() {
        CliRun r = CliRun.of("bench", "--workload", "W9");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("mlp4j: unknown workload 'W9' (expected W1, W2, W3 or W4)"), r.err());
        CliRun w2 = CliRun.of("bench", "--workload", "W2");
        assertEquals(1, w2.exitCode());
        assertTrue(w2.err().startsWith("mlp4j: error: W2 trains on Fashion-MNIST: name its IDX folder with --data DIR"), w2.err());
    }
}
