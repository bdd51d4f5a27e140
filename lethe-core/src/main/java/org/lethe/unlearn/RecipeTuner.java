package org.lethe.unlearn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lethe.data.Dataset;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.tensor.NDArray;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;

/**
 * Tunes an approximate method's recipe without any retrained model: it searches the learning rate, the length and
 * the method's main knob so that, after unlearning, the forget set's losses are distributed like those of held-out
 * <em>validation</em> examples of the same classes (what a model that never saw them would show), while retain and
 * validation accuracy stay within {@link #TOLERANCE} of the original's.
 *
 * <p>What is searched: {@code learning_rate} and {@code steps_fraction} when the method has them, and its main
 * knob, the first other real-valued parameter it declares (methods declare it first); each at 1/2, 1 and 2 times
 * its default (for a learning rate of 0, the method's own choice: 0, half and all of the model's rate), the
 * defaults first, then the grid in a fixed order.
 * The mismatch is the two-sample Kolmogorov-Smirnov distance between the two loss samples. The budget is a fraction
 * of one training run, counted in optimiser steps (candidates run until their steps add up to {@code budget} times
 * the original training's), so the search, like every method, gives the same recipe for the same seed on any
 * machine.
 */
public final class RecipeTuner {
    /** Largest accepted drop of retain or validation accuracy below the original's. */
    public static final double TOLERANCE = 0.02;
    private static final double[] FACTORS = {1.0, 0.5, 2.0};

    /** One recipe tried (named in snake case in JSON, like every document Lethe writes). */
    @JsonPropertyOrder({"parameters", "loss_distance", "retain_accuracy", "validation_accuracy", "within_tolerance",
            "steps"})
    public record Trial(Map<String, Object> parameters,
                        @JsonProperty("loss_distance") double lossDistance,
                        @JsonProperty("retain_accuracy") double retainAccuracy,
                        @JsonProperty("validation_accuracy") double validationAccuracy,
                        @JsonProperty("within_tolerance") boolean withinTolerance,
                        int steps) {
    }

    /** The chosen recipe, the originals' figures and every trial. */
    @JsonPropertyOrder({"chosen", "original_loss_distance", "original_retain_accuracy", "original_validation_accuracy",
            "trials", "steps_spent", "step_budget"})
    public record Result(Map<String, Object> chosen,
                         @JsonProperty("original_loss_distance") double originalLossDistance,
                         @JsonProperty("original_retain_accuracy") double originalRetainAccuracy,
                         @JsonProperty("original_validation_accuracy") double originalValidationAccuracy,
                         List<Trial> trials,
                         @JsonProperty("steps_spent") int stepsSpent,
                         @JsonProperty("step_budget") int stepBudget) {
    }

    private RecipeTuner() {
    }

    /**
     * Tunes {@code method} on the problem that {@code original} (left untouched) and the data describe, starting from
     * {@code given} settings, within {@code budget} training runs' worth of optimiser steps.
     */
    public static Result tune(DeletionMethod method, MethodSettings given, Module original, ModelSpec spec,
                              TrainConfig config, Dataset train, int[] forget, Dataset heldOut, double budget) {
        ApproximateDeletion algorithm = method.approximateDeletion().orElseThrow(() -> new IllegalArgumentException(
                "only approximate methods with an in-memory algorithm can be tuned, not " + method.name()));
        if (!(budget > 0) || Double.isInfinite(budget)) {
            throw new IllegalArgumentException("the tuning budget must be a positive fraction of a training run, got "
                    + budget);
        }
        long seed = given.integer(DeletionMethod.SEED);
        ForgetProblem reference = problem(original, spec, config, train, forget, heldOut, seed, given);
        Measure base = measure(reference, reference.original());
        int budgetSteps = Math.max(1, (int) Math.round(budget * reference.originalSteps()));
        List<Map<String, Object>> candidates = candidates(method, given, config);
        List<Trial> trials = new ArrayList<>();
        int spent = 0;
        for (Map<String, Object> c : candidates) {
            if (spent >= budgetSteps && !trials.isEmpty()) {
                break;
            }
            MethodSettings settings = method.settings(c);
            ForgetProblem p = problem(original, spec, config, train, forget, heldOut, seed, settings);
            algorithm.apply(p);
            Measure m = measure(p, p.model());
            boolean ok = m.retain >= base.retain - TOLERANCE && m.validation >= base.validation - TOLERANCE;
            trials.add(new Trial(settings.values(), m.distance, m.retain, m.validation, ok, p.stepsTaken()));
            spent += Math.max(1, p.stepsTaken());
        }
        Trial best = null;
        for (Trial t : trials) {
            if (best == null || better(t, best)) {
                best = t;
            }
        }
        return new Result(best.parameters(), base.distance, base.retain, base.validation, trials, spent, budgetSteps);
    }

