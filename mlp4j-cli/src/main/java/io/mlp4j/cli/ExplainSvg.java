package io.mlp4j.cli;

import io.mlp4j.explain.ExplainPage;
import io.mlp4j.explain.WideLayers;

import static io.mlp4j.cli.ExplainHtml.esc;
import static io.mlp4j.cli.ExplainHtml.fmt;

/**
 * Draws the network of one {@link ExplainPage.Part} as SVG, like the blog's Figure 8: inputs on the left, a column per
 * layer, each neuron with its a, z and b, each edge labelled with its weight; the edge's width grows with |w|, and its
 * colour and dash say the sign (blue solid positive, red dashed negative). Every neuron and edge is focusable and
 * carries its full-precision values in a {@code <title>}.
 */
final class ExplainSvg {
    private static final int MAX_LABELLED_EDGES = 12;
    private static final double COLUMN = 270, ROW = 150, MARGIN_X = 90, TOP = 30, R = 26, LABEL_FIRST = 0.25, LABEL_LAST = 0.7;

    private ExplainSvg() {
    }

    /** Layers wider than this are drawn in part: their first and last {@code MAX_DRAWN / 2} neurons and a marker. */
    static final int MAX_DRAWN = WideLayers.MAX_FULL;

    /** Whether neuron {@code index} of a layer of {@code size} is drawn: those the equations write out. */
    static boolean drawn(int index, int size) {
        return WideLayers.shown(index, size);
    }

    /** The row of a drawn neuron in its column: the marker of a summarized layer takes row {@code MAX_DRAWN / 2}. */
    private static int slot(int index, int size) {
        return size <= MAX_DRAWN || index < MAX_DRAWN / 2 ? index : index - size + MAX_DRAWN + 1;
    }

    private static int slots(int size) {
        return size <= MAX_DRAWN ? size : MAX_DRAWN + 1;
    }

