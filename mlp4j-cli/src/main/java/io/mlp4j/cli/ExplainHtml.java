package io.mlp4j.cli;

import io.mlp4j.explain.ExplainPage;
import io.mlp4j.explain.WideLayers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an {@link ExplainPage} as one self-contained HTML file: KaTeX's script, style sheet and fonts are read from
 * the class path (the org.webjars.npm:katex jar) and inlined, so the page works from file:// with no network. Every
 * formula is in the page twice: as TeX for KaTeX to typeset when the page loads, and as plain text inside the same
 * element, which is what a reader without scripts sees. Each number on the drawing carries its full-precision value in
 * an SVG {@code <title>} and can be reached with the keyboard.
 */
final class ExplainHtml {
    private static final String WEBJAR = "META-INF/resources/webjars/katex/";
    private static final Pattern FONT_SRC = Pattern.compile("src:url\\(fonts/([A-Za-z0-9_-]+)\\.woff2\\)[^;}]*");

    private ExplainHtml() {
    }

    static String render(ExplainPage page) {
        String katexDir = WEBJAR + katexVersion() + "/dist/";
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(page.title())).append(" — mlp4j explain</title>\n<style>\n")
                .append(inlineFonts(resource(katexDir + "katex.min.css"), katexDir)).append('\n').append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>").append(esc(page.title())).append("</h1>\n")
                .append("<p class=\"meta\">One training step, every number computed in double precision by mlp4j's "
                        + "reference network and shown to ").append(page.digits())
                .append(" significant digits (the same numbers as <code>mlp4j explain ")
                .append(page.id().equals("model") ? "--model … --input … --target …" : "--example " + esc(page.id()))
                .append(" --digits ").append(page.digits()).append("</code> prints). Hover over or focus (Tab) a "
                        + "neuron or a weight of the drawing to see its value at full precision.</p>\n");
        List<ExplainPage.Part> parts = page.parts();
        StringBuilder body = new StringBuilder(1 << 20);
        h.append("<nav aria-label=\"Contents\"><ol>");
        for (int i = 0; i < parts.size(); i++) {
            List<String[]> sections = new java.util.ArrayList<>();
            part(body, page, parts.get(i), "part" + i, sections);
            h.append("<li><a href=\"#part").append(i).append("\">").append(esc(parts.get(i).heading())).append("</a><ul class=\"sections\">");
            for (String[] sec : sections) {
                h.append("<li><a href=\"#").append(sec[0]).append("\">").append(esc(sec[1])).append("</a></li>");
            }
            h.append("</ul></li>");
        }
        h.append("</ol></nav>\n").append(body);
        h.append("<footer><p>Made by <code>mlp4j explain</code>. Equations typeset with KaTeX ")
                .append(esc(katexVersion())).append(" (MIT licence). The seeds' numbers and why some are wrong: "
                        + "docs/seed-examples.md.</p></footer>\n</main>\n<script>\n")
                .append(resource(katexDir + "katex.min.js").replace("</script", "<\\/script")).append("\n</script>\n<script>\n")
                .append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void part(StringBuilder h, ExplainPage page, ExplainPage.Part p, String id, List<String[]> toc) {
        h.append("<article id=\"").append(id).append("\" aria-labelledby=\"").append(id).append("-h\">\n<h2 id=\"")
                .append(id).append("-h\">").append(esc(p.heading())).append("</h2>\n<p>")
                .append(esc(p.intro()).replace("\n", " ")).append("</p>\n");
        section(h, toc, id, "network", "1. The network");
        ExplainSvg.draw(h, page, p, id);
        h.append("</section>\n");
        section(h, toc, id, "forward", "2. Forward pass: z = Σ w·a + b, then a = σ(z)");
        if (p.tables() != null) {
            h.append(SUMMARIZED);
        }
        equations(h, p.forward());
        if (p.tables() != null) ExplainTables.neurons(h, page, p);
        h.append("</section>\n");
        if (!p.cost().isEmpty()) {
            section(h, toc, id, "cost", "3. Cost");
            h.append("<p>Target y = ").append(vector(page, p.trace().target())).append(".</p>\n");
            equations(h, p.cost());
            h.append("</section>\n");
            section(h, toc, id, "backward", "4. Backpropagation: ∂C/∂w = ∂z/∂w · ∂a/∂z · ∂C/∂a");
            h.append("<p>From the output layer back to the input, neuron by neuron: ∂C/∂a, σ′(z) = ∂a/∂z, δ = ∂C/∂z, "
                    + "then the chain-rule product for each weight into the neuron, and its bias.</p>\n");
            if (p.tables() != null) h.append(SUMMARIZED);
            equations(h, p.backward());
            if (p.tables() != null) ExplainTables.backward(h, page, p);
            h.append("</section>\n");
            section(h, toc, id, "update", "5. Update: ω⁺ = ω − η∇C (η = " + page.format(p.trace().eta()) + ")");
            h.append("<div class=\"scroll\"><table><caption>").append(p.tables() == null
                    ? "Every weight and bias before and after the step" : "The weights and biases between the neurons "
                    + "written out above, before and after the step").append("</caption>\n<thead><tr><th scope=\"col\">parameter</th><th scope=\"col\">before</th>"
                    + "<th scope=\"col\">∂C/∂ω</th><th scope=\"col\">after</th><th scope=\"col\">ω⁺ = ω − η·∂C/∂ω</th>"
                    + "</tr></thead>\n<tbody>\n");
            for (ExplainPage.Update u : p.updates()) {
                h.append("<tr><th scope=\"row\">").append(esc(u.key())).append(u.label() == null ? "" : " (" + esc(u.label()) + ")")
                        .append("</th><td>").append(cell(page, u.before())).append("</td><td>").append(cell(page, u.gradient()))
                        .append("</td><td>").append(cell(page, u.after())).append("</td><td>")
                        .append(tex(u.tex(), page.format(u.before()) + " − " + page.format(u.eta()) + "·" + page.format(u.gradient())
                                + " = " + page.format(u.after()))).append("</td></tr>\n");
            }
            h.append("</tbody></table></div>\n");
            if (p.tables() != null) ExplainTables.parameters(h, page, p);
            h.append("</section>\n");
        }
        if (!page.id().equals("model")) seeds(h, toc, id, p); // a model file has no seed to compare with
        if (!p.activations().isEmpty()) {
            section(h, toc, id, "activation", "7. The activation and its derivative");
            h.append("<p>Where this step's z of each neuron falls on σ and σ′: the slope σ′(z) is the ∂a/∂z factor of "
                    + "section 4.</p>\n");
            for (ExplainPage.ActivationPlot a : p.activations()) ExplainSvg.activation(h, page, a, id + "-act" + a.layer());
            h.append("</section>\n");
        }
        if (p.surface() != null) {
            section(h, toc, id, "surface", "8. The cost over two parameters, and gradient descent");
            h.append("<div class=\"side\">\n"); // the plot and its control side by side where the page is wide enough
            ExplainSvg.surface(h, page, p.surface(), id + "-surface");
            stepper(h, page, p, id + "-steps");
            h.append("</div>\n");
            pathTable(h, page, p);
            h.append("</section>\n");
        }
        h.append("</article>\n");
    }

