package io.mlp4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognizes common binary files by their first bytes, so that a reader expecting text can say what it was given
 * ("looks like a GIF image, not CSV") instead of a decoding error.
 */
public final class FileKinds {
    /** How many bytes {@link #describe(byte[])} looks at, at most. */
    public static final int HEAD_BYTES = 4096;

    private FileKinds() {
    }

    /** The first {@link #HEAD_BYTES} bytes of a file (fewer if it is shorter). */
    public static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        }
    }

    /**
     * What a file that starts with {@code head} is, when it is a known binary format or not text at all, e.g.
     * "a GIF image", "gzip-compressed data"; empty for anything that may be text.
     */
    public static Optional<String> describe(byte[] head) {
        String kind = known(head);
        if (kind != null) return Optional.of(kind);
        for (int i = 0; i < Math.min(head.length, HEAD_BYTES); i++) {
            if (head[i] == 0) return Optional.of("binary data (a NUL byte at offset " + i + ")");
        }
        return Optional.empty();
    }

    private static String known(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G')) return "a PNG image";
        if (starts(b, 0xFF, 0xD8, 0xFF)) return "a JPEG image";
        if (starts(b, 'G', 'I', 'F', '8')) return "a GIF image";
        if (starts(b, 'B', 'M') && b.length >= 10 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0) return "a BMP image";
        if (starts(b, 'I', 'I', '*', 0) || starts(b, 'M', 'M', 0, '*')) return "a TIFF image";
        if (starts(b, 'R', 'I', 'F', 'F') && b.length >= 12 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "a WebP image";
        }
        if (starts(b, 0x1F, 0x8B)) return "gzip-compressed data (decompress it first)";
        if (starts(b, 'P', 'K', 3, 4)) return "a ZIP archive (an Excel .xlsx workbook? save it as CSV)";
        if (starts(b, 0xD0, 0xCF, 0x11, 0xE0)) return "an Office document (an Excel .xls workbook? save it as CSV)";
        if (starts(b, '%', 'P', 'D', 'F')) return "a PDF document";
        if (starts(b, 0xFF, 0xFE) || starts(b, 0xFE, 0xFF)) return "UTF-16 text (save it as UTF-8)";
        if (starts(b, 0, 0, 8, 1) || starts(b, 0, 0, 8, 3)) return "an IDX file (MNIST format)";
        if (b.length >= 9 && b[8] == '{' && b[6] == 0 && b[7] == 0) return "a safetensors file (a model?)";
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != (prefix[i] & 0xFF)) return false;
        }
        return true;
    }
}
