package io.mlp4j.cli;

import io.mlp4j.internal.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads a known data set into a cache directory with the JDK's HTTP client. Each file is streamed into a
 * temporary file (through {@link AtomicFiles}, so Ctrl-C leaves none behind) while its SHA-256 is computed, reading
 * stops past the published size, and only a file with the published checksum is renamed into place: a broken,
 * foreign or endless download never enters the cache.
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
        if (mirror != null && !mirror.isBlank()) checkMirror(mirror);
        Path dir = cacheRoot.resolve(dataset.id());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw new IOException("the data set cache " + dir + " cannot be created: " + p + " is a file, not a folder");
                }
            }
            throw e;
        }
        String base = mirror != null && !mirror.isBlank() ? mirror : dataset.baseUrl();
        if (!base.endsWith("/")) base += "/";
        for (KnownDatasets.RemoteFile f : dataset.files()) {
            Path target = dir.resolve(f.name());
            if (Files.isRegularFile(target) && f.sha256().equals(sha256(target))) continue;
            download(URI.create(base + f.name()), target, f);
        }
        return dir;
    }

    private void download(URI uri, Path target, KnownDatasets.RemoteFile file) throws IOException {
        log.println("downloading " + uri);
        log.flush();
        HttpResponse<InputStream> response = send(uri);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + uri + "; nothing was cached");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > file.size()) {
                throw new IOException(uri + " is " + declared + " bytes, not the published " + file.size()
                        + " (a mirror with other files?); nothing was downloaded or cached");
            }
            AtomicFiles.write(target, AtomicFiles.IfExists.REPLACE, out -> copyChecked(body, out, uri, file));
        }
    }

    /**
     * Streams the body into the cache's temporary file while hashing it, and stops as soon as it passes the published
     * size: a server that sends endless data costs one buffer past the size, never the disk. Anything thrown here
     * leaves nothing in the cache.
     */
    private static void copyChecked(InputStream body, WritableByteChannel out, URI uri, KnownDatasets.RemoteFile file)
            throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = body.read(buf)) >= 0; ) {
            total += n;
            if (total > file.size()) {
                throw new IOException(uri + " sent more than the published " + file.size() + " bytes; stopped reading,"
                        + " nothing was cached");
            }
            md.update(buf, 0, n);
            ByteBuffer chunk = ByteBuffer.wrap(buf, 0, n);
            while (chunk.hasRemaining()) out.write(chunk);
        }
        String actual = HexFormat.of().formatHex(md.digest());
        if (!actual.equals(file.sha256())) {
            throw new IOException("checksum mismatch for " + uri + ": SHA-256 " + actual + ", expected " + file.sha256()
                    + " (a corrupted download, or a mirror with other files); nothing was cached");
        }
    }

    /** A mirror is an http:// or https:// URL with a host: anything else is refused before a download starts. */
    static void checkMirror(String url) {
        URI u;
        try {
            u = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            u = null;
        }
        boolean http = u != null && u.getScheme() != null
                && (u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"));
        if (!http || u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL of a folder, such as"
                    + " https://mirror.example.org/mnist/");
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
