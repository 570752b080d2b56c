package io.mlp4j.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CSV file of numeric features and a label (classification) or numeric targets (regression).
 *
 * <pre>{@code
 * Dataset iris = CsvReader.classification().label("species").read(Path.of("iris.csv"));
 * Dataset houses = CsvReader.regression().targets("price").read(Path.of("houses.csv"));
 * }</pre>
 *
 * <p>Columns are named by their header name or by 0-based index (−1 is the last column, the default label).
 * Every bad cell is an {@link InvalidDataException} naming the file, line and column. Parsing of quotes and
 * separators is FastCSV's (RFC 4180).
 */
public final class CsvReader {
    private final boolean classification;
    private boolean header = true;
    private char separator = ',';
    private List<String> targetColumns = List.of("-1");
    private List<String> knownClasses;
    private boolean ignoreTargets;
    private List<String> featureColumns;

    private CsvReader(boolean classification) {
        this.classification = classification;
    }

    /** A reader for classification: one label column whose values become class indices. */
    public static CsvReader classification() {
        return new CsvReader(true);
    }

    /** A reader for regression: one or more numeric target columns. */
    public static CsvReader regression() {
        return new CsvReader(false);
    }

    /** A reader for features alone (data to predict on): every column is a numeric feature. */
    public static CsvReader unlabeled() {
        CsvReader r = new CsvReader(false);
        r.targetColumns = List.of();
        return r;
    }

    /**
     * A reader for features alone that skips one column, unread (the label of a test file being predicted on).
     */
    public static CsvReader unlabeledIgnoring(String column) {
        CsvReader r = new CsvReader(false);
        r.targetColumns = List.of(column);
        r.ignoreTargets = true;
        return r;
    }

    /** Whether the first line names the columns (default true). */
    public CsvReader header(boolean header) {
        this.header = header;
        return this;
    }

    public CsvReader separator(char separator) {
        this.separator = separator;
        return this;
    }

    /** The label column (classification), by header name or 0-based index; default −1, the last column. */
    public CsvReader label(String column) {
        this.targetColumns = List.of(column);
        return this;
    }

    /** The target columns (regression), by header name or 0-based index. */
    public CsvReader targets(String... columns) {
        if (columns.length == 0) throw new IllegalArgumentException("name at least one target column");
        this.targetColumns = List.of(columns);
        return this;
    }

    /**
     * The classes labels must belong to, in index order (a test file read with the training file's classes, or a
     * model's). Without it, the classes are the distinct labels, in numeric order when all are integers.
     */
    public CsvReader classes(List<String> names) {
        this.knownClasses = List.copyOf(names);
        return this;
    }

    /**
     * Reads exactly these feature columns, found by header name, in this order (a model's features, whatever order
     * the file has them in); other columns are not read. Without a header, columns go by position as usual.
     */
    public CsvReader features(List<String> names) {
        this.featureColumns = List.copyOf(names);
        return this;
    }

