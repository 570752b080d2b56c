package io.mlp4j.bench;

import io.mlp4j.data.IdxReader;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A load generator for {@code mlp4j serve} (docs/benchmarks.md): {@code clients} threads, each on its own keep-alive
 * connection, send {@code POST /v1/predict} with {@code rows} image rows as JSON, one request at a time, as fast as
 * the answers come; after a warm-up it counts answers for a fixed time and prints requests/s, rows/s and the latency
 * percentiles. ROWS 0 sends {@code GET /health} instead: the HTTP server's own cost, without the model. Raw sockets and prebuilt requests keep the client's own share of the CPU small (it runs on the same
 * machine as the server). An answer that is not a 200 with predictions, or a broken connection, is an error.
 *
 * <pre>
 * java -cp mlp4j-bench/target/mlp4j-benchmarks.jar io.mlp4j.bench.ServeLoad URL IMAGES.idx[.gz] ROWS CLIENTS WARMUP_S SECONDS
 * </pre>
 */
public final class ServeLoad {
    private ServeLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: ServeLoad URL IMAGES ROWS CLIENTS WARMUP_SECONDS SECONDS");
            System.exit(2);
        }
        URI url = URI.create(args[0]);
        IdxReader.Images images = IdxReader.readImages(Path.of(args[1]));
        int rows = Integer.parseInt(args[2]), clients = Integer.parseInt(args[3]);
        double warmup = Double.parseDouble(args[4]), seconds = Double.parseDouble(args[5]);
        byte[][] requests = requests(url, images, rows, 64);

        Client[] team = new Client[clients];
        for (int c = 0; c < clients; c++) team[c] = new Client(url, requests, c);
        for (Client c : team) c.start();
        Thread.sleep((long) (warmup * 1000));
        for (Client c : team) c.recording = true;
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        for (Client c : team) c.recording = false;
        long elapsed = System.nanoTime() - t0;
        Client.stop.set(true);
        for (Client c : team) c.join();

        long[] all = new long[0];
        long errors = 0, sent = 0;
        for (Client c : team) {
            sent += c.answered;
            long[] l = Arrays.copyOf(c.latencies, c.count);
            long[] merged = Arrays.copyOf(all, all.length + l.length);
            System.arraycopy(l, 0, merged, all.length, l.length);
            all = merged;
            errors += c.errors;
        }
        Arrays.sort(all);
        double s = elapsed / 1e9;
        System.out.printf(Locale.ROOT, "{\"rows\": %d, \"clients\": %d, \"seconds\": %.2f, \"requests\": %d, \"errors\": %d,"
                        + " \"requests_per_second\": %.0f, \"rows_per_second\": %.0f, \"p50_ms\": %.3f, \"p99_ms\": %.3f,"
                        + " \"max_ms\": %.3f, \"body_bytes\": %d, \"requests_with_warmup\": %d}%n",
                rows, clients, s, all.length, errors, all.length / s, all.length * (double) rows / s, pct(all, 0.50),
                pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, requests[0].length, sent);
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /**
     * {@code count} different requests of {@code rows} consecutive test images each, pixels written as a client would:
     * value/255 as Float.toString prints it ("0.0", "0.003921569", …).
     */
    static byte[][] requests(URI url, IdxReader.Images images, int rows, int count) {
        byte[][] out = new byte[count][];
        if (rows == 0) {
            byte[] health = ("GET /health HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            java.util.Arrays.fill(out, health);
            return out;
        }
        for (int r = 0; r < count; r++) {
            StringBuilder b = new StringBuilder("{\"inputs\":[");
            for (int i = 0; i < rows; i++) {
                float[] x = images.scaled((r * rows + i) % images.count());
                b.append(i > 0 ? ",[" : "[");
                for (int j = 0; j < x.length; j++) b.append(j > 0 ? "," : "").append(x[j]);
                b.append(']');
            }
            byte[] body = b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            String head = "POST /v1/predict HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            byte[] h = head.getBytes(StandardCharsets.US_ASCII);
            out[r] = Arrays.copyOf(h, h.length + body.length);
            System.arraycopy(body, 0, out[r], h.length, body.length);
        }
        return out;
    }

    private static final class Client extends Thread {
        static final AtomicBoolean stop = new AtomicBoolean();
        final URI url;
        final byte[][] requests;
        volatile boolean recording;
        long[] latencies = new long[1 << 16];
        int count;
        long answered;
        long errors;
        private int next;

        Client(URI url, byte[][] requests, int id) {
            super("load-" + id);
            this.url = url;
            this.requests = requests;
            this.next = id;
        }

        @Override
        public void run() {
            while (!stop.get()) {
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(url.getHost(), url.getPort()));
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
                    while (!stop.get()) {
                        byte[] request = requests[next++ % requests.length];
                        boolean rec = recording;
                        long t = System.nanoTime();
                        out.write(request);
                        boolean ok = readResponse(in);
                        long dt = System.nanoTime() - t;
                        answered++;
                        if (rec) {
                            if (!ok) errors++;
                            record(dt);
                        }
                    }
                } catch (IOException e) {
                    if (recording) errors++;
                }
            }
        }

        private void record(long nanos) {
            if (count == latencies.length) latencies = Arrays.copyOf(latencies, count * 2);
            latencies[count++] = nanos;
        }

        /** Reads one response; true when it is a 200 whose body starts with {"predictions" (or {"status"). */
        private static boolean readResponse(InputStream in) throws IOException {
            String status = line(in);
            int length = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                if (h.regionMatches(true, 0, "content-length:", 0, 15)) length = Integer.parseInt(h.substring(15).trim());
            }
            if (length < 0) throw new IOException("no Content-Length");
            byte[] body = in.readNBytes(length);
            if (body.length < length) throw new EOFException();
            return status.startsWith("HTTP/1.1 200") && body.length > 10 && (body[2] == 'p' || body[2] == 's');
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) throw new EOFException();
                if (c != '\r') b.append((char) c);
            }
            return b.toString();
        }
    }
}
