package org.lethe.sketch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.data.Examples;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.train.ClassificationTask;
import org.lethe.train.LanguageModelTask;
import org.lethe.train.Trainer;
import org.lethe.train.TrainingRun;
import org.lethe.train.TrainingTask;

/**
 * A run made by {@code lethe train}, replayed with loss weights: the same initial weights (read from the run's
 * own initialisation, so an F32 run starts from its F32 values), data order, optimiser and schedule, with each
 * training example's loss multiplied by its weight. Works for MLP and CNN classifiers (weighted cross-entropy) and
 * character GPTs (each document's positions weighted). In a series algebra the arithmetic is F64, so the constant
 * terms of a sketch of an F32 run are the F64 replay of that run.
 */
public final class TrainingRunReplay implements WeightedTraining {
    private final TrainingRun run;
    private final Map<String, double[]> initial = new LinkedHashMap<>();

    private TrainingRunReplay(TrainingRun run) {
        this.run = run;
        for (Map.Entry<String, Tensor> e : run.model.namedParameters().entrySet()) {
            initial.put(e.getKey(), e.getValue().value().toDoubles());
        }
    }

    /** The run saved in {@code runDir}. */
    public static TrainingRunReplay open(Path runDir) throws IOException {
        return new TrainingRunReplay(TrainingRun.open(runDir));
    }

    /** How another process opens this replay and its measurements: from the run's directory. */
    public TrainingRecipe recipe() {
        return new Recipe(run.dir.root().toAbsolutePath().normalize().toString());
    }

    /** A replay rebuilt from its run's directory; measurements from their descriptions ({@link #measurement}). */
    private record Recipe(String runDir) implements TrainingRecipe {
        @Override
        public WeightedTraining training() throws IOException {
            return open(Path.of(runDir));
        }

        @Override
        public Measurement measurement(WeightedTraining training, String name) {
            return ((TrainingRunReplay) training).measurement(name);
        }
    }

    /** The underlying run (its model holds the initial weights). */
    public TrainingRun run() {
        return run;
    }

    /** This run as the source of a sketch. */
    public SketchSource description() {
        return SketchSource.ofRun(run.dir.root().toAbsolutePath().toString(), run.modelSpec, run.config,
                run.data.train.fingerprint());
    }

    @Override
    public int exampleCount() {
        return run.data.train.size();
    }

