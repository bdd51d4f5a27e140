package org.lethe.unlearn;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelKind;

/**
 * A deletion method as the {@link DeletionMethods registry} knows it: its name, whether it is exact, the kind of
 * model it applies to, what it needs, its parameters with typed defaults, its wording in reports, how an audit
 * builds comparison models for it, and how to make its {@link Unlearner}. Each method's file declares one of
 * these next to its implementation; everything else (the command line, audits, reports) asks the registry.
 */
public final class DeletionMethod {
    /** Makes the method's unlearner from validated settings. */
    @FunctionalInterface
    public interface Factory {
        Unlearner create(MethodSettings settings, MethodContext context);
    }

    /** The parameter every approximate method takes: the seed of its random choices. */
    public static final String SEED = "seed";

    private final String name;
    private final boolean exact;
    private final ModelKind appliesTo;
    private final Set<Requirement> needs;
    private final List<MethodParameter> parameters;
    private final Map<String, Object> earlierRecordValues;
    private final String summary;
    private final String reportWording;
    private final AuditComparison auditComparison;
    private final String comparisonWording;
    private final Factory factory;
    private final ApproximateDeletion algorithm;

    private DeletionMethod(Builder b, Factory factory) {
        this.name = b.name;
        this.exact = b.exact;
        this.appliesTo = b.appliesTo;
        this.needs = Set.copyOf(b.needs);
        this.parameters = List.copyOf(b.parameters);
        this.earlierRecordValues = Map.copyOf(b.earlierRecordValues);
        this.summary = b.summary;
        this.reportWording = b.reportWording;
        this.auditComparison = b.auditComparison;
        this.comparisonWording = b.comparisonWording;
        this.factory = factory;
        this.algorithm = b.algorithm;
    }

    /** Starts the description of method {@code name}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The registry name ({@code sisa}, {@code replay}, ...), as written in records and on the command line. */
    public String name() {
        return name;
    }

    /** True when results equal retraining without the data, bit for bit. */
    public boolean exact() {
        return exact;
    }

    /** The kind of stored model it deletes from. */
    public ModelKind appliesTo() {
        return appliesTo;
    }

    /** What it needs. */
    public Set<Requirement> needs() {
        return needs;
    }

    /** Its parameters, in declaration order. */
    public List<MethodParameter> parameters() {
        return parameters;
    }

    /** One sentence on what it does, for listings and help. */
    public String summary() {
        return summary;
    }

    /** How a report says that a model was made by it ("made by an exact replay deletion"). */
    public String reportWording() {
        return reportWording;
    }

    /** How an audit builds comparison models for it. */
    public AuditComparison auditComparison() {
        return auditComparison;
    }

