package io.mlp4j.cli;

import io.mlp4j.gradcheck.GradientCheckSuite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code mlp4j gradcheck}: backpropagation against finite differences for every activation × cost. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = {"Compare backpropagation with finite differences, in double precision, for every hidden",
                "activation × output activation × cost on small random networks. Exits 1 if any case fails."})
final class GradcheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random networks and samples (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<GradientCheckSuite.Case> cases = GradientCheckSuite.runAll(seed);
        out.printf("%-11s %-11s %-21s %14s %8s %8s  %s%n", "hidden", "output", "loss", "max rel error",
                "checked", "skipped", "result");
        int failed = 0;
        for (GradientCheckSuite.Case c : cases) {
            boolean pass = c.passes();
            if (!pass) failed++;
            out.printf("%-11s %-11s %-21s %14.3e %8d %8d  %s%n", c.hidden().id(), c.output().id(), c.loss().id(),
                    c.result().maxRelativeError(), c.result().checked(), c.result().skipped(),
                    pass ? "ok" : "FAIL (worst " + c.result().worstParameter() + ")");
        }
        out.printf("%d cases, %d failed (tolerance %.0e; skipped = a ±2h step crossed a ReLU kink)%n",
                cases.size(), failed, GradientCheckSuite.TOLERANCE);
        out.flush();
        return failed == 0 ? Main.OK : Main.ERROR;
    }
}