    /** Section 6: the seed's printed numbers beside ours, the wrong ones marked with the reason. */
    private static void seeds(StringBuilder h, List<String[]> toc, String id, ExplainPage.Part p) {
        section(h, toc, id, "seeds", "6. What the seed printed, beside ours");
        if (p.checks().isEmpty()) {
            h.append("<p>The seed prints no numbers for this part.</p>\n");
        } else {
            long wrong = p.checks().stream().filter(c -> !c.agrees()).count();
            h.append("<p>").append(p.checks().size() - wrong).append(" printed values agree with ours, ").append(wrong)
                    .append(wrong == 1 ? " differs" : " differ").append(" (marked ✗, with the reason).</p>\n")
                    .append("<div class=\"scroll\"><table class=\"seeds\"><caption>The seed's printed numbers</caption>\n"
                            + "<thead><tr><th scope=\"col\">value</th><th scope=\"col\">seed prints</th>"
                            + "<th scope=\"col\">mlp4j (full precision)</th><th scope=\"col\">verdict</th></tr></thead>\n<tbody>\n");
            for (ExplainPage.SeedCheck c : p.checks()) {
                h.append("<tr class=\"").append(c.agrees() ? "ok" : "wrong").append("\"><th scope=\"row\">").append(esc(c.key()))
                        .append(c.label() == null ? "" : " (" + esc(c.label()) + ")").append("</th><td>")
                        .append(esc(c.printed().replace('-', '−'))).append("</td><td>").append(full(c.ours()))
                        .append("</td><td>").append(c.agrees() ? "<span aria-hidden=\"true\">✓</span> agrees"
                                : "<span aria-hidden=\"true\">✗</span> wrong: " + esc(c.note() == null ? "" : c.note()))
                        .append("</td></tr>\n");
            }
            h.append("</tbody></table></div>\n");
        }
        h.append("</section>\n");
    }

