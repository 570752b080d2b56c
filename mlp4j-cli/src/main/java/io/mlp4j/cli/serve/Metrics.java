package io.mlp4j.cli.serve;

import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format, kept by Prometheus' own client library: requests by
 * endpoint and status, error responses (4xx and 5xx) by endpoint, the latency histogram by endpoint, the rows predicted
 * and the size of each prediction pass (how much micro-batching merged). Endpoints outside the API count as
 * {@code other}, so a scan of random paths cannot grow the label set.
 */
final class Metrics {
    /** Latency buckets, seconds: 100 µs (a warm single-row prediction is ~20 µs) to 10 s. */
    private static final double[] LATENCY = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
            0.5, 1, 2.5, 5, 10};
    private static final double[] ROWS = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("mlp4j_http_requests")
            .help("HTTP requests answered, by endpoint and status code (499: the client closed the connection first)")
            .labelNames("endpoint", "status").register(registry);
    private final Counter errors = Counter.builder().name("mlp4j_http_errors")
            .help("Error responses (status 4xx or 5xx), by endpoint and class (client or server)")
            .labelNames("endpoint", "class").register(registry);
    private final Histogram latency = Histogram.builder().name("mlp4j_http_request_duration_seconds")
            .help("Time from the request's arrival at a handler to the end of its response, by endpoint")
            .labelNames("endpoint").classicOnly().classicUpperBounds(LATENCY).register(registry);
    private final Counter rows = Counter.builder().name("mlp4j_predicted_rows")
            .help("Input rows predicted").register(registry);
    private final DistributionDataPoint passRows = Histogram.builder().name("mlp4j_prediction_pass_rows")
            .help("Rows per pass through the network (requests that arrive together are predicted in one pass)")
            .classicOnly().classicUpperBounds(ROWS).register(registry);

    void request(String endpoint, int status, long nanos) {
        String code = Integer.toString(status);
        requests.labelValues(endpoint, code).inc();
        if (status >= 400) errors.labelValues(endpoint, status >= 500 ? "server" : "client").inc();
        latency.labelValues(endpoint).observe(nanos / 1e9);
    }

    void pass(int rowCount) {
        rows.inc(rowCount);
        passRows.observe(rowCount);
    }

    byte[] text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
