package io.mlp4j.explain;

import io.mlp4j.nn.Activation;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.reference.ReferenceNetwork;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trace works for any small network from the Java API, including a fused softmax/cross-entropy output. */
class TraceTest {

    @Test
    void traceOfASoftmaxNetworkShowsTheFusedDelta() {
        Network net = Network.builder().input(2).dense(2, Activation.TANH).dense(3, Activation.SOFTMAX)
                .loss(Loss.CROSS_ENTROPY).seed(4).build();
        ReferenceNetwork ref = ReferenceNetwork.of(net);
        String text = Trace.of(ref, new double[] {0.5, -1}, new double[] {0, 0, 1}, 0.1).render(4);
        assertTrue(text.contains("C = −Σ_j y_j·log softmax(z)_j"), text);
        assertTrue(text.contains("∂C/∂z = a·Σy − y (softmax fused with cross-entropy)"), text);
        assertTrue(text.contains("σ′(z_1^(1)) = 1 − a²"), text);
        assertFalse(text.contains("seed"), "no seed annotations on a user's network");
    }
}
