package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lethe.store.ModelKind;

/**
 * The registry of deletion methods: the one list that the command line, audits and reports consult. A new method
 * is one file (its {@link Unlearner} with a {@link DeletionMethod} description, or for an approximate method its
 * {@link ApproximateDeletion} described with {@link DeletionMethod.Builder#approximate}) plus its line here and its
 * test; {@code DeletionMethodsTest} fails when a method file is not registered. Methods in packages above this one
 * register through a {@link DeletionMethodProvider}.
 */
public final class DeletionMethods {
    // Order matters only for defaults: the first exact method for a kind of model is that kind's default.
    private static final List<DeletionMethod> BUILT_IN = List.of(
            SisaUnlearner.METHOD,
            ReplayUnlearner.REPLAY,
            ReplayUnlearner.RETRAIN,
            AmnesiacUnlearner.METHOD,
            FineTuneUnlearning.METHOD,
            GradientAscentUnlearning.METHOD,
            NegGradPlusUnlearning.METHOD,
            RandomLabelUnlearning.METHOD,
            ScrubUnlearning.METHOD,
            SalUnUnlearning.METHOD,
            BadTeacherUnlearning.METHOD,
            L1SparseUnlearning.METHOD,
            InfluenceUnlearning.METHOD,
            CertifiedRemovalUnlearning.METHOD,
            ForgetContrastStrengthen.METHOD,
            MaskedSmallGradients.METHOD,
            ConfuseFirstLayer.METHOD,
            ResetDistil.METHOD,
            RandomNoiseInjection.METHOD,
            PruneRetrainQuantise.METHOD,
            TransposeKernels.METHOD,
            ShortRetrain.METHOD);

    private static final List<DeletionMethod> ALL = withProvided(BUILT_IN);

    private DeletionMethods() {
    }

    private static List<DeletionMethod> withProvided(List<DeletionMethod> builtIn) {
        List<DeletionMethodProvider> providers = new ArrayList<>();
        java.util.ServiceLoader.load(DeletionMethodProvider.class, DeletionMethods.class.getClassLoader())
                .forEach(providers::add);
        providers.sort(java.util.Comparator.comparing(p -> p.getClass().getName()));
        List<DeletionMethod> all = new ArrayList<>(builtIn);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (DeletionMethod m : builtIn) {
            names.add(m.name());
        }
        for (DeletionMethodProvider provider : providers) {
            for (DeletionMethod m : provider.methods()) {
                if (!names.add(m.name())) {
                    throw new IllegalStateException("two deletion methods are called " + m.name() + " ("
                            + provider.getClass().getName() + ")");
                }
                all.add(m);
            }
        }
        return List.copyOf(all);
    }

    /** Every registered method. */
    public static List<DeletionMethod> all() {
        return ALL;
    }

    /** The method called {@code name}, if registered. */
    public static Optional<DeletionMethod> find(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The method called {@code name}; an unknown name is an error that lists the known ones. */
    public static DeletionMethod named(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown deletion method '" + name
                + "' (known: " + String.join(", ", names()) + ")"));
    }

    /** The registered names, in order. */
    public static List<String> names() {
        List<String> out = new ArrayList<>();
        for (DeletionMethod m : ALL) {
            out.add(m.name());
        }
        return out;
    }

    /** The default method for a kind of model: the first registered exact method that applies to it. */
    public static DeletionMethod defaultFor(ModelKind kind) {
        return ALL.stream().filter(m -> m.exact() && m.appliesTo() == kind).findFirst()
                .orElseThrow(() -> new IllegalStateException("no exact method for " + kind));
    }

    /**
     * The method called {@code name}, checked to apply to a model of {@code kind}; errors say which methods do.
     */
    public static DeletionMethod forModel(String name, ModelKind kind) {
        DeletionMethod m = named(name);
        if (m.appliesTo() != kind) {
            List<String> fitting = new ArrayList<>();
            for (DeletionMethod other : ALL) {
                if (other.appliesTo() == kind) {
                    fitting.add(other.name());
                }
            }
            throw new IllegalArgumentException("method " + name + " deletes from " + m.appliesTo().plural()
                    + ", not from " + kind.singular() + " (use " + String.join(", ", fitting) + ")");
        }
        return m;
    }
}
