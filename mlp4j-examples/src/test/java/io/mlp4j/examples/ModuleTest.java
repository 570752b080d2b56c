package io.mlp4j.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mlp4j-core as the named module {@code io.mlp4j}: it exports the packages docs/architecture.md lists as the API,
 * a named module can use them, and it cannot reach the internal kernel package, neither when compiled nor by
 * reflection at run time.
 */
class ModuleTest {

    @Test
    void theModuleExportsTheDocumentedPackages() throws IOException {
        ModuleDescriptor core = coreModule();
        Set<String> exported = core.exports().stream()
                .peek(e -> assertFalse(e.isQualified(), "a qualified export: " + e))
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(documented("Exported"), exported, "the exports of io.mlp4j against docs/architecture.md");
        Set<String> internal = new TreeSet<>(core.packages());
        internal.removeAll(exported);
        assertEquals(documented("Internal"), internal, "the packages io.mlp4j keeps to itself");
        assertTrue(core.opens().isEmpty() && !core.isOpen(), "nothing is open to reflection");
    }

    @Test
    void theVectorApiIsAnOptionalDependency() throws IOException {
        ModuleDescriptor.Requires vector = coreModule().requires().stream()
                .filter(r -> r.name().equals("jdk.incubator.vector")).findFirst().orElseThrow();
        assertEquals(Set.of(ModuleDescriptor.Requires.Modifier.STATIC), vector.modifiers());
    }

    @Test
    void theExamplesRunAsANamedModuleOnTheModulePath(@TempDir Path dir) throws Exception {
        Jvm.Run run = Jvm.run(dir, List.of(Jvm.VECTOR, "--module-path", Jvm.examplesPath(),
                "--module", "io.mlp4j.examples/io.mlp4j.examples.Xor"));
        float[] out = ReadmeExamplesTest.xorOutputs(run.out());
        assertEquals(0, out[0], 0.1);
        assertEquals(1, out[1], 0.1);
        // requires static: with the flag, io.mlp4j reads the incubator module and its Vector API kernel loads.
        assertFalse(run.err().contains("scalar kernel"), run.err());
    }

    @Test
    void aNamedModuleCompilesAgainstTheApiButNotAgainstTheKernel(@TempDir Path dir) throws Exception {
        String api = "import io.mlp4j.nn.Network; public class Probe { Network net; }";
        assertEquals(List.of(), compileProbe(dir.resolve("api"), api), "the exported API compiles");
        String kernel = "import io.mlp4j.kernel.Kernels; public class Probe { Object k = Kernels.best(); }";
        List<String> errors = compileProbe(dir.resolve("kernel"), kernel);
        assertTrue(errors.stream().anyMatch(e -> e.contains("package io.mlp4j.kernel is not visible")), errors::toString);
    }

    @Test
    void aNamedModuleCannotReachTheKernelByReflection(@TempDir Path dir) throws Exception {
        String probe = """
                public class Probe {
                    public static void main(String[] args) throws Exception {
                        System.out.println("network: " + io.mlp4j.nn.Network.builder().input(1).dense(1,
                                io.mlp4j.nn.Activation.SIGMOID).loss(io.mlp4j.nn.Loss.QUADRATIC).build());
                        try {
                            Class.forName("io.mlp4j.kernel.Kernels").getMethod("best").invoke(null);
                            System.out.println("kernel: reached");
                        } catch (IllegalAccessException e) {
                            System.out.println("kernel: " + e.getClass().getSimpleName());
                        }
                    }
                }
                """;
        Path classes = dir.resolve("classes");
        assertEquals(List.of(), compileProbe(classes, probe));
        Jvm.Run run = Jvm.run(dir, List.of("--module-path", classes + File.pathSeparator + Jvm.runtimePath(),
                "--module", "probe/probe.Probe"));
        assertTrue(run.out().contains("network: Network(1-1"), run.out());
        assertTrue(run.out().contains("kernel: IllegalAccessException"), run.out());
    }

    /** Compiles the module {@code probe} (requires io.mlp4j) with one class, probe.Probe; returns the errors. */
    private static List<String> compileProbe(Path out, String probeBody) throws IOException {
        Path src = out.resolveSibling(out.getFileName() + "-src");
        Files.createDirectories(src.resolve("probe"));
        Files.createDirectories(out);
        Path info = Files.writeString(src.resolve("module-info.java"), "module probe { requires io.mlp4j; }");
        Path probe = Files.writeString(src.resolve("probe/Probe.java"), "package probe;\n" + probeBody);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "--module-path", Jvm.runtimePath(), "-d", out.toString());
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(info, probe)).call();
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).toList();
    }

    /** The module descriptor in the mlp4j-core jar (or classes folder) on the examples' runtime path. */
    private static ModuleDescriptor coreModule() throws IOException {
        Path[] path = Arrays.stream(Jvm.runtimePath().split(Pattern.quote(File.pathSeparator))).map(Path::of)
                .toArray(Path[]::new);
        return ModuleFinder.of(path).find("io.mlp4j").orElseThrow(() -> new AssertionError("no module io.mlp4j on "
                + Arrays.toString(path))).descriptor();
    }

    /** The packages on the line of docs/architecture.md that starts with {@code **what**}. */
    private static Set<String> documented(String what) throws IOException {
        Path doc = Path.of(Jvm.property("examples.architecture"));
        String line = Files.readAllLines(doc, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("**" + what + "**")).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with **" + what + "** in " + doc));
        Set<String> packages = new TreeSet<>();
        Matcher m = Pattern.compile("`(io\\.mlp4j\\.[a-z.]+)`").matcher(line);
        while (m.find()) packages.add(m.group(1));
        return packages;
    }
}
