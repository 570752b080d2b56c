package io.mlp4j.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Hostile-but-honest CSV input: each problem is one line naming the file, the line and what to do. */
class CsvReaderFilesTest {
    @TempDir
    Path tmp;

    private static String error(String csv) {
        return assertThrows(InvalidDataException.class,
                () -> CsvReader.classification().label("y").read(csv, "d.csv")).getMessage();
    }

    private String fileError(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return assertThrows(InvalidDataException.class, () -> CsvReader.classification().label("y").read(p)).getMessage();
    }

    @Test
    void aQuoteThatNeverClosesIsNamedWhereItOpens() throws Exception {
        String unclosed = "d.csv: line 4: a quoted field starts here and is never closed (a \" without its closing \");"
                + " check the quotes on that line";
        assertEquals(unclosed, error("a,b,y\n1,2,x\n3,4,y\n\"5,6,z\n7,8,x\n"));
        assertEquals(unclosed.replace("line 4", "line 3"), error("a,b,y\n1,2,x\n3,4,\"y\n5,6,z\n"));
        assertEquals(unclosed.replace("line 4", "line 3"), error("a,b,y\r\n1,2,x\r\n3,4,\"y\r\n5,6,z\r\n"));
        // closed quotes, escaped quotes and quotes inside a field are fine
        assertEquals(List.of("say \"hi\"", "x\"y"),
                CsvReader.classification().label("y").read("a,y\n1,\"say \"\"hi\"\"\"\n2,x\"y\n", "d.csv").classNames());
        // a closed quote spanning lines, in a number column: the cell is shown on one line
        assertEquals("d.csv: line 2, column 0 ('a'): '1\\n2' is not a number", error("a,b,y\n\"1\n2\",2,x\n"));
    }

    @Test
    void fastCsvsLimitsNameTheLine() {
        assertEquals("d.csv: line 3 has more than 16384 fields, more than mlp4j reads (is the separator right?)",
                error("a,b,y\n1,2,x\n" + ",".repeat(20_000) + "\n"));
        String longField = "x".repeat(17_000_000); // past FastCSV's 16 M-character buffer
        assertEquals("d.csv: line 3: a quoted field starts here and is never closed (a \" without its closing \");"
                + " check the quotes on that line", error("a,b,y\n1,2,x\n3,4,\"" + longField + "\n"));
    }

    @Test
    void binaryFilesAreNamedForWhatTheyAre() throws Exception {
        assertEquals("x.gif looks like a GIF image, not CSV text", fileError("x.gif", "GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1)));
        byte[] bmp = {'B', 'M', 70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0};
        assertEquals("x.csv looks like a BMP image, not CSV text", fileError("x.csv", bmp));
        assertEquals("x.csv looks like a ZIP archive (an Excel .xlsx workbook? save it as CSV), not CSV text",
                fileError("x.csv", new byte[] {'P', 'K', 3, 4, 20, 0}));
        assertEquals("x.csv looks like binary data (a NUL byte at offset 4), not CSV text",
                fileError("x.csv", new byte[] {'a', ',', 'y', '\n', 0, 1, 2}));
        // "BM" starting a header is text
        assertEquals(List.of("a", "b"), CsvReader.classification().label("y").read("BMI,y\n1,a\n2,b\n", "d.csv").classNames());
    }

    @Test
    void latin1TextIsFoundAtItsByte() throws Exception {
        assertEquals("l.csv: line 2: not UTF-8 at byte offset 12; save the file as UTF-8 (it may be Latin-1 or Windows-1252)",
                fileError("l.csv", "name,y\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void columnsAreCheckedFromTheFirstLineAlone() throws Exception {
        Path p = tmp.resolve("d.csv");
        Files.writeString(p, "a,b,y\n1,2,x\nnot,even,\"close\n");
        CsvReader.classification().label("y").checkColumns(p); // the rest of the file is not read
        CsvReader.classification().label("-1").checkColumns(p);
        assertEquals("d.csv: column index 99 is outside the 3 columns (0..2, or −1 for the last)",
                assertThrows(CsvReader.UnknownColumnException.class,
                        () -> CsvReader.classification().label("99").checkColumns(p)).getMessage());
        assertEquals("d.csv: no column named 'species'; the header has [a, b, y]",
                assertThrows(CsvReader.UnknownColumnException.class,
                        () -> CsvReader.classification().label("species").checkColumns(p)).getMessage());
        Files.writeString(p, "a,b,y\n1,2,x\n");
        assertThrows(CsvReader.UnknownColumnException.class, () -> CsvReader.classification().label("99").read(p));
    }

    @Test
    void aDirectoryOrDeviceIsNotAMissingFile() throws Exception {
        assertEquals(tmp + ": is a directory, not a file",
                assertThrows(FileSystemException.class, () -> CsvReader.classification().read(tmp)).getMessage());
        Path empty = Files.createFile(tmp.resolve("e.csv"));
        assertEquals(empty + ": is empty (0 bytes)",
                assertThrows(FileSystemException.class, () -> CsvReader.classification().read(empty)).getMessage());
    }
}
