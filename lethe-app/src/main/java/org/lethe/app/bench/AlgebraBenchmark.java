package org.lethe.app.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code lethe bench algebra}: weight-space algebra measured. Experiment 1 (Git Re-Basin) aligns pairs of MLPs
 * 784-512-512-512-10 and measures the loss and accuracy barriers along their interpolation paths; experiment 2
 * removes digits 0-4 from a model of all digits by task-vector subtraction and says whether that is erasure or
 * suppression; experiment 3 builds a model of all digits from the two half-digit keys. See docs/benchmarks.md.
 */
public final class AlgebraBenchmark {
    /** What to run; the defaults are the documented benchmark. */
    public static final class Settings {
        /** Seed of the first pair and of the first key seed. */
        public long seed = 0;
        /** Pairs of models in experiment 1. */
        public int pairs = 3;
        /** Widths of experiment 1's MLP. */
        public int[] rebasinWidths = {784, 512, 512, 512, 10};
        /** Training epochs of experiment 1's models. */
        public int rebasinEpochs = 2;
        /** Training examples (0: all). */
        public int rebasinTrainLimit = 0;
        /** Test examples (0: all). */
        public int rebasinTestLimit = 0;
        /** Training examples the paths are evaluated on. */
        public int trainEvaluated = 5000;
        /** Examples activation matching reads. */
        public int activationExamples = 2000;
        /** Points per path. */
        public int points = 25;
        /** Seeds of experiments 2 and 3. */
        public int keySeeds = 3;
        /** Widths of experiments 2 and 3's MLP. */
        public int[] digitsWidths = {784, 256, 128, 10};
        /** Training digits of experiments 2 and 3 (at most 8,000). */
        public int digitsTrain = 8000;
        /** Training epochs of experiments 2 and 3's models. */
        public int digitsEpochs = 5;
        /** Maximum relearning steps. */
        public int relearnSteps = 200;
        /** Accuracy on the removed digits that ends relearning (from 32 of them, 0.5 is reachable by a model that never saw them). */
        public double relearnTarget = 0.5;
    }

    private AlgebraBenchmark() {
    }

    /** Runs the three experiments; {@code log} receives progress lines. */
    public static AlgebraBenchmarkResult run(Settings s, Consumer<String> log) throws IOException {
        long start = System.nanoTime();
        AlgebraBenchmarkResult.Rebasin rebasin = RebasinExperiment.run(s, log);
        List<AlgebraBenchmarkResult.RemovalSeed> removals = new ArrayList<>();
        List<AlgebraBenchmarkResult.InsertionSeed> insertions = new ArrayList<>();
        DigitKeyModels first = null;
        for (int i = 0; i < s.keySeeds; i++) {
            DigitKeyModels k = DigitKeyModels.train(s, s.seed + i);
            first = first == null ? k : first;
            removals.add(KeyRemovalExperiment.run(s, k, log));
            insertions.add(KeyInsertionExperiment.run(k, log));
        }
        String model = "mlp " + String.join("-", java.util.Arrays.stream(s.digitsWidths).mapToObj(Integer::toString).toList());
        AlgebraBenchmarkResult.Removal removal = new AlgebraBenchmarkResult.Removal(
                "digits (bundled): " + s.digitsTrain + " train, 1,000 validation, 1,000 test", model,
                RebasinExperiment.describe(DigitKeyModels.config(s, 0)), List.of(0, 1, 2, 3, 4), KeyRemovalExperiment.RULE,
                removals, removalSummary(removals), overallVerdict(removals));
        AlgebraBenchmarkResult.Insertion insertion = new AlgebraBenchmarkResult.Insertion(insertions,
                insertionSummary(insertions),
                AlgebraBenchmarkResult.Stat.of(insertions.stream().map(AlgebraBenchmarkResult.InsertionSeed::cosine).toList()));
        return new AlgebraBenchmarkResult(rebasin, removal, insertion, (System.nanoTime() - start) / 1e9);
    }

    private static List<AlgebraBenchmarkResult.EditSummary> removalSummary(List<AlgebraBenchmarkResult.RemovalSeed> seeds) {
        List<AlgebraBenchmarkResult.EditSummary> out = new ArrayList<>();
        int edits = seeds.get(0).edits().size();
        for (int e = 0; e < edits; e++) {
            final int i = e;
            Function<Function<AlgebraBenchmarkResult.RemovalSeed, Double>, AlgebraBenchmarkResult.Stat> stat =
                    f -> AlgebraBenchmarkResult.Stat.of(seeds.stream().map(f).toList());
            out.add(new AlgebraBenchmarkResult.EditSummary(seeds.get(0).edits().get(i).edit(),
                    stat.apply(x -> x.edits().get(i).lambda()),
                    stat.apply(x -> x.edits().get(i).forgetAccuracy()),
                    stat.apply(x -> x.edits().get(i).retainAccuracy()),
                    stat.apply(x -> x.edits().get(i).retainAccuracy() / x.edits().get(0).retainAccuracy()),
                    stat.apply(x -> x.edits().get(i).agreementWithGold())));
        }
        return out;
    }

    private static List<AlgebraBenchmarkResult.BuildSummary> insertionSummary(List<AlgebraBenchmarkResult.InsertionSeed> seeds) {
        List<AlgebraBenchmarkResult.BuildSummary> out = new ArrayList<>();
        for (int b = 0; b < seeds.get(0).builds().size(); b++) {
            final int i = b;
            out.add(new AlgebraBenchmarkResult.BuildSummary(seeds.get(0).builds().get(i).model(),
                    AlgebraBenchmarkResult.Stat.of(seeds.stream().map(x -> x.builds().get(i).accuracy()).toList()),
                    AlgebraBenchmarkResult.Stat.of(seeds.stream().map(x -> x.builds().get(i).lowAccuracy()).toList()),
                    AlgebraBenchmarkResult.Stat.of(seeds.stream().map(x -> x.builds().get(i).highAccuracy()).toList())));
        }
        return out;
    }

    private static String overallVerdict(List<AlgebraBenchmarkResult.RemovalSeed> seeds) {
        long erased = seeds.stream().filter(x -> x.verdict().startsWith("erasure")).count();
        return erased == seeds.size() ? "erasure in every seed"
                : erased == 0 ? "suppression in every seed: the removed digits are gone from the outputs but not from "
                        + "the representation" : "mixed: erasure in " + erased + " of " + seeds.size() + " seeds";
    }
}
