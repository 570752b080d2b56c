package io.mlp4j.train;

import io.mlp4j.nn.Gradients;
import io.mlp4j.nn.Network;
import io.mlp4j.nn.Parameter;

import java.util.List;

/**
 * The second half of a training step: from a batch's gradient ∇C to the new parameters ω⁺ — clipping by global norm
 * (if asked), then the optimizer's rule (for plain SGD the seeds' ω⁺ = ω − η ∂C/∂ω). It binds a network, the
 * gradient buffers a {@link GradientSource} fills, and an optimizer; the optimizer's state (velocities, moments,
 * step count) lives in the optimizer, not the network, so whoever drives the loop can checkpoint and restore it.
 *
 * <pre>{@code
 * Gradients g = new Gradients(net.architecture());
 * OptimizerStep step = new OptimizerStep(net, g, Adam.adam(0), 0);
 * ... fill g (backpropagation, or a sum from several machines) ...
 * step.apply(1e-3);
 * }</pre>
 */
public final class OptimizerStep {
    private final List<Parameter> parameters;
    private final Optimizer optimizer;
    private final double clipNorm;

    /** {@code clipNorm} &gt; 0 clips the gradient's global L2 norm to it before each update; 0 does not clip. */
    public OptimizerStep(Network net, Gradients g, Optimizer optimizer, double clipNorm) {
        if (!(clipNorm >= 0)) throw new IllegalArgumentException("clip norm must be 0 or more, got " + clipNorm);
        this.parameters = net.parameters(g);
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
    }

    /** Updates the network's parameters from the gradients now in the bound buffers, with learning rate η. */
    public void apply(double learningRate) {
        if (clipNorm > 0) GradientClipping.clip(parameters, clipNorm);
        optimizer.step(parameters, learningRate);
    }
}
