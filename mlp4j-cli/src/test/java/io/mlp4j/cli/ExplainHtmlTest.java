package io.mlp4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mlp4j.io.ModelFile;
import io.mlp4j.model.Model;
import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;

import java.nio.file.Files;
import java.util.List;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mlp4j explain --html}: one self-contained page, written atomically and never over an existing file without
 * --force. (That it renders, with KaTeX and without the network, is checked in a real browser by
 * tools/check_explain_page.sh, run by .ci/run.)
 */
class ExplainHtmlTest {
    @TempDir
    Path tmp;

    @Test
    void writesOneSelfContainedPageWithTheDrawingTheEquationsAndTheSeedsNumbers() throws Exception {
        Path page = tmp.resolve("step.html");
        CliRun r = CliRun.of("explain", "--example", "2-2-2", "--html", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Wrote " + page), r.out());
        String html = Files.readString(page);
        // offline: nothing is fetched; KaTeX's script and fonts are inside the page
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "a link to the network");
        assertFalse(html.contains("url(fonts/"), "a font left as a file reference");
        assertEquals(20, count(html, "src:url\\(data:font/woff2;base64,"), "KaTeX's 20 fonts inlined");
        assertTrue(html.contains("katex.render("));
        // the drawing: 6 neurons and 8 weights, each focusable with its full-precision value
        assertEquals(6, count(html, "<g class=\"neuron\" tabindex=\"0\""));
        assertEquals(8, count(html, "<g class=\"edge (pos|neg)\" tabindex=\"0\""));
        assertTrue(html.contains("<title>a1 (a_1^(2)): a = 0.7122574322957417, z = "), "a1's title");
        assertTrue(html.contains("<title>ω8 = -0.1 (w_2,2^(2)"), "ω8's title");
        // the equations, typeset from TeX with the numbers in it (digits 6), and their plain-text twins
        assertTrue(html.contains("data-tex=\"a^{(2)}_{1} = \\sigma(0.906373) = 0.712257\">a_1^(2) = σ(0.906373) = 0.712257</span>"));
        assertTrue(html.contains("= 0.413382 \\cdot 0.204947 \\cdot (-0.575485) = -0.0487559\""));
        // the seeds' numbers beside ours; the wrong ones with their reason
        assertTrue(html.contains("<td>0.220793265944315</td><td>0.20494678243521863</td><td><span aria-hidden=\"true\">✗</span> wrong: the blog evaluates σ′"));
        assertEquals(10, count(html, "<tr class=\"wrong\">"));
        assertEquals(7, count(html, "<tr class=\"ok\">"));
        // sections 7 and 8: σ and σ′ of both layers with the four neurons' z marked; C over ω5 and ω7
        assertEquals(3, count(html, "<svg class=\"plot\""));
        assertTrue(html.contains("<title>a1: z = 0.9063731900122595, a = σ(z) = 0.7122574322957417, σ′(z) = 0.20494678243521863</title>"));
        assertTrue(html.contains("<title>start (this step's values): ω5 = 0.7, ω7 = 0.5, C = 0.19374977898812007</title>"));
    }

