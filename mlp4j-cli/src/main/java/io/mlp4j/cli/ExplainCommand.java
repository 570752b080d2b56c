package io.mlp4j.cli;

import io.mlp4j.explain.ExplainPage;
import io.mlp4j.explain.SeedExample;
import io.mlp4j.internal.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code mlp4j explain}: one training step of a seed example, every number shown, in the terminal or as a page. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Print one training step of a seed document's worked example in the seeds' notation:",
                "each z and a, the cost, then ∂C/∂a, σ′(z), ∂z/∂w, ∂C/∂w and the updated value of every weight and",
                "bias. Values the seed printed differently are flagged with ✗.",
                "With --html, write the same step as one self-contained web page (works offline): the network drawn,",
                "the equations typeset with the numbers substituted, and the seed's numbers beside ours."})
final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--example", required = true, paramLabel = "ID",
            description = "2-2-2 (the blog post's Figure 8 network) or 4-2 (the essay's layer and single-weight step).")
    String example;

    @Option(names = "--digits", defaultValue = "6", paramLabel = "N",
            description = "Significant digits (1 to 17, default ${DEFAULT-VALUE}).")
    int digits;

    @Option(names = "--html", paramLabel = "FILE.html",
            description = "Write the step as a self-contained HTML page instead of printing it.")
    Path html;

    @Option(names = "--force", description = "Overwrite --html if it exists.")
    boolean force;

    @Override
    public Integer call() throws IOException {
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
        if (html != null) {
            Outputs outputs = new Outputs(spec, force).file("--html", html);
            outputs.check();
            byte[] page = ExplainHtml.render(ExplainPage.of(chosen, digits)).getBytes(StandardCharsets.UTF_8);
            outputs.write("--html", ifExists -> AtomicFiles.write(html, ifExists, ByteBuffer.wrap(page)));
            spec.commandLine().getOut().println("Wrote " + html + " (" + page.length / 1024 + " KiB): open it in a browser.");
        } else {
            spec.commandLine().getOut().print(chosen.render(digits).text());
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
