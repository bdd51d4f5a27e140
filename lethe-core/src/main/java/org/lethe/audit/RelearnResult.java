package org.lethe.audit;

import java.util.ArrayList;
import java.util.List;
import org.lethe.audit.json.RelearnSection;

/**
 * How fast one model relearnt the forgotten examples: optimiser steps until forget accuracy reached the target
 * (or the cap), with the accuracy after every step.
 */
public final class RelearnResult {
    /** Steps taken until the target was reached (0 if it already was), or the cap when it never was. */
    public final int steps;
    /** True when the target was reached within the cap. */
    public final boolean reached;
    public final double target;
    /** Forget accuracy after {@code s} steps, for {@code s = 0 .. steps}. */
    private final double[] forgetAccuracy;

    public RelearnResult(int steps, boolean reached, double target, double[] forgetAccuracy) {
        this.steps = steps;
        this.reached = reached;
        this.target = target;
        this.forgetAccuracy = forgetAccuracy.clone();
    }

    /** Forget accuracy before relearning. */
    public double startAccuracy() {
        return forgetAccuracy[0];
    }

    /** Forget accuracy after the last step taken. */
    public double endAccuracy() {
        return forgetAccuracy[forgetAccuracy.length - 1];
    }

    /** Forget accuracy after each step, starting with the accuracy before any (a copy). */
    public double[] curve() {
        return forgetAccuracy.clone();
    }

    /** Its JSON form. */
    public RelearnSection.Run toSection() {
        List<Double> curve = new ArrayList<>();
        for (double a : forgetAccuracy) {
            curve.add(a);
        }
        return new RelearnSection.Run(steps, reached, target, startAccuracy(), endAccuracy(), curve);
    }
}
