package org.lethe.audit;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lethe.data.Dataset;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;
import org.lethe.io.SafeTensors;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.train.ModelSpec;
import org.lethe.train.TrainConfig;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;
import org.lethe.unlearn.ForgetProblem;

/**
 * One model of a leaderboard row: loads the weights in {@code weights} (a safetensors file) and, when
 * {@code method} is given, unlearns the forget set from them in memory with that method's algorithm and
 * {@code parameters} (timing only the unlearning), then scores the result on the leaderboard's sets. Nothing is
 * written to disk.
 *
 * @param weights    the model's weights file
 * @param method     the deletion method's registry name, or null to score the model as it is
 * @param parameters the method's settings (its seed among them); ignored without a method
 */
record LeaderboardRunJob(String weights, String method, Map<String, Object> parameters)
        implements Job<LeaderboardRun> {
    /** The key of the shared {@link Inputs}. */
    static final String INPUTS = "leaderboard.inputs";

    /** What every run of one leaderboard shares: the problem's data and the scoring view. */
    record Inputs(ModelSpec spec, TrainConfig config, Dataset train, int[] forget, Dataset heldOut,
                  LeaderboardSets sets) {
    }

    LeaderboardRunJob {
        parameters = parameters == null ? Map.of() : new LinkedHashMap<>(parameters);
    }

    @Override
    public LeaderboardRun run(JobEnvironment environment) throws Exception {
        Inputs in = environment.shared(INPUTS, Inputs.class, () -> {
            throw new IllegalStateException("a leaderboard run needs its inputs shared by the leaderboard");
        });
        Module model = in.spec().build(ModelSpec.algebra(in.config().algebra), 0);
        SafeTensors.load(Path.of(weights), model);
        double seconds = Double.NaN;
        if (method != null) {
            DeletionMethod m = DeletionMethods.named(method);
            long start = System.nanoTime();
            ForgetProblem problem = ForgetProblem.of((Layer) model, in.spec(), in.config(), in.train(), in.forget(),
                    in.heldOut(), ((Number) parameters.get(DeletionMethod.SEED)).longValue(), m.settings(parameters));
            m.approximateDeletion().orElseThrow(() -> new IllegalArgumentException(method
                    + " has no in-memory algorithm")).apply(problem);
            seconds = (System.nanoTime() - start) / 1e9;
        }
        model.train(false);
        LeaderboardRun run = in.sets().score((Layer) model, seconds);
        environment.progress(1);
        return run;
    }
}
