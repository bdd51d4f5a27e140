package org.lethe.app.bench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.lethe.nn.Layer;
import org.lethe.weights.Alignment;
import org.lethe.weights.PermutationSpec;
import org.lethe.weights.WeightMatching;
import org.lethe.weights.WeightSet;

/**
 * {@code lethe bench algebra --matching-only}: trains the Re-Basin pairs and times only weight matching, the fast
 * solver against the reference one on the same weights, alternating so that both see the same machine load.
 */
public final class MatchingTiming {
    /** Timed repetitions of each solver per pair. */
    public static final int REPEATS = 5;

    private MatchingTiming() {
    }

    /**
     * One pair: seconds of every repetition, sweeps, whether both solvers found the same permutations, and the
     * objective each reached.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PairTiming(long seedA, long seedB, List<Double> fastSeconds, List<Double> referenceSeconds,
                             int sweeps, boolean samePermutations, double fastObjective, double referenceObjective) {
    }

    /**
     * Every pair; the mean times and the mean per-pair ratio reference / fast; the medians over every repetition
     * of every pair and their ratio (the headline figure: a median is not dragged by one slow repetition on a
     * shared machine).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(String model, String data, List<PairTiming> pairs, AlgebraBenchmarkResult.Stat fastSeconds,
                         AlgebraBenchmarkResult.Stat referenceSeconds, AlgebraBenchmarkResult.Stat speedup,
                         double fastMedianSeconds, double referenceMedianSeconds, double medianSpeedup) {
    }

    /** Trains {@code s.pairs} pairs as the full benchmark does and times their weight matching. */
    public static Result run(AlgebraBenchmark.Settings s, Consumer<String> log) throws IOException {
        RebasinExperiment.Data data = RebasinExperiment.data(s);
        List<PairTiming> pairs = new ArrayList<>();
        for (int p = 0; p < s.pairs; p++) {
            long seedA = s.seed + 2L * p;
            long seedB = seedA + 1;
            Layer a = RebasinExperiment.trainPairModel(s, data, seedA);
            Layer b = RebasinExperiment.trainPairModel(s, data, seedB);
            PermutationSpec perms = PermutationSpec.of(a);
            WeightSet wa = WeightSet.of(a);
            WeightSet wb = WeightSet.of(b);
            List<Double> fast = new ArrayList<>();
            List<Double> reference = new ArrayList<>();
            Alignment lastFast = null;
            Alignment lastReference = null;
            for (int r = 0; r < REPEATS; r++) {
                lastReference = WeightMatching.align(perms, wa, wb, 0, seedA, WeightMatching.Solver.REFERENCE);
                reference.add(lastReference.seconds());
                lastFast = WeightMatching.align(perms, wa, wb, 0, seedA, WeightMatching.Solver.FAST);
                fast.add(lastFast.seconds());
            }
            boolean same = Arrays.deepEquals(lastFast.permutations(), lastReference.permutations());
            pairs.add(new PairTiming(seedA, seedB, fast, reference, lastFast.sweeps(), same, lastFast.objective(),
                    lastReference.objective()));
            log.accept(String.format(Locale.ROOT, "pair %d: fast %s s, reference %s s, same permutations %b "
                    + "(objective %.9g vs %.9g)", p, fast, reference, same, lastFast.objective(), lastReference.objective()));
        }
        List<Double> ratios = pairs.stream().map(t -> mean(t.referenceSeconds()) / mean(t.fastSeconds())).toList();
        List<Double> allFast = pairs.stream().flatMap(t -> t.fastSeconds().stream()).toList();
        List<Double> allReference = pairs.stream().flatMap(t -> t.referenceSeconds().stream()).toList();
        double fastMedian = median(allFast);
        double referenceMedian = median(allReference);
        return new Result(RebasinExperiment.describeModel(s), data.name(), pairs,
                AlgebraBenchmarkResult.Stat.of(allFast), AlgebraBenchmarkResult.Stat.of(allReference),
                AlgebraBenchmarkResult.Stat.of(ratios), fastMedian, referenceMedian, referenceMedian / fastMedian);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
