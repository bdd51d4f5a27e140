package org.lethe.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.lethe.autograd.Functional;
import org.lethe.autograd.GradMode;
import org.lethe.autograd.Tensor;
import org.lethe.data.Dataset;
import org.lethe.exec.JobEnvironment;
import org.lethe.exec.JobRunner;
import org.lethe.io.JsonFiles;
import org.lethe.nn.Layer;
import org.lethe.nn.Module;
import org.lethe.optim.LearningRateSchedule;
import org.lethe.optim.Optimizer;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/**
 * A SISA ensemble (Sharded, Isolated, Sliced, Aggregated) stored in a directory:
 * <pre>
 *   sisa.json                           shards, slices, epochs per slice, architecture, training, data
 *   shards/shard-NNN/step-0000000R.safetensors   state of shard NNN after stages 1..R (model + optimiser)
 * </pre>
 * Shard {@code s} trains incrementally: stage {@code r} continues from stage {@code r-1} on the shard's slices
 * {@code 0..r} for a fixed number of epochs, visiting them in {@link EpochOrder} keyed by {@code (seed, s, r)};
 * its initial weights come from {@code (seed, s)}; the learning-rate schedule (with any warm-up) restarts in every
 * stage over that stage's steps. Everything is a function of the seed and the ids present, so
 * retraining a shard from the first stage that held deleted data gives exactly the model that training from
 * scratch without that data gives.
 *
 * <p>The ensemble predicts by averaging the shard models' class probabilities ({@code mean}) or by majority vote
 * ({@code vote}, ties to the lowest class); shards left without data take no part.
 */
public final class SisaModel {
    public static final String FILE = "sisa.json";

    public final Path dir;
    public final ModelSpec modelSpec;
    public final TrainConfig config;
    public final PreparedData data;
    public final int epochsPerSlice;
    public final String aggregation;
    public final SisaLayout layout;
    public final Algebra algebra;
    private final int[][] stageMembers;
    private final int[] shardOfExample;
    private final int[] sliceOfExample;

    private SisaModel(Path dir, ModelSpec spec, TrainConfig config, PreparedData data, int shards, int slices,
                      int epochsPerSlice, String aggregation) {
        this(dir, spec, config, data, shards, slices, epochsPerSlice, aggregation, null);
    }

    // parent: a model whose training set contains this one's in the same order (a deletion's predecessor); its
    // placement is reused instead of hashed again, which is the same by the layout's definition.
    private SisaModel(Path dir, ModelSpec spec, TrainConfig config, PreparedData data, int shards, int slices,
                      int epochsPerSlice, String aggregation, SisaModel parent) {
        if (!aggregation.equals("mean") && !aggregation.equals("vote")) {
            throw new IllegalArgumentException("aggregation must be mean or vote, got " + aggregation);
        }
        if (epochsPerSlice < 1) {
            throw new IllegalArgumentException("epochs per slice must be at least 1, got " + epochsPerSlice);
        }
        if (data.isText()) {
            throw new IllegalArgumentException("SISA ensembles are built for labelled feature data, not text corpora");
        }
        this.dir = dir;
        this.modelSpec = spec;
        this.config = config;
        this.data = data;
        this.epochsPerSlice = epochsPerSlice;
        this.aggregation = aggregation;
        this.layout = new SisaLayout(config.seed, shards, slices);
        this.algebra = ModelSpec.algebra(config.algebra);
        Dataset train = data.trainDataset();
        shardOfExample = new int[train.size()];
        sliceOfExample = new int[train.size()];
        if (parent == null) {
            layout.place(train, shardOfExample, sliceOfExample);
        } else {
            Dataset larger = parent.data.trainDataset();
            for (int i = 0, p = 0; i < train.size(); i++, p++) {
                while (p < larger.size() && !larger.id(p).equals(train.id(i))) {
                    p++;
                }
                if (p == larger.size()) {
                    throw new IllegalArgumentException("the new training set is not a subset of the old in order: "
                            + train.id(i));
                }
                shardOfExample[i] = parent.shardOfExample[p];
                sliceOfExample[i] = parent.sliceOfExample[p];
            }
        }
        int[][] counts = new int[shards][slices];
        for (int i = 0; i < train.size(); i++) {
            counts[shardOfExample[i]][sliceOfExample[i]]++;
        }
        stageMembers = new int[shards][];
        for (int s = 0; s < shards; s++) {
            int n = 0;
            for (int r = 0; r < slices; r++) {
                n += counts[s][r];
            }
            stageMembers[s] = new int[n];
        }
        int[] fill = new int[shards];
        for (int i = 0; i < train.size(); i++) {
            stageMembers[shardOfExample[i]][fill[shardOfExample[i]]++] = i;
        }
    }