    public Dataset read(Path file) throws IOException {
        String name = checkText(file);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, name);
        } catch (java.nio.charset.MalformedInputException | java.nio.charset.UnmappableCharacterException e) {
            throw notUtf8(file, name);
        }
    }

    /**
     * Checks the label or target columns against the file's first line, reading nothing more: a column the file does
     * not have is an {@link UnknownColumnException}, found before a large file is parsed.
     */
    public void checkColumns(Path file) throws IOException {
        String name = checkText(file);
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             de.siegmar.fastcsv.reader.CsvReader<CsvRecord> csv = fastCsv(withoutBom(in))) {
            java.util.Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) throw new InvalidDataException(name + ": empty file, no header and no data rows");
            CsvRecord first = records.next();
            resolveTargets(header ? trimmed(first.getFields()) : null, first.getFieldCount(), name);
        } catch (java.nio.charset.MalformedInputException | java.nio.charset.UnmappableCharacterException e) {
            throw notUtf8(file, name);
        } catch (CsvParseException e) {
            throw new InvalidDataException(name + ": " + parseProblem(e, null), e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.charset.CharacterCodingException) throw notUtf8(file, name);
            throw e.getCause();
        }
    }

    /** A label or target column the file does not have (a wrong option more than a wrong file). */
    public static final class UnknownColumnException extends InvalidDataException {
        public UnknownColumnException(String message) {
            super(message);
        }
    }

    /** The file must exist, be a regular non-empty file, and not be a known binary format; returns its name. */
    private static String checkText(Path file) throws IOException {
        InputFiles.requireReadable(file);
        String name = file.getFileName().toString();
        java.util.Optional<String> binary = FileKinds.describe(FileKinds.head(file));
        if (binary.isPresent()) throw new InvalidDataException(name + " looks like " + binary.get() + ", not CSV text");
        return name;
    }

    /** Where the first byte that is not UTF-8 is: the decoder says only that there is one. */
    private static InvalidDataException notUtf8(Path file, String name) throws IOException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        java.nio.ByteBuffer in = java.nio.ByteBuffer.allocate(1 << 16);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(1 << 16);
        long offset = 0, line = 1;
        try (java.nio.channels.ReadableByteChannel ch = Files.newByteChannel(file)) {
            boolean end = false;
            while (true) {
                if (!end && ch.read(in) < 0) end = true;
                in.flip();
                int start = in.position();
                java.nio.charset.CoderResult result = decoder.decode(in, out, end);
                offset += in.position() - start;
                out.flip();
                while (out.hasRemaining()) if (out.get() == '\n') line++;
                out.clear();
                if (result.isError()) break;
                if (end && !in.hasRemaining()) {
                    return new InvalidDataException(name + ": not UTF-8 text; save it as UTF-8");
                }
                in.compact();
            }
        }
        return new InvalidDataException(name + ": line " + line + ": not UTF-8 at byte offset " + offset
                + "; save the file as UTF-8 (it may be Latin-1 or Windows-1252)");
    }

    public Dataset read(String text, String name) throws InvalidDataException {
        try {
            return read(new StringReader(text), name);
        } catch (InvalidDataException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does no I/O
        }
    }

    /** Reads CSV text; {@code name} names the source in errors. */
    public Dataset read(Reader in, String name) throws IOException {
        List<CsvRecord> records = new ArrayList<>();
        QuoteTracker quotes = new QuoteTracker(withoutBom(in), separator);
        try (de.siegmar.fastcsv.reader.CsvReader<CsvRecord> csv = fastCsv(quotes)) {
            for (CsvRecord r : csv) records.add(r);
        } catch (CsvParseException e) {
            throw new InvalidDataException(name + ": " + parseProblem(e, quotes), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (quotes.inside()) throw new InvalidDataException(name + ": " + unclosedQuote(quotes));
        if (records.isEmpty()) throw new InvalidDataException(name + ": empty file, no header and no data rows");
        List<String> columns = header ? trimmed(records.get(0).getFields()) : null;
        int width = records.get(0).getFieldCount();
        int firstData = header ? 1 : 0;
        if (header && columns.stream().allMatch(CsvReader::isNumber)) { // also when it is the only line
            throw new InvalidDataException(name + ": line 1 holds only numbers, so it looks like data, not a header"
                    + " (if the file has no header line, say so: --no-header)");
        }
        if (records.size() <= firstData) throw new InvalidDataException(name + ": no data rows after the header");
        int[] targets = resolveTargets(columns, width, name);
        return parse(records, firstData, columns, width, targets, features(columns, width, targets, name), name);
    }

    /** The feature columns in input order: those named by {@link #features}, or every column that is not a target. */
    private int[] features(List<String> columns, int width, int[] targets, String name) throws InvalidDataException {
        Set<Integer> targetSet = new java.util.HashSet<>();
        for (int t : targets) targetSet.add(t);
        if (featureColumns != null && columns != null) {
            int[] idx = new int[featureColumns.size()];
            for (int f = 0; f < idx.length; f++) {
                idx[f] = columns.indexOf(featureColumns.get(f));
                if (idx[f] < 0 || targetSet.contains(idx[f])) {
                    throw new InvalidDataException(name + ": no feature column named '" + abbreviate(featureColumns.get(f))
                            + "'; the features are " + abbreviate(featureColumns) + ", the header has " + abbreviate(columns));
                }
            }
            return idx;
        }
        int[] idx = new int[width - targets.length];
        for (int c = 0, f = 0; c < width; c++) if (!targetSet.contains(c)) idx[f++] = c;
        return idx;
    }

    private static boolean isNumber(String s) {
        return s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    }

    private de.siegmar.fastcsv.reader.CsvReader<CsvRecord> fastCsv(Reader in) {
        return de.siegmar.fastcsv.reader.CsvReader.builder().fieldSeparator(separator).skipEmptyLines(true)
                .ignoreDifferentFieldCount(true).ofCsvRecord(in);
    }

    /**
     * FastCSV's limits, as one line with the line number: its own messages name neither the file nor the line. A
     * field that outgrows the buffer is nearly always a quote that never closes, so that is said when it is one.
     */
    private static String parseProblem(CsvParseException e, QuoteTracker quotes) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("started in line (\\d+)").matcher(String.valueOf(e.getMessage()));
        String line = m.find() ? m.group(1) : "1";
        String cause = String.valueOf((e.getCause() != null ? e.getCause() : e).getMessage()).replace('\n', ' ');
        if (cause.startsWith("Maximum number of fields exceeded")) {
            return "line " + line + " has more than " + cause.replaceAll("\\D+", "") + " fields, more than mlp4j reads"
                    + " (is the separator right?)";
        }
        if (quotes != null && quotes.inside()) return unclosedQuote(quotes);
        if (cause.startsWith("The maximum buffer size")) {
            return "line " + line + ": a field longer than " + cause.replaceAll("^\\D+(\\d+).*$", "$1")
                    + " characters, more than mlp4j reads";
        }
        return "line " + line + ": " + cause;
    }

    private static String unclosedQuote(QuoteTracker quotes) {
        return "line " + quotes.openedOn() + ": a quoted field starts here and is never closed (a \" without its"
                + " closing \"); check the quotes on that line";
    }

    /**
     * Passes the text through to FastCSV while following RFC 4180's quoting, to know where a quote that never closes
     * was opened: FastCSV would read the rest of the file into that one field and report a field count.
     */
    private static final class QuoteTracker extends java.io.FilterReader {
        private static final int FIELD_START = 0, UNQUOTED = 1, QUOTED = 2, QUOTE_IN_QUOTED = 3;
        private final char separator;
        private int state = FIELD_START;
        private long line = 1, openedOn;
        private boolean afterCr;

        QuoteTracker(Reader in, char separator) {
            super(in);
            this.separator = separator;
        }

        boolean inside() {
            return state == QUOTED;
        }

        long openedOn() {
            return openedOn;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) follow((char) c);
            return c;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            for (int i = 0; i < n; i++) follow(buf[off + i]);
            return n;
        }

        private void follow(char c) {
            boolean lineBreak = c == '\r' || c == '\n';
            if (c == '\r' || (c == '\n' && !afterCr)) line++;
            afterCr = c == '\r';
            boolean ends = c == separator || lineBreak;
            state = switch (state) {
                case FIELD_START -> {
                    if (c != '"') yield ends ? FIELD_START : UNQUOTED;
                    openedOn = line;
                    yield QUOTED;
                }
                case UNQUOTED -> ends ? FIELD_START : UNQUOTED;
                case QUOTED -> c == '"' ? QUOTE_IN_QUOTED : QUOTED;
                default -> c == '"' ? QUOTED : ends ? FIELD_START : UNQUOTED; // "" inside quotes is an escaped quote
            };
        }
    }

    /** Skips a UTF-8 byte-order mark, which would otherwise stick to the first header name. */
    private static Reader withoutBom(Reader in) throws IOException {
        java.io.PushbackReader pushback = new java.io.PushbackReader(in, 1);
        int first = pushback.read();
        if (first >= 0 && first != '\uFEFF') pushback.unread(first);
        return pushback;
    }

    private int[] resolveTargets(List<String> columns, int width, String name) throws UnknownColumnException {
        int[] idx = new int[targetColumns.size()];
        for (int t = 0; t < idx.length; t++) {
            idx[t] = resolve(targetColumns.get(t), columns, width, name);
            for (int u = 0; u < t; u++) {
                if (idx[u] == idx[t]) throw new UnknownColumnException(name + ": target column " + targetColumns.get(t) + " named twice");
            }
        }
        if (idx.length == 0 && !classification) return idx; // unlabeled(): features only
        if (classification && idx.length != 1) {
            throw new IllegalArgumentException("classification takes one label column, got " + targetColumns);
        }
        if (idx.length >= width) {
            throw new UnknownColumnException(name + ": " + width + " columns leave no feature columns besides the targets");
        }
        return idx;
    }

    private static int resolve(String column, List<String> columns, int width, String name) throws UnknownColumnException {
        if (columns != null) {
            int byName = columns.indexOf(column.trim());
            if (byName >= 0) return byName;
        }
        try {
            int i = Integer.parseInt(column.trim());
            int index = i < 0 ? width + i : i;
            if (index < 0 || index >= width) {
                throw new UnknownColumnException(name + ": column index " + i + " is outside the " + width + " columns (0.."
                        + (width - 1) + ", or −1 for the last)");
            }
            return index;
        } catch (NumberFormatException e) {
            throw new UnknownColumnException(name + ": no column named '" + abbreviate(column) + "'"
                    + (columns == null ? " (the file has no header: use a 0-based index)" : "; the header has " + columns));
        }
    }

    private Dataset parse(List<CsvRecord> records, int firstData, List<String> columns, int width, int[] targets,
                          int[] features, String name) throws InvalidDataException {
        int featureCount = features.length;
        int rows = records.size() - firstData;
        float[][] x = new float[rows][featureCount];
        float[][] y = classification ? null : new float[rows][ignoreTargets ? 0 : targets.length];
        String[] rawLabels = classification ? new String[rows] : null;
        List<String> featureNames = new ArrayList<>();
        for (int c : features) featureNames.add(columns != null ? columns.get(c) : "column " + c);
        for (int r = 0; r < rows; r++) {
            CsvRecord rec = records.get(firstData + r);
            long line = rec.getStartingLineNumber();
            if (rec.getFieldCount() != width) {
                throw new InvalidDataException(name + ": line " + line + " has " + rec.getFieldCount()
                        + (rec.getFieldCount() == 1 ? " field" : " fields") + ", expected "
                        + width + (header ? " (as in the header)" : " (as in the first line)"));
            }
            for (int f = 0; f < featureCount; f++) x[r][f] = number(rec.getField(features[f]), name, line, features[f], columns);
            if (classification) {
                rawLabels[r] = rec.getField(targets[0]).trim();
                if (rawLabels[r].isEmpty()) {
                    throw new InvalidDataException(where(name, line, targets[0], columns) + ": empty label");
                }
            } else if (!ignoreTargets) {
                for (int t = 0; t < targets.length; t++) y[r][t] = number(rec.getField(targets[t]), name, line, targets[t], columns);
            }
        }
        if (!classification) return Dataset.regression(x, y, featureNames);
        List<String> classes = knownClasses != null ? knownClasses : classesOf(rawLabels);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) index.putIfAbsent(classes.get(i), i);
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            Integer i = index.get(rawLabels[r]);
            if (i == null) {
                long line = records.get(firstData + r).getStartingLineNumber();
                throw new InvalidDataException(where(name, line, targets[0], columns) + ": label '" + abbreviate(rawLabels[r])
                        + "' is not one of the known classes " + abbreviate(classes));
            }
            labels[r] = i;
        }
        return Dataset.classification(x, labels, classes, featureNames);
    }

    /** Distinct labels: in numeric order when every label is an integer, else in text order. */
    private static List<String> classesOf(String[] labels) {
        Set<String> distinct = new LinkedHashSet<>(List.of(labels));
        List<String> sorted = new ArrayList<>(distinct);
        boolean numeric = sorted.stream().allMatch(s -> s.matches("-?\\d{1,18}"));
        sorted.sort(numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
        return sorted;
    }

    private static float number(String cell, String name, long line, int column, List<String> columns)
            throws InvalidDataException {
        String s = cell.trim();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("nan") || lower.contains("inf")) {
            throw new InvalidDataException(where(name, line, column, columns) + ": " + abbreviate(s) + " is not allowed (values must be finite)");
        }
        if (s.isEmpty() || !isNumber(s)) {
            throw new InvalidDataException(where(name, line, column, columns) + ": '" + abbreviate(s) + "' is not a number");
        }
        float v = Float.parseFloat(s);
        if (!Float.isFinite(v)) {
            throw new InvalidDataException(where(name, line, column, columns) + ": " + abbreviate(s) + " is outside the float range");
        }
        return v;
    }

    private static String where(String name, long line, int column, List<String> columns) {
        return name + ": line " + line + ", column " + column + (columns != null ? " ('" + abbreviate(columns.get(column)) + "')" : "");
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o).replace("\r", "\\r").replace("\n", "\\n"); // one line, whatever a quoted cell holds
        return s.length() > 60 ? s.substring(0, 57) + "…" : s;
    }

    private static List<String> trimmed(List<String> fields) {
        return fields.stream().map(String::trim).toList();
    }
}
