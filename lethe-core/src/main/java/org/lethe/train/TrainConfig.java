package org.lethe.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.lethe.autograd.Tensor;
import org.lethe.optim.Adam;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.optim.Optimizer;
import org.lethe.optim.Sgd;

/**
 * How to train: epochs, batch size, seed, optimiser and learning-rate schedule, evaluation and checkpoint
 * cadence. Stored as JSON in every run directory and model card, so a run can be repeated or replayed exactly.
 *
 * <p>{@code scheduleSteps} is the horizon of decaying schedules. It is fixed when a run starts (0 means "this
 * run's step count") and saved, so that a retraining on fewer examples uses the same rate at every step.
 */
public final class TrainConfig {
    public String algebra = "f32";
    public int epochs = 2;
    /** A step budget: when positive, the run stops after this many steps and takes as many epochs as needed. */
    public int steps = 0;
    public int batchSize = 64;
    public long seed = 0;
    public String optimizer = "sgd";
    public double learningRate = 0.05;
    public double momentum = 0.9;
    public boolean nesterov = false;
    public double weightDecay = 0.0;
    public double beta1 = 0.9;
    public double beta2 = 0.999;
    public double eps = 1e-8;
    public boolean epsInsideSqrt = false;
    public String schedule = "constant";
    public int warmupSteps = 0;
    public long scheduleSteps = 0;
    public int evaluateEvery = 0;
    public int checkpointEvery = 0;
    /** Keep every step's parameter update on disk (for the approximate amnesiac deletion). */
    public boolean recordUpdates = false;

    /** Batch size of a new run when none is chosen ({@link #defaultsFor}). */
    public static final int DEFAULT_BATCH_SIZE = 32;
    /** Learning-rate schedule of a new run when none is chosen ({@link #defaultsFor}). */
    public static final String DEFAULT_SCHEDULE = "cosine";

    /**
     * The settings a new run of a {@code kind} model ({@code mlp}, {@code cnn} or {@code gpt}, see
     * {@link ModelSpec#defaultKind}) starts from before any choice is made, as {@code lethe train} uses them: a
     * character GPT trains one epoch with Adam, an MLP or CNN three epochs with SGD (momentum 0.9), both in batches
     * of {@value #DEFAULT_BATCH_SIZE} with {@value #DEFAULT_SCHEDULE} decay, at {@link #defaultLearningRate}. The
     * field initialisers of this class are different: they are what a stored configuration falls back to for a
     * key it lacks, and must not change.
     */
    public static TrainConfig defaultsFor(String kind) {
        boolean gpt = kind.equals("gpt");
        TrainConfig c = new TrainConfig();
        c.epochs = gpt ? 1 : 3;
        c.batchSize = DEFAULT_BATCH_SIZE;
        c.optimizer = gpt ? "adam" : "sgd";
        c.learningRate = defaultLearningRate(kind, c.optimizer);
        c.schedule = DEFAULT_SCHEDULE;
        return c;
    }

    /** The learning rate of a new run of a {@code kind} model with {@code optimizer}: SGD 0.05; Adam/AdamW 0.01 for a GPT, 0.001 otherwise. */
    public static double defaultLearningRate(String kind, String optimizer) {
        return optimizer.equals("sgd") ? 0.05 : kind.equals("gpt") ? 1e-2 : 1e-3;
    }

    /** A copy. */
    public TrainConfig copy() {
        return fromMap(toMap());
    }

    /** The optimiser this configuration describes, over {@code params}. */
    public Optimizer buildOptimizer(List<Tensor> params) {
        switch (optimizer) {
            case "sgd":
                return new Sgd(params, learningRate, momentum, nesterov, weightDecay);
            case "adam":
            case "adamw":
                return Adam.builder(params)
                        .learningRate(learningRate)
                        .betas(beta1, beta2)
                        .eps(eps)
                        .weightDecay(weightDecay)
                        .decoupledWeightDecay(optimizer.equals("adamw"))
                        .epsilonPlacement(epsInsideSqrt ? Adam.EpsilonPlacement.EPS_INSIDE_SQRT
                                : Adam.EpsilonPlacement.EPS_OUTSIDE_SQRT)
                        .build();
            default:
                throw new IllegalArgumentException("unknown optimizer '" + optimizer + "' (sgd, adam, adamw)");
        }
    }

