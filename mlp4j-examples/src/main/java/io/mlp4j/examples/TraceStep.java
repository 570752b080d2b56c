package io.mlp4j.examples;

import io.mlp4j.explain.Trace;
import io.mlp4j.nn.Initializer;
import io.mlp4j.nn.Loss;
import io.mlp4j.nn.Network;
import io.mlp4j.reference.ReferenceNetwork;

import static io.mlp4j.nn.Activation.SIGMOID;

public class TraceStep {
    public static void main(String[] args) {
        Network net = Network.builder()
                .input(2).dense(3, SIGMOID).dense(1, SIGMOID)
                .loss(Loss.QUADRATIC).init(Initializer.NORMAL).seed(3)
                .build();

        ReferenceNetwork ref = ReferenceNetwork.of(net);   // the same network in double precision
        System.out.print(Trace.of(ref, new double[] {0, 1}, new double[] {1}, 0.5).render(6));
    }
}
