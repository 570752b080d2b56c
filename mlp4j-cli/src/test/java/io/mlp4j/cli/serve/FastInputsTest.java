package io.mlp4j.cli.serve;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The fast byte parser against Gson's reader (whose numbers come from the JDK's Double.parseDouble): the same floats,
 * bit for bit, for numbers written every way a client writes them, and a refusal (null) for everything else.
 */
class FastInputsTest {

    private static void assertSameAsGson(String json, int width) throws HttpProblem {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        InputsJson.Request fast = FastInputs.parse(body, width);
        assertNotNull(fast, json);
        InputsJson.Request gson = InputsJson.parseWithGson(body, width);
        assertEquals(gson.topK(), fast.topK(), json);
        assertEquals(gson.rows().length, fast.rows().length, json);
        for (int i = 0; i < gson.rows().length; i++) {
            for (int j = 0; j < width; j++) {
                assertEquals(Float.floatToRawIntBits(gson.rows()[i][j]), Float.floatToRawIntBits(fast.rows()[i][j]),
                        "value " + j + " of row " + i + " in " + (json.length() > 200 ? json.substring(0, 200) + "…" : json));
            }
        }
    }

    @Test
    void numbersWrittenEveryWayGiveGsonsFloats() throws HttpProblem {
        Random r = new Random(11);
        for (int round = 0; round < 300; round++) {
            StringBuilder s = new StringBuilder("{\"inputs\": [");
            for (int i = 0; i < 3; i++) {
                s.append(i > 0 ? ", [" : "[");
                for (int j = 0; j < 40; j++) {
                    double v = switch (r.nextInt(4)) {
                        case 0 -> r.nextFloat();
                        case 1 -> r.nextGaussian() * Math.pow(10, r.nextInt(60) - 30);
                        case 2 -> r.nextInt(256) / 255.0;
                        default -> (r.nextInt(2001) - 1000) / 7.0;
                    };
                    String text = switch (r.nextInt(6)) {
                        case 0 -> Float.toString((float) v);                          // Java clients: 0.003921569, 1.0E-5
                        case 1 -> Double.toString(v);                                 // 17 digits: Python's json.dumps
                        case 2 -> String.format(Locale.ROOT, "%.3f", v);
                        case 3 -> String.format(Locale.ROOT, "%.12e", v);             // exponents, 13 digits
                        case 4 -> Long.toString(Math.round(v * 1000));                // integers
                        default -> String.format(Locale.ROOT, "%.25f", v);            // too many digits: the slow path
                    };
                    s.append(j > 0 ? (r.nextBoolean() ? "," : " ,\n\t") : "").append(text);
                }
                s.append(']');
            }
            s.append("]").append(round % 3 == 0 ? ", \"top_k\": " + (1 + r.nextInt(9)) : "").append('}');
            assertSameAsGson(s.toString(), 40);
        }
    }

    @Test
    void edgeNumbers() throws HttpProblem {
        String[] edges = {"0", "-0", "0.0", "-0.0", "1e22", "1e23", "9007199254740993", "123456789012345678901234",
                "4.9e-324", "1.4e-45", "1e-46", "3.4028235e38", "-3.4028235E+38", "0.1", "2.5e-8",
                "1E0", "1e-22", "1e-23", "100000000000000000000000e-10", "0.30000000000000004"};
        for (String e : edges) assertSameAsGson("{\"inputs\":[[" + e + ", 1]]}", 2);
    }

    @Test
    void anythingElseIsLeftToGson() {
        String[] declined = {
            "{\"inputs\":[[1,2]], \"extra\": 1}", "{\"inp\\u0075ts\":[[1,2]]}", "{\"inputs\":[[1,2,3]]}",
            "{\"inputs\":[[1]]}", "{\"inputs\":[]}", "{\"inputs\":[[]]}", "{\"inputs\":[[NaN,1]]}",
            "{\"inputs\":[[1e39,1]]}", "{\"inputs\":[[3.4028236e38,1]]}", "{\"inputs\":[[01,1]]}", "{\"inputs\":[[1.,1]]}", "{\"inputs\":[[.5,1]]}",
            "{\"inputs\":[[1,2]]} x", "{\"inputs\":[[1,2]]", "{\"inputs\":[[1,2],]}", "{\"inputs\":[[\"1\",2]]}",
            "{\"top_k\": 0, \"inputs\":[[1,2]]}", "{\"top_k\": 2.0, \"inputs\":[[1,2]]}", "{\"inputs\":[[1,2]],\"inputs\":[[1,2]]}",
            "{\"top_k\": 1}", "{}", "", "[[1,2]]", "{\"inputs\":[[1,-]]}", "{\"inputs\":[[1,2e]]}"};
        for (String d : declined) assertNull(FastInputs.parse(d.getBytes(StandardCharsets.UTF_8), 2), d);
    }

    @Test
    void gsonNamesWhatIsWrong() {
        assertEquals("inputs[0] has more than 2 values; the model takes 2",
                assertThrows(HttpProblem.class, () -> InputsJson.parse("{\"inputs\":[[1,2,3]]}".getBytes(), 2)).getMessage());
        HttpProblem nan = assertThrows(HttpProblem.class, () -> InputsJson.parse("{\"inputs\":[[NaN,1]]}".getBytes(), 2));
        assertEquals(400, nan.status());
        HttpProblem huge = assertThrows(HttpProblem.class, () -> InputsJson.parse("{\"inputs\":[[1e39,1]]}".getBytes(), 2));
        assertEquals("inputs[0][0] is 1.0E39, beyond float32's range", huge.getMessage());
        HttpProblem field = assertThrows(HttpProblem.class, () -> InputsJson.parse("{\"input\":[[1,1]]}".getBytes(), 2));
        assertEquals("unknown field \"input\" (expected \"inputs\" and optionally \"top_k\")", field.getMessage());
    }

    @Test
    void aRowOfPixelsAsAJavaClientWritesIt() throws HttpProblem {
        float[] pixels = new float[784];
        Random r = new Random(3);
        for (int j = 0; j < pixels.length; j++) pixels[j] = r.nextInt(4) == 0 ? r.nextInt(256) / 255f : 0;
        StringBuilder s = new StringBuilder("{\"inputs\":[[");
        for (int j = 0; j < pixels.length; j++) s.append(j > 0 ? "," : "").append(pixels[j]);
        InputsJson.Request fast = FastInputs.parse(s.append("]]}").toString().getBytes(), 784);
        assertNotNull(fast);
        assertArrayEquals(pixels, fast.rows()[0]); // Float.toString reads back to the same float
    }
}
