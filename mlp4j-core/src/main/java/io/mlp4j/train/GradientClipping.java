package io.mlp4j.train;

import io.mlp4j.nn.Parameter;

import java.util.List;

/** Clipping by global norm: if ‖∇C‖₂ over all parameters exceeds c, scale every gradient by c/‖∇C‖₂. */
final class GradientClipping {
    private GradientClipping() {
    }

    /** Returns the norm before clipping. */
    static double clip(List<Parameter> parameters, double maxNorm) {
        double sq = 0;
        for (int index = 0; index < parameters.size(); index++) { // indexed: no iterator per step
            for (float g : parameters.get(index).gradient()) sq += (double) g * g;
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float f = (float) (maxNorm / norm);
            for (int index = 0; index < parameters.size(); index++) {
                float[] g = parameters.get(index).gradient();
                for (int i = 0; i < g.length; i++) g[i] *= f;
            }
        }
        return norm;
    }
}
