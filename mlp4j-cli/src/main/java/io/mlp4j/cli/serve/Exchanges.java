package io.mlp4j.cli.serve;

import com.google.gson.stream.JsonWriter;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Reading request bodies within a size limit, and writing responses and one-line JSON errors. */
final class Exchanges {
    static final String JSON = "application/json";

    private Exchanges() {
    }

    /** The request's media type, lower case, without parameters ("application/json; charset=utf-8" → "application/json"). */
    static String mediaType(HttpExchange ex) {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null) return null;
        int semicolon = type.indexOf(';');
        return (semicolon >= 0 ? type.substring(0, semicolon) : type).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The whole body, at most {@code max} bytes. A declared length over the limit is refused before a byte of the body
     * is read; a chunked body is read up to the limit, then refused. An empty body is a 400.
     */
    static byte[] body(HttpExchange ex, long max) throws IOException, HttpProblem {
        String declared = ex.getRequestHeaders().getFirst("Content-Length"); // the JDK has checked it is a number ≥ 0
        InputStream in = ex.getRequestBody();
        byte[] body;
        if (declared != null) {
            long length = Long.parseLong(declared.trim());
            if (length > max) throw tooLarge(length + " bytes", max);
            body = in.readNBytes((int) length);
            if (body.length < length) throw new IOException("the client sent " + body.length + " of " + length + " bytes");
        } else {
            body = in.readNBytes((int) Math.min(max + 1, Integer.MAX_VALUE - 8));
            if (body.length > max) throw tooLarge("more than " + max + " bytes", max);
        }
        if (body.length == 0) throw new HttpProblem(400, "the request body is empty");
        return body;
    }

    private static HttpProblem tooLarge(String size, long max) {
        return HttpProblem.tooLarge("the request body is " + size + "; this server reads at most " + max
                + " (mlp4j serve --max-body-mb)");
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code {"error": "..."}} and a newline, with the problem's headers (Allow, Connection: close). */
    static void sendError(HttpExchange ex, int status, String message, HttpProblem problem) throws IOException {
        if (problem != null && problem.allow() != null) ex.getResponseHeaders().set("Allow", problem.allow());
        if (problem != null && problem.closeConnection()) ex.getResponseHeaders().set("Connection", "close");
        send(ex, status, JSON, (errorJson(message) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static String errorJson(String message) {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.setHtmlSafe(false);
            w.beginObject().name("error").value(message.replace('\n', ' ')).endObject();
        } catch (IOException e) {
            throw new AssertionError(e); // a StringWriter does not fail
        }
        return s.toString();
    }
}