    @Override
    public Module newModel(Algebra algebra) {
        Module model = run.modelSpec.build(algebra, run.config.seed);
        for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
            NDArray v = e.getValue().value();
            v.assign(NDArray.of(algebra, initial.get(e.getKey()), v.shape()));
        }
        return model;
    }

    @Override
    public Module train(Algebra algebra, LossWeights weights, StepListener listener) {
        Module model = newModel(algebra);
        Optimizer optimizer = run.config.buildOptimizer(model.trainableParameters());
        Trainer trainer = new Trainer(model, optimizer, run.config.buildSchedule(run.provenance.steps()), run.provenance,
                weightedTask(algebra, weights));
        int steps = run.provenance.steps();
        if (listener != null) {
            trainer.listener(new Trainer.Listener() {
                @Override
                public void onStep(int step, double loss, double learningRate) {
                    listener.stepDone(step + 1, steps);
                }
            });
        }
        trainer.run();
        return model;
    }

    private TrainingTask weightedTask(Algebra algebra, LossWeights weights) {
        if (run.data.isText()) {
            LanguageModelTask lm = new LanguageModelTask((TextCorpus) run.data.train, algebra);
            return (model, batch) -> documentLoss((Gpt) model, lm, batch, algebra, weights.weights(batch, algebra));
        }
        ClassificationTask task = new ClassificationTask(run.data.trainDataset(), run.modelSpec.inputShape(), algebra);
        return (model, batch) -> Functional.crossEntropy(((Layer) model).forward(task.inputs(batch)),
                task.data().labels(batch), Tensor.constant(weights.weights(batch, algebra)));
    }

    /**
     * The language-model loss of {@link LanguageModelTask} (documents padded to the longest, averaged over real
     * positions) with every position of document b weighted by {@code documentWeights[b]}; null weights are all 1.
     */
    static Tensor documentLoss(Gpt gpt, LanguageModelTask lm, int[] batch, Algebra algebra, NDArray documentWeights) {
        int context = gpt.config().contextLength();
        int time = 1;
        int[][] seqs = new int[batch.length][];
        for (int b = 0; b < batch.length; b++) {
            seqs[b] = lm.sequence(batch[b]);
            time = Math.max(time, Math.min(context, seqs[b].length - 1));
        }
        int[] tokens = new int[batch.length * time];
        int[] targets = new int[batch.length * time];
        double[] mask = new double[batch.length * time];
        int real = 0;
        int bos = lm.corpus().bos();
        for (int b = 0; b < batch.length; b++) {
            int n = Math.min(time, seqs[b].length - 1);
            for (int t = 0; t < time; t++) {
                int k = b * time + t;
                if (t < n) {
                    tokens[k] = seqs[b][t];
                    targets[k] = seqs[b][t + 1];
                    mask[k] = 1.0;
                    real++;
                } else {
                    tokens[k] = bos;
                    targets[k] = bos;
                }
            }
        }
        double scale = (double) (batch.length * time) / real;
        for (int k = 0; k < mask.length; k++) {
            mask[k] *= scale;
        }
        NDArray w = NDArray.of(algebra, mask, batch.length, time);
        if (documentWeights != null) {
            w = w.mul(documentWeights.reshape(batch.length, 1));
        }
        return gpt.loss(tokens, targets, batch.length, time, Tensor.constant(w.reshape(batch.length * time)));
    }

    // ---------------------------------------------------------------- deletion sets and measurements

    /** Training-set indices of the examples with the given ids; unknown ids are an error naming them. */
    public int[] indicesOf(List<String> ids) {
        Examples train = run.data.train;
        int[] out = new int[ids.size()];
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < out.length; i++) {
            out[i] = train.indexOf(ids.get(i));
            if (out[i] < 0) {
                unknown.add(ids.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not training examples of this run: "
                    + (unknown.size() > 5 ? unknown.subList(0, 5) + " and " + (unknown.size() - 5) + " more" : unknown));
        }
        return out;
    }

    /** Training-set indices of a subject's examples. */
    public int[] indicesOfSubject(String subject) {
        List<String> ids = run.provenance.idsOfSubject(subject);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("subject '" + subject + "' has no training examples in this run");
        }
        return indicesOf(ids);
    }

    /**
     * A measurement from its description: {@code example:ID} is the loss on an example of the data (training or
     * test) and {@code text:STRING} the loss of a GPT on a string.
     */
    public Measurement measurement(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("measurement '" + spec + "' must be example:ID or text:STRING");
        }
        String kind = spec.substring(0, colon);
        String arg = spec.substring(colon + 1);
        switch (kind) {
            case "example":
                return exampleLoss(spec, arg);
            case "text":
                if (!run.data.isText()) {
                    throw new IllegalArgumentException("text measurements need a language model; this run is a classifier");
                }
                return textLoss(spec, ((TextCorpus) run.data.all).encode(arg));
            default:
                throw new IllegalArgumentException("unknown measurement kind '" + kind + "' (example, text)");
        }
    }

    private Measurement exampleLoss(String spec, String id) {
        int index = run.data.all.indexOf(id);
        if (index < 0) {
            throw new IllegalArgumentException("no example '" + id + "' in " + run.data.source);
        }
        if (run.data.isText()) {
            TextCorpus all = (TextCorpus) run.data.all;
            return textLoss(spec, all.encode(all.document(index)));
        }
        Dataset all = (Dataset) run.data.all;
        int[] row = {index};
        int[] label = all.labels(row);
        return measurement(spec, model -> {
            Algebra algebra = model.namedParameters().values().iterator().next().algebra();
            ClassificationTask task = new ClassificationTask(all, run.modelSpec.inputShape(), algebra);
            NDArray logits = task.logits((Layer) model, row);
            return Functional.crossEntropy(Tensor.constant(logits.reshape(1, -1)), label).value();
        });
    }

    private Measurement textLoss(String spec, int[] chars) {
        int bos = ((TextCorpus) run.data.all).bos();
        return measurement(spec, model -> {
            Gpt gpt = (Gpt) model;
            int n = Math.min(gpt.config().contextLength(), chars.length + 1);
            int[] seq = new int[chars.length + 2];
            seq[0] = bos;
            System.arraycopy(chars, 0, seq, 1, chars.length);
            seq[seq.length - 1] = bos;
            boolean wasTraining = gpt.isTraining();
            gpt.train(false);
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                return gpt.loss(java.util.Arrays.copyOfRange(seq, 0, n), java.util.Arrays.copyOfRange(seq, 1, n + 1), 1, n)
                        .value();
            } finally {
                gpt.train(wasTraining);
            }
        });
    }

    private static Measurement measurement(String name, java.util.function.Function<Module, NDArray> f) {
        return new Measurement() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public NDArray evaluate(Module model) {
                return f.apply(model);
            }
        };
    }
}
