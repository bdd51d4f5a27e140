package org.lethe.app.cli.audit;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.audit.ConfidenceCsv;
import org.lethe.audit.ForgetQuality;
import org.lethe.audit.ForgetQualityResult;
import org.lethe.audit.ScoreBuckets;
import org.lethe.io.JsonFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lethe audit score}: the NeurIPS 2023 unlearning-challenge score from logit-scaled confidences of the forget
 * examples under unlearned and retrained models (see {@link ForgetQuality}).
 */
@Command(name = "score",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        header = "Score unlearning with the NeurIPS 2023 Machine Unlearning Challenge metric.",
        description = "Computes forget quality F from the logit-scaled confidences of the forget examples under "
                + "unlearned and retrained models, and the challenge's final score F x retain-accuracy ratio "
                + "x test-accuracy ratio when both accuracies are given. "
                + "Each CSV has one row per model and one column per forget example, no header.")
public final class AuditScoreCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--unlearned", required = true, paramLabel = "U.csv",
            description = "Confidences under the unlearned models (at least 2 rows).")
    private Path unlearnedFile;

    @Option(names = "--retrained", required = true, paramLabel = "R.csv",
            description = "Confidences under the retrained models (at least 2 rows, same columns as --unlearned).")
    private Path retrainedFile;

    @Option(names = "--retain-accuracy", paramLabel = "U_acc,R_acc",
            description = "Mean retain-set accuracy of the unlearned and of the retrained models.")
    private String retainAccuracy;

    @Option(names = "--test-accuracy", paramLabel = "U_acc,R_acc",
            description = "Mean test-set accuracy of the unlearned and of the retrained models.")
    private String testAccuracy;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        if ((retainAccuracy == null) != (testAccuracy == null)) {
            throw usage("the final score needs both --retain-accuracy and --test-accuracy");
        }
        double[] retain = retainAccuracy == null ? null : accuracyPair("--retain-accuracy", retainAccuracy);
        double[] test = testAccuracy == null ? null : accuracyPair("--test-accuracy", testAccuracy);

        double[][] unlearned = readModels(unlearnedFile);
        double[][] retrained = readModels(retrainedFile);
        if (unlearned[0].length != retrained[0].length) {
            throw new IllegalArgumentException(unlearnedFile + " has " + unlearned[0].length + " columns but "
                    + retrainedFile + " has " + retrained[0].length + " (both need one column per forget example)");
        }
        ForgetQualityResult result = ForgetQuality.score(unlearned, retrained);
        Double finalScore = retain == null ? null
                : ForgetQuality.finalScore(result.forgetQuality(), retain[0], retain[1], test[0], test[1]);

        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            out.println(JsonFiles.line(ForgetQualityScore.of(result, retain, test, finalScore)));
        } else {
            printReport(out, result, retain, test, finalScore);
        }
        out.flush();
        return 0;
    }

    private double[][] readModels(Path file) throws Exception {
        double[][] rows = ConfidenceCsv.read(file);
        if (rows.length < 2) {
            throw new IllegalArgumentException(file + ": " + rows.length
                    + " row, but at least 2 are needed (one per model)");
        }
        return rows;
    }

    private double[] accuracyPair(String option, String value) {
        String[] parts = value.split(",", -1);
        if (parts.length != 2) {
            throw usage(option + " must be two accuracies U_acc,R_acc, got '" + value + "'");
        }
        double[] pair = new double[2];
        for (int i = 0; i < 2; i++) {
            try {
                pair[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw usage(option + ": not a number: '" + parts[i].strip() + "'");
            }
            if (!Double.isFinite(pair[i]) || pair[i] < 0) {
                throw usage(option + ": accuracies must be finite and non-negative, got '" + parts[i].strip() + "'");
            }
        }
        if (pair[1] == 0) {
            throw usage(option + ": the retrained accuracy must be positive (it divides)");
        }
        return pair;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    private static void printReport(PrintWriter out, ForgetQualityResult r, double[] retain, double[] test,
            Double finalScore) {
        ScoreBuckets b = r.buckets();
        out.printf("forget quality F = %.6f%n", r.forgetQuality());
        out.printf("%d forget examples; %d unlearned and %d retrained models (buckets up to ceil(ln %d) = %.0f)%n",
                r.numExamples(), r.numUnlearnedModels(), r.numRetrainedModels(), r.numUnlearnedModels() - 1,
                b.maxEpsilon());
        out.printf("%-14s %8s %9s%n", "epsilon", "points", "examples");
        int[] counts = r.bucketCounts();
        for (int k = 0; k < b.count(); k++) {
            out.printf("%-14s %8s %9d%n", String.format("[%.1f, %.1f)", b.lowerEnd(k), b.upperEnd(k)),
                    k == 0 ? "1" : "1/" + (1L << k), counts[k]);
        }
        out.printf("%-14s %8s %9d%n", String.format(">= %.1f", b.count() * ScoreBuckets.BUCKET_WIDTH), "0",
                counts[b.count()]);
        if (finalScore != null) {
            out.printf("final score = F x retain ratio x test ratio = %.6f x %.6f x %.6f = %.6f%n",
                    r.forgetQuality(), retain[0] / retain[1], test[0] / test[1], finalScore);
        }
    }
}
