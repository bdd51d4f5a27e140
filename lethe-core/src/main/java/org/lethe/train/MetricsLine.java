package org.lethe.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One line of a run's {@code metrics.jsonl}: the steps completed and the held-out metrics measured then, written as
 * one flat JSON object ({@code {"step":100,"accuracy":0.91,"loss":0.3}}). The metric names depend on the task
 * (a classifier's accuracy and loss, a language model's loss and perplexity), so they are a map of numbers.
 *
 * @param step    optimiser steps completed when the metrics were measured
 * @param metrics the metrics by name, in the order measured
 */
public record MetricsLine(int step, Map<String, Double> metrics) {
    private static final String STEP = "step";

    /** Copies the metrics, keeping their order, and refuses one named like the step. */
    public MetricsLine {
        if (metrics.containsKey(STEP)) {
            throw new IllegalArgumentException("a metric cannot be named '" + STEP + "'");
        }
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    // The flat object the file has always held: the step first, then the metrics.
    @JsonValue
    Map<String, Number> flat() {
        Map<String, Number> m = new LinkedHashMap<>();
        m.put(STEP, step);
        m.putAll(metrics);
        return m;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MetricsLine read(Map<String, Double> flat) {
        Double step = flat.get(STEP);
        if (step == null) {
            throw new IllegalArgumentException("no '" + STEP + "'");
        }
        Map<String, Double> metrics = new LinkedHashMap<>(flat);
        metrics.remove(STEP);
        return new MetricsLine(step.intValue(), metrics);
    }
}
