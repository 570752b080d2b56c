package io.mlp4j.cli.serve;

/**
 * How the server listens and what it tolerates.
 *
 * @param host               the address to bind (127.0.0.1: this machine only)
 * @param port               the port (0: any free one)
 * @param threads            threads that handle requests, each one request at a time
 * @param maxBodyBytes       the largest request body read; a larger one is refused (413) before it is read
 * @param readTimeoutSeconds a client must send its whole request (headers and body) within this time, or its
 *                           connection is closed
 * @param batchRows          requests that arrive while a prediction runs are predicted together, up to this many rows
 *                           in one pass; 0 predicts each request on its own
 * @param accessLog          print one line per request on stderr
 */
public record ServerSettings(String host, int port, int threads, long maxBodyBytes, int readTimeoutSeconds, int batchRows,
                             boolean accessLog) {
}
