package io.mlp4j.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.model.Model;

import java.io.IOException;

/**
 * {@code POST /v1/predict}: JSON rows ({@code application/json}) or, for a model of images, one PNG or JPEG picture
 * ({@code image/png}, {@code image/jpeg}; the top-k then comes from the query, {@code ?top_k=5}). Rows are predicted
 * through the {@link MicroBatcher}, or directly when batching is off.
 */
final class PredictEndpoint {
    /** As {@code mlp4j predict --top}. */
    static final int DEFAULT_TOP_K = 3;

    private final ServedModel served;
    private final long maxBody;
    private final MicroBatcher batcher;
    private final Metrics metrics;

    PredictEndpoint(ServedModel served, ServerSettings settings, Metrics metrics) {
        this.served = served;
        this.maxBody = settings.maxBodyBytes();
        this.metrics = metrics;
        this.batcher = settings.batchRows() > 0 ? new MicroBatcher(served.model(), settings.batchRows(), metrics::pass) : null;
    }

    int handle(HttpExchange ex) throws IOException, HttpProblem {
        Model model = served.model();
        String type = Exchanges.mediaType(ex);
        int topK = topKFromQuery(ex.getRequestURI().getRawQuery());
        float[][] rows;
        if (Exchanges.JSON.equals(type)) {
            InputsJson.Request request = InputsJson.parse(Exchanges.body(ex, maxBody), model.network().inputSize());
            rows = request.rows();
            if (request.topK() > 0) topK = request.topK();
        } else if ("image/png".equals(type) || "image/jpeg".equals(type)) {
            if (served.images() == null) {
                throw new HttpProblem(415, "this model takes " + model.network().inputSize() + " numbers per row, not images:"
                        + " send application/json");
            }
            rows = new float[][] {image(Exchanges.body(ex, maxBody))};
        } else {
            throw new HttpProblem(415, (type == null ? "no Content-Type" : "Content-Type " + type + " is not accepted")
                    + ": send application/json" + (served.images() != null ? ", image/png or image/jpeg" : ""));
        }
        if (topK > 0 && !model.isClassifier()) throw new HttpProblem(400, "top_k: this is a regression model (no classes)");
        float[][] outputs = predict(rows);
        Exchanges.send(ex, 200, Exchanges.JSON, PredictionsJson.write(model, outputs, topK > 0 ? topK : DEFAULT_TOP_K));
        return 200;
    }

    private float[] image(byte[] body) throws HttpProblem {
        try {
            return served.images().decode(body); // null: blank
        } catch (InvalidDataException | IllegalArgumentException e) {
            throw new HttpProblem(400, e.getMessage());
        } catch (IOException e) { // ImageIO reading from memory: the bytes, not a socket
            throw new HttpProblem(400, "the request body is not a readable image: " + e.getMessage());
        }
    }

    private float[][] predict(float[][] rows) throws HttpProblem {
        if (rows.length == 1 && rows[0] == null) return rows; // a blank picture: answered with blank_input
        try {
            return batcher != null ? batcher.predict(rows) : predictAlone(rows);
        } catch (ArithmeticException e) { // outputs that overflow float32: these inputs (or the weights) are too large
            throw new HttpProblem(422, e.getMessage());
        }
    }

    private float[][] predictAlone(float[][] rows) {
        float[][] out = served.model().predict(rows);
        metrics.pass(rows.length);
        return out;
    }

    /** {@code top_k=N} in the query string, or 0. */
    static int topKFromQuery(String query) throws HttpProblem {
        if (query == null) return 0;
        for (String part : query.split("&")) {
            if (!part.startsWith("top_k=")) continue;
            String v = part.substring("top_k=".length());
            try {
                int k = Integer.parseInt(v);
                if (k >= 1) return k;
            } catch (NumberFormatException e) {
                // the message below says what is expected
            }
            throw new HttpProblem(400, "top_k=" + v + " in the query: give a whole number of at least 1");
        }
        return 0;
    }
}
