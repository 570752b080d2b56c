package io.mlp4j.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandsTest {

    @Test
    void explainPrintsTheBlogStepWithTheWrongSeedValuesFlagged() {
        CliRun r = CliRun.of("explain", "--example", "2-2-2");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("a_1^(2) = σ(0.906373) = 0.712257   [a1]   ✓ seed: 0.712257432295742"), r.out());
        assertTrue(r.out().contains("σ′(z_1^(2)) = a(1 − a) = 0.204947   ✗ seed printed 0.220793265944315"), r.out());
        assertTrue(r.out().contains("Seed check: 7 printed values agree, 10 differ"), r.out());
    }

    @Test
    void explainTheEssayWithMoreDigits() {
        CliRun r = CliRun.of("explain", "--example", "4-2", "--digits", "9");
        // S(0.18704) = 0.5466241543849584 by Python's math.exp.
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("a_1^(1) = σ(0.18704) = 0.546624154"), r.out());
        assertTrue(r.out().contains("✗ seed printed 0.1271"), r.out());
    }

    @Test
    void summaryCountsTheEssaysDigitNetwork() {
        CliRun r = CliRun.of("summary", "--layers", "784,16,16,10", "--activation", "sigmoid");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("dense 1  784→16       sigmoid            12,560"), r.out());
        assertTrue(r.out().contains("total: 13,002 parameters (784-16-16-10, loss quadratic)"), r.out());
    }

    @Test
    void summaryWithSoftmaxCrossEntropy() {
        CliRun r = CliRun.of("summary", "--layers", "784,128,10", "--activation", "relu", "--loss", "cross-entropy");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("128→10       softmax"), r.out());
        assertTrue(r.out().contains("total: 101,770 parameters"), r.out()); // 784·128 + 128 + 128·10 + 10
    }

    @Test
    void gradcheckPassesEveryCase() {
        CliRun r = CliRun.of("gradcheck");
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains("60 cases, 0 failed"), r.out());
    }

    @Test
    void usageErrorsExitTwoWithOneLineAndAHint() {
        CliRun unknown = CliRun.of("explain", "--example", "3-3");
        assertEquals(2, unknown.exitCode());
        assertEquals("mlp4j: --example: unknown example '3-3' (expected one of [2-2-2, 4-2])\n"
                + "Try 'mlp4j explain --help' for more information.\n", unknown.err());

        CliRun digits = CliRun.of("explain", "--example", "2-2-2", "--digits", "0");
        assertEquals(2, digits.exitCode());
        assertTrue(digits.err().startsWith("mlp4j: --digits must be 1 to 17, got 0\n"), digits.err());

        CliRun layers = CliRun.of("summary", "--layers", "784,0,10");
        assertEquals(2, layers.exitCode());
        assertTrue(layers.err().startsWith("mlp4j: layer 1: units must be positive, got 0\n"), layers.err());

        CliRun notANumber = CliRun.of("summary", "--layers", "784,x");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.err().contains("'x'"), notANumber.err());

        CliRun badPair = CliRun.of("summary", "--layers", "4,3", "--output", "softmax", "--loss", "quadratic");
        assertEquals(2, badPair.exitCode());
        assertTrue(badPair.err().startsWith("mlp4j: a softmax output layer needs loss cross-entropy, got quadratic"));

        CliRun none = CliRun.of();
        assertEquals(2, none.exitCode());
        assertFalse(none.err().contains("Exception"), none.err());
    }

    @Test
    void helpAndVersion() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("explain") && help.out().contains("summary") && help.out().contains("gradcheck"));
        assertEquals(0, CliRun.of("explain", "--help").exitCode());
        assertTrue(CliRun.of("--version").out().startsWith("mlp4j "));
    }
}
