package io.mlp4j.cli;

import io.mlp4j.explain.ExplainPage;

import static io.mlp4j.cli.ExplainHtml.esc;
import static io.mlp4j.cli.ExplainHtml.fmt;

/**
 * Draws the network of one {@link ExplainPage.Part} as SVG, like the blog's Figure 8: inputs on the left, a column per
 * layer, each neuron with its a, z and b, each edge labelled with its weight; the edge's width grows with |w|, and its
 * colour and dash say the sign (blue solid positive, red dashed negative). Every neuron and edge is focusable and
 * carries its full-precision values in a {@code <title>}.
 */
final class ExplainSvg {
    private static final double COLUMN = 270, ROW = 150, MARGIN_X = 90, TOP = 30, R = 26, LABEL_AT = 0.3;

    private ExplainSvg() {
    }

    static void draw(StringBuilder h, ExplainPage page, ExplainPage.Part p, String id) {
        int layers = p.neurons().stream().mapToInt(ExplainPage.Neuron::layer).max().orElse(0);
        int[] size = new int[layers + 1];
        for (ExplainPage.Neuron n : p.neurons()) size[n.layer()]++;
        int rows = 0;
        for (int s : size) rows = Math.max(rows, s);
        double width = 2 * MARGIN_X + COLUMN * layers, height = TOP + ROW * rows + 10;
        String title = id + "-svg-t", desc = id + "-svg-d";
        h.append("<figure>\n<svg class=\"net\" viewBox=\"0 0 ").append(fmt(width)).append(' ').append(fmt(height))
                .append("\" style=\"max-width: ").append(fmt(width)).append("px\" role=\"group\" aria-labelledby=\"").append(title).append("\" aria-describedby=\"").append(desc)
                .append("\">\n<title id=\"").append(title).append("\">The network: ").append(p.neurons().size())
                .append(" neurons and ").append(p.edges().size()).append(" weighted edges</title>\n<desc id=\"")
                .append(desc).append("\">Inputs on the left, one column per layer. Each neuron shows its activation a, "
                        + "its weighted input z and its bias b; each edge its weight. Tab through the neurons and edges "
                        + "to hear or see each value at full precision.</desc>\n");
        double maxW = p.edges().stream().mapToDouble(e -> Math.abs(e.w())).max().orElse(1);
        for (ExplainPage.Edge e : p.edges()) {
            double x1 = x(e.layer() - 1) + R, y1 = y(e.from(), size[e.layer() - 1], rows);
            double x2 = x(e.layer()) - R, y2 = y(e.to(), size[e.layer()], rows);
            String name = e.label() != null ? e.label() : "w" + sub(e.to() + 1) + "," + sub(e.from() + 1) + sup(e.layer());
            String full = name + " = " + e.w() + " (" + e.key() + ", from neuron " + (e.from() + 1) + " of layer "
                    + (e.layer() - 1) + " to neuron " + (e.to() + 1) + " of layer " + e.layer() + ")";
            double lx = x1 + LABEL_AT * (x2 - x1), ly = y1 + LABEL_AT * (y2 - y1);
            h.append("<g class=\"edge ").append(e.w() < 0 ? "neg" : "pos").append("\" tabindex=\"0\" data-value=\"")
                    .append(e.w()).append("\" aria-label=\"").append(esc(full)).append("\"><title>").append(esc(full))
                    .append("</title><line x1=\"").append(fmt(x1)).append("\" y1=\"").append(fmt(y1)).append("\" x2=\"")
                    .append(fmt(x2)).append("\" y2=\"").append(fmt(y2)).append("\" stroke-width=\"")
                    .append(fmt(1 + 5 * Math.abs(e.w()) / maxW)).append("\"/><text x=\"").append(fmt(lx))
                    .append("\" y=\"").append(fmt(ly - 6)).append("\" text-anchor=\"middle\">").append(esc(name))
                    .append(" = ").append(esc(page.format(e.w()))).append("</text></g>\n");
        }
        for (ExplainPage.Neuron n : p.neurons()) {
            double cx = x(n.layer()), cy = y(n.index(), size[n.layer()], rows);
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
                + "negative.</figcaption>\n<p class=\"readout\" aria-live=\"polite\"></p>\n</figure>\n");
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
