package io.mlp4j.examples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Starts a program in a JVM of its own, as a user would: the examples' classes and their runtime class path as Maven
 * resolves it for a project that depends on mlp4j-core (target/runtime-classpath.txt), and nothing of the tests'.
 */
final class Jvm {
    /** The flag the README asks for. */
    static final String VECTOR = "--add-modules=jdk.incubator.vector";
    /** What mlp4j logs when it falls back to its scalar kernel (io.mlp4j.kernel.Kernels). */
    static final String SCALAR_WARNING = "Java Vector API not enabled: mlp4j uses its scalar kernel";

    record Run(String out, String err) {
    }

    private Jvm() {
    }

    /** The examples' classes, then mlp4j-core and its dependencies. */
    static String examplesPath() throws IOException {
        return property("examples.classes") + java.io.File.pathSeparator + runtimePath();
    }

    /** mlp4j-core and its dependencies, as a user's project gets them. */
    static String runtimePath() throws IOException {
        return Files.readString(Path.of(property("examples.classpath")), StandardCharsets.UTF_8).trim();
    }

    static String property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null && !value.isBlank(), "system property " + name + " is not set (see the pom)");
        return value;
    }

    /** Runs {@code java jvmArgs…} in {@code dir}; fails unless it exits with 0 within two minutes. */
    static Run run(Path dir, List<String> jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        Path out = Files.createTempFile(dir, "stdout", ".txt"), err = Files.createTempFile(dir, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("still running after two minutes: " + command);
        }
        Run run = new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + "\nstdout:\n" + run.out() + "\nstderr:\n" + run.err());
        return run;
    }

    /** Runs an example's main on the class path, with {@code flags} before the class name. */
    static Run example(Path dir, String example, String... flags) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(flags));
        args.addAll(List.of("-cp", examplesPath(), "io.mlp4j.examples." + example));
        return run(dir, args);
    }

    /** How many times {@code part} occurs in {@code text}. */
    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) n++;
        return n;
    }
}
