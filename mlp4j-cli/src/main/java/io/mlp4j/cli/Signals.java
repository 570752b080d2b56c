package io.mlp4j.cli;

import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT handled by the program instead of the JVM's shutdown, so that {@code serve} can stop gracefully
 * and still exit with status 0 (a JVM stopped by a signal exits 143 or 130, and System.exit is not allowed inside a
 * shutdown hook). Uses {@code sun.misc.Signal} (module jdk.unsupported, in every JDK since 9); where it is missing or
 * refused (java -Xrs), a shutdown hook calls back instead, and the exit status is then the JVM's.
 */
final class Signals {
    private Signals() {
    }

    /**
     * Calls {@code handler} with "SIGTERM" or "SIGINT" (once per signal received). In the fallback the JVM is already
     * shutting down: the hook then waits for {@code stopped} so that the stop can finish.
     */
    static void onTermination(Consumer<String> handler, java.util.concurrent.CountDownLatch stopped) {
        try {
            for (String name : new String[] {"TERM", "INT"}) {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> handler.accept("SIG" + s.getName()));
            }
        } catch (LinkageError | IllegalArgumentException e) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                handler.accept("shutdown");
                try {
                    stopped.await();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "mlp4j-stop"));
        }
    }
}
