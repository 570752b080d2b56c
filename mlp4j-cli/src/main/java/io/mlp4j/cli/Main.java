package io.mlp4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** The {@code mlp4j} command: exit code 0 on success, 1 on an error, 2 on a usage error. */
@Command(name = "mlp4j", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Feedforward neural networks (multilayer perceptrons) for the JVM.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, InfoCommand.class,
                DatasetsCommand.class, BenchCommand.class, ExplainCommand.class, SummaryCommand.class, GradcheckCommand.class,
                ExportCommand.class, ImportCommand.class, ServeCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line in this process, writing to the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            boolean verbose = parseResult.hasMatchedOption("--verbose") || main.verbose;
            return reportError(ex, commandLine.getErr(), verbose);
        });
        cli.setParameterExceptionHandler((ex, args1) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("mlp4j: " + UsageChecks.oneLine(ex.getMessage()));
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return USAGE;
        });
        try {
            io.mlp4j.kernel.Kernels.best(); // -Dmlp4j.kernel or -Dmlp4j.threads that cannot be honoured: a usage error
        } catch (IllegalStateException e) {
            err.println("mlp4j: " + UsageChecks.oneLine(e.getMessage()));
            err.flush();
            return USAGE;
        }
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            long mb = Runtime.getRuntime().maxMemory() >> 20;
            err.println("mlp4j: error: out of memory (the Java heap is limited to " + mb + " MB); give the JVM more, "
                    + "e.g. MLP4J_JAVA_OPTS=-Xmx" + Math.max(1, 2 * mb / 1024) + "g");
            if (main.verbose) e.printStackTrace(err);
            err.flush();
            return ERROR;
        }
    }

    private static int reportError(Exception ex, PrintWriter err, boolean verbose) {
        if (ex instanceof java.nio.file.NoSuchFileException) {
            err.println("mlp4j: error: " + UsageChecks.oneLine(ex.getMessage().replace(" (no such file)", "")) + ": no such file");
        } else if (ex instanceof java.nio.file.AccessDeniedException) {
            err.println("mlp4j: error: " + UsageChecks.oneLine(ex.getMessage()) + ": permission denied");
        } else if (ex instanceof IllegalArgumentException || ex instanceof java.io.IOException
                || ex instanceof java.io.UncheckedIOException || ex instanceof io.mlp4j.train.TrainingDivergedException) {
            err.println("mlp4j: error: " + UsageChecks.oneLine(ex.getMessage()));
        } else {
            err.println("mlp4j: internal error: " + ex + " (please report it; --verbose shows where)");
        }
        if (verbose) ex.printStackTrace(err);
        err.flush();
        return ERROR;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mlp4j " + (v == null ? "(development build)" : v)};
        }
    }
}