    /** The learning-rate schedule over a horizon of {@code horizon} steps (used when scheduleSteps is 0). */
    public LearningRateSchedule buildSchedule(long horizon) {
        long steps = scheduleSteps > 0 ? scheduleSteps : horizon;
        long decaySteps = Math.max(1, steps - warmupSteps);
        LearningRateSchedule main;
        switch (schedule) {
            case "constant": main = LearningRateSchedule.constant(learningRate); break;
            case "linear": main = LearningRateSchedule.linearDecay(learningRate, 0.0, decaySteps); break;
            case "cosine": main = LearningRateSchedule.cosine(learningRate, 0.0, decaySteps); break;
            default: throw new IllegalArgumentException("unknown schedule '" + schedule + "' (constant, linear, cosine)");
        }
        return warmupSteps > 0 ? LearningRateSchedule.warmup(warmupSteps, main) : main;
    }

    /** Checks ranges; the message names the field. */
    public TrainConfig validate() {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!algebra.equals("f32") && !algebra.equals("f64")) {
            throw new IllegalArgumentException("algebra must be f32 or f64, got " + algebra);
        }
        buildSchedule(1);
        if (!List.of("sgd", "adam", "adamw").contains(optimizer)) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "' (sgd, adam, adamw)");
        }
        return this;
    }

    /**
     * The configuration as a JSON-ready map: the {@code training} section of a description ({@link RunDescription},
     * {@link SisaDescription}) and of a model card (which cannot name this type).
     */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algebra", algebra);
        m.put("epochs", epochs);
        m.put("steps", steps);
        m.put("batch_size", batchSize);
        m.put("seed", seed);
        m.put("optimizer", optimizer);
        m.put("learning_rate", learningRate);
        m.put("momentum", momentum);
        m.put("nesterov", nesterov);
        m.put("weight_decay", weightDecay);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("eps", eps);
        m.put("eps_inside_sqrt", epsInsideSqrt);
        m.put("schedule", schedule);
        m.put("warmup_steps", warmupSteps);
        m.put("schedule_steps", scheduleSteps);
        m.put("evaluate_every", evaluateEvery);
        m.put("checkpoint_every", checkpointEvery);
        m.put("record_updates", recordUpdates);
        return m;
    }

    // The keys toMap writes, in its order: the only keys fromMap accepts. Derived rather than listed, so that a
    // field added to toMap is accepted on reading without a second list to keep in step.
    private static final List<String> KEYS = List.copyOf(new TrainConfig().toMap().keySet());

    /**
     * Reads a map written by {@link #toMap}; missing keys keep their defaults (files from before a key existed).
     *
     * @throws IllegalArgumentException on a key {@link #toMap} does not write, naming it and the known keys: a
     *         renamed or misspelt key would otherwise be ignored and its default silently used
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static TrainConfig fromMap(Map<String, ?> m) {
        for (String key : m.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("training config has an unknown key '" + key + "' (known: "
                        + String.join(", ", KEYS) + ")");
            }
        }
        TrainConfig c = new TrainConfig();
        c.algebra = str(m, "algebra", c.algebra);
        c.epochs = (int) num(m, "epochs", c.epochs);
        c.steps = (int) num(m, "steps", c.steps);
        c.batchSize = (int) num(m, "batch_size", c.batchSize);
        c.seed = (long) num(m, "seed", c.seed);
        c.optimizer = str(m, "optimizer", c.optimizer);
        c.learningRate = num(m, "learning_rate", c.learningRate);
        c.momentum = num(m, "momentum", c.momentum);
        c.nesterov = bool(m, "nesterov", c.nesterov);
        c.weightDecay = num(m, "weight_decay", c.weightDecay);
        c.beta1 = num(m, "beta1", c.beta1);
        c.beta2 = num(m, "beta2", c.beta2);
        c.eps = num(m, "eps", c.eps);
        c.epsInsideSqrt = bool(m, "eps_inside_sqrt", c.epsInsideSqrt);
        c.schedule = str(m, "schedule", c.schedule);
        c.warmupSteps = (int) num(m, "warmup_steps", c.warmupSteps);
        c.scheduleSteps = (long) num(m, "schedule_steps", c.scheduleSteps);
        c.evaluateEvery = (int) num(m, "evaluate_every", c.evaluateEvery);
        c.checkpointEvery = (int) num(m, "checkpoint_every", c.checkpointEvery);
        c.recordUpdates = bool(m, "record_updates", c.recordUpdates);
        return c;
    }

    private static String str(Map<String, ?> m, String key, String dflt) {
        Object v = m.get(key);
        return v == null ? dflt : v.toString();
    }

    private static double num(Map<String, ?> m, String key, double dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw new IllegalArgumentException("training config field '" + key + "' must be a number, got " + v);
    }

    private static boolean bool(Map<String, ?> m, String key, boolean dflt) {
        Object v = m.get(key);
        return v == null ? dflt : Boolean.parseBoolean(v.toString());
    }
}
