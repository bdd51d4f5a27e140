package org.lethe.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.lethe.exec.JobRunner;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;

/**
 * Makes sure one comparison model of an audit is in the cache at {@code cacheDir}, building it when missing. The
 * recipe travels as its {@link ModelRecipe.Description}; the process that runs the audit shares the recipe itself
 * (keyed by its hash) and its {@link ModelCache}, and a process that received only the job rebuilds the recipe and
 * opens the cache directory (which must be on storage both processes read). What was built and reused comes back
 * in the result.
 *
 * @param cacheDir             the cache directory, absolute
 * @param pruneRecordedUpdates see {@link ModelCache}
 * @param recipe               the model to make sure of
 */
record ComparisonModelJob(String cacheDir, boolean pruneRecordedUpdates, ModelRecipe.Description recipe)
        implements Job<ModelCache.Entry> {
    /** The key under which an audit shares its {@link ModelCache}. */
    static final String CACHE = "audit.cache";

    /**
     * Builds every recipe's model on {@code pool}, or finds it in {@code cache}; {@code ready} hears how many are
     * ready after each. The recipes travel as descriptions; the process's own recipes are shared with local jobs.
     */
    static List<ModelCache.Entry> ensureAll(List<ModelRecipe> recipes, ModelCache cache, boolean prune,
                                            JobRunner pool, IntConsumer ready) throws Exception {
        AtomicInteger done = new AtomicInteger();
        List<ComparisonModelJob> jobs = new ArrayList<>();
        JobEnvironment environment = JobEnvironment.empty().with(CACHE, cache);
        String cacheDir = cache.dir().toAbsolutePath().normalize().toString();
        for (ModelRecipe recipe : recipes) {
            ModelRecipe.Description d = recipe.describe();
            jobs.add(new ComparisonModelJob(cacheDir, prune, d));
            environment = environment.with(recipeKey(d.hash()), recipe);
        }
        environment = environment.withProgress(units -> ready.accept(done.addAndGet((int) units)));
        return pool.runAll(jobs, environment);
    }

    /** The key under which an audit shares the recipe of hash {@code hash}. */
    static String recipeKey(String hash) {
        return "audit.recipe:" + hash;
    }

    @Override
    public ModelCache.Entry run(JobEnvironment environment) throws Exception {
        ModelCache cache = environment.shared(CACHE, ModelCache.class,
                () -> new ModelCache(Path.of(cacheDir), pruneRecordedUpdates));
        ModelRecipe r = environment.shared(recipeKey(recipe.hash()), ModelRecipe.class, recipe::rebuild);
        ModelCache.Entry entry = cache.ensure(r);
        environment.progress(1);
        return entry;
    }
}
