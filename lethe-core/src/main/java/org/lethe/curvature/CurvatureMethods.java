package org.lethe.curvature;

import java.util.List;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethodProvider;

/** Registers the curvature deletion methods with {@code unlearn.DeletionMethods} (through the service loader). */
public final class CurvatureMethods implements DeletionMethodProvider {
    @Override
    public List<DeletionMethod> methods() {
        return List.of(CurvatureForgetting.METHOD);
    }
}