    /**
     * Section 8's step-through: a range input with previous/next buttons (shown by the script) over the path's points,
     * a live readout of the point's two parameters, C and the outputs, the points as JSON (full precision and the
     * readout's text at the page's digits), and a table of the first, second and last points that stays without
     * scripts.
     */
    private static void stepper(StringBuilder h, ExplainPage page, ExplainPage.Part p, String id) {
        ExplainPage.CostSurface s = p.surface();
        int n = s.path().size() - 1;
        String xName = s.xLabel() != null ? s.xLabel() : s.xKey(), yName = s.yLabel() != null ? s.yLabel() : s.yKey();
        List<String> outs = outputNames(p);
        StringBuilder json = new StringBuilder("{\"steps\":").append(n).append(",\"points\":[");
        String[] texts = new String[n + 1];
        for (int k = 0; k <= n; k++) {
            double[] q = s.path().get(k);
            StringBuilder t = new StringBuilder("Step ").append(k).append(" of ").append(n).append(": ")
                    .append(xName).append(" = ").append(page.format(q[0])).append(", ").append(yName).append(" = ")
                    .append(page.format(q[1])).append(", C = ").append(page.format(q[2]));
            for (int o = 0; o < outs.size() && 3 + o < q.length; o++) {
                t.append(", ").append(outs.get(o)).append(" = ").append(page.format(q[3 + o]));
            }
            texts[k] = t.toString();
            if (k > 0) json.append(',');
            json.append("{\"v\":[");
            for (int i = 0; i < q.length; i++) json.append(i > 0 ? "," : "").append(Double.isFinite(q[i]) ? Double.toString(q[i]) : "null");
            json.append("],\"text\":\"").append(jsonEsc(texts[k])).append("\"}");
        }
        json.append("]}");
        h.append("<div class=\"stepper\" id=\"").append(id).append("\" hidden>\n<label for=\"").append(id)
                .append("-range\">Step through the ").append(n).append(" steps (η = ").append(esc(page.format(s.eta())))
                .append(")</label>\n<div class=\"controls\"><button type=\"button\" class=\"prev\" aria-label=\"Previous step\">◀</button>")
                .append("<input type=\"range\" id=\"").append(id).append("-range\" min=\"0\" max=\"").append(n)
                .append("\" step=\"1\" value=\"0\">")
                .append("<button type=\"button\" class=\"next\" aria-label=\"Next step\">▶</button></div>\n")
                .append("<p class=\"step-readout\" aria-live=\"polite\">").append(esc(texts[0])).append("</p>\n")
                .append("<script type=\"application/json\" class=\"step-data\">")
                .append(json.toString().replace("</", "<\\/")).append("</script>\n</div>\n");
    }

    /** The network's outputs by the seed's names (a1, a2) or a1 … an. */
    private static List<String> outputNames(ExplainPage.Part p) {
        List<String> outs = new java.util.ArrayList<>();
        int last = p.neurons().stream().mapToInt(ExplainPage.Neuron::layer).max().orElse(0);
        for (ExplainPage.Neuron u : p.neurons()) {
            if (u.layer() == last) outs.add(u.label() != null ? u.label() : "a" + (u.index() + 1));
        }
        return outs;
    }

