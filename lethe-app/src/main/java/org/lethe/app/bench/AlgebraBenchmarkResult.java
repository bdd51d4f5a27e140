package org.lethe.app.bench;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * What {@link AlgebraBenchmark} measured ({@code lethe bench algebra --json}): the Git Re-Basin pairs, the key
 * removal and the key insertion, per seed and summarised as mean and standard deviation over seeds.
 *
 * @param rebasin     experiment 1
 * @param removal     experiment 2
 * @param insertion   experiment 3
 * @param wallSeconds the whole benchmark's wall time
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlgebraBenchmarkResult(Rebasin rebasin, Removal removal, Insertion insertion, double wallSeconds) {

    /** A mean and sample standard deviation over seeds. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Stat(double mean, double sd, int n) {
        /** The statistic of {@code values}. */
        public static Stat of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double ss = 0;
            for (double v : values) {
                ss += (v - mean) * (v - mean);
            }
            return new Stat(mean, values.size() > 1 ? Math.sqrt(ss / (values.size() - 1)) : 0, values.size());
        }

        /** {@code mean +- sd} with {@code digits} decimals. */
        public String format(int digits) {
            return String.format(java.util.Locale.ROOT, "%." + digits + "f ± %." + digits + "f", mean, sd);
        }
    }

    /**
     * Experiment 1: pairs of independently trained MLPs, interpolated naively and after alignment.
     *
     * @param data            the data set
     * @param model           the architecture
     * @param training        the training settings, described
     * @param trainExamples   training examples (every model trains on all of them)
     * @param trainEvaluated  training examples the paths are evaluated on (a seeded subset)
     * @param testExamples    test examples the paths are evaluated on
     * @param points          points per path
     * @param pairs           one entry per pair of seeds
     * @param testLossBarrier by path (naive, weights, activations), over pairs
     * @param barrierReduction 1 - matched / naive test loss barrier, by matching method, over pairs
     * @param midpointTestAccuracy by path, over pairs
     * @param matchingSeconds weight matching wall time, over pairs
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rebasin(String data, String model, String training, int trainExamples, int trainEvaluated,
                         int testExamples, int points, List<Pair> pairs, List<Stat> testLossBarrier,
                         List<Stat> barrierReduction, List<Stat> midpointTestAccuracy, Stat matchingSeconds) {
    }

    /**
     * One pair: model A (seed {@code seedA}) aligned to model B.
     *
     * @param seedA              seed of A
     * @param seedB              seed of B
     * @param trainSeconds       wall time to train one model (A)
     * @param accuracyA          test accuracy of A
     * @param accuracyB          test accuracy of B
     * @param weightMatchSeconds wall time of weight matching
     * @param weightMatchSweeps  its coordinate-descent sweeps
     * @param activationMatchSeconds wall time of activation matching (forward passes included)
     * @param paths              naive, weights, activations
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Pair(long seedA, long seedB, double trainSeconds, double accuracyA, double accuracyB,
                       double weightMatchSeconds, int weightMatchSweeps, double activationMatchSeconds,
                       List<Path> paths) {
    }

    /**
     * One interpolation path on train and test.
     *
     * @param alignment    none, weights or activations
     * @param t            the points
     * @param trainLoss    loss on the training subset
     * @param trainAccuracy accuracy on the training subset
     * @param testLoss     loss on the test set
     * @param testAccuracy accuracy on the test set
     * @param trainLossBarrier barrier of the training loss
     * @param testLossBarrier  barrier of the test loss
     * @param testAccuracyBarrier barrier of the test accuracy
     * @param midpointTestAccuracy test accuracy at t = 0.5
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Path(String alignment, List<Double> t, List<Double> trainLoss, List<Double> trainAccuracy,
                       List<Double> testLoss, List<Double> testAccuracy, double trainLossBarrier,
                       double testLossBarrier, double testAccuracyBarrier, double midpointTestAccuracy) {
    }

    /**
     * Experiment 2: removing digits 0-4 from a model trained on all digits.
     *
     * @param data      the data and split
     * @param model     the architecture
     * @param training  the training settings, described
     * @param removed   the removed classes
     * @param rule      the rule that chose lambda
     * @param seeds     one entry per seed
     * @param summary   by edit: forget and retain accuracy over seeds
     * @param verdict   the verdict in words
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Removal(String data, String model, String training, List<Integer> removed, String rule,
                          List<RemovalSeed> seeds, List<EditSummary> summary, String verdict) {
    }

    /**
     * One edit's figures over seeds.
     *
     * @param edit            the edit
     * @param lambda          the chosen strength
     * @param forgetAccuracy  test accuracy on the removed digits
     * @param retainAccuracy  test accuracy on the kept digits
     * @param retainRatio     retain accuracy over the original model's
     * @param agreementWithGold agreement with the gold model on kept digits
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EditSummary(String edit, Stat lambda, Stat forgetAccuracy, Stat retainAccuracy, Stat retainRatio,
                              Stat agreementWithGold) {
    }

    /**
     * One seed of experiment 2.
     *
     * @param seed              the seed (of theta_0 and of every training run)
     * @param edits             the original, the gold model and each edit
     * @param probe             linear probe on the removed digits: the shared-base edit, the gold model, the original
     * @param relearn           relearning curves: the shared-base edit, the gold model, the original
     * @param editSeconds       wall time of the shared-base edit with its lambda search
     * @param retrainSeconds    wall time of retraining the gold model
     * @param verdict           suppression or erasure, for the shared-base edit
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RemovalSeed(long seed, List<Edit> edits, Probe probe, Relearn relearn, double editSeconds,
                              double retrainSeconds, String verdict) {
    }

    /**
     * One model of experiment 2 on the test digits.
     *
     * @param edit             what it is
     * @param lambda           its strength (NaN for models that are not edits)
     * @param meetsRule        whether the strength kept control accuracy at 95% of the original's on validation
     * @param forgetAccuracy   accuracy on the removed digits
     * @param retainAccuracy   accuracy on the kept digits
     * @param perClassAccuracy accuracy per digit
     * @param removedConfusion for each removed digit, the fraction predicted as each digit
     * @param agreementWithGold fraction of kept test digits on which it predicts what the gold model predicts
     * @param klFromGold       mean KL(gold || model) over kept test digits
     * @param validationRetainRatio kept-digit validation accuracy over the original's at the chosen strength, what
     *                         the rule saw (NaN for models that are not edits); the test ratio is {@code retainAccuracy}
     *                         over the original's
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Edit(String edit, double lambda, boolean meetsRule, double forgetAccuracy, double retainAccuracy,
                       List<Double> perClassAccuracy, List<List<Double>> removedConfusion, double agreementWithGold,
                       double klFromGold, double validationRetainRatio) {
    }

    /** Linear-probe accuracy on the removed training digits (features of the penultimate layer). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Probe(double edited, double gold, double original) {
    }

    /** Relearning curves: accuracy on the removed digits after each fine-tuning step on a few of them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Relearn(List<Double> edited, List<Double> gold, List<Double> original, int editedSteps,
                          int goldSteps, double stepRatio) {
    }

    /**
     * Experiment 3: building a model from keys.
     *
     * @param seeds   one entry per seed
     * @param summary by model: test accuracy overall, on 0-4 and on 5-9, over seeds
     * @param cosine  cosine between the two task vectors, over seeds
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Insertion(List<InsertionSeed> seeds, List<BuildSummary> summary, Stat cosine) {
    }

    /** One seed of experiment 3. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record InsertionSeed(long seed, double cosine, List<Build> builds, double interference) {
    }

    /**
     * One model of experiment 3.
     *
     * @param model       what it is
     * @param coefficient its chosen coefficient (NaN for trained models)
     * @param accuracy    test accuracy on all digits
     * @param lowAccuracy test accuracy on 0-4
     * @param highAccuracy test accuracy on 5-9
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Build(String model, double coefficient, double accuracy, double lowAccuracy, double highAccuracy) {
    }

    /** One model's figures over seeds. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BuildSummary(String model, Stat accuracy, Stat lowAccuracy, Stat highAccuracy) {
    }
}
