package org.lethe.sketch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.nn.GptConfig;
import org.lethe.nn.Module;
import org.lethe.optim.Adam;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;
import org.lethe.train.TrainingStep;

/**
 * The reference experiment of deletion prediction (Gunn's microgpt experiment), reproduced exactly: a 4,192-parameter
 * character transformer trained on 1,000 names, one per step, and the question "what would the loss on {@code max}
 * be if the names containing {@code x} had never been seen?".
 *
 * <p>Documents are the stripped non-empty lines of the bundled names, in file order, shuffled by CPython's
 * {@code random} seeded with 42; the initial weights are then drawn from the same generator with
 * {@code gauss(0, 0.08)}, row by row, in the order {@code wte, wpe, lm_head, attn_wq, attn_wk, attn_wv, attn_wo,
 * mlp_fc1, mlp_fc2}. The model is {@link GptConfig#tinyCharacterModel}; a document is {@code [BOS] + chars + [BOS]}
 * and its loss the mean over the first {@code min(16, len - 1)} positions of {@code -log softmax(target)}. Training
 * is one epoch over the first 1,000 documents, one per step, with Adam ({@code lr_t = 0.01 (1 - t/1000)}, betas
 * 0.85 and 0.99, bias correction, epsilon 1e-3 inside the square root); step {@code t}'s loss is multiplied by
 * {@code 1 - x_t}. The deletion set D is the steps whose name contains {@code x}; the measurement is the loss on
 * {@code max}.
 *
 * <p>Instances are immutable and may train in several threads at once.
 */
public final class MicroGptExperiment implements WeightedTraining {
    /** CPython's seed for the shuffle and the initial weights. */
    public static final long SEED = 42;
    /** Training steps, one document each. */
    public static final int STEPS = 1000;
    /** The name whose loss is measured. */
    public static final String MEASURED_NAME = "max";
    /** Documents containing this character are deleted. */
    public static final char DELETED_CHARACTER = 'x';

    private static final double LEARNING_RATE = 0.01;
    private static final double BETA1 = 0.85;
    private static final double BETA2 = 0.99;
    private static final double ADAM_EPS = 1e-3;

    private final List<String> shuffled;
    private final String vocabulary;
    private final GptConfig config;
    private final double[] initialWeights;
    private final int[][] inputs;
    private final int[][] targets;
    private final MicroGptRecipe recipe;

    private MicroGptExperiment(List<String> documents, MicroGptRecipe recipe) {
        this.recipe = recipe;
        List<String> docs = new ArrayList<>(documents);
        PythonRandom random = new PythonRandom(SEED);
        random.shuffle(docs);
        this.shuffled = Collections.unmodifiableList(docs);
        this.vocabulary = vocabularyOf(documents);
        this.config = GptConfig.tinyCharacterModel(vocabulary.length() + 1);
        Gpt shape = new Gpt(org.lethe.tensor.Real64.INSTANCE, new Rng(0), config);
        this.initialWeights = new double[(int) shape.parameterCount()];
        for (int i = 0; i < initialWeights.length; i++) {
            initialWeights[i] = random.gauss(0, 0.08);
        }
        int steps = Math.min(STEPS, docs.size());
        this.inputs = new int[steps][];
        this.targets = new int[steps][];
        for (int t = 0; t < steps; t++) {
            int[][] ex = example(docs.get(t));
            inputs[t] = ex[0];
            targets[t] = ex[1];
        }
    }

    /** The experiment on the bundled names corpus. */
    public static MicroGptExperiment names() throws IOException {
        return new MicroGptExperiment(TextCorpus.names().documents(), new MicroGptRecipe(null));
    }

    /** The experiment on other documents (stripped non-empty lines in order), for tests. */
    public static MicroGptExperiment of(List<String> documents) {
        List<String> docs = new ArrayList<>();
        for (String d : documents) {
            String s = d.strip();
            if (!s.isEmpty()) {
                docs.add(s);
            }
        }
        if (docs.isEmpty()) {
            throw new IllegalArgumentException("the experiment needs at least one non-empty document");
        }
        return new MicroGptExperiment(docs, new MicroGptRecipe(new ArrayList<>(docs)));
    }

    /** What another process rebuilds this experiment from (for jobs that run elsewhere). */
    public TrainingRecipe recipe() {
        return recipe;
    }

