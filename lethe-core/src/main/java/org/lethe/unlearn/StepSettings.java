package org.lethe.unlearn;

import java.util.Locale;

/**
 * The two settings most step-taking methods share, declared and read in one place: {@code steps_fraction}, the
 * method's length as a fraction of the original training's steps (so a recipe carries over between models trained
 * for different lengths), and {@code learning_rate}, where 0 means a method-specific multiple of the rate the model
 * was trained with (so a recipe carries over between models trained at different rates). Tuning searches these two
 * names.
 */
public final class StepSettings {
    /** Name of the length setting. */
    public static final String STEPS_FRACTION = "steps_fraction";
    /** Name of the rate setting. */
    public static final String LEARNING_RATE = "learning_rate";

    private StepSettings() {
    }

    /** The length parameter with default {@code fraction}; {@code what} names the steps ("optimiser steps on ..."). */
    public static MethodParameter stepsFraction(double fraction, String what) {
        return MethodParameter.real(STEPS_FRACTION, fraction, what + ", as a fraction of the original training's steps");
    }

    /** The rate parameter whose 0 stands for {@code factor} times the model's own rate. */
    public static MethodParameter learningRate(double factor) {
        String meaning = factor == 1 ? "the rate the model was trained with"
                : String.format(Locale.ROOT, "%s times the rate the model was trained with", factor);
        return MethodParameter.real(LEARNING_RATE, 0.0, "learning rate (0: " + meaning + ")");
    }

    /** The method's length in optimiser steps. */
    public static int steps(ForgetProblem p) {
        return p.stepsFor(p.settings().real(STEPS_FRACTION));
    }

    /** The method's rate: the given one when positive, otherwise {@code factor} times the model's. */
    public static double rate(ForgetProblem p, double factor) {
        return FineTuneUnlearning.learningRate(p, p.settings().real(LEARNING_RATE), factor);
    }
}
