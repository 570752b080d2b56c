package io.mlp4j.train;

import io.mlp4j.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScheduleAndClippingTest {

    @Test
    void schedules() {
        LearningRateSchedule step = LearningRateSchedule.parse("step:2:0.5");
        assertEquals(1.0, step.rate(1, 1, 10));
        assertEquals(0.5, step.rate(1, 2, 10));
        assertEquals(0.25, step.rate(1, 5, 10));
        assertEquals(Math.pow(0.9, 3), LearningRateSchedule.parse("exponential:0.9").rate(1, 3, 10), 1e-15);
        LearningRateSchedule cos = LearningRateSchedule.cosine();
        assertEquals(1.0, cos.rate(1, 0, 4), 1e-15);
        assertEquals(0.5, cos.rate(1, 2, 4), 1e-15);     // ½(1 + cos(π/2))
        assertEquals(0.0, cos.rate(1, 4, 4), 1e-15);
        assertEquals(0.3, LearningRateSchedule.parse("constant").rate(0.3, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.parse("linear"));
    }

    @Test
    void clippingScalesTheGlobalNorm() {
        float[] g1 = {3f}, g2 = {4f};
        List<Parameter> p = List.of(new Parameter("a", new float[1], g1, true), new Parameter("b", new float[1], g2, false));
        assertEquals(5.0, GradientClipping.clip(p, 1.0), 1e-12);
        assertArrayEquals(new float[] {0.6f}, g1, 1e-7f);
        assertArrayEquals(new float[] {0.8f}, g2, 1e-7f);
        assertEquals(1.0, GradientClipping.clip(p, 2.0), 1e-6); // under the limit: unchanged
        assertArrayEquals(new float[] {0.8f}, g2, 1e-7f);
    }
}
