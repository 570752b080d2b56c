package io.mlp4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mlp4j serve} as a real process (this JVM's class path, {@code io.mlp4j.cli.Main}): the JDK server's time
 * limits are read once per JVM, so the slow client is tested where the command sets them, and SIGTERM is a real
 * signal. No timing is asserted beyond generous upper bounds that a hang would exceed.
 */
class ServeProcessTest {

    @Test
    void aSlowClientIsCutOffAndSigtermFinishesTheRequestInFlightThenExitsZero(@TempDir Path dir) throws Exception {
        Path model = TestFiles.tableModel(dir.resolve("table.safetensors"), 0.1f);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(javaBin, "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), "io.mlp4j.cli.Main", "serve",
                "--model", model.toString(), "--port", "0", "--read-timeout", "2").redirectError(dir.resolve("err.txt").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String startup = out.readLine();
            assertTrue(startup != null && startup.startsWith("mlp4j serve: table.safetensors at http://127.0.0.1:"), startup);
            URI url = URI.create(startup.substring(startup.indexOf("http://"), startup.indexOf(" (POST")));
            String body = "{\"inputs\": [[1, 2, 3, 4]]}";
            String head = "POST /v1/predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n";

            // A client that sends half its body and stops: its connection is closed after the read timeout (2 s,
            // checked once a second by the JDK), without an answer.
            try (Socket slow = new Socket(url.getHost(), url.getPort())) {
                slow.setSoTimeout(20_000);
                slow.getOutputStream().write((head + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
                long start = System.nanoTime();
                assertEquals(-1, slow.getInputStream().read(), "the server answered a request it never received whole");
                assertTrue(System.nanoTime() - start < 15e9, "not cut off by the read timeout");
            }

            // A request in flight when SIGTERM arrives: its body is finished after the signal, and it is answered.
            try (Socket inFlight = new Socket(url.getHost(), url.getPort())) {
                inFlight.setSoTimeout(20_000);
                OutputStream o = inFlight.getOutputStream();
                o.write((head + body.substring(0, 10)).getBytes(StandardCharsets.US_ASCII));
                o.flush();
                Thread.sleep(300); // the handler is now reading the body
                server.destroy(); // SIGTERM
                Thread.sleep(300);
                o.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));
                o.flush();
                String response = new String(readResponse(inFlight.getInputStream()), StandardCharsets.UTF_8);
                assertTrue(response.startsWith("HTTP/1.1 200 "), response);
                assertTrue(response.contains("{\"predictions\":[{\"class\":"), response);
            }
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "still running after SIGTERM");
            assertEquals(0, server.exitValue());
            String err = java.nio.file.Files.readString(dir.resolve("err.txt"));
            assertTrue(err.contains("mlp4j serve: SIGTERM: no new connections; finishing the requests in flight\n"), err);
            assertTrue(err.endsWith("mlp4j serve: stopped\n"), err);
        } finally {
            server.destroyForcibly();
        }
    }

    /** Head and Content-Length body of one response. */
    private static byte[] readResponse(InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new java.io.EOFException("closed before the answer: " + head);
            head.append((char) c);
        }
        String h = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = h.indexOf("content-length:");
        int length = Integer.parseInt(h.substring(at + 15, h.indexOf("\r\n", at)).trim());
        return (head + new String(in.readNBytes(length), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }
}
