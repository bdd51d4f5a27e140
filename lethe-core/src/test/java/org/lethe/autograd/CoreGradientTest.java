package org.lethe.autograd;

import static org.lethe.autograd.GradCheck.random;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.Rng;

class CoreGradientTest {
    private static final double TOL = 1e-6;
    private final Rng rng = new Rng(7);

    @Test
    void broadcastArithmetic() {
        GradCheck.check("add", a -> a.get(0).add(a.get(1)), TOL, random(rng, 3, 4), random(rng, 4));
        GradCheck.check("sub", a -> a.get(0).sub(a.get(1)), TOL, random(rng, 3, 1), random(rng, 2, 1, 4));
        GradCheck.check("mul", a -> a.get(0).mul(a.get(1)), TOL, random(rng, 2, 3, 4), random(rng, 3, 1));
        GradCheck.check("div", a -> a.get(0).div(a.get(1).mul(a.get(1)).add(0.5)), TOL, random(rng, 3, 4), random(rng, 3, 4));
    }

    @Test
    void unaryFunctions() {
        GradCheck.check("exp", a -> a.get(0).exp(), TOL, random(rng, 5, 3));
        GradCheck.check("log", a -> a.get(0).mul(a.get(0)).add(0.3).log(), TOL, random(rng, 5, 3));
        GradCheck.check("sqrt", a -> a.get(0).mul(a.get(0)).add(0.3).sqrt(), TOL, random(rng, 5, 3));
        GradCheck.check("pow", a -> a.get(0).mul(a.get(0)).add(0.3).pow(-1.5), TOL, random(rng, 5, 3));
        GradCheck.check("tanh", a -> a.get(0).mul(2.0).tanh(), TOL, random(rng, 5, 3));
        GradCheck.check("relu", a -> a.get(0).relu(), TOL, random(rng, 5, 3));
        GradCheck.check("gelu", a -> a.get(0).mul(3.0).gelu(), TOL, random(rng, 5, 3));
    }

    @Test
    void reductions() {
        GradCheck.check("sum axis", a -> a.get(0).sum(1, false), TOL, random(rng, 3, 4, 2));
        GradCheck.check("mean keep", a -> a.get(0).mean(0, true), TOL, random(rng, 3, 4));
        GradCheck.check("max", a -> a.get(0).max(1, false), TOL, random(rng, 4, 5));
        GradCheck.check("sum all", a -> a.get(0).sum(), TOL, random(rng, 4, 5));
    }

    @Test
    void matrixProducts() {
        GradCheck.check("matmul", a -> a.get(0).matmul(a.get(1)), TOL, random(rng, 3, 4), random(rng, 4, 5));
        GradCheck.check("matmul tA", a -> a.get(0).matmul(a.get(1), true, false), TOL, random(rng, 4, 3), random(rng, 4, 5));
        GradCheck.check("matmul tB", a -> a.get(0).matmul(a.get(1), false, true), TOL, random(rng, 3, 4), random(rng, 5, 4));
        GradCheck.check("matmul tAtB", a -> a.get(0).matmul(a.get(1), true, true), TOL, random(rng, 4, 3), random(rng, 5, 4));
        GradCheck.check("batched", a -> a.get(0).matmul(a.get(1)), TOL, random(rng, 2, 3, 4), random(rng, 2, 4, 5));
        GradCheck.check("batched tB", a -> a.get(0).matmul(a.get(1), false, true), TOL, random(rng, 2, 3, 4), random(rng, 2, 5, 4));
        GradCheck.check("batched tA", a -> a.get(0).matmul(a.get(1), true, false), TOL, random(rng, 2, 4, 3), random(rng, 2, 4, 5));
        GradCheck.check("3d x 2d", a -> a.get(0).matmul(a.get(1), false, true), TOL, random(rng, 2, 3, 4), random(rng, 5, 4));
    }

    @Test
    void shapes() {
        GradCheck.check("reshape", a -> a.get(0).reshape(4, 3), TOL, random(rng, 3, 4));
        GradCheck.check("permute", a -> a.get(0).permute(2, 0, 1), TOL, random(rng, 2, 3, 4));
        GradCheck.check("transpose", a -> a.get(0).transpose(0, 1), TOL, random(rng, 3, 4));
        GradCheck.check("slice", a -> a.get(0).slice(1, 1, 3), TOL, random(rng, 3, 4));
        GradCheck.check("concat", a -> Tensor.concat(1, a.get(0), a.get(1)), TOL, random(rng, 3, 2), random(rng, 3, 4));
    }

    @Test
    void softmaxAndLosses() {
        GradCheck.check("softmax", a -> Functional.softmax(a.get(0), 1), TOL, random(rng, 3, 5));
        GradCheck.check("log_softmax", a -> Functional.logSoftmax(a.get(0), -1), TOL, random(rng, 2, 3, 5));
        int[] targets = {1, 0, 4};
        GradCheck.check("cross-entropy", a -> Functional.crossEntropy(a.get(0), targets), TOL, random(rng, 3, 5));
        GradCheck.check("weighted cross-entropy", a -> Functional.crossEntropy(a.get(0), targets, a.get(1)), TOL,
                random(rng, 3, 5), random(rng, 3));
        GradCheck.check("embedding", a -> Functional.embedding(a.get(0), new int[] {2, 0, 2, 1}, 2, 2), TOL, random(rng, 3, 4));
    }
}
