package io.mlp4j.architecture;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No package of mlp4j-core depends on itself through others: the packages form layers (docs/architecture.md), so a
 * module built on one of them (the CLI, a distributed trainer) never has to take the rest. The graph comes from the
 * JDK's jdeps over the compiled classes.
 */
class PackageCycleTest {

    @Test
    void corePackagesHaveNoCycle() {
        // The package folders, not target/classes: beside module-info.class jdeps would resolve the module io.mlp4j
        // and fail for want of FastCSV and Gson on its module path.
        Map<String, Set<String>> graph = packageGraph(Path.of("target/classes/io"));
        assertTrue(graph.containsKey("io.mlp4j.train") && graph.containsKey("io.mlp4j.nn"), "read: " + graph.keySet());
        assertEquals(Optional.empty(), cycle(graph), "a package cycle in mlp4j-core");
    }

    @Test
    void theCycleFinderFindsACycleWhereThereIsOne() {
        Map<String, Set<String>> graph = new TreeMap<>();
        graph.put("a", Set.of("b"));
        graph.put("b", Set.of("c"));
        graph.put("c", Set.of("a", "d"));
        graph.put("d", Set.of());
        assertEquals(Optional.of(List.of("a", "b", "c", "a")), cycle(graph));
        graph.put("c", Set.of("d"));
        assertEquals(Optional.empty(), cycle(graph));
    }

    /** mlp4j package → the other mlp4j packages its classes refer to, as jdeps -verbose:package reports them. */
    static Map<String, Set<String>> packageGraph(Path classes) {
        assertTrue(Files.isDirectory(classes), classes.toAbsolutePath() + " is not built");
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("no jdeps in this JDK"));
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:package", "-filter:none",
                classes.toString());
        assertEquals(0, rc, out.toString());
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            String[] t = line.trim().split("\\s+");
            if (t.length < 3 || !t[1].equals("->") || !t[0].startsWith("io.mlp4j")) continue;
            graph.computeIfAbsent(t[0], k -> new TreeSet<>());
            if (t[2].startsWith("io.mlp4j") && !t[2].equals(t[0])) graph.get(t[0]).add(t[2]);
        }
        return graph;
    }

    /** A cycle as the path of packages around it (first = last), or empty: depth-first search. */
    static Optional<List<String>> cycle(Map<String, Set<String>> graph) {
        Set<String> done = new TreeSet<>();
        for (String start : graph.keySet()) {
            Optional<List<String>> found = visit(start, graph, new ArrayList<>(), done);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(String p, Map<String, Set<String>> graph, List<String> path,
                                                Set<String> done) {
        int at = path.indexOf(p);
        if (at >= 0) {
            List<String> loop = new ArrayList<>(path.subList(at, path.size()));
            loop.add(p);
            return Optional.of(loop);
        }
        if (done.contains(p)) return Optional.empty();
        path.add(p);
        for (String next : graph.getOrDefault(p, Set.of())) {
            Optional<List<String>> found = visit(next, graph, path, done);
            if (found.isPresent()) return found;
        }
        path.remove(path.size() - 1);
        done.add(p);
        return Optional.empty();
    }
}
