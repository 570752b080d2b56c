package io.mlp4j.cli;

import io.mlp4j.cli.serve.ModelServer;
import io.mlp4j.cli.serve.ServedModel;
import io.mlp4j.cli.serve.ServerSettings;
import io.mlp4j.data.InputFiles;
import io.mlp4j.data.InvalidDataException;
import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.model.ModelInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code mlp4j serve}: a model behind HTTP until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve a model over HTTP: POST /v1/predict (JSON rows, or a PNG or JPEG",
                "for image models), GET /v1/model, GET /health, GET /metrics (Prometheus).",
                "SIGTERM or Ctrl-C stops it after the requests in flight."})
final class ServeCommand implements Callable<Integer> {
    /** How long a stop waits for the requests in flight (they take milliseconds; a slow upload gets this long). */
    static final int GRACE_SECONDS = 30;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    ModelOption modelOption;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "The port (default ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address to listen on (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0: every interface).")
    String host;

    @Option(names = "--threads", paramLabel = "N", description = "Threads that handle requests (default: one per processor, at least 2).")
    Integer threads;

    @Option(names = "--max-body-mb", defaultValue = "4", paramLabel = "MB",
            description = "The largest request body read, in MiB (default ${DEFAULT-VALUE}); a larger one gets 413.")
    int maxBodyMb;

    @Option(names = "--read-timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "A client must send its whole request within this time, or it is disconnected (default ${DEFAULT-VALUE}).")
    int readTimeout;

    /**
     * Off by default: on 2 cores the passes it formed averaged 1.1 rows and it won nothing measurable (docs/benchmarks.md,
     * "Serving"); with many cores, where many predictions run at once, it can merge more.
     */
    @Option(names = "--batch-rows", defaultValue = "0", paramLabel = "N",
            description = "Predict requests that arrive while a prediction runs together, in passes of up to N rows (default"
                    + " ${DEFAULT-VALUE}: each request alone).")
    int batchRows;

    @Option(names = "--access-log", description = "Print one line per request on stderr.")
    boolean accessLog;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) throw usage("--port must be 0..65535, got " + port);
        if (threads != null && threads < 1) throw usage("--threads must be at least 1, got " + threads);
        if (maxBodyMb < 1 || maxBodyMb > 1024) throw usage("--max-body-mb must be 1..1024, got " + maxBodyMb);
        if (readTimeout < 1) throw usage("--read-timeout must be at least 1 second, got " + readTimeout);
        if (batchRows < 0) throw usage("--batch-rows must be 0 or more, got " + batchRows);
        if (new java.net.InetSocketAddress(host, 0).isUnresolved()) throw usage("--host " + host + ": no such host or address");
        ServedModel served = served(modelOption.file);
        // One per processor: each request is CPU work (parsing, predicting); more threads only switch contexts
        // (2 cores, W2, 8 clients: 11,000-12,000 requests/s with 2 threads against 7,700-9,400 with 8; docs/benchmarks.md)
        int n = threads != null ? threads : Math.max(2, Runtime.getRuntime().availableProcessors());
        ServerSettings settings = new ServerSettings(host, port, n, (long) maxBodyMb << 20, readTimeout, batchRows, accessLog);
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        ModelServer server;
        try {
            server = ModelServer.start(served, settings, err);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        // Taken over once the server is up (a signal before that ends the JVM as usual): the stop below, then exit 0.
        CountDownLatch stop = new CountDownLatch(1), stopped = new CountDownLatch(1);
        String[] signal = new String[1];
        Signals.onTermination(name -> {
            signal[0] = name;
            stop.countDown();
        }, stopped);
        out.println("mlp4j serve: " + modelOption.file.getFileName() + " at " + server.uri() + " (POST /v1/predict, GET"
                + " /v1/model, /health, /metrics; " + n + " threads; Ctrl-C stops)");
        out.flush();
        stop.await();
        err.println("mlp4j serve: " + signal[0] + ": no new connections; finishing the requests in flight");
        err.flush();
        server.stop(GRACE_SECONDS);
        err.println("mlp4j serve: stopped");
        err.flush();
        stopped.countDown();
        return Main.OK;
    }

    /** The model, read once: hashed (the SHA-256 of the file, for GET /v1/model) and loaded from the same bytes. */
    static ServedModel served(java.nio.file.Path file) throws IOException {
        InputFiles.requireReadable(file);
        byte[] bytes = Files.readAllBytes(file);
        String name = file.getFileName().toString();
        ModelFile.Loaded loaded = ModelFile.loadWithMetadata(bytes, name);
        Model model = loaded.model();
        Map<String, Object> description = InfoCommand.json(name, model, loaded.metadata());
        description.put("file_sha256", sha256(bytes));
        ModelInput input = model.input() != null ? model.input() : PredictCommand.guess(model.network().inputSize());
        ServedModel.ImageDecoder images = input instanceof ModelInput.Image image ? body -> {
            if (!ImageInput.isImage(body)) throw new InvalidDataException("the request body is not a PNG or JPEG image");
            float[] row = ImageInput.toInput(body, "the image", image);
            return PredictCommand.isBlank(row) ? null : row;
        } : null;
        return new ServedModel(model, Json.GSON.toJson(description), images);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
