package org.lethe.audit;

import java.nio.file.Path;
import org.lethe.exec.Job;
import org.lethe.exec.JobEnvironment;

/**
 * Makes sure one comparison model of an audit is in the cache at {@code cacheDir}, building it when missing.
 * The cache object is shared by the jobs of one audit, so they can count what they built and reused.
 *
 * <p>TODO: {@link ModelRecipe} holds its data set in memory, so this job is not yet serialisable for a runner in
 * another process; the recipe needs a description of its data from which that process can load it.
 */
record ComparisonModelJob(String cacheDir, ModelRecipe recipe) implements Job<ModelCache.Entry> {
    /** The key under which an audit shares its {@link ModelCache}. */
    static final String CACHE = "audit.cache";

    @Override
    public ModelCache.Entry run(JobEnvironment environment) throws Exception {
        ModelCache cache = environment.shared(CACHE, ModelCache.class, () -> new ModelCache(Path.of(cacheDir), false));
        ModelCache.Entry entry = cache.ensure(recipe);
        environment.progress(1);
        return entry;
    }
}
