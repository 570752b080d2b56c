package io.mlp4j.explain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The explain trace shows the correct numbers and flags exactly the seed values that are wrong. */
class SeedExampleTest {

    @Test
    void blogTraceFlagsExactlyTheWrongPrintedValues() {
        SeedExample.Rendering r = SeedExample.byId("2-2-2").render(6);
        // Which values are wrong was established in BlogExampleTest (hand derivation and finite differences).
        assertEquals(List.of("σ'_1^(2)", "dC/dw_1,1^(2)", "w_1,1^(2)+", "w_1,2^(2)+", "b_1^(2)+",
                "w_2,1^(2)+", "w_2,2^(2)+", "b_2^(2)+", "dC/dw_1,1^(1)", "w_1,1^(1)+"), r.discrepancies());
        assertEquals(7, r.agreements(), "h1, h2, a1, a2, C, ∂C/∂a1, ∂z/∂ω5");
        String text = r.text();
        assertTrue(text.contains("a_1^(1) = σ(−0.35) = 0.413382   [h1]   ✓ seed: 0.41338242108267"), text);
        assertTrue(text.contains("w⁺ = 0.7 − 0.1·(−0.0487559) = 0.704876   ✗ seed printed 0.70525257108356"), text);
        assertTrue(text.contains("w⁺ = −0.1 − 0.1·0.154877 = −0.115488   ✗ seed printed −0.511867846503068"), text);
        assertTrue(text.contains("C = (0.712257 − 1)² + (0.533098 − 0.2)² = 0.19375   ✓"), text);
    }

    @Test
    void essayTraceShowsTheLayerAndFlagsTheSlipInTheUpdate() {
        SeedExample.Rendering r = SeedExample.byId("4-2").render(6);
        assertEquals(List.of("w_1,1^(1)+"), r.discrepancies());
        assertEquals(12, r.agreements());
        assertTrue(r.text().contains("Σ_k w_1,k·a_k = (−1.48)·0.978 + (−2.49)·0.322 + 2.72·0.315 + 3.46·0.201 = −0.69696"));
        assertTrue(r.text().contains("w⁺ = 0.15 − 0.05·(−0.141958) = 0.157098   ✗ seed printed 0.1271"));
    }

    @Test
    void digitsControlThePrecision() {
        String three = SeedExample.byId("2-2-2").render(3).text();
        assertTrue(three.contains("a_1^(1) = σ(−0.35) = 0.413   [h1]"), three);
        String twelve = SeedExample.byId("2-2-2").render(12).text();
        assertTrue(twelve.contains("0.413382421083"), twelve);
        assertThrows(IllegalArgumentException.class, () -> SeedExample.byId("2-2-2").render(0));
        assertThrows(IllegalArgumentException.class, () -> SeedExample.byId("3-3"));
    }

    @Test
    void printedValuesAgreeToTheirOwnPrecision() {
        PrintedValue coarse = new PrintedValue("0.547", null);
        assertTrue(coarse.agreesWith(0.54663));
        assertFalse(coarse.agreesWith(0.5476));
        PrintedValue fine = new PrintedValue("0.19374977898811957", null);
        assertTrue(fine.agreesWith(0.19374977898812007), "differs by 5e-16, within 1e-12 relative");
        assertFalse(fine.agreesWith(0.193749779));
        assertThrows(NumberFormatException.class, () -> new PrintedValue("0.93401s", null));
    }
}