    /**
     * What {@code count} comparison models of a {@code kind} are for this method, in words, with the settings'
     * values filled in.
     */
    public String describeComparisonModels(int count, ModelKind kind, MethodSettings settings) {
        String text = comparisonWording.replace("{models}", kind.plural());
        for (Map.Entry<String, Object> e : settings.values().entrySet()) {
            text = text.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return count + " " + text;
    }

    /** Validated settings from raw values by parameter name (missing ones take their defaults). */
    public MethodSettings settings(Map<String, ?> given) {
        return MethodSettings.of(name, parameters, given);
    }

    /**
     * The settings a deletion ran with, from its record. Records written before methods declared parameters kept
     * them among the figures a method recomputed (amnesiac's {@code fine_tune_steps}); those are read from there.
     */
    public MethodSettings settingsOf(DeletionRecord record) {
        if (!record.method().equals(name)) {
            throw new IllegalArgumentException("the record is of method " + record.method() + ", not " + name);
        }
        if (!record.parameters().isEmpty() || parameters.isEmpty()) {
            Map<String, Object> given = new LinkedHashMap<>(earlierRecordValues);
            given.putAll(record.parameters());
            return settings(given);
        }
        Map<String, Object> fromFigures = new LinkedHashMap<>(earlierRecordValues);
        for (MethodParameter p : parameters) {
            Object value = record.recomputed().get(p.name());
            if (value != null) {
                fromFigures.put(p.name(), value);
            }
        }
        return settings(fromFigures);
    }

    /** Every parameter at its default. */
    public MethodSettings defaults() {
        return settings(Map.of());
    }

    /**
     * The in-memory algorithm of an approximate method (made with {@link Builder#approximate}), which the
     * leaderboard and tuning run without writing model versions; empty for the other methods.
     */
    public java.util.Optional<ApproximateDeletion> approximateDeletion() {
        return java.util.Optional.ofNullable(algorithm);
    }

    /** The method's unlearner with these settings (made by {@link #settings}) and this context. */
    public Unlearner unlearner(MethodSettings settings, MethodContext context) {
        return factory.create(settings, context);
    }

    @Override
    public String toString() {
        return name;
    }

    /** Describes a method; {@link #build()} checks that every part was given. */
    public static final class Builder {
        private final String name;
        private boolean exact;
        private ModelKind appliesTo = ModelKind.RUN;
        private final Set<Requirement> needs = EnumSet.noneOf(Requirement.class);
        private final List<MethodParameter> parameters = new ArrayList<>();
        private final Map<String, Object> earlierRecordValues = new LinkedHashMap<>();
        private String summary;
        private String reportWording;
        private AuditComparison auditComparison;
        private String comparisonWording;
        private Factory factory;
        private ApproximateDeletion algorithm;

        private Builder(String name) {
            this.name = name;
        }

        /** Results equal retraining without the data, bit for bit. */
        public Builder exact() {
            this.exact = true;
            return this;
        }

        /** The kind of model it deletes from (default: single runs). */
        public Builder appliesTo(ModelKind kind) {
            this.appliesTo = kind;
            return this;
        }

        /** What it needs. */
        public Builder needs(Requirement... requirements) {
            needs.addAll(List.of(requirements));
            return this;
        }

        /**
         * A parameter added after records of this method were first written: a record without it was made as if
         * it had had {@code valueInEarlierRecords}, which may differ from today's default, so that audits and
         * replays rebuild such a record's models the way they were made.
         */
        public Builder parameterAddedLater(MethodParameter parameter, Object valueInEarlierRecords) {
            earlierRecordValues.put(parameter.name(), parameter.convert(valueInEarlierRecords));
            return parameter(parameter);
        }

        /** A parameter. */
        public Builder parameter(MethodParameter parameter) {
            parameters.add(parameter);
            return this;
        }

        /** One sentence on what it does. */
        public Builder summary(String text) {
            this.summary = text;
            return this;
        }

        /** How a report words "made by this method". */
        public Builder reportWording(String text) {
            this.reportWording = text;
            return this;
        }

        /**
         * How audits build comparison models, and how to describe them after their count: {@code {models}} stands
         * for "models" or "SISA ensembles", {@code {parameter}} for a setting's value.
         */
        public Builder auditComparison(AuditComparison comparison, String wording) {
            this.auditComparison = comparison;
            this.comparisonWording = wording;
            return this;
        }

        /** How to make the unlearner. */
        public Builder factory(Factory f) {
            this.factory = f;
            return this;
        }

        /**
         * An approximate method for single models whose work is {@code deletion}: it needs the forget set and the
         * retained data, takes a {@code seed} parameter (declared last), runs through {@link ApproximateUnlearner},
         * and is audited against models trained with the forget set and then unlearned by it. Report and
         * comparison wording default to plain ones naming the method. The algorithm is guarded: if it diverges (a
         * non-finite loss or weight) it fails with a {@link MethodDivergedException} and never returns such a model.
         */
        public Builder approximate(ApproximateDeletion deletion) {
            this.algorithm = FiniteModelGuard.guarding(name, java.util.Objects.requireNonNull(deletion, "deletion"));
            this.exact = false;
            this.appliesTo = ModelKind.RUN;
            needs(Requirement.FORGET_SET, Requirement.RETAIN_DATA);
            return this;
        }

        /** The method; every part must have been given. */
        public DeletionMethod build() {
            if (!name.matches("[a-z][a-z0-9_-]*")) {
                throw new IllegalStateException("method names are lower case, got '" + name + "'");
            }
            if (algorithm != null) {
                return buildApproximate();
            }
            if (summary == null || reportWording == null || auditComparison == null || factory == null) {
                throw new IllegalStateException("method " + name + " needs a summary, report wording, audit "
                        + "comparison and factory");
            }
            return new DeletionMethod(this, factory);
        }

        private DeletionMethod buildApproximate() {
            if (factory != null) {
                throw new IllegalStateException("method " + name + " is approximate: its factory is implied");
            }
            if (summary == null) {
                throw new IllegalStateException("method " + name + " needs a summary");
            }
            if (parameters.stream().noneMatch(p -> p.name().equals(SEED))) {
                parameters.add(MethodParameter.integer(SEED, 0, "seed of the method's random choices"));
            }
            if (reportWording == null) {
                reportWording = "made by an approximate deletion (" + name + ")";
            }
            if (auditComparison == null) {
                auditComparison = AuditComparison.DELETED_FROM_ORIGINAL;
                comparisonWording = "{models} trained with the forget set (other seeds), each then with the forget "
                        + "set deleted by " + name;
            }
            DeletionMethod[] self = new DeletionMethod[1];
            ApproximateDeletion deletion = algorithm;
            DeletionMethod method = new DeletionMethod(this,
                    (settings, context) -> new ApproximateUnlearner(self[0], settings, deletion));
            self[0] = method;
            return method;
        }
    }
}