    @Test
    void theEssaysTwoPartsAndMoreDigits() throws Exception {
        Path page = tmp.resolve("essay.html");
        CliRun r = CliRun.of("explain", "--example", "4-2", "--digits", "9", "--html", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(page);
        assertEquals(2, count(html, "<svg class=\"net\""));
        assertEquals(6 + 2, count(html, "<g class=\"neuron\""));
        assertEquals(8 + 1, count(html, "<g class=\"edge "));
        assertTrue(html.contains("= 0.15 - 0.05 \\cdot (-0.141957534) = 0.157097877"), "W_1,1⁺ at 9 digits");
        assertEquals(1, count(html, "<tr class=\"wrong\">"), "the essay's 0.1271");
    }

    @Test
    void neverOverwritesWithoutForce() throws Exception {
        Path page = tmp.resolve("step.html");
        Files.writeString(page, "mine");
        CliRun r = CliRun.of("explain", "--example", "2-2-2", "--html", page.toString());
        assertEquals(1, r.exitCode());
        assertEquals("mlp4j: error: " + page + " exists: add --force to overwrite it, or choose --html FILE\n", r.err());
        assertEquals("mine", Files.readString(page));
        assertEquals(0, CliRun.of("explain", "--example", "2-2-2", "--html", page.toString(), "--force").exitCode());
        assertTrue(Files.readString(page).startsWith("<!DOCTYPE html>"));
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /** The blog's 2-2-2 network saved as a model file: float weights that are the blog's to float precision. */
    private Path blogModel() throws Exception {
        Network net = Network.builder().input(2).dense(2, Activation.SIGMOID).dense(2, Activation.SIGMOID)
                .loss(Loss.QUADRATIC).seed(1).build();
        float[][][] w = {{{0.3f, -0.4f}, {0.2f, 0.6f}}, {{0.7f, 0.5f}, {-0.3f, -0.1f}}};
        float[][] b = {{0.25f, 0.45f}, {0.15f, 0.35f}};
        for (int l = 0; l < 2; l++) {
            float[] rowMajor = new float[4];
            for (int j = 0; j < 2; j++) for (int k = 0; k < 2; k++) rowMajor[j * 2 + k] = w[l][j][k];
            net.layers().get(l).setParameters(rowMajor, b[l]);
        }
        Path file = tmp.resolve("blog.safetensors");
        ModelFile.save(new Model(net, null, List.of("a", "b")), file);
        return file;
    }

    @Test
    void aModelFileWithAnInputAndATarget() throws Exception {
        Path model = blogModel(), page = tmp.resolve("model.html");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--input", "2,3", "--target", "1,0.2", "--html",
                page.toString());
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(page);
        assertEquals(6, count(html, "<g class=\"neuron\""));
        assertEquals(8, count(html, "<g class=\"edge "));
        // the blog's a1 and σ′(z_a1) to float precision of the weights (docs/seed-examples.md)
        assertTrue(html.contains("= 0.712257</span>"), "a1");
        assertTrue(html.contains("= 0.204947\">"), "σ′(z_a1)");
        assertFalse(html.contains("class=\"wrong\""), "no seed to check against");
        CliRun text = CliRun.of("explain", "--model", model.toString(), "--input", "2,3", "--target", "1,0.2");
        assertTrue(text.out().contains("a_1^(2) = σ(0.906373) = 0.712257"), text.out());
    }

    @Test
    void modelUsageErrors() throws Exception {
        Path model = blogModel();
        assertEquals(2, CliRun.of("explain", "--model", model.toString(), "--input", "2,3").exitCode());
        CliRun wrongWidth = CliRun.of("explain", "--model", model.toString(), "--input", "2,3,4", "--target", "1,0");
        assertEquals(2, wrongWidth.exitCode());
        assertTrue(wrongWidth.err().startsWith("mlp4j: --input has 3 values; blog.safetensors takes 2"), wrongWidth.err());
        assertEquals(2, CliRun.of("explain", "--example", "2-2-2", "--model", model.toString()).exitCode());
        assertEquals(2, CliRun.of("explain").exitCode());
        Path big = tmp.resolve("big.safetensors");
        Network net = Network.builder().input(784).dense(32, Activation.RELU).dense(10, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(1).build();
        ModelFile.save(new Model(net, null, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")), big);
        CliRun tooBig = CliRun.of("explain", "--model", big.toString(), "--input", "0", "--target", "1");
        assertEquals(1, tooBig.exitCode());
        assertEquals("mlp4j: error: explain lists every weight and bias: big.safetensors (784-32 relu-10 softmax) has 25,450 of"
                + " them, more than the limit of 16,384\n", tooBig.err());
    }

    @Test
    void wideLayersAreDrawnInPart() throws Exception {
        Path model = tmp.resolve("wide.safetensors");
        Network net = Network.builder().input(32).dense(6, Activation.RELU).dense(4, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(3).build();
        ModelFile.save(new Model(net, null, List.of("a", "b", "c", "d")), model);
        StringBuilder row = new StringBuilder("0.5");
        for (int k = 1; k < 32; k++) row.append(',').append(k % 5 * 0.25);
        Path page = tmp.resolve("wide.html");
        CliRun r = CliRun.of("explain", "--model", model.toString(), "--input", row.toString(), "--target", "0,1,0,0",
                "--html", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(page);
        // inputs x1..x4 and x29..x32, a marker for the 24 others; edges only between drawn neurons
        assertEquals(8 + 6 + 4, count(html, "<g class=\"neuron\""));
        assertEquals(8 * 6 + 6 * 4, count(html, "<g class=\"edge "));
        assertEquals(1, count(html, "<g class=\"more\" tabindex=\"0\""));
        assertTrue(html.contains("24 more inputs (x₅ to x₂₈) and their 144 edges are not drawn"), "the marker's text");
        assertTrue(html.contains("The network: 42 neurons and 216 weighted edges, of which 18 neurons and 72 edges are drawn"));
        // Typeset: the weights from x1-x4 and x29-x32 into each of the 6 hidden neurons and every weight into the 4
        // outputs, each neuron's bias, and section 8's rows for steps 0, 1 and N of the path.
        assertEquals(6 * (8 + 1) + 4 * (6 + 1) + 3, count(html, "<tr><th scope=\"row\">"), "typeset update rows");
        assertTrue(html.contains("z^{(1)}_{1} = ") && html.contains("\\underbrace{\\cdots}_{24\\text{ more}}"), "the sum over x");
        // Plain tables, one per layer in sections 2 (x, then z, a, b), 4 (∂C/∂a or δ) and 5 (every weight and bias)
        assertEquals(3 + 2 + 2, count(html, "<details>"));
        assertEquals((32 + 6 + 4) + (6 + 4) + (32 * 6 + 6 + 6 * 4 + 4), count(html, "<tr><th>"), "a plain row per value");
        assertTrue(html.contains("<tr><th>w_6,32^(1)<td>"), "the last input's weight into the last hidden neuron");
    }

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