    static void draw(StringBuilder h, ExplainPage page, ExplainPage.Part p, String id) {
        int layers = p.neurons().stream().mapToInt(ExplainPage.Neuron::layer).max().orElse(0);
        int[] size = new int[layers + 1];
        for (ExplainPage.Neuron n : p.neurons()) size[n.layer()]++;
        int rows = 0;
        boolean summarized = false;
        for (int s : size) {
            rows = Math.max(rows, slots(s));
            summarized |= s > MAX_DRAWN;
        }
        java.util.List<ExplainPage.Neuron> neurons = p.neurons().stream().filter(n -> drawn(n.index(), size[n.layer()])).toList();
        java.util.List<ExplainPage.Edge> edges = p.edges().stream()
                .filter(e -> drawn(e.from(), size[e.layer() - 1]) && drawn(e.to(), size[e.layer()])).toList();
        double width = 2 * MARGIN_X + COLUMN * layers, height = TOP + ROW * rows + 10;
        String title = id + "-svg-t", desc = id + "-svg-d";
        h.append("<figure>\n<svg class=\"net\" viewBox=\"0 0 ").append(fmt(width)).append(' ').append(fmt(height))
                .append("\" style=\"max-width: ").append(fmt(width)).append("px\" role=\"group\" aria-labelledby=\"").append(title).append("\" aria-describedby=\"").append(desc)
                .append("\">\n<title id=\"").append(title).append("\">The network: ").append(p.neurons().size())
                .append(" neurons and ").append(p.edges().size()).append(" weighted edges")
                .append(summarized ? ", of which " + neurons.size() + " neurons and " + edges.size() + " edges are drawn" : "")
                .append("</title>\n<desc id=\"")
                .append(desc).append("\">Inputs on the left, one column per layer. Each neuron shows its activation a, "
                        + "its weighted input z and its bias b; each edge its weight. Tab through the neurons and edges "
                        + "to hear or see each value at full precision.")
                .append(summarized ? " Layers of more than " + MAX_DRAWN + " neurons show their first and last "
                        + MAX_DRAWN / 2 + " and a marker (⋮) for the rest, with only the edges between drawn neurons;"
                        + " the tables of sections 2, 4 and 5 list every value." : "")
                .append("</desc>\n");
        boolean labelled = edges.size() <= MAX_LABELLED_EDGES; // more labels than this overlap
        double maxW = edges.stream().mapToDouble(e -> Math.abs(e.w())).max().orElse(1);
        // the faint bundles to and from each marker: the edges not drawn, summarized
        for (int l = 0; l <= layers; l++) {
            if (size[l] <= MAX_DRAWN) continue;
            double mx = x(l), my = y(MAX_DRAWN / 2, slots(size[l]), rows);
            h.append("<g class=\"bundle\" aria-hidden=\"true\" style=\"stroke: #888; stroke-opacity: 0.25; stroke-width: 4\">");
            if (l > 0) {
                for (int k = 0; k < size[l - 1]; k++) {
                    if (!drawn(k, size[l - 1])) continue;
                    bundleLine(h, x(l - 1) + R, y(slot(k, size[l - 1]), slots(size[l - 1]), rows), mx - R, my);
                }
                if (size[l - 1] > MAX_DRAWN) bundleLine(h, x(l - 1) + R, y(MAX_DRAWN / 2, slots(size[l - 1]), rows), mx - R, my);
            }
            if (l < layers) {
                for (int j = 0; j < size[l + 1]; j++) {
                    if (!drawn(j, size[l + 1])) continue;
                    bundleLine(h, mx + R, my, x(l + 1) - R, y(slot(j, size[l + 1]), slots(size[l + 1]), rows));
                }
            }
            h.append("</g>\n");
        }
        for (ExplainPage.Edge e : edges) {
            double x1 = x(e.layer() - 1) + R, y1 = y(slot(e.from(), size[e.layer() - 1]), slots(size[e.layer() - 1]), rows);
            double x2 = x(e.layer()) - R, y2 = y(slot(e.to(), size[e.layer()]), slots(size[e.layer()]), rows);
            String name = e.label() != null ? e.label() : "w" + sub(e.to() + 1) + "," + sub(e.from() + 1) + sup(e.layer());
            String full = name + " = " + e.w() + " (" + e.key() + ", from neuron " + (e.from() + 1) + " of layer "
                    + (e.layer() - 1) + " to neuron " + (e.to() + 1) + " of layer " + e.layer() + ")";
            // Each target neuron's labels sit at their own distance along the edges (the first target's near the
            // inputs, the last's near itself), so labels of edges leaving one neuron do not stack on each other.
            int targets = slots(size[e.layer()]);
            double at = LABEL_FIRST + (LABEL_LAST - LABEL_FIRST) * slot(e.to(), size[e.layer()]) / Math.max(1, targets - 1);
            double lx = x1 + at * (x2 - x1), ly = y1 + at * (y2 - y1);
            h.append("<g class=\"edge ").append(e.w() < 0 ? "neg" : "pos").append("\" tabindex=\"0\" data-value=\"")
                    .append(e.w()).append("\" aria-label=\"").append(esc(full)).append("\"><title>").append(esc(full))
                    .append("</title><line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"")
                    .append(fmt(x2)).append("\" y2=\"").append(fmt(y2)).append("\" stroke-width=\"")
                    .append(fmt(1 + 5 * Math.abs(e.w()) / maxW)).append("\"/>");
            if (labelled) {
                h.append("<text x=\"").append(fmt(lx)).append("\" y=\"").append(fmt(ly - 6)).append("\" text-anchor=\"middle\">")
                        .append(esc(name)).append(" = ").append(esc(page.format(e.w()))).append("</text>");
            }
            h.append("</g>\n");
        }
        for (int l = 0; l <= layers; l++) {
            if (size[l] <= MAX_DRAWN) continue;
            int hidden = size[l] - MAX_DRAWN;
            double cx = x(l), cy = y(MAX_DRAWN / 2, slots(size[l]), rows);
            String what = l == 0 ? "inputs" : "neurons of layer " + l;
            String first = l == 0 ? "x" + sub(MAX_DRAWN / 2 + 1) : "a" + sub(MAX_DRAWN / 2 + 1) + sup(l);
            String last = l == 0 ? "x" + sub(size[l] - MAX_DRAWN / 2) : "a" + sub(size[l] - MAX_DRAWN / 2) + sup(l);
            String full = hidden + " more " + what + " (" + first + " to " + last + ") and their "
                    + (long) hidden * ((l > 0 ? size[l - 1] : 0) + (l < layers ? size[l + 1] : 0))
                    + " edges are not drawn; the tables of sections 2, 4 and 5 give every value";
            h.append("<g class=\"more\" tabindex=\"0\" data-value=\"" + hidden + "\" aria-label=\"").append(esc(full)).append("\"><title>").append(esc(full))
                    .append("</title><circle cx=\"").append(fmt(cx)).append("\" cy=\"").append(fmt(cy)).append("\" r=\"")
                    .append(fmt(R)).append("\" style=\"fill: #fff; stroke: #888; stroke-dasharray: 4 3\"/><text x=\"")
                    .append(fmt(cx)).append("\" y=\"").append(fmt(cy + 7)).append("\" text-anchor=\"middle\" style=\"font-size: 22px\">⋮</text>");
            line(h, cx, cy + R + 16, hidden + " more");
            h.append("</g>\n");
        }
        for (ExplainPage.Neuron n : neurons) {
            double cx = x(n.layer()), cy = y(slot(n.index(), size[n.layer()]), slots(size[n.layer()]), rows);
            boolean input = n.layer() == 0;
            String name = n.label() != null ? n.label() : (input ? "x" : "a") + sub(n.index() + 1) + (input ? "" : sup(n.layer()));
            String full = input ? name + " = " + n.a() + " (input " + (n.index() + 1) + ")"
                    : name + " (" + n.key() + "): a = " + n.a() + ", z = " + n.z() + ", b = " + n.b();
            h.append("<g class=\"neuron\" tabindex=\"0\" data-value=\"").append(n.a()).append("\" aria-label=\"")
                    .append(esc(full)).append("\"><title>").append(esc(full)).append("</title><circle cx=\"").append(fmt(cx))
                    .append("\" cy=\"").append(fmt(cy)).append("\" r=\"").append(fmt(R)).append("\"/><text class=\"name" + (name.length() > 5 ? " long" : "") + "\" x=\"")
                    .append(fmt(cx)).append("\" y=\"").append(fmt(cy + 5)).append("\" text-anchor=\"middle\">")
                    .append(esc(name)).append("</text>");
            line(h, cx, cy + R + 16, (input ? "= " : "a = ") + page.format(n.a()));
            if (!input) {
                line(h, cx, cy + R + 31, "z = " + page.format(n.z()));
                line(h, cx, cy + R + 46, "b = " + page.format(n.b()));
            }
            h.append("</g>\n");
        }
        h.append("</svg>\n<figcaption>Edge width grows with |w|; blue solid edges are positive weights, red dashed ones "
                + "negative.").append(summarized ? " Of " + p.neurons().size() + " neurons and " + p.edges().size() + " edges, "
                        + neurons.size() + " and " + edges.size() + " are drawn: a layer of more than " + MAX_DRAWN
                        + " neurons shows its first and last " + MAX_DRAWN / 2 + ", and a marker ⋮ with a faint bundle of"
                        + " lines stands for the rest and their edges." : "")
                .append(labelled ? "" : " With " + edges.size() + " edges drawn the weights are not written on the"
                        + " drawing: hover or focus an edge, or see section 5's table.").append("</figcaption>\n<p class=\"readout\" aria-live=\"polite\"></p>\n</figure>\n");
    }

    // ---- section 7: the activation and its derivative ----------------------------------------------------------

    private static final double PW = 560, PH = 300, PM = 44;

    static void activation(StringBuilder h, ExplainPage page, ExplainPage.ActivationPlot p, String id) {
        double zMin = p.z()[0], zMax = p.z()[p.z().length - 1];
        double yMin = 0, yMax = 1;
        for (int i = 0; i < p.z().length; i++) {
            yMin = Math.min(yMin, Math.min(p.a()[i], p.derivative()[i]));
            yMax = Math.max(yMax, Math.max(p.a()[i], p.derivative()[i]));
        }
        final double y0 = yMin, y1 = yMax;
        java.util.function.DoubleUnaryOperator sx = z -> PM + (PW - 2 * PM) * (z - zMin) / (zMax - zMin);
        java.util.function.DoubleUnaryOperator sy = v -> PH - PM - (PH - 2 * PM) * (v - y0) / (y1 - y0);
        String title = id + "-t", desc = id + "-d";
        h.append("<figure>\n<svg class=\"plot\" viewBox=\"0 0 ").append(fmt(PW)).append(' ').append(fmt(PH))
                .append("\" style=\"max-width: ").append(fmt(PW)).append("px\" role=\"group\" aria-labelledby=\"").append(title)
                .append("\" aria-describedby=\"").append(desc).append("\">\n<title id=\"").append(title).append("\">Layer ")
                .append(p.layer()).append(": ").append(esc(p.activation())).append(" and its derivative, with this step's z marked</title>\n<desc id=\"")
                .append(desc).append("\">The curve a = σ(z) (solid) and σ′(z) (dashed) for z from ").append(esc(page.format(zMin)))
                .append(" to ").append(esc(page.format(zMax))).append("; each neuron of the layer is a marked point at its z.</desc>\n");
        // axes and ticks
        h.append("<g class=\"axes\"><line x1=\"").append(fmt(PM)).append("\" y1=\"").append(fmt(sy.applyAsDouble(0)))
                .append("\" x2=\"").append(fmt(PW - PM)).append("\" y2=\"").append(fmt(sy.applyAsDouble(0))).append("\"/>")
                .append("<line x1=\"").append(fmt(sx.applyAsDouble(Math.max(zMin, Math.min(0, zMax))))).append("\" y1=\"").append(fmt(PM / 2))
                .append("\" x2=\"").append(fmt(sx.applyAsDouble(Math.max(zMin, Math.min(0, zMax))))).append("\" y2=\"")
                .append(fmt(PH - PM)).append("\"/>");
        double tickStep = zMax - zMin <= 16 ? 2 : zMax - zMin <= 40 ? 5 : 10; // about 8 ticks, none crowded
        for (double z = Math.ceil(zMin / tickStep) * tickStep; z <= zMax; z += tickStep) {
            h.append("<text x=\"").append(fmt(sx.applyAsDouble(z))).append("\" y=\"").append(fmt(PH - PM + 16))
                    .append("\" text-anchor=\"middle\">").append(esc(page.format(z))).append("</text>");
        }
        for (double v : new double[] {y0, 0.5 * (y0 + y1), y1}) {
            h.append("<text x=\"").append(fmt(PM - 6)).append("\" y=\"").append(fmt(sy.applyAsDouble(v) + 4))
                    .append("\" text-anchor=\"end\">").append(esc(page.format(v))).append("</text>");
        }
        h.append("<text x=\"").append(fmt(PW - PM)).append("\" y=\"").append(fmt(PH - 6)).append("\" text-anchor=\"end\">z</text></g>\n");
        h.append("<polyline class=\"curve a\" points=\"");
        for (int i = 0; i < p.z().length; i++) h.append(fmt2(sx.applyAsDouble(p.z()[i]))).append(',').append(fmt2(sy.applyAsDouble(p.a()[i]))).append(' ');
        h.append("\"/>\n<polyline class=\"curve d\" points=\"");
        for (int i = 0; i < p.z().length; i++) h.append(fmt2(sx.applyAsDouble(p.z()[i]))).append(',').append(fmt2(sy.applyAsDouble(p.derivative()[i]))).append(' ');
        h.append("\"/>\n");
        boolean named = p.markers().size() <= WideLayers.MAX_FULL; // more names than this overlap; the titles stay
        for (ExplainPage.Marker m : p.markers()) {
            String name = m.label() != null ? m.label() : m.key();
            String full = name + ": z = " + m.z() + ", a = σ(z) = " + m.a() + ", σ′(z) = " + m.derivative();
            double x = sx.applyAsDouble(m.z());
            h.append("<g class=\"marker\" tabindex=\"0\" data-value=\"").append(m.z()).append("\" aria-label=\"").append(esc(full))
                    .append("\"><title>").append(esc(full)).append("</title><line x1=\"").append(fmt(x)).append("\" y1=\"")
                    .append(fmt(PM / 2)).append("\" x2=\"").append(fmt(x)).append("\" y2=\"").append(fmt(PH - PM))
                    .append("\"/><circle class=\"a\" cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(sy.applyAsDouble(m.a())))
                    .append("\" r=\"5\"/><circle class=\"d\" cx=\"").append(fmt(x)).append("\" cy=\"")
                    .append(fmt(sy.applyAsDouble(m.derivative()))).append("\" r=\"5\"/>");
            if (named) {
                h.append("<text x=\"").append(fmt(x + 4)).append("\" y=\"").append(fmt(PM / 2 + 10)).append("\">")
                        .append(esc(name)).append("</text>");
            }
            h.append("</g>\n");
        }
        h.append("</svg>\n<figcaption>Solid: a = ").append(esc(p.activation())).append("(z); dashed: its derivative σ′(z). ");
        for (ExplainPage.Marker m : p.markers()) {
            h.append(esc(m.label() != null ? m.label() : m.key())).append(": z = ").append(esc(page.format(m.z())))
                    .append(", a = ").append(esc(page.format(m.a()))).append(", σ′(z) = ").append(esc(page.format(m.derivative())))
                    .append(". ");
        }
        h.append("</figcaption>\n<p class=\"readout\" aria-live=\"polite\"></p>\n</figure>\n");
    }

    // ---- section 8: the cost surface over two weights ------------------------------------------------------------

    private static final double SW = 440, SM = 74;
    private static final String[] BANDS = {"#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779",
            "#6ece58", "#a8d42a"}; // viridis without its yellow end, which does not show on white

    /** The colour of a contour level: its place in the window's range of C, dark (low) to light (high). */
    private static int band(double c, double cMin, double cMax) {
        return (int) Math.min(BANDS.length - 1, Math.floor(BANDS.length * (c - cMin) / (cMax - cMin + 1e-300)));
    }

    static void surface(StringBuilder h, ExplainPage page, ExplainPage.CostSurface s, String id) {
        int n = s.xs().length;
        double cMin = Double.MAX_VALUE, cMax = -Double.MAX_VALUE;
        for (double[] row : s.cost()) for (double c : row) { cMin = Math.min(cMin, c); cMax = Math.max(cMax, c); }
        double xMin = s.xs()[0], xMax = s.xs()[n - 1], yMin = s.ys()[0], yMax = s.ys()[n - 1];
        java.util.function.DoubleUnaryOperator sx = x -> SM + SW * (x - xMin) / (xMax - xMin);
        java.util.function.DoubleUnaryOperator sy = y -> SM + SW - SW * (y - yMin) / (yMax - yMin);
        String xName = s.xLabel() != null ? s.xLabel() : s.xKey(), yName = s.yLabel() != null ? s.yLabel() : s.yKey();
        String title = id + "-t", desc = id + "-d";
        double[] start = s.path().get(0), end = s.path().get(s.path().size() - 1);
        h.append("<figure>\n<svg class=\"plot\" viewBox=\"0 0 ").append(fmt(SW + 2 * SM + 60)).append(' ').append(fmt(SW + 2 * SM))
                .append("\" style=\"max-width: ").append(fmt(SW + 2 * SM + 60)).append("px\" role=\"group\" aria-labelledby=\"")
                .append(title).append("\" aria-describedby=\"").append(desc).append("\">\n<title id=\"").append(title)
                .append("\">The cost C over ").append(esc(xName)).append(" and ").append(esc(yName)).append(", with a gradient-descent path</title>\n<desc id=\"")
                .append(desc).append("\">Contour lines of C, which ranges over this window from ").append(esc(page.format(cMin)))
                .append(" (dark lines) to ").append(esc(page.format(cMax))).append(" (light lines). The path starts at C = ").append(esc(page.format(start[2])))
                .append(" and after ").append(s.path().size() - 1).append(" steps reaches C = ").append(esc(page.format(end[2])))
                .append(".</desc>\n<rect class=\"frame\" x=\"").append(fmt(SM)).append("\" y=\"").append(fmt(SM))
                .append("\" width=\"").append(fmt(SW)).append("\" height=\"").append(fmt(SW)).append("\"/>\n<g class=\"contours\" aria-hidden=\"true\">");
        for (ExplainPage.Contour c : s.contours()) {
            h.append("<path stroke=\"").append(BANDS[band(c.level(), cMin, cMax)]).append("\" d=\"");
            for (double[] g : c.segments()) {
                h.append('M').append(fmt2(sx.applyAsDouble(g[0]))).append(',').append(fmt2(sy.applyAsDouble(g[1])))
                        .append('L').append(fmt2(sx.applyAsDouble(g[2]))).append(',').append(fmt2(sy.applyAsDouble(g[3])));
            }
            h.append("\"><title>C = ").append(esc(page.format(c.level()))).append("</title></path>");
        }
        h.append("</g>\n<g class=\"axes\">");
        for (int i = 0; i < n; i += (n - 1) / 4) {
            h.append("<text x=\"").append(fmt(sx.applyAsDouble(s.xs()[i]))).append("\" y=\"").append(fmt(SM + SW + 16))
                    .append("\" text-anchor=\"middle\">").append(esc(tick(s.xs()[i]))).append("</text><text x=\"")
                    .append(fmt(SM - 6)).append("\" y=\"").append(fmt(sy.applyAsDouble(s.ys()[i]) + 4)).append("\" text-anchor=\"end\">")
                    .append(esc(tick(s.ys()[i]))).append("</text>");
        }
        h.append("<text x=\"").append(fmt(SM + SW / 2)).append("\" y=\"").append(fmt(SM + SW + 36)).append("\" text-anchor=\"middle\">")
                .append(esc(xName)).append("</text><text x=\"").append(fmt(12)).append("\" y=\"").append(fmt(SM + SW / 2))
                .append("\" text-anchor=\"middle\" transform=\"rotate(-90 12 ").append(fmt(SM + SW / 2)).append(")\">")
                .append(esc(yName)).append("</text>");
        for (int b = 0; b < BANDS.length; b++) { // the legend: a line of each colour at the height of its C
            double y = SM + SW - (b + 0.5) * SW / BANDS.length;
            h.append("<line x1=\"").append(fmt(SM + SW + 12)).append("\" y1=\"").append(fmt2(y)).append("\" x2=\"")
                    .append(fmt(SM + SW + 28)).append("\" y2=\"").append(fmt2(y)).append("\" style=\"stroke: ").append(BANDS[b])
                    .append("; stroke-width: 3\"/>");
        }
        h.append("<text x=\"").append(fmt(SM + SW + 32)).append("\" y=\"").append(fmt(SM + SW)).append("\">").append(esc(page.format(cMin)))
                .append("</text><text x=\"").append(fmt(SM + SW + 32)).append("\" y=\"").append(fmt(SM + 10)).append("\">")
                .append(esc(page.format(cMax))).append("</text></g>\n<polyline class=\"path\" points=\"");
        for (double[] p : s.path()) h.append(fmt2(sx.applyAsDouble(p[0]))).append(',').append(fmt2(sy.applyAsDouble(p[1]))).append(' ');
        h.append("\"/>\n");
        int[] marked = {0, 1, s.path().size() - 1};
        String[] names = {"start (this step's values)", "after 1 step (the update of section 5)", "after " + (s.path().size() - 1) + " steps"};
        for (int i = 0; i < marked.length; i++) {
            double[] p = s.path().get(marked[i]);
            String full = names[i] + ": " + xName + " = " + p[0] + ", " + yName + " = " + p[1] + ", C = " + p[2];
            h.append("<g class=\"marker\" tabindex=\"0\" data-value=\"").append(p[2]).append("\" aria-label=\"").append(esc(full))
                    .append("\"><title>").append(esc(full)).append("</title><circle cx=\"").append(fmt2(sx.applyAsDouble(p[0])))
                    .append("\" cy=\"").append(fmt2(sy.applyAsDouble(p[1]))).append("\" r=\"").append(i == 1 ? 3 : 6).append("\"/></g>\n");
        }
        h.append("</svg>\n<figcaption>C over ").append(esc(xName)).append(" and ").append(esc(yName))
                .append(" with every other weight and bias fixed: contour lines of equal C, dark = low. The path is ")
                .append(s.path().size() - 1).append(" steps of ω⁺ = ω − η∂C/∂ω (η = ").append(esc(page.format(s.eta())))
                .append(") on these two alone, from C = ").append(esc(page.format(start[2]))).append(" to C = ")
                .append(esc(page.format(end[2]))).append(".</figcaption>\n<p class=\"readout\" aria-live=\"polite\"></p>\n</figure>\n");
    }

    /** An axis tick: three significant digits (the numbers of the step carry the page's digits; ticks do not). */
    private static String tick(double v) {
        if (Math.abs(v) < 1e-9) return "0";
        String t = new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return t.startsWith("-") ? "−" + t.substring(1) : t;
    }

    private static String fmt2(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static void bundleLine(StringBuilder h, double x1, double y1, double x2, double y2) {
        h.append("<line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"").append(fmt(x2))
                .append("\" y2=\"").append(fmt(y2)).append("\"/>");
    }

    private static void line(StringBuilder h, double x, double y, String text) {
        h.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"middle\">")
                .append(esc(text)).append("</text>");
    }

    private static double x(int layer) {
        return MARGIN_X + COLUMN * layer;
    }

    private static double y(int index, int size, int rows) {
        return TOP + ROW * ((rows - size) / 2.0 + index) + R;
    }

    private static String sub(int n) {
        StringBuilder s = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) s.append((char) ('₀' + (c - '0')));
        return s.toString();
    }

    private static String sup(int layer) {
        String digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder s = new StringBuilder("⁽");
        for (char c : Integer.toString(layer).toCharArray()) s.append(digits.charAt(c - '0'));
        return s.append('⁾').toString();
    }
}
