package io.mlp4j.cli;

import io.mlp4j.explain.SeedExample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** {@code mlp4j explain}: one training step of a seed example, every number shown. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Print one training step of a seed document's worked example in the seeds' notation:",
                "each z and a, the cost, then ∂C/∂a, σ′(z), ∂z/∂w, ∂C/∂w and the updated value of every weight and",
                "bias. Values the seed printed differently are flagged with ✗."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--example", required = true, paramLabel = "ID",
            description = "2-2-2 (the blog post's Figure 8 network) or 4-2 (the essay's layer and single-weight step).")
    String example;

    @Option(names = "--digits", defaultValue = "6", paramLabel = "N",
            description = "Significant digits (1 to 17, default ${DEFAULT-VALUE}).")
    int digits;

    @Override
    public Integer call() {
        if (digits < 1 || digits > 17) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--digits must be 1 to 17, got " + digits);
        }
        SeedExample chosen;
        try {
            chosen = SeedExample.byId(example);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--example: " + e.getMessage());
        }
        spec.commandLine().getOut().print(chosen.render(digits).text());
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