    /** Writes the description of a new, untrained ensemble into {@code dir} (which must not hold one). */
    public static SisaModel create(Path dir, ModelSpec spec, TrainConfig config, PreparedData data, int shards,
                                   int slices, int epochsPerSlice, String aggregation) throws IOException {
        if (Files.exists(dir.resolve(FILE))) {
            throw new IOException(dir + " already holds a SISA model");
        }
        config.validate();
        SisaModel m = new SisaModel(dir, spec, config, data, shards, slices, epochsPerSlice, aggregation);
        Files.createDirectories(dir);
        m.writeDescription(dir);
        return m;
    }

    /** Opens the ensemble stored in {@code dir}. */
    public static SisaModel open(Path dir) throws IOException {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException(dir + " is not a SISA model (no " + FILE + ")");
        }
        SisaDescription d = JsonFiles.read(f, SisaDescription.class, false);
        StoredSetup setup = StoredSetup.of(d.architecture(), d.training(), d.data(), f);
        return new SisaModel(dir, setup.spec(), setup.config(), setup.data(), d.shards(), d.slices(),
                d.epochsPerSlice(), d.aggregation());
    }

    /** Writes the description ({@value #FILE}) and the examples' record ({@link RecordedExamples}) into {@code dir}. */
    public void writeDescription(Path into) throws IOException {
        JsonFiles.write(into.resolve(FILE), description());
        data.recordExamples().writeTo(into);
    }

    /** The description saved as sisa.json. */
    public SisaDescription description() {
        return new SisaDescription(layout.shards(), layout.slices(), epochsPerSlice, aggregation, modelSpec, config,
                data.description);
    }

    /**
     * The same ensemble layout over other data (a deletion's reduced data: this model's training set with some
     * examples removed, in the same order), stored in another directory.
     */
    public SisaModel withData(Path newDir, PreparedData newData) {
        return new SisaModel(newDir, modelSpec, config, newData, layout.shards(), layout.slices(), epochsPerSlice, aggregation,
                this);
    }

    public int shards() {
        return layout.shards();
    }

    public int slices() {
        return layout.slices();
    }

    /** Training-set indices of the examples in shard {@code s}. */
    public int[] shardMembers(int s) {
        return stageMembers[s].clone();
    }

    /** The shard of training example {@code i}. */
    public int shardOf(int i) {
        return shardOfExample[i];
    }

    /** The slice of training example {@code i}. */
    public int sliceOf(int i) {
        return sliceOfExample[i];
    }

    /** The checkpoints of shard {@code s} (stage r saved as step r). */
    public SafeTensorsCheckpoints checkpoints(int s) {
        return new SafeTensorsCheckpoints(dir.resolve("shards").resolve(String.format("shard-%03d", s)));
    }

    /** Trains every shard from scratch. {@code progress} receives the number of finished stages (may be null). */
    public void trainAll(JobRunner runner, IntConsumer progress) throws Exception {
        Map<Integer, Integer> from = new LinkedHashMap<>();
        for (int s = 0; s < shards(); s++) {
            from.put(s, 0);
        }
        trainShards(from, runner, progress);
    }

    /**
     * Trains the given shards from the given stage (the number of stages already done; their checkpoint must be
     * present in this model's directory) to the last, one {@link ShardTrainingJob} per shard through {@code runner}.
     */
    public void trainShards(Map<Integer, Integer> fromStage, JobRunner runner, IntConsumer progress) throws Exception {
        TrainingRun.requireAllData(data, dir);
        List<ShardTrainingJob> jobs = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : fromStage.entrySet()) {
            jobs.add(new ShardTrainingJob(dir, e.getKey(), e.getValue()));
        }
        JobEnvironment environment = JobEnvironment.empty().with(ShardTrainingJob.sharedKey(dir), this)
                .withProgress(progress == null ? null : units -> progress.accept((int) units));
        runner.runAll(jobs, environment);
    }

    /**
     * Trains shard {@code s} from stage {@code fromStage} (whose checkpoint must be present) to the last, saving
     * a checkpoint after every stage; {@code progress} receives 1 per finished stage (may be null).
     */
    public void trainShard(int s, int fromStage, IntConsumer progress) throws IOException {
        Module model = modelSpec.build(algebra, Rng.derive(config.seed, s));
        Optimizer opt = config.buildOptimizer(model.trainableParameters());
        SafeTensorsCheckpoints store = checkpoints(s);
        if (fromStage > 0) {
            store.load(fromStage, model, opt);
        }
        ClassificationTask task = new ClassificationTask(data.trainDataset(), modelSpec.inputShape(), algebra);
        // Checkpoints are written behind training; all of them are on disk before this method returns.
        try (BackgroundCheckpointWriter writer = new BackgroundCheckpointWriter()) {
            for (int r = fromStage; r < slices(); r++) {
                trainStage(s, r, model, opt, task);
                writer.save(store, r + 1, model, opt);
                if (progress != null) {
                    progress.accept(1);
                }
            }
            writer.finish();
        }
    }

    // Stage r of shard s: epochsPerSlice epochs over the shard's slices 0..r, in the order and with the schedule
    // that the stage's remaining ids and the seed determine.
    private void trainStage(int s, int r, Module model, Optimizer opt, ClassificationTask task) {
        int[] stage = java.util.Arrays.stream(stageMembers[s]).filter(i -> sliceOfExample[i] <= r).toArray();
        int count = stage.length;
        Dataset train = data.trainDataset();
        String[] ids = new String[count];
        for (int k = 0; k < count; k++) {
            ids[k] = train.id(stage[k]);
        }
        long stageSeed = Rng.derive(Rng.derive(config.seed, s), r);
        model.train(true);
        TrainingStep trainingStep = TrainingStep.of(model, opt);
        int step = 0;
        long batchesPerEpoch = (count + config.batchSize - 1) / config.batchSize;
        LearningRateSchedule schedule = config.buildSchedule(Math.max(1, batchesPerEpoch * epochsPerSlice));
        for (int epoch = 0; epoch < epochsPerSlice && count > 0; epoch++) {
            int[] order = EpochOrder.order(ids, stageSeed, epoch);
            for (int b = 0; b < order.length; b += config.batchSize) {
                int[] batch = new int[Math.min(config.batchSize, order.length - b)];
                for (int j = 0; j < batch.length; j++) {
                    batch[j] = stage[order[b + j]];
                }
                trainingStep.run(task, batch, schedule.rate(step), stageSeed, step);
                step++;
            }
        }
    }

    /** The trained model of shard {@code s}. */
    public Module loadShard(int s) throws IOException {
        Module model = modelSpec.build(algebra, Rng.derive(config.seed, s));
        Optimizer opt = config.buildOptimizer(model.trainableParameters());
        checkpoints(s).load(slices(), model, opt);
        return model;
    }

    /** Shards that hold at least one example (the ones that vote). */
    public List<Integer> activeShards() {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < shards(); s++) {
            if (stageMembers[s].length > 0) {
                out.add(s);
            }
        }
        return out;
    }

    /** Ensemble class probabilities {@code [n, classes]} (F64) for rows of {@code inputs}. */
    public double[][] probabilities(Dataset inputs, int[] rows) throws IOException {
        ClassificationTask task = new ClassificationTask(inputs, modelSpec.inputShape(), algebra);
        double[][] acc = null;
        List<Integer> active = activeShards();
        if (active.isEmpty()) {
            throw new IllegalStateException("every shard is empty: the ensemble has no data left to predict from");
        }
        for (int s : active) {
            Layer model = (Layer) loadShard(s);
            NDArray logits = task.logits(model, rows);
            double[] p;
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                p = Functional.softmax(Tensor.constant(logits), 1).value().toDoubles();
            }
            int classes = logits.dim(1);
            if (acc == null) {
                acc = new double[rows.length][classes];
            }
            for (int i = 0; i < rows.length; i++) {
                if (aggregation.equals("mean")) {
                    for (int c = 0; c < classes; c++) {
                        acc[i][c] += p[i * classes + c] / active.size();
                    }
                } else {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (p[i * classes + c] > p[i * classes + best]) {
                            best = c;
                        }
                    }
                    acc[i][best] += 1.0 / active.size();
                }
            }
        }
        return acc;
    }

    /** Ensemble accuracy on a labelled data set. */
    public double accuracy(Dataset test) throws IOException {
        int correct = 0;
        for (int s = 0; s < test.size(); s += 2000) {
            int n = Math.min(2000, test.size() - s);
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = s + i;
            }
            double[][] p = probabilities(test, rows);
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < p[i].length; c++) {
                    if (p[i][c] > p[i][best]) {
                        best = c;
                    }
                }
                if (best == test.label(s + i)) {
                    correct++;
                }
            }
        }
        return correct / (double) test.size();
    }

    /** SHA-256 over the shard models' parameter hashes: equal exactly when every shard is bit-identical. */
    public String hash() throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (int s = 0; s < shards(); s++) {
                md.update(checkpoints(s).parameterHash(slices()).getBytes(StandardCharsets.UTF_8));
            }
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
