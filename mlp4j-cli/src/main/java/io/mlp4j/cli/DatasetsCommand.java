package io.mlp4j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code mlp4j datasets list|download}. */
@Command(name = "datasets", mixinStandardHelpOptions = true, description = "List and download the known data sets.",
        subcommands = {DatasetsCommand.ListCommand.class, DatasetsCommand.DownloadCommand.class})
final class DatasetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "missing command: list or download");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the known data sets and whether they are cached.")
    static final class ListCommand implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--dir", paramLabel = "DIR", description = "The cache directory (default ~/.mlp4j/datasets).")
        Path dir;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            Path root = dir != null ? dir : Downloader.defaultCache();
            out.println("built in   mnist-10k       8,000 train / 2,000 test MNIST digits, embedded in the jar (the default)");
            for (KnownDatasets d : KnownDatasets.values()) {
                out.printf("%-10s %-15s %s%n", cached(d, root) ? "cached" : "download", d.id, d.description);
            }
            out.println("cache: " + root);
            out.flush();
            return Main.OK;
        }

        private static boolean cached(KnownDatasets d, Path root) throws IOException {
            for (KnownDatasets.RemoteFile f : d.files) {
                Path p = root.resolve(d.id).resolve(f.name());
                if (!Files.isRegularFile(p) || !f.sha256().equals(Downloader.sha256(p))) return false;
            }
            return true;
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = {"Download a data set into the cache, verifying each file's published SHA-256.",
                    "A file is stored only once its checksum matches, so a broken download never poisons the cache."})
    static final class DownloadCommand implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "mnist or fashion-mnist")
        String name;

        @Option(names = "--dir", paramLabel = "DIR", description = "The cache directory (default ~/.mlp4j/datasets).")
        Path dir;

        @Option(names = "--mirror", paramLabel = "URL", description = "Base URL to download from instead of the publisher (or MLP4J_MIRROR).")
        String mirror;

        @Override
        public Integer call() throws IOException {
            KnownDatasets d;
            try {
                d = KnownDatasets.byId(name);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            String m = DataOptions.checkedMirror(spec, mirror);
            Path where = new Downloader(spec.commandLine().getErr()).ensure(d.source(), dir != null ? dir : Downloader.defaultCache(), m);
            spec.commandLine().getOut().println(d.id + " is in " + where + " (checksums verified)");
            spec.commandLine().getOut().flush();
            return Main.OK;
        }
    }
}