    /** Section 8's path at steps 0, 1 and N as a table, which stays without scripts. */
    private static void pathTable(StringBuilder h, ExplainPage page, ExplainPage.Part p) {
        ExplainPage.CostSurface s = p.surface();
        int n = s.path().size() - 1;
        String xName = s.xLabel() != null ? s.xLabel() : s.xKey(), yName = s.yLabel() != null ? s.yLabel() : s.yKey();
        List<String> outs = outputNames(p);
        h.append("<div class=\"scroll\"><table class=\"steps\">\n<caption>The path's first and last points (C and the outputs with those two "
                + "parameters)</caption>\n<thead><tr><th scope=\"col\">step</th><th scope=\"col\">").append(esc(xName))
                .append("</th><th scope=\"col\">").append(esc(yName)).append("</th><th scope=\"col\">C</th>");
        for (String o : outs) h.append("<th scope=\"col\">").append(esc(o)).append("</th>");
        h.append("</tr></thead>\n<tbody>\n");
        for (int k : n > 1 ? new int[] {0, 1, n} : new int[] {0, n}) {
            double[] q = s.path().get(k);
            h.append("<tr><th scope=\"row\">").append(k).append("</th>");
            for (int i = 0; i < Math.min(q.length, 3 + outs.size()); i++) h.append("<td>").append(cell(page, q[i])).append("</td>");
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static String jsonEsc(String t) {
        StringBuilder b = new StringBuilder();
        for (char c : t.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    /** Opens section {@code part-name} and lists it in the table of contents (its title up to the colon). */
    private static void section(StringBuilder h, List<String[]> toc, String part, String name, String title) {
        int colon = title.indexOf(':');
        toc.add(new String[] {part + '-' + name, colon > 0 ? title.substring(0, colon) : title});
        h.append("<section id=\"").append(part).append('-').append(name).append("\" aria-labelledby=\"").append(part)
                .append('-').append(name).append("-h\">\n<h3 id=\"").append(part).append('-').append(name).append("-h\">")
                .append(esc(title)).append("</h3>\n");
    }

    private static void equations(StringBuilder h, List<ExplainPage.Equation> eqs) {
        h.append("<ol class=\"eqs\">\n");
        for (ExplainPage.Equation e : eqs) {
            h.append("<li data-key=\"").append(esc(e.key())).append("\" title=\"").append(esc(e.key())).append(" = ")
                    .append(e.value()).append("\">").append(tex(e.tex(), e.text()));
            if (e.label() != null) h.append(" <span class=\"label\">[").append(esc(e.label())).append("]</span>");
            h.append("</li>\n");
        }
        h.append("</ol>\n");
    }

    /** A formula: TeX for KaTeX in data-tex, the plain text as content (what shows without scripts). */
    private static String tex(String tex, String text) {
        return "<span class=\"tex\" data-tex=\"" + esc(tex) + "\">" + esc(text) + "</span>";
    }

    /** A number at the page's digits, its full-precision value on hover. */
    private static String cell(ExplainPage page, double v) {
        return "<span title=\"" + v + "\">" + esc(page.format(v)) + "</span>";
    }

    /** A number at full precision: the shortest decimal that reads back as the same double. */
    private static String full(double v) {
        return Double.toString(v).replace('-', '−');
    }

    private static String vector(ExplainPage page, double[] v) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) s.append(i > 0 ? ", " : "").append(esc(page.format(v[i])));
        return s.append(')').toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---- KaTeX from the class path ------------------------------------------------------------------------------

    static String katexVersion() {
        Properties p = new Properties();
        try (InputStream in = open("META-INF/maven/org.webjars.npm/katex/pom.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    /** Replaces each font's list of sources (woff2, woff, ttf files) by its woff2 file as a data: URL. */
    private static String inlineFonts(String css, String dir) {
        Matcher m = FONT_SRC.matcher(css);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            byte[] font = bytes(dir + "fonts/" + m.group(1) + ".woff2");
            m.appendReplacement(out, Matcher.quoteReplacement("src:url(data:font/woff2;base64,"
                    + Base64.getEncoder().encodeToString(font) + ") format(\"woff2\")"));
        }
        m.appendTail(out);
        if (out.indexOf("url(fonts/") >= 0) throw new IllegalStateException("a KaTeX font was not inlined");
        return out.toString();
    }

    private static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String name) throws IOException {
        InputStream in = ExplainHtml.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException("KaTeX is missing from the class path (" + name + "): the mlp4j jar is incomplete");
        return in;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** What a summarized section leaves out, and where it is. */
    private static final String SUMMARIZED = "<p class=\"note\">A layer of more than " + WideLayers.MAX_FULL
            + " neurons is written out for its first and last " + WideLayers.MAX_FULL / 2 + " neurons, as on the drawing, and a"
            + " sum of more than " + WideLayers.MAX_FULL + " terms keeps its first and last " + WideLayers.MAX_FULL / 2
            + " (⋯ stands for the rest). The tables at the end of the section (click to open) give every number.</p>\n";

    private static final String CSS = """
            :root { --fg: #1b1b1b; --muted: #555; --pos: #1f5fa8; --neg: #b3261e; --bg: #fff; --rule: #ddd; }
            * { box-sizing: border-box; }
            body { margin: 0; color: var(--fg); background: var(--bg); font: 16px/1.5 system-ui, -apple-system,
                   "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
            main { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
            h1 { font-size: 1.6rem; line-height: 1.25; } h2 { margin-top: 2.5rem; border-bottom: 2px solid var(--rule); }
            h3 { margin-top: 2rem; font-size: 1.15rem; }
            .meta, footer { color: var(--muted); font-size: .95rem; }
            nav ol { padding-left: 1.25rem; } nav ul.sections { list-style: none; padding-left: .75rem; margin: .25rem 0 .5rem; }
            nav ul.sections li { display: inline-block; margin-right: 1rem; }
            .note { color: var(--muted); }
            details { margin: .5rem 0; } summary { cursor: pointer; padding: .25rem 0; }
            table.all { font-size: .9rem; } table.all td, table.all th { padding: .1rem .6rem; }
            a:focus, [tabindex]:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
            .eqs { list-style: none; padding: 0; margin: 0; }
            .eqs li { content-visibility: auto; contain-intrinsic-size: auto 2.5rem; padding: .35rem .25rem; border-bottom: 1px solid #f0f0f0; overflow-x: auto; overflow-y: hidden; }
            .eqs .katex { font-size: 1.08em; }
            .label { color: var(--muted); white-space: nowrap; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; margin: .5rem 0; font-variant-numeric: tabular-nums; }
            caption { text-align: left; color: var(--muted); padding-bottom: .25rem; }
            th, td { border-bottom: 1px solid var(--rule); padding: .3rem .6rem; text-align: left; vertical-align: top; }
            thead th { border-bottom: 2px solid #bbb; }
            tr.wrong td:last-child { color: var(--neg); }
            tr.ok td:last-child { color: #1d6b2f; }
            figure { margin: 0; }
            svg.net { width: 100%; height: auto; max-width: 52rem; display: block; }
            svg.net text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: var(--fg); }
            svg.net .edge text { paint-order: stroke; stroke: #fff; stroke-width: 4px; font-weight: 600; }
            svg.net .neuron circle { fill: #f5f2ea; stroke: #444; stroke-width: 1.5; }
            svg.net .neuron text { paint-order: stroke; stroke: #fff; stroke-width: 3px; } /* readable over edges */
            svg.net .neuron .name { font-weight: 700; font-size: 14px; } svg.net .neuron .long { font-size: 10px; }
            svg.net .pos line { stroke: var(--pos); } svg.net .pos text { fill: var(--pos); }
            svg.net .neg line { stroke: var(--neg); stroke-dasharray: 7 4; } svg.net .neg text { fill: var(--neg); }
            svg.net g:focus { outline: none; } svg.net g:focus circle, svg.net g:hover circle { stroke: #f0a500; stroke-width: 4; }
            svg.net g.edge:focus line, svg.net g.edge:hover line { stroke: #f0a500; }
            svg.plot { width: 100%; height: auto; display: block; }
            svg.plot text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: var(--fg); }
            svg.plot .axes line { stroke: #888; } svg.plot .curve { fill: none; stroke-width: 2.5; }
            svg.plot .curve.a { stroke: var(--pos); } svg.plot .curve.d { stroke: #c25e00; stroke-dasharray: 6 4; }
            svg.plot .marker line { stroke: #999; stroke-dasharray: 2 3; } svg.plot .marker circle.a { fill: var(--pos); }
            svg.plot .marker circle.d { fill: #c25e00; } svg.plot .marker text { font-weight: 600; }
            svg.plot .path { fill: none; stroke: #111; stroke-width: 2; }
            svg.plot .frame { fill: #fafafa; stroke: #bbb; } svg.plot .contours path { fill: none; stroke-width: 1.6; }
            svg.plot .marker circle { fill: #fff; stroke: #000; stroke-width: 1.5; }
            svg.plot g.marker:focus circle, svg.plot g.marker:hover circle { stroke: #f0a500; stroke-width: 4; }
            .readout { min-height: 1.5em; font-variant-numeric: tabular-nums; }
            @media (min-width: 62rem) { .side { display: grid; grid-template-columns: minmax(0, 36rem) minmax(14rem, 1fr);
              gap: 1.5rem; align-items: center; } }
            .stepper .controls { display: flex; align-items: center; gap: .5rem; }
            .stepper input[type=range] { flex: 1; min-width: 0; }
            .stepper button { min-width: 2.75rem; min-height: 2.75rem; font-size: 1rem; }
            .step-readout { min-height: 3em; font-variant-numeric: tabular-nums; }
            svg.plot .step-marker { fill: #f0a500; stroke: #000; stroke-width: 2; pointer-events: none; }
            table.steps { font-variant-numeric: tabular-nums; }
            figcaption { color: var(--muted); font-size: .95rem; }
            @media (max-width: 600px) { body { font-size: 15px; } main { padding: .75rem; } th, td { padding: .25rem .35rem; } }
            @media print {
              nav, .readout, .stepper { display: none; } main { max-width: none; padding: 0; }
              h2, h3 { break-after: avoid; } .eqs li, tr, figure { break-inside: avoid; }
              .scroll, .eqs li { overflow: visible; } a { color: inherit; text-decoration: none; }
            }
            """;

    private static final String SCRIPT = """
            (function () {
              // Formulas are typeset as they come near the screen, and all of them before printing: laying out
              // KaTeX's markup for the hundreds of formulas of a wide network takes longer than typesetting it.
              var typesetMs = 0;
              var typeset = function (el) {
                if (el.hasAttribute('data-text')) return;
                var t0 = performance.now();
                el.setAttribute('data-text', el.textContent);
                katex.render(el.getAttribute('data-tex'), el, { throwOnError: false, output: 'htmlAndMathml' });
                typesetMs += performance.now() - t0;
                document.documentElement.dataset.typesetMs = Math.round(typesetMs);
              };
              var formulas = document.querySelectorAll('.tex');
              window.addEventListener('beforeprint', function () { formulas.forEach(typeset); });
              if ('IntersectionObserver' in window) {
                var near = new IntersectionObserver(function (entries) {
                  entries.forEach(function (e) { if (e.isIntersecting) { near.unobserve(e.target); typeset(e.target); } });
                }, { rootMargin: '1500px 0px' });
                formulas.forEach(function (el) { near.observe(el); });
              } else {
                formulas.forEach(typeset);
              }
              document.querySelectorAll('figure').forEach(function (fig) {
                var out = fig.querySelector('.readout');
                if (!out) return;
                var show = function (e) {
                  var g = e.target.closest && e.target.closest('[data-value]');
                  if (g) out.textContent = g.querySelector('title').textContent;
                };
                fig.addEventListener('focusin', show);
                fig.addEventListener('mouseover', show);
              });
              document.querySelectorAll('.stepper').forEach(function (box) {
                var data = JSON.parse(box.querySelector('.step-data').textContent);
                var range = box.querySelector('input[type=range]'), out = box.querySelector('.step-readout');
                var line = box.closest('section').querySelector('svg.plot polyline.path');
                var dot = null, pts = [];
                if (line) {
                  pts = line.getAttribute('points').trim().split(/\s+/).map(function (p) { return p.split(',').map(Number); });
                  dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
                  dot.setAttribute('class', 'step-marker');
                  dot.setAttribute('r', '7');
                  dot.setAttribute('aria-hidden', 'true');
                  line.parentNode.appendChild(dot);
                }
                var show = function (k) {
                  k = Math.max(0, Math.min(data.steps, k));
                  range.value = String(k);
                  range.setAttribute('aria-valuetext', data.points[k].text);
                  out.textContent = data.points[k].text;
                  if (dot && pts[k]) { dot.setAttribute('cx', pts[k][0]); dot.setAttribute('cy', pts[k][1]); }
                };
                range.addEventListener('input', function () { show(Number(range.value)); });
                box.querySelector('.prev').addEventListener('click', function () { show(Number(range.value) - 1); });
                box.querySelector('.next').addEventListener('click', function () { show(Number(range.value) + 1); });
                box.hidden = false;
                show(0);
              });
            })();
            """;
}
