package io.mlp4j.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `datasets download` through the real HTTP client against a server on 127.0.0.1 that serves the real MNIST-10k
 * files under the published MNIST names: their checksums differ from MNIST's, which is how a corrupted or foreign
 * download looks. The good path downloads the same files against their own SHA-256s (the embedded set's README).
 */
class DatasetsDownloadTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private volatile int status = 200;
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring(1);
            byte[] body = files.get(name);
            int code = body == null ? 404 : status;
            byte[] out = code == 200 ? body : ("error " + code).getBytes();
            exchange.sendResponseHeaders(code, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.createContext("/endless/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            byte[] chunk = new byte[1 << 16];
            try (OutputStream o = exchange.getResponseBody()) {
                while (served.get() < ENDLESS_LIMIT) {
                    o.write(chunk);
                    served.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the client stopped reading
            }
        });
        server.createContext("/announced/", exchange -> {
            try (OutputStream o = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, 100L << 20); // announces 100 MB
                o.write(new byte[1 << 16]);
                served.addAndGet(1 << 16);
            } catch (IOException e) {
                // the client stopped reading
            }
        });
        server.start();
    }

    /** The endless response stops here in any case, so that a client that never stops cannot hang the test. */
    private static final long ENDLESS_LIMIT = 256L << 20;
    private final java.util.concurrent.atomic.AtomicLong served = new java.util.concurrent.atomic.AtomicLong();
    private static final KnownDatasets.Source SMALL = new KnownDatasets.Source("small", "unused", java.util.List.of(
            new KnownDatasets.RemoteFile("f.gz", 1000, "0000000000000000000000000000000000000000000000000000000000000000")));

    @Test
    void aCacheThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(tmp.resolve("cache"), "x");
        CliRun r = CliRun.of("datasets", "download", "mnist", "--dir", file.toString(), "--mirror", url());
        assertEquals(1, r.exitCode());
        assertEquals("mlp4j: error: the data set cache " + file.resolve("mnist") + " cannot be created: " + file
                + " is a file, not a folder", r.err().lines().findFirst().orElse(""));
    }

    @Test
    void aDownloadStopsPastThePublishedSize() throws Exception {
        Downloader d = new Downloader(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> d.ensure(SMALL, tmp.resolve("cache"), url() + "endless/"));
        assertEquals(url() + "endless/f.gz sent more than the published 1000 bytes; stopped reading, nothing was cached",
                e.getMessage());
        assertTrue(served.get() < 64L << 20, "the server got to send " + served.get() + " bytes");
        try (var listing = Files.list(tmp.resolve("cache").resolve("small"))) {
            assertEquals(0, listing.count(), "no file, no temporary file");
        }
    }

    @Test
    void anAnnouncedLengthPastThePublishedSizeIsRefusedBeforeReading() throws Exception {
        Downloader d = new Downloader(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> d.ensure(SMALL, tmp.resolve("cache"), url() + "announced/"));
        assertEquals(url() + "announced/f.gz is 104857600 bytes, not the published 1000 (a mirror with other files?);"
                + " nothing was downloaded or cached", e.getMessage());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void serveEmbeddedFiles() throws IOException {
        for (KnownDatasets.RemoteFile f : KnownDatasets.MNIST.files) {
            try (InputStream in = DataOptions.class.getResourceAsStream("mnist-10k/" + f.name())) {
                files.put(f.name(), in.readAllBytes());
            }
        }
    }

    @Test
    void aFileWhoseChecksumDiffersIsNeverCached() throws IOException {
        serveEmbeddedFiles(); // MNIST-10k bytes under MNIST's names: not the published files
        Path cache = tmp.resolve("cache");
        CliRun r = CliRun.of("datasets", "download", "mnist", "--dir", cache.toString(), "--mirror", url());
        assertEquals(1, r.exitCode());
        String last = r.err().lines().filter(l -> l.startsWith("mlp4j:")).findFirst().orElseThrow();
        assertTrue(last.startsWith("mlp4j: error: checksum mismatch for " + url() + "train-images-idx3-ubyte.gz: SHA-256 "
                + "e5b55c7ea2c793e661beafa4c35013ef34353476b2297906645b38e4e44ce495, expected 440fcabf"), last);
        assertTrue(last.endsWith("nothing was cached"), last);
        try (var listing = Files.list(cache.resolve("mnist"))) {
            assertEquals(0, listing.count(), "no file, no temporary file");
        }
    }

    @Test
    void aServerErrorIsReported() throws IOException {
        serveEmbeddedFiles();
        status = 503;
        CliRun r = CliRun.of("datasets", "download", "fashion-mnist", "--dir", tmp.toString(), "--mirror", url());
        assertEquals(1, r.exitCode());
        assertTrue(r.err().contains("mlp4j: error: HTTP 503 from " + url() + "train-images-idx3-ubyte.gz; nothing was cached"),
                r.err());
    }

    @Test
    void aRefusedConnectionSaysOffline() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CliRun r = CliRun.of("datasets", "download", "mnist", "--dir", tmp.toString(), "--mirror", "http://127.0.0.1:" + port);
        assertEquals(1, r.exitCode());
        String line = r.err().lines().filter(l -> l.startsWith("mlp4j:")).findFirst().orElseThrow();
        assertEquals("mlp4j: error: cannot reach 127.0.0.1:" + port + " (offline, or the host is down): put the files in "
                + "the cache by hand, or point --mirror / MLP4J_MIRROR at a server that has them", line);
    }

    /** The embedded MNIST-10k files, published under MNIST's names with their own SHA-256s (their README). */
    private static final KnownDatasets.Source TEN_K = new KnownDatasets.Source("mnist-10k", "unused", java.util.List.of(
            new KnownDatasets.RemoteFile("train-images-idx3-ubyte.gz", 1_289_103, "e5b55c7ea2c793e661beafa4c35013ef34353476b2297906645b38e4e44ce495"),
            new KnownDatasets.RemoteFile("train-labels-idx1-ubyte.gz", 4_085, "409d7ed38fe4d604bed12fd7b631ab61f100b620e9eab6d93038a0e4f825f986"),
            new KnownDatasets.RemoteFile("t10k-images-idx3-ubyte.gz", 324_259, "6a4ac74bf20a395d1ad1213e80246eab9862b0faa9bc5404108dc1addbdff5d1"),
            new KnownDatasets.RemoteFile("t10k-labels-idx1-ubyte.gz", 1_057, "ab9263026b20357f6173e80025c20f1279f304be9835f19dbbf2fc3e659a33c5")));

    @Test
    void goodFilesAreCachedOnceAndLoadable() throws Exception {
        serveEmbeddedFiles();
        Downloader d = new Downloader(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        Path dir = d.ensure(TEN_K, tmp.resolve("cache"), url());
        assertEquals(4, requests.get());
        DataOptions.Loaded loaded = DataOptions.loadIdxDir(dir, "downloaded", null);
        assertEquals(8000, loaded.train().size());
        assertEquals(2000, loaded.test().size());
        d.ensure(TEN_K, tmp.resolve("cache"), url());
        assertEquals(4, requests.get(), "verified files in the cache are not downloaded again");

        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3}); // a damaged cache entry
        d.ensure(TEN_K, tmp.resolve("cache"), url());
        assertEquals(5, requests.get(), "only the damaged file is fetched again");
        assertEquals(TEN_K.files().get(3).sha256(), Downloader.sha256(dir.resolve("t10k-labels-idx1-ubyte.gz")));
    }

    @Test
    void aFailedDownloadLeavesTheCachedFileAlone() throws Exception {
        serveEmbeddedFiles();
        Path dir = tmp.resolve("cache").resolve("mnist");
        Files.createDirectories(dir);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), new byte[] {1, 2, 3});
        status = 500;
        Downloader d = new Downloader(new java.io.PrintWriter(java.io.Writer.nullWriter()));
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> d.ensure(KnownDatasets.MNIST.source(), tmp.resolve("cache"), url()));
        assertTrue(e.getMessage().startsWith("HTTP 500 from "), e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3},
                Files.readAllBytes(dir.resolve("t10k-labels-idx1-ubyte.gz")));
        assertFalse(Files.exists(dir.resolve("train-images-idx3-ubyte.gz")));
    }
}
