package io.mlp4j.cli.serve;

/**
 * A request the server refuses, with the HTTP status and a one-line message for the client (sent as
 * {@code {"error": "..."}}). Never carries a stack trace to the client: it is thrown for bad requests only.
 */
final class HttpProblem extends Exception {
    private final int status;
    private final String allow;
    private final boolean closeConnection;

    HttpProblem(int status, String message) {
        this(status, message, null, false);
    }

    private HttpProblem(int status, String message, String allow, boolean closeConnection) {
        super(message, null, false, false); // no stack trace: a refusal is not a failure
        this.status = status;
        this.allow = allow;
        this.closeConnection = closeConnection;
    }

    /** 405, with the method the path does take (the Allow header). */
    static HttpProblem methodNotAllowed(String method, String path, String allowed) {
        return new HttpProblem(405, method + " " + path + " is not supported: use " + allowed, allowed, false);
    }

    /** 413: the body is not read, so the connection cannot carry another request and is closed. */
    static HttpProblem tooLarge(String message) {
        return new HttpProblem(413, message, null, true);
    }

    int status() {
        return status;
    }

    /** The Allow header of a 405, else null. */
    String allow() {
        return allow;
    }

    boolean closeConnection() {
        return closeConnection;
    }
}
