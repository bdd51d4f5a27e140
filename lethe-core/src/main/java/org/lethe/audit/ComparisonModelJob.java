package org.lethe.audit;

import java.nio.file.Path;
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
