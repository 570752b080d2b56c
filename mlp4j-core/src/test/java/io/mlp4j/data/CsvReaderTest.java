package io.mlp4j.data;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvReaderTest {
    static final String IRIS = """
            sepal_length,sepal_width,species
            5.1,3.5,setosa
            7.0,3.2,versicolor
            6.3,3.3,virginica
            4.9,3.0,setosa
            """;

    @Test
    void classificationWithAHeaderAndANamedLabel() throws Exception {
        Dataset d = CsvReader.classification().label("species").read(IRIS, "iris.csv");
        assertEquals(4, d.size());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals(List.of("sepal_length", "sepal_width"), d.featureNames());
        assertArrayEquals(new int[] {0, 1, 2, 0}, d.labels());
        assertArrayEquals(new float[] {7.0f, 3.2f}, d.features()[1]);
        assertArrayEquals(new float[] {0, 1, 0}, d.targets()[1]);
    }

    @Test
    void labelByIndexWithoutHeaderAndNumericClassOrder() throws Exception {
        Dataset d = CsvReader.classification().header(false).label("0").read("10,1.5\n2,2.5\n2,0\n", "n.csv");
        assertEquals(List.of("2", "10"), d.classNames(), "integers in numeric order, not text order");
        assertArrayEquals(new int[] {1, 0, 0}, d.labels());
        assertEquals(List.of("column 1"), d.featureNames());
    }

    @Test
    void regressionWithSeveralTargets() throws Exception {
        Dataset d = CsvReader.regression().targets("y1", "y2").read("x,y1,y2\n1,2,3\n4,5,6\n", "r.csv");
        assertNull(d.labels());
        assertArrayEquals(new float[] {5, 6}, d.targets()[1]);
        assertArrayEquals(new float[] {4}, d.features()[1]);
    }

    @Test
    void quotedFieldsAndAByteOrderMark() throws Exception {
        Dataset d = CsvReader.classification().label("name").read("\uFEFFa,name\n1,\"x, y\"\n2,z\n", "q.csv");
        assertEquals(List.of("x, y", "z"), d.classNames());
    }

    private static String error(CsvReader r, String csv) {
        return assertThrows(InvalidDataException.class, () -> r.read(csv, "d.csv")).getMessage();
    }

    @Test
    void everyBadCellNamesLineAndColumn() {
        CsvReader r = CsvReader.classification().label("species");
        assertEquals("d.csv: line 3, column 1 ('sepal_width'): 'abc' is not a number",
                error(r, "sepal_length,sepal_width,species\n1,2,a\n1,abc,b\n"));
        assertEquals("d.csv: line 2, column 0 ('sepal_length'): NaN is not allowed (values must be finite)",
                error(r, "sepal_length,sepal_width,species\nNaN,2,a\n"));
        assertEquals("d.csv: line 2, column 1 ('sepal_width'): -Infinity is not allowed (values must be finite)",
                error(r, "sepal_length,sepal_width,species\n1,-Infinity,a\n"));
        assertEquals("d.csv: line 2, column 0 ('sepal_length'): 1e99 is outside the float range",
                error(r, "sepal_length,sepal_width,species\n1e99,2,a\n"));
        assertEquals("d.csv: line 3 has 2 fields, expected 3 (as in the header)",
                error(r, "sepal_length,sepal_width,species\n1,2,a\n1,2\n"));
        assertEquals("d.csv: line 2, column 1 ('sepal_width'): '' is not a number",
                error(r, "sepal_length,sepal_width,species\n1,,a\n"));
        assertEquals("d.csv: no column named 'specie'; the header has [sepal_length, sepal_width, species]",
                error(CsvReader.classification().label("specie"), IRIS));
        assertEquals("d.csv: empty file, no header and no data rows", error(r, ""));
        assertEquals("d.csv: no data rows after the header", error(r, "sepal_length,sepal_width,species\n"));
        assertEquals("d.csv: line 2, column 2 ('species'): label 'virginica' is not one of the known classes [setosa, versicolor]",
                error(CsvReader.classification().label("species").classes(List.of("setosa", "versicolor")),
                        "sepal_length,sepal_width,species\n1,2,virginica\n"));
        assertEquals("d.csv: column index 5 is outside the 3 columns (0..2, or −1 for the last)",
                error(CsvReader.classification().label("5"), IRIS));
        assertEquals("d.csv: line 2, column 0 ('sepal_length'): '1.5f' is not a number",
                error(r, "sepal_length,sepal_width,species\n1.5f,2,a\n"));
    }

    @Test
    void featuresAreFoundByNameInAnyOrderAndOtherColumnsAreNotRead() throws Exception {
        Dataset d = CsvReader.classification().label("species").features(List.of("sepal_length", "sepal_width"))
                .read("species,id,sepal_width,sepal_length\nsetosa,x17,3.5,5.1\n", "r.csv");
        assertEquals(List.of("sepal_length", "sepal_width"), d.featureNames());
        assertArrayEquals(new float[] {5.1f, 3.5f}, d.features()[0]);
        assertEquals("d.csv: no feature column named 'sepal_width'; the features are [sepal_length, sepal_width], "
                        + "the header has [sepal_length, species]",
                error(CsvReader.classification().label("species").features(List.of("sepal_length", "sepal_width")),
                        "sepal_length,species\n1,a\n"));
    }

    @Test
    void aFirstLineOfNumbersIsNotTakenForAHeader() {
        // Otherwise the first sample would be dropped, silently.
        assertEquals("d.csv: line 1 holds only numbers, so it looks like data, not a header (if the file has no header line, "
                + "say so: --no-header)", error(CsvReader.unlabeled(), "1,2.5,-3e2\n4,5,6\n"));
        assertEquals("d.csv: line 1 holds only numbers, so it looks like data, not a header (if the file has no header line, "
                + "say so: --no-header)", error(CsvReader.unlabeled(), "5.1,3.5,1.4,0.2\n"), "a single row of numbers too");
        assertEquals(2, assertDoesNotThrow(() -> CsvReader.unlabeled().header(false).read("1,2.5,-3e2\n4,5,6\n", "d.csv")).size());
    }
}
