package io.mlp4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads a known data set into a cache directory with the JDK's HTTP client. Each file is streamed into a
 * temporary file while its SHA-256 is computed, and only a file with the published checksum is renamed into place:
 * a broken or foreign download never enters the cache.
 */
final class Downloader {
    /** Overrides the publisher's base URL, as a company mirror would. */
    static final String MIRROR_VARIABLE = "MLP4J_MIRROR";

    private final HttpClient http;
    private final PrintWriter log;

    Downloader(PrintWriter log) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.log = log;
    }

    /** The default cache: $MLP4J_HOME/datasets, or ~/.mlp4j/datasets. */
    static Path defaultCache() {
        String home = System.getenv("MLP4J_HOME");
        return (home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".mlp4j"))
                .resolve("datasets");
    }

    /** The data set's directory in the cache, downloading whatever is missing or fails its checksum. */
    Path ensure(KnownDatasets.Source dataset, Path cacheRoot, String mirror) throws IOException {
        Path dir = cacheRoot.resolve(dataset.id());
        Files.createDirectories(dir);
        String base = mirror != null && !mirror.isBlank() ? mirror : dataset.baseUrl();
        if (!base.endsWith("/")) base += "/";
        for (KnownDatasets.RemoteFile f : dataset.files()) {
            Path target = dir.resolve(f.name());
            if (Files.isRegularFile(target) && f.sha256().equals(sha256(target))) continue;
            download(URI.create(base + f.name()), target, f.sha256());
        }
        return dir;
    }

    private void download(URI uri, Path target, String expectedSha256) throws IOException {
        log.println("downloading " + uri);
        log.flush();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
        try {
            HttpResponse<InputStream> response = send(uri);
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException("HTTP " + response.statusCode() + " from " + uri + "; nothing was cached");
            }
            String actual;
            try (InputStream in = response.body(); OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), digest())) {
                in.transferTo(out);
                out.flush();
                actual = HexFormat.of().formatHex(((DigestOutputStream) out).getMessageDigest().digest());
            }
            if (!actual.equals(expectedSha256)) {
                throw new IOException("checksum mismatch for " + uri + ": SHA-256 " + actual + ", expected " + expectedSha256
                        + " (a corrupted download, or a mirror with other files); nothing was cached");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private HttpResponse<InputStream> send(URI uri) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
            throw new IOException("cannot reach " + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "")
                    + " (offline, or the host is down): put the files in the cache by hand, or point --mirror / "
                    + MIRROR_VARIABLE + " at a server that has them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download interrupted: " + uri);
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
