package io.mlp4j.cli.serve;

/**
 * The JDK server's time and connection limits. They are system properties that {@code sun.net.httpserver.ServerConfig}
 * reads once, when the first server of the JVM is created, so they are set here before that and only where the user
 * has not set them (a {@code -D} on the command line wins). Defaults of the JDK they replace: no limit on the time a
 * client takes to send its request, so a slow client holds a handler thread forever; Nagle's algorithm on, which
 * delays small responses up to 40 ms behind the client's delayed acknowledgement.
 */
final class JdkServerLimits {
    private JdkServerLimits() {
    }

    static void apply(ServerSettings s) {
        // Headers and body of one request must arrive within this (seconds): a trickling client is disconnected.
        setDefault("sun.net.httpserver.maxReqTime", Integer.toString(s.readTimeoutSeconds()));
        // Time to write a response once the request is read (seconds): bounds a client that stops reading. It
        // includes the prediction, which takes milliseconds even for a body at the size limit.
        setDefault("sun.net.httpserver.maxRspTime", "60");
        // An idle keep-alive connection is closed after this (seconds; the JDK's default, made explicit).
        setDefault("sun.net.httpserver.idleInterval", "30");
        // Connections open at once (JDK 18+; JDK 17 has no limit): each holds a socket and at most one queued request.
        setDefault("jdk.httpserver.maxConnections", "1000");
        // Responses leave at once, without waiting for the client's acknowledgement of the previous segment.
        setDefault("sun.net.httpserver.nodelay", "true");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
