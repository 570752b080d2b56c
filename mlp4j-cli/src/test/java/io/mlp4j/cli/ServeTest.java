package io.mlp4j.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.mlp4j.cli.serve.ModelServer;
import io.mlp4j.cli.serve.ServedModel;
import io.mlp4j.cli.serve.ServerSettings;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mlp4j serve}'s server in this JVM, on a free port, driven by the JDK's HTTP client: answers checked against
 * the model loaded on its own and predicted row by row, and every kind of bad request answered with its status and a
 * one-line JSON error, after which the server still answers a good request.
 */
class ServeTest {
    @TempDir
    static Path dir;
    static Path imageModelFile, tableModelFile;
    static ModelServer images, table;
    static final StringWriter LOG = new StringWriter();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        imageModelFile = TestFiles.imageModel(dir.resolve("digits.safetensors"), new ModelInput.Image(28, 28, 1), 10);
        tableModelFile = TestFiles.tableModel(dir.resolve("table.safetensors"), 0.1f);
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, 8, 1 << 20, 10, 64, false);
        PrintWriter log = new PrintWriter(LOG, true);
        images = ModelServer.start(ServeCommand.served(imageModelFile), settings, log);
        table = ModelServer.start(ServeCommand.served(tableModelFile), settings, log);
    }

    @AfterAll
    static void stop() {
        images.close();
        table.close();
    }

    static HttpResponse<String> post(ModelServer s, String path, String type, byte[] body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(s.uri().resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) r.header("Content-Type", type);
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> send(ModelServer s, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(s.uri().resolve(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> predictJson(ModelServer s, String json) throws Exception {
        return post(s, "/v1/predict", "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static String rowsJson(float[][] rows, String extra) {
        StringBuilder b = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < rows.length; i++) {
            b.append(i > 0 ? ", [" : "[");
            for (int j = 0; j < rows[i].length; j++) b.append(j > 0 ? ", " : "").append(rows[i][j]);
            b.append(']');
        }
        return b.append(']').append(extra).append('}').toString();
    }

    static float[][] randomRows(int n, int width, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][width];
        for (float[] row : x) for (int j = 0; j < width; j++) row[j] = r.nextFloat();
        return x;
    }

    /** The error body: one line, a JSON object with only "error". */
    static String error(HttpResponse<String> r) {
        assertTrue(r.body().endsWith("\n") && r.body().indexOf('\n') == r.body().length() - 1, r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonObject o = JsonParser.parseString(r.body()).getAsJsonObject();
        assertEquals(1, o.size(), r.body());
        return o.get("error").getAsString();
    }

    /** What the bad request did not break: a good one right after it. */
    static void stillServes(ModelServer s) throws Exception {
        float[][] x = randomRows(1, s == images ? 784 : 4, 99);
        assertEquals(200, predictJson(s, rowsJson(x, "")).statusCode());
    }

    @Test
    void predictionsAreTheModelsOwnRowByRow() throws Exception {
        Model model = ModelFile.load(imageModelFile);
        float[][] x = randomRows(20, 784, 1);
        HttpResponse<String> r = predictJson(images, rowsJson(x, ", \"top_k\": 2"));
        assertEquals(200, r.statusCode(), r.body());
        JsonArray predictions = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("predictions");
        assertEquals(20, predictions.size());
        for (int i = 0; i < x.length; i++) {
            float[] expected = model.predict(x[i]); // single-row path; the server predicted all 20 in one pass
            JsonObject p = predictions.get(i).getAsJsonObject();
            JsonObject probabilities = p.getAsJsonObject("probabilities");
            for (int c = 0; c < 10; c++) assertEquals(expected[c], probabilities.get(Integer.toString(c)).getAsFloat(), 1e-6, "row " + i);
            JsonArray top = p.getAsJsonArray("top");
            assertEquals(2, top.size());
            assertEquals(Model.topK(expected, 1).get(0).toString(), p.get("class").getAsString());
            assertEquals(p.get("class").getAsString(), top.get(0).getAsJsonObject().get("class").getAsString());
        }
    }

    @Test
    void aPngIsPredictedAsMlp4jPredictDoes() throws Exception {
        Path png = TestFiles.png(dir.resolve("seven.png"), 40, 40, (x, y) -> y > 5 && y < 9 && x > 5 && x < 30 || x > 22 && x < 26 && y > 5 ? 0 : 255);
        CliRun cli = CliRun.of("predict", "--model", imageModelFile.toString(), "--input", png.toString(), "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        JsonObject expected = JsonParser.parseString(cli.out()).getAsJsonObject();
        HttpResponse<String> r = post(images, "/v1/predict?top_k=3", "image/png", Files.readAllBytes(png));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject got = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("predictions").get(0).getAsJsonObject();
        assertEquals(expected.get("class"), got.get("class"));
        for (var e : expected.getAsJsonObject("probabilities").entrySet()) {
            assertEquals(e.getValue().getAsDouble(), got.getAsJsonObject("probabilities").get(e.getKey()).getAsDouble(), 1e-6);
        }
        Path blank = TestFiles.png(dir.resolve("blank.png"), 30, 30, (x, y) -> 255);
        HttpResponse<String> b = post(images, "/v1/predict", "image/png", Files.readAllBytes(blank));
        assertEquals("{\"predictions\":[{\"blank_input\":true}]}", b.body());
    }

    @Test
    void aTableModelAnswersForItsRowsAndRefusesImages() throws Exception {
        Model model = ModelFile.load(tableModelFile);
        float[][] x = {{1, 2, 3, 4}, {-5, 0.5f, 2, 0}};
        HttpResponse<String> r = predictJson(table, rowsJson(x, ""));
        JsonArray p = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("predictions");
        for (int i = 0; i < 2; i++) {
            float[] expected = model.predict(x[i]);
            assertEquals(List.of("ant", "bee", "cat").get(Model.topK(expected, 1).get(0)), p.get(i).getAsJsonObject().get("class").getAsString());
            assertEquals(expected[1], p.get(i).getAsJsonObject().getAsJsonObject("probabilities").get("bee").getAsFloat(), 1e-6);
        }
        HttpResponse<String> png = post(table, "/v1/predict", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertEquals(415, png.statusCode());
        assertEquals("this model takes 4 numbers per row, not images: send application/json", error(png));
        stillServes(table);
    }

    @Test
    void aRegressionModelAnswersValues(@TempDir Path tmp) throws Exception {
        Network net = Network.builder().input(3).dense(5, Activation.TANH).dense(2, Activation.IDENTITY).loss(Loss.MSE).seed(4).build();
        Path file = tmp.resolve("reg.safetensors");
        ModelFile.save(new Model(net, null, null), file);
        try (ModelServer s = ModelServer.start(ServeCommand.served(file), new ServerSettings("127.0.0.1", 0, 2, 1 << 20, 10, 0, false),
                new PrintWriter(LOG, true))) {
            HttpResponse<String> r = predictJson(s, "{\"inputs\": [[0.5, -1, 2]]}");
            assertEquals(200, r.statusCode(), r.body());
            JsonArray values = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("predictions").get(0)
                    .getAsJsonObject().getAsJsonArray("prediction");
            float[] expected = ModelFile.load(file).predict(new float[] {0.5f, -1, 2});
            assertEquals(expected[0], values.get(0).getAsFloat(), 1e-6);
            assertEquals(expected[1], values.get(1).getAsFloat(), 1e-6);
            HttpResponse<String> k = predictJson(s, "{\"inputs\": [[0.5, -1, 2]], \"top_k\": 2}");
            assertEquals(400, k.statusCode());
            assertEquals("top_k: this is a regression model (no classes)", error(k));
        }
    }

    @Test
    void aBadHostOrABusyPortStopsTheCommandWithOneLine() throws Exception {
        CliRun host = CliRun.of("serve", "--model", tableModelFile.toString(), "--host", "no-such-host.invalid");
        assertEquals(2, host.exitCode());
        assertTrue(host.err().startsWith("mlp4j: --host no-such-host.invalid: no such host or address\n"), host.err());
        int busy = table.uri().getPort();
        CliRun port = CliRun.of("serve", "--model", tableModelFile.toString(), "--port", Integer.toString(busy));
        assertEquals(1, port.exitCode());
        assertTrue(port.err().startsWith("mlp4j: error: cannot listen on 127.0.0.1:" + busy + ": "), port.err());
        assertEquals(1, port.err().lines().count(), port.err());
        CliRun missing = CliRun.of("serve", "--model", dir.resolve("none.safetensors").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("none.safetensors: no such file"), missing.err());
    }

    @Test
    void modelHealthAndChecksum() throws Exception {
        HttpResponse<String> m = send(images, "GET", "/v1/model");
        assertEquals(200, m.statusCode());
        JsonObject o = JsonParser.parseString(m.body()).getAsJsonObject();
        assertEquals("784-8-10", o.get("architecture").getAsString());
        assertEquals(784 * 8 + 8 + 8 * 10 + 10, o.get("parameters").getAsInt());
        assertEquals(10, o.getAsJsonArray("classes").size());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(imageModelFile)));
        assertEquals(sha, o.get("file_sha256").getAsString());
        HttpResponse<String> h = send(images, "GET", "/health");
        assertEquals(200, h.statusCode());
        assertEquals("{\"status\":\"ok\"}\n", h.body());
    }

    @Test
    void badJsonOfEveryKind() throws Exception {
        String[][] cases = {
            {"{\"inputs\": [[1, 2", "malformed JSON: the body ends early, at $.inputs[0][2]"},
            {"{\"inputs\": [[1, 2, 3, 4, 5]]}", "inputs[0] has more than 4 values; the model takes 4"},
            {"{\"inputs\": [[1, 2, 3]]}", "inputs[0] has 3 values; the model takes 4"},
            {"{\"inputs\": [[1, NaN, 3, 4]]}", null},
            {"{\"inputs\": [[1, 2, 3, 1e999]]}", null},
            {"{\"inputs\": [[1, 2, 3, 1e39]]}", "inputs[0][3] is 1.0E39, beyond float32's range"},
            {"{\"inputs\": [[1, \"2\", 3, 4]]}", "inputs[0][1] is a string, not a number"},
            {"{\"inputs\": []}", "\"inputs\" is empty: send at least one row of 4 numbers"},
            {"{}", "no \"inputs\": send {\"inputs\": [[4 numbers], …]}"},
            {"[1, 2]", null},
            {"{\"inputs\": [[1, 2, 3, 4]], \"top_k\": 0}", "top_k must be at least 1, got 0"},
            {"{\"inputs\": [[1, 2, 3, 4]]} {}", null},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = predictJson(table, c[0]);
            assertEquals(400, r.statusCode(), c[0]);
            String message = error(r);
            if (c[1] != null) assertEquals(c[1], message, c[0]);
            else assertTrue(message.startsWith("malformed JSON: "), message);
            assertFalse(message.contains("Troubleshooting"), message);
            stillServes(table);
        }
    }

    @Test
    void emptyBodyWrongTypeUnknownPathWrongMethod() throws Exception {
        HttpResponse<String> empty = post(table, "/v1/predict", "application/json", new byte[0]);
        assertEquals(400, empty.statusCode());
        assertEquals("the request body is empty", error(empty));
        HttpResponse<String> text = post(table, "/v1/predict", "text/plain", "1,2,3,4".getBytes());
        assertEquals(415, text.statusCode());
        assertEquals("Content-Type text/plain is not accepted: send application/json", error(text));
        HttpResponse<String> none = post(table, "/v1/predict", null, "{}".getBytes());
        assertEquals(415, none.statusCode());
        HttpResponse<String> nowhere = send(table, "GET", "/v2/predict");
        assertEquals(404, nowhere.statusCode());
        assertEquals("no endpoint /v2/predict: try POST /v1/predict, GET /v1/model, GET /health, GET /metrics", error(nowhere));
        HttpResponse<String> get = send(table, "GET", "/v1/predict");
        assertEquals(405, get.statusCode());
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        assertEquals("GET /v1/predict is not supported: use POST", error(get));
        HttpResponse<String> delete = send(table, "DELETE", "/health");
        assertEquals(405, delete.statusCode());
        assertEquals("GET", delete.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> query = post(images, "/v1/predict?top_k=zero", "application/json", "{\"inputs\": [[1]]}".getBytes());
        assertEquals("top_k=zero in the query: give a whole number of at least 1", error(query));
        stillServes(table);
    }

    /**
     * A raw HTTP/1.1 exchange with a client that keeps sending its body while it reads, as an uploading client does:
     * the response (head and Content-Length body), and whether the server then closed the connection.
     */
    static String raw(ModelServer s, String head, byte[] body) throws Exception {
        try (Socket socket = new Socket(s.uri().getHost(), s.uri().getPort())) {
            socket.setSoTimeout(10_000);
            Thread sender = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    for (int at = 0; at < body.length; at += 8192) out.write(body, at, Math.min(8192, body.length - at));
                    out.flush();
                } catch (java.io.IOException e) {
                    // the server stopped reading and closed the connection: expected once it has refused the body
                }
            });
            sender.start();
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            int length = 0;
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                response.append(line).append("\r\n");
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
            }
            response.append("\r\n").append(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            boolean closed;
            try {
                closed = in.read() == -1;
            } catch (java.net.SocketException e) {
                closed = true; // reset: closed with the rest of the body unread
            }
            sender.join();
            return response + (closed ? "[closed]" : "[open]");
        }
    }

    private static String line(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new java.io.EOFException("the server closed the connection before answering");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }

    @Test
    void aHundredMegabyteBodyIsRefusedUnread() throws Exception {
        // Declared 100 MB and being sent: refused from the declared length; the server reads at most what the JDK
        // drains (64 KB) and closes the connection.
        String response = raw(table, "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 104857600\r\n\r\n", new byte[100 << 20]);
        assertTrue(response.startsWith("HTTP/1.1 413 "), response);
        assertTrue(response.toLowerCase(Locale.ROOT).contains("connection: close"), response);
        assertTrue(response.endsWith("{\"error\":\"the request body is 104857600 bytes; this server reads at most 1048576"
                + " (mlp4j serve --max-body-mb)\"}\n[closed]"), response);
        // Chunked, so no length to refuse early: read up to the limit, then refused.
        byte[] chunk = ("100000\r\n" + "1".repeat(0x100000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunks = new byte[chunk.length * 3];
        for (int i = 0; i < 3; i++) System.arraycopy(chunk, 0, chunks, i * chunk.length, chunk.length);
        String chunked = raw(table, "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", chunks);
        assertTrue(chunked.startsWith("HTTP/1.1 413 "), chunked);
        assertTrue(chunked.contains("the request body is more than 1048576 bytes"), chunked);
        assertTrue(chunked.endsWith("[closed]"), chunked);
        stillServes(table);
    }

    @Test
    void aFailureInsideIsA500WithoutDetails(@TempDir Path tmp) throws Exception {
        ServedModel broken = new ServedModel(ModelFile.load(imageModelFile), "{}", body -> {
            throw new IllegalStateException("a bug deep inside");
        });
        StringWriter log = new StringWriter();
        try (ModelServer s = ModelServer.start(broken, new ServerSettings("127.0.0.1", 0, 2, 1 << 20, 10, 64, false),
                new PrintWriter(log, true))) {
            HttpResponse<String> r = post(s, "/v1/predict", "image/png", new byte[] {1, 2, 3});
            assertEquals(500, r.statusCode());
            assertEquals("internal server error (the server's log has the details)", error(r));
            assertFalse(r.body().contains("deep inside") || r.body().contains("at io.mlp4j"), r.body());
            assertTrue(log.toString().contains("java.lang.IllegalStateException: a bug deep inside"), log.toString());
            assertTrue(log.toString().contains("\tat io.mlp4j.cli."), log.toString()); // the stack trace, in the log only
            assertEquals(200, predictJson(s, rowsJson(randomRows(1, 784, 5), "")).statusCode());
        }
    }

    @Test
    void overflowingOutputsAreA422(@TempDir Path tmp) throws Exception {
        Path huge = TestFiles.tableModel(tmp.resolve("huge.safetensors"), 1e30f); // every weight 1e30: float32 overflows
        try (ModelServer s = ModelServer.start(ServeCommand.served(huge), new ServerSettings("127.0.0.1", 0, 2, 1 << 20, 10, 64, false),
                new PrintWriter(LOG, true))) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = predictJson(s, "{\"inputs\": [[1, 1, 1, 1], [0, 0, 0, 0]]}");
                assertEquals(422, r.statusCode());
                assertTrue(error(r).startsWith("the network's outputs are not finite numbers: its weights overflow float32"), r.body());
            }
            assertEquals(200, send(s, "GET", "/health").statusCode());
        }
    }

    @Test
    void manyClientsAtOnceGetTheirOwnAnswers() throws Exception {
        Model model = ModelFile.load(imageModelFile);
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < 16; c++) {
                int client = c;
                done.add(clients.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        float[][] x = randomRows(1 + (client + i) % 3, 784, client * 1000L + i);
                        HttpResponse<String> r = predictJson(images, rowsJson(x, ""));
                        assertEquals(200, r.statusCode(), r.body());
                        JsonArray p = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("predictions");
                        assertEquals(x.length, p.size());
                        for (int k = 0; k < x.length; k++) {
                            float[] expected = model.predict(x[k]);
                            JsonObject probabilities = p.get(k).getAsJsonObject().getAsJsonObject("probabilities");
                            for (int j = 0; j < 10; j++) assertEquals(expected[j], probabilities.get(Integer.toString(j)).getAsFloat(), 1e-6);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            clients.shutdown();
        }
        String metrics = send(images, "GET", "/metrics").body();
        assertTrue(metrics.contains("mlp4j_prediction_pass_rows_bucket"), metrics);
    }

    @Test
    void metricsCountRequestsByEndpointAndStatus(@TempDir Path tmp) throws Exception {
        try (ModelServer s = ModelServer.start(ServeCommand.served(tableModelFile), new ServerSettings("127.0.0.1", 0, 2, 1 << 20, 10, 64, false),
                new PrintWriter(LOG, true))) {
            for (int i = 0; i < 3; i++) predictJson(s, "{\"inputs\": [[1, 2, 3, 4]]}");
            predictJson(s, "{\"inputs\": [[1, 2]]}");
            send(s, "GET", "/nowhere");
            send(s, "GET", "/health");
            String m = send(s, "GET", "/metrics").body();
            assertTrue(m.contains("mlp4j_http_requests_total{endpoint=\"/v1/predict\",status=\"200\"} 3.0\n"), m);
            assertTrue(m.contains("mlp4j_http_requests_total{endpoint=\"/v1/predict\",status=\"400\"} 1.0\n"), m);
            assertTrue(m.contains("mlp4j_http_requests_total{endpoint=\"other\",status=\"404\"} 1.0\n"), m);
            assertTrue(m.contains("mlp4j_http_errors_total{class=\"client\",endpoint=\"/v1/predict\"} 1.0\n"), m);
            assertTrue(m.contains("mlp4j_http_request_duration_seconds_count{endpoint=\"/v1/predict\"} 4\n"), m);
            assertTrue(m.contains("mlp4j_predicted_rows_total 3.0\n"), m);
        }
    }
}