    private static String vocabularyOf(List<String> docs) {
        java.util.TreeSet<Character> set = new java.util.TreeSet<>();
        for (String d : docs) {
            for (char c : d.toCharArray()) {
                set.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (char c : set) {
            sb.append(c);
        }
        return sb.toString();
    }

    /** The documents in shuffled order (the training documents are the first {@link #exampleCount()}). */
    public List<String> shuffledDocuments() {
        return shuffled;
    }

    /** The name trained on at step {@code t}. */
    public String trainingName(int t) {
        if (t < 0 || t >= inputs.length) {
            throw new IndexOutOfBoundsException("step " + t + " outside the " + inputs.length + " training steps");
        }
        return shuffled.get(t);
    }

    /** The sorted distinct characters; token {@code i} is character {@code i}, BOS is the vocabulary length. */
    public String vocabulary() {
        return vocabulary;
    }

    public GptConfig config() {
        return config;
    }

    /** The initial weights in {@link Gpt#fill} order (a copy). */
    public double[] initialWeights() {
        return initialWeights.clone();
    }

    /** Training steps whose name contains {@code c}, in order. */
    public int[] stepsContaining(char c) {
        int[] out = new int[inputs.length];
        int n = 0;
        for (int t = 0; t < inputs.length; t++) {
            if (shuffled.get(t).indexOf(c) >= 0) {
                out[n++] = t;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The deletion set of the experiment: steps whose name contains {@link #DELETED_CHARACTER}. */
    public int[] deletionSet() {
        return stepsContaining(DELETED_CHARACTER);
    }

    /** Inputs {@code [BOS] + chars} and targets {@code chars + [BOS]}, cut to the context length. */
    public int[][] example(String name) {
        int bos = vocabulary.length();
        int[] doc = new int[name.length() + 2];
        doc[0] = bos;
        for (int i = 0; i < name.length(); i++) {
            int id = vocabulary.indexOf(name.charAt(i));
            if (id < 0) {
                throw new IllegalArgumentException("character '" + name.charAt(i) + "' of \"" + name
                        + "\" is not in the vocabulary");
            }
            doc[i + 1] = id;
        }
        doc[doc.length - 1] = bos;
        int n = Math.min(config.contextLength(), doc.length - 1);
        return new int[][] {Arrays.copyOfRange(doc, 0, n), Arrays.copyOfRange(doc, 1, n + 1)};
    }

    @Override
    public int exampleCount() {
        return inputs.length;
    }

    /** A model holding the initial weights, in {@code algebra}. */
    @Override
    public Gpt newModel(Algebra algebra) {
        Gpt gpt = new Gpt(algebra, new Rng(0), config);
        int[] next = {0};
        gpt.fill(() -> initialWeights[next[0]++]);
        return gpt;
    }

    @Override
    public Gpt train(Algebra algebra, LossWeights weights, StepListener listener) {
        Gpt gpt = newModel(algebra);
        Adam adam = Adam.builder(gpt.trainableParameters()).learningRate(LEARNING_RATE).betas(BETA1, BETA2)
                .eps(ADAM_EPS).epsilonPlacement(Adam.EpsilonPlacement.EPS_INSIDE_SQRT).build();
        // The tiny model has no dropout, so the seed changes nothing; it is fixed so that one added would be.
        TrainingStep step = TrainingStep.of(gpt, adam);
        for (int t = 0; t < inputs.length; t++) {
            int at = t;
            step.run(() -> {
                Tensor loss = gpt.loss(inputs[at], targets[at], 1, inputs[at].length);
                NDArray w = weights.weight(at, algebra);
                return w == null ? loss : loss.mul(Tensor.constant(w));
            }, LEARNING_RATE * (1.0 - (double) t / STEPS), 0L, t);
            if (listener != null) {
                listener.stepDone(t + 1, inputs.length);
            }
        }
        return gpt;
    }

    /** The loss on {@code name} (the experiment's loss definition), in the model's algebra. */
    public NDArray loss(Gpt model, String name) {
        int[][] ex = example(name);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return model.loss(ex[0], ex[1], 1, ex[0].length).value();
        }
    }

    /** The experiment's measurement: the loss on {@link #MEASURED_NAME}, named {@code text:max}. */
    public Measurement measurement() {
        return measurement("text:" + MEASURED_NAME);
    }

    /** The measurement {@code text:NAME}: the loss on a name (its characters must be in the vocabulary). */
    public Measurement measurement(String spec) {
        if (!spec.startsWith("text:") || spec.length() == "text:".length()) {
            throw new IllegalArgumentException("measurement '" + spec + "' must be text:NAME for the reference experiment");
        }
        String name = spec.substring("text:".length());
        example(name);
        return new Measurement() {
            @Override
            public String name() {
                return spec;
            }

            @Override
            public NDArray evaluate(Module model) {
                return loss((Gpt) model, name);
            }
        };
    }

    /** This experiment as the source of a sketch. */
    public SketchSource description() {
        return SketchSource.ofMicroGpt(shuffled.size(), inputs.length, SEED);
    }
}
