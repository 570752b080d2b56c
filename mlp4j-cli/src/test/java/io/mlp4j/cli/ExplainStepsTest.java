package io.mlp4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mlp4j explain --steps N --eta η}: section 8's path and its step-through control; the flags' usage errors. */
class ExplainStepsTest {
    @TempDir
    Path tmp;

    @Test
    void theStepsAndEtaFeedSectionEightsPathAndItsControl() throws Exception {
        Path page = tmp.resolve("steps.html");
        CliRun r = CliRun.of("explain", "--example", "2-2-2", "--steps", "5", "--eta", "0.5", "--html", page.toString());
        assertEquals(0, r.exitCode(), r.err());
        String html = Files.readString(page);
        // the control: a labelled range over steps 0..5 with previous/next buttons, hidden until the script shows it
        assertTrue(html.contains("<div class=\"stepper\" id=\"part0-steps\" hidden>"), "the control, hidden without scripts");
        assertTrue(html.contains("<label for=\"part0-steps-range\">Step through the 5 steps (η = 0.5)</label>"));
        assertTrue(html.contains("<input type=\"range\" id=\"part0-steps-range\" min=\"0\" max=\"5\" step=\"1\" value=\"0\">"));
        assertTrue(html.contains("aria-label=\"Previous step\"") && html.contains("aria-label=\"Next step\""));
        assertTrue(html.contains("<p class=\"step-readout\" aria-live=\"polite\">Step 0 of 5: ω5 = 0.7, ω7 = 0.5, C = 0.19375,"
                + " a1 = 0.712257, a2 = 0.533098</p>"));
        // the numbers as JSON, six points of ω5, ω7, C, a1, a2 (values: the blog's equations in plain Python floats)
        Matcher json = Pattern.compile("<script type=\"application/json\" class=\"step-data\">(.*?)</script>").matcher(html);
        assertTrue(json.find(), "the steps' JSON");
        assertTrue(json.group(1).startsWith("{\"steps\":5,\"points\":[{\"v\":[0.7,0.5,0.19374977898812007,0.7122574322957417,"
                + "0.5330975738715015],\"text\":\"Step 0 of 5: "), json.group(1));
        assertTrue(json.group(1).contains("\"text\":\"Step 5 of 5: ω5 = 0.806807, ω7 = 0.741323, C = 0.166549, a1 = 0.764214,"
                + " a2 = 0.533098\"}]}"), json.group(1));
        assertEquals(6, json.group(1).split("\\{\"v\":", -1).length - 1);
        // without scripts: the path and a table of its first and last points
        assertTrue(html.contains("<tr><th scope=\"row\">5</th><td><span title=\"0.80680697273333"));
        assertFalse(html.contains("<tr><th scope=\"row\">4</th>"));
    }

    @Test
    void theDefaultIsSixtySteps() throws Exception {
        Path page = tmp.resolve("default.html");
        assertEquals(0, CliRun.of("explain", "--example", "2-2-2", "--html", page.toString()).exitCode());
        assertTrue(Files.readString(page).contains("min=\"0\" max=\"60\""));
    }

    @Test
    void stepsAndEtaAreChecked() {
        for (String[] bad : new String[][] {{"--steps", "0"}, {"--steps", "1001"}, {"--steps", "-3"}, {"--steps", "x"},
                {"--eta", "0"}, {"--eta", "-0.1"}, {"--eta", "NaN"}, {"--eta", "Infinity"}}) {
            CliRun r = CliRun.of("explain", "--example", "2-2-2", bad[0], bad[1], "--html", tmp.resolve("x.html").toString());
            assertEquals(2, r.exitCode(), String.join(" ", bad) + ": " + r.err());
            assertTrue(r.err().startsWith("mlp4j: " + bad[0]) || r.err().contains(bad[0]), r.err());
            assertFalse(Files.exists(tmp.resolve("x.html")));
        }
        assertTrue(CliRun.of("explain", "--example", "2-2-2", "--steps", "0").err()
                .startsWith("mlp4j: --steps must be 1 to 1000, got 0"));
        assertTrue(CliRun.of("explain", "--example", "2-2-2", "--eta", "-1").err()
                .startsWith("mlp4j: --eta must be a positive finite number, got -1.0"));
    }
}
