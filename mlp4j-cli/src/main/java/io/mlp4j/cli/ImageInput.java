package io.mlp4j.cli;

import io.mlp4j.data.InvalidDataException;
import io.mlp4j.model.ModelInput;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A PNG or JPEG turned into a model input the way MNIST's digits were made: grey levels, a light digit on a dark
 * background (a dark-on-light picture is inverted), the ink's bounding box scaled to fit 20×20 pixels, then placed
 * by its centre of mass in the middle of a side×side image (side = √inputs, 28 for MNIST), scaled to [0, 1].
 */
final class ImageInput {
    /** Grey levels above this (0 paper, 1 ink) count as ink. */
    private static final float INK = 0.1f;
    /**
     * The largest width or height decoded, read from the image's header before any pixel is: 8192 covers a
     * 48-megapixel phone photo (8000×6000); a 20000×20000 PNG of 1.5 MB would otherwise take 5 GB and half a minute.
     */
    static final int MAX_SIDE = 8192;

    private ImageInput() {
    }

    /** PNG, JPEG, GIF or BMP, by their first bytes: the formats the JDK decodes. */
    static boolean isImage(byte[] head) {
        boolean png = head.length >= 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        boolean jpeg = head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF;
        boolean gif = head.length >= 4 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F' && head[3] == '8';
        boolean bmp = head.length >= 10 && head[0] == 'B' && head[1] == 'M' && head[6] == 0 && head[7] == 0 && head[8] == 0
                && head[9] == 0;
        return png || jpeg || gif || bmp;
    }

    /** Decodes an image after reading its width and height from the header: a huge one is refused, undecoded. */
    static BufferedImage decode(byte[] bytes, String name) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) throw new InvalidDataException(name + ": not a readable PNG, JPEG, GIF or BMP image");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0), height = reader.getHeight(0);
                if (width > MAX_SIDE || height > MAX_SIDE) {
                    throw new InvalidDataException(name + ": " + width + "×" + height + " pixels is larger than mlp4j reads"
                            + " (at most " + MAX_SIDE + " on a side); scale the image down first");
                }
                return reader.read(0);
            } catch (javax.imageio.IIOException | IndexOutOfBoundsException e) {
                throw new InvalidDataException(name + ": a broken " + reader.getFormatName() + " image (" + e.getMessage() + ")");
            } finally {
                reader.dispose();
            }
        }
    }

    static float[] toInput(byte[] bytes, String name, ModelInput.Image shape) throws IOException {
        if (shape.channels() != 1 || shape.height() != shape.width()) {
            throw new IllegalArgumentException("the model expects " + shape.describe() + "; only square grey images are read"
                    + " from PNG or JPEG: give " + name + " as an IDX file");
        }
        int side = shape.height();
        BufferedImage img = decode(bytes, name);
        if (img == null) throw new InvalidDataException(name + ": not a readable PNG or JPEG image");
        int least = (side + 3) / 4; // a quarter of the model's side: a 1×1 or 4×4 picture holds nothing to recognize
        if (img.getWidth() < least || img.getHeight() < least) {
            throw new InvalidDataException(name + " is " + img.getWidth() + "×" + img.getHeight() + " pixels, far smaller than"
                    + " the model's " + shape.dimensions() + " images (at least " + least + "×" + least + ")");
        }
        float[][] grey = grey(img);
        if (range(grey) <= INK) return new float[side * side]; // one flat colour, of any shade: blank, nothing drawn
        if (borderMean(grey) > 0.5f) invert(grey); // MNIST digits are light on dark
        return centred(grey, side);
    }

    private static float[][] grey(BufferedImage img) {
        float[][] g = new float[img.getHeight()][img.getWidth()];
        for (int y = 0; y < g.length; y++) {
            for (int x = 0; x < g[0].length; x++) {
                int rgb = img.getRGB(x, y);
                float alpha = ((rgb >>> 24) & 0xFF) / 255f;
                float lum = (0.299f * ((rgb >> 16) & 0xFF) + 0.587f * ((rgb >> 8) & 0xFF) + 0.114f * (rgb & 0xFF)) / 255f;
                g[y][x] = alpha * lum + (1 - alpha); // transparent pixels count as white paper
            }
        }
        return g;
    }

    /** max − min of the grey levels. */
    private static float range(float[][] g) {
        float lo = 1, hi = 0;
        for (float[] row : g) {
            for (float v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi - lo;
    }

    private static float borderMean(float[][] g) {
        double sum = 0;
        int n = 0;
        for (int x = 0; x < g[0].length; x++) {
            sum += g[0][x] + g[g.length - 1][x];
            n += 2;
        }
        for (int y = 0; y < g.length; y++) {
            sum += g[y][0] + g[y][g[0].length - 1];
            n += 2;
        }
        return (float) (sum / n);
    }

    private static void invert(float[][] g) {
        for (float[] row : g) for (int x = 0; x < row.length; x++) row[x] = 1 - row[x];
    }

    private static float[] centred(float[][] g, int side) {
        int h = g.length, w = g[0].length, top = h, bottom = -1, left = w, right = -1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (g[y][x] > INK) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        if (bottom < 0) return new float[side * side]; // a blank image
        int bw = right - left + 1, bh = bottom - top + 1;
        double box = side * 20.0 / 28.0;
        double scale = box / Math.max(bw, bh);
        int sw = Math.max(1, (int) Math.round(bw * scale)), sh = Math.max(1, (int) Math.round(bh * scale));
        BufferedImage crop = new BufferedImage(bw, bh, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                int v = Math.round(g[top + y][left + x] * 255);
                crop.getRaster().setSample(x, y, 0, v);
            }
        }
        BufferedImage small = new BufferedImage(sw, sh, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D gr = small.createGraphics();
        gr.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        gr.drawImage(crop, 0, 0, sw, sh, null);
        gr.dispose();
        double mass = 0, cx = 0, cy = 0;
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                double v = small.getRaster().getSample(x, y, 0) / 255.0;
                mass += v;
                cx += v * x;
                cy += v * y;
            }
        }
        int ox = (int) Math.round(side / 2.0 - (mass > 0 ? cx / mass : sw / 2.0));
        int oy = (int) Math.round(side / 2.0 - (mass > 0 ? cy / mass : sh / 2.0));
        float[] out = new float[side * side];
        for (int y = 0; y < sh; y++) {
            for (int x = 0; x < sw; x++) {
                int tx = x + ox, ty = y + oy;
                if (tx >= 0 && tx < side && ty >= 0 && ty < side) out[ty * side + tx] = small.getRaster().getSample(x, y, 0) / 255f;
            }
        }
        return out;
    }
}
