package io.mlp4j.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model behind HTTP, on the JDK's own server ({@code com.sun.net.httpserver}): one selector thread accepts and reads
 * request lines, a fixed pool of {@code threads} handles requests (see docs/architecture.md for why this server).
 * Every request is answered by {@link #handle}: the API's four endpoints, a JSON 404 or 405 for the rest, and a 500
 * without details for any failure inside (the details go to the server's log).
 */
public final class ModelServer implements AutoCloseable {
    private static final byte[] HEALTHY = "{\"status\":\"ok\"}\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServer http;
    private final ExecutorService pool;
    private final ServedModel served;
    private final ServerSettings settings;
    private final PrintWriter log;
    private final Metrics metrics = new Metrics();
    private final Map<String, Endpoint> endpoints;
    private final AtomicInteger inFlight = new AtomicInteger();

    private ModelServer(ServedModel served, ServerSettings settings, PrintWriter log) throws IOException {
        this.served = served;
        this.settings = settings;
        this.log = log;
        PredictEndpoint predict = new PredictEndpoint(served, settings, metrics);
        byte[] description = (served.description() + "\n").getBytes(StandardCharsets.UTF_8);
        endpoints = Map.of(
                "/v1/predict", new Endpoint("POST", predict::handle),
                "/v1/model", new Endpoint("GET", ex -> send(ex, Exchanges.JSON, description)),
                "/health", new Endpoint("GET", ex -> send(ex, Exchanges.JSON, HEALTHY)),
                "/metrics", new Endpoint("GET", ex -> send(ex, Metrics.contentType(), metrics.text())));
        JdkServerLimits.apply(settings);
        http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 128);
        AtomicInteger n = new AtomicInteger();
        // Unbounded queue: the JDK's selector thread must never be refused, and each connection has at most one
        // request in the queue, so the connection limit bounds it.
        pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "mlp4j-serve-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        http.setExecutor(pool);
        http.createContext("/", this::handle); // every path: unknown ones get our JSON 404, not the JDK's HTML one
    }

    /** Starts serving; {@code log} gets failures (with their stack traces) and, if enabled, the access log. */
    public static ModelServer start(ServedModel served, ServerSettings settings, PrintWriter log) throws IOException {
        ModelServer s = new ModelServer(served, settings, log);
        s.http.start();
        return s;
    }

    /** The address the server listens on (the real port when 0 was asked for). */
    public URI uri() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /**
     * Stops accepting connections, lets the requests in flight finish (up to {@code graceSeconds}), then closes every
     * connection and the handler threads.
     */
    public void stop(int graceSeconds) {
        // JDK 17's HttpServer.stop waits out its whole delay when no request is in flight (later JDKs return when the
        // last exchange ends), so it runs on a thread of its own (it closes the listening socket first) while this one
        // waits for the handlers in flight by its own count, then goes on without it.
        Thread closer = new Thread(() -> http.stop(graceSeconds), "mlp4j-serve-stop");
        closer.setDaemon(true);
        closer.start();
        long start = System.nanoTime(), deadline = start + graceSeconds * 1_000_000_000L;
        try {
            closer.join(100); // time to close the listener, before which a new request could still begin
            while (closer.isAlive() && inFlight.get() > 0 && System.nanoTime() < deadline) closer.join(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdown();
    }

    /** Stops at once, closing every connection (requests in flight are cut off). */
    @Override
    public void close() {
        http.stop(0);
        pool.shutdown();
    }

    private record Endpoint(String method, Handler handler) {
    }

    @FunctionalInterface
    private interface Handler {
        int handle(HttpExchange ex) throws IOException, HttpProblem;
    }


    private static int send(HttpExchange ex, String type, byte[] body) throws IOException {
        Exchanges.send(ex, 200, type, body);
        return 200;
    }

    private void handle(HttpExchange ex) {
        inFlight.incrementAndGet();
        try {
            answer(ex);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answer(HttpExchange ex) {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        Endpoint endpoint = endpoints.get(path);
        String label = endpoint != null ? path : "other";
        int status;
        try {
            if (endpoint == null) {
                throw new HttpProblem(404, "no endpoint " + path + ": try POST /v1/predict, GET /v1/model, GET /health, GET /metrics");
            }
            if (!endpoint.method().equals(ex.getRequestMethod())) {
                throw HttpProblem.methodNotAllowed(ex.getRequestMethod(), path, endpoint.method());
            }
            status = endpoint.handler().handle(ex);
        } catch (HttpProblem p) {
            status = p.status();
            reply(ex, status, p.getMessage(), p);
        } catch (IOException e) { // the client went away, or was too slow and its connection was closed
            status = 499;
        } catch (RuntimeException | Error e) {
            status = 500;
            log.println("mlp4j serve: internal error on " + ex.getRequestMethod() + " " + path + ": " + e);
            e.printStackTrace(log);
            log.flush();
            reply(ex, status, "internal server error (the server's log has the details)", null);
        } finally {
            ex.close();
        }
        long nanos = System.nanoTime() - start;
        metrics.request(label, status, nanos);
        if (settings.accessLog()) {
            log.printf("%s %s %s %d %.3f ms%n", ex.getRemoteAddress().getAddress().getHostAddress(), ex.getRequestMethod(),
                    ex.getRequestURI(), status, nanos / 1e6);
            log.flush();
        }
    }

    /** An error answer, unless the response has begun (then the connection is just closed). */
    private static void reply(HttpExchange ex, int status, String message, HttpProblem problem) {
        if (ex.getResponseCode() != -1) return;
        try {
            Exchanges.sendError(ex, status, message, problem);
        } catch (IOException e) {
            // the client is gone: nothing to tell it
        }
    }

    ServedModel served() {
        return served;
    }
}
