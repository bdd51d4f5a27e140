package org.lethe.sketch;

import java.io.IOException;
import java.io.Serializable;

/**
 * How a process that received only a sketch's jobs rebuilds what the sketching process shares with them: the
 * {@link WeightedTraining} and the {@link Measurement}s, named as at build time. A value, so that it travels with
 * the jobs; what it names must be readable where the jobs run.
 */
public interface TrainingRecipe extends Serializable {
    /** The training, opened in this process. */
    WeightedTraining training() throws IOException;

    /** The measurement named {@code name} (as {@link Measurement#name()} gives it) of {@code training}. */
    Measurement measurement(WeightedTraining training, String name);
}
