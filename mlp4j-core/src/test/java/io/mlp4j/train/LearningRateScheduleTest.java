package io.mlp4j.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every schedule parameter is checked: no negative rate (gradient ascent), no rate of 0, no ignored parameter. */
class LearningRateScheduleTest {
    private static String error(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse(spec)).getMessage();
    }

    @Test
    void badParametersNameTheParameterAndItsRange() {
        assertEquals("step schedule: GAMMA must be a number in (0, 1], got -2", error("step:1:-2"));
        assertEquals("step schedule: GAMMA must be a number in (0, 1], got 0", error("step:1:0"));
        assertEquals("step schedule: GAMMA must be a number in (0, 1], got 1.5", error("step:1:1.5"));
        assertEquals("step schedule: GAMMA must be a number in (0, 1], got NaN", error("step:2:NaN"));
        assertEquals("step schedule: GAMMA must be a number in (0, 1], got x", error("step:2:x"));
        assertEquals("step schedule: EPOCHS must be at least 1, got 0", error("step:0:0.5"));
        assertEquals("step schedule: EPOCHS must be a whole number of at least 1, got 'abc'", error("step:abc:0.5"));
        assertEquals("step schedule takes EPOCHS and GAMMA, e.g. step:10:0.5, got 'step:1'", error("step:1"));
        assertEquals("exponential schedule: GAMMA must be a number in (0, 1], got 0", error("exponential:0"));
        assertEquals("exponential schedule: GAMMA must be a number in (0, 1], got Infinity", error("exponential:Infinity"));
        assertEquals("exponential schedule takes GAMMA, e.g. exponential:0.95, got 'exponential:0.9:1'", error("exponential:0.9:1"));
        assertEquals("cosine schedule takes no parameters, got 'cosine:abc'", error("cosine:abc"));
        assertEquals("constant schedule takes no parameters, got 'constant:0.1'", error("constant:0.1"));
        assertEquals("unknown schedule 'linear' (expected constant, step[:EPOCHS:GAMMA], exponential[:GAMMA] or cosine)",
                error("linear"));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(1, -2));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(0));
    }

    @Test
    void goodSchedulesKeepTheirRates() {
        assertEquals(0.25, LearningRateSchedule.parse("step:1:0.5").rate(1, 2, 10));
        assertEquals(1.0, LearningRateSchedule.parse("step:3:1").rate(1, 9, 10), "γ = 1 is a constant rate");
        assertEquals(0.5, LearningRateSchedule.parse("step").rate(1, 10, 20));
        assertEquals(0.95, LearningRateSchedule.parse("exponential").rate(1, 1, 20), 1e-15);
        assertEquals(0.5, LearningRateSchedule.parse(" Cosine ").rate(1, 2, 4), 1e-15);
    }
}