    // Within tolerance beats outside it; then the smaller loss mismatch; outside tolerance, the smaller accuracy loss.
    private static boolean better(Trial a, Trial b) {
        if (a.withinTolerance() != b.withinTolerance()) {
            return a.withinTolerance();
        }
        if (a.withinTolerance()) {
            return a.lossDistance() < b.lossDistance();
        }
        return Math.min(a.retainAccuracy(), a.validationAccuracy()) > Math.min(b.retainAccuracy(), b.validationAccuracy());
    }

    /** The main knob: the first real parameter other than the learning rate, the length and the seed, or null. */
    public static MethodParameter mainKnob(DeletionMethod method) {
        for (MethodParameter p : method.parameters()) {
            if (p.type() == MethodParameter.Type.REAL && !p.name().equals("learning_rate")
                    && !p.name().equals("steps_fraction")) {
                return p;
            }
        }
        return null;
    }

    private static List<Map<String, Object>> candidates(DeletionMethod method, MethodSettings given, TrainConfig config) {
        List<String> axes = new ArrayList<>();
        Map<String, Double> bases = new LinkedHashMap<>();
        for (MethodParameter p : method.parameters()) {
            if (p.name().equals("learning_rate") || p.name().equals("steps_fraction")) {
                bases.put(p.name(), given.real(p.name()));
                axes.add(p.name());
            }
        }
        MethodParameter knob = mainKnob(method);
        if (knob != null && given.real(knob.name()) != 0) {
            bases.put(knob.name(), given.real(knob.name()));
            axes.add(knob.name());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int combos = (int) Math.pow(FACTORS.length, axes.size());
        for (int i = 0; i < combos; i++) {
            Map<String, Object> c = new LinkedHashMap<>(given.values());
            int rest = i;
            for (String axis : axes) {
                int k = rest % FACTORS.length;
                rest /= FACTORS.length;
                double base = bases.get(axis);
                // A learning rate of 0 means the method's own choice (often a fraction of the model's rate), kept
                // as the first candidate; the others are half and all of the model's rate.
                c.put(axis, base == 0 && axis.equals("learning_rate")
                        ? new double[] {0.0, 0.5 * config.learningRate, config.learningRate}[k] : base * FACTORS[k]);
            }
            if (seen.add(c.toString())) {
                out.add(c);
            }
        }
        // Nearest recipes first: those that change fewer settings from the given ones.
        out.sort((a, b) -> Integer.compare(changes(a, given), changes(b, given)));
        return out;
    }

    private static int changes(Map<String, Object> c, MethodSettings given) {
        int n = 0;
        for (Map.Entry<String, Object> e : c.entrySet()) {
            Object g = given.values().get(e.getKey());
            if (!(e.getValue() instanceof Double) || !(g instanceof Double)) {
                continue;
            }
            if (Math.abs((Double) e.getValue() - (Double) g) > 1e-12) {
                n++;
            }
        }
        return n;
    }

    private static ForgetProblem problem(Module original, ModelSpec spec, TrainConfig config, Dataset train,
                                         int[] forget, Dataset heldOut, long seed, MethodSettings settings) {
        Module copy = spec.build(ModelSpec.algebra(config.algebra), 0);
        copy.loadFrom(original);
        copy.train(false);
        return ForgetProblem.of((Layer) copy, spec, config, train, forget, heldOut, seed, settings);
    }

    private record Measure(double distance, double retain, double validation) {
    }

    private static Measure measure(ForgetProblem p, Layer model) {
        int[] forget = p.forget();
        Set<Integer> classes = new HashSet<>();
        for (int l : p.train().labels(forget)) {
            classes.add(l);
        }
        int[] validation = p.validation();
        int[] sameClass = Arrays.stream(validation).filter(i -> classes.contains(p.heldOut().label(i))).toArray();
        double[] forgetLoss = losses(p.logits(model, p.trainTask(), forget), p.train().labels(forget));
        double[] validationLoss = losses(p.logits(model, p.heldOutTask(), sameClass), p.heldOut().labels(sameClass));
        return new Measure(ks(forgetLoss, validationLoss), p.accuracy(model, p.trainTask(), p.retain()),
                p.accuracy(model, p.heldOutTask(), validation));
    }

    private static double[] losses(NDArray logits, int[] labels) {
        int classes = logits.dim(1);
        double[] flat = logits.toDoubles();
        double[] out = new double[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, flat[i * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(flat[i * classes + c] - max);
            }
            out[i] = max + Math.log(sum) - flat[i * classes + labels[i]];
        }
        return out;
    }

    /** The two-sample Kolmogorov-Smirnov distance: the largest gap between the empirical distribution functions. */
    static double ks(double[] a, double[] b) {
        if (a.length == 0 || b.length == 0) {
            return 1.0;
        }
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double worst = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            worst = Math.max(worst, Math.abs(i / (double) x.length - j / (double) y.length));
        }
        return worst;
    }
}
