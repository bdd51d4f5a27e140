package org.lethe.app.cli.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.ModelOption;
import org.lethe.app.cli.VersionInfo;
import org.lethe.store.StoredModel;
import org.lethe.train.ProvenanceLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe data batch}: which examples one optimiser step of a run used. */
@Command(name = "batch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        sortOptions = false,
        description = {"Which examples did training step T use?",
                "Steps are numbered from 0."})
public final class DataBatchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private ModelOption modelOption;

    @Option(names = "--step", paramLabel = "T", required = true, description = "The step, from 0.")
    private int step;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        StoredModel ref = modelOption.resolve();
        ProvenanceLog log = ref.provenance();
        if (step < 0 || step >= log.steps()) {
            throw new IllegalArgumentException("step " + step + " is outside " + ref.runDirectory().root() + ", which has steps 0.."
                    + (log.steps() - 1));
        }
        int[] batch = log.batch(step);
        String[] ids = log.ids();
        String[] subjects = log.subjects();
        List<DataBatchResult.Example> examples = new ArrayList<>();
        for (int i : batch) {
            examples.add(new DataBatchResult.Example(ids[i], subjects == null ? null : subjects[i]));
        }
        DataBatchResult doc = new DataBatchResult(ref.runDirectory().root().toString(), step,
                step / log.stepsPerEpoch(), step % log.stepsPerEpoch(), batch.length, examples);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, doc);
            return 0;
        }
        out.printf("step %d (epoch %d, step %d of %d in the epoch) used %d examples:%n", step, step / log.stepsPerEpoch(),
                step % log.stepsPerEpoch(), log.stepsPerEpoch(), batch.length);
        for (DataBatchResult.Example e : examples) {
            out.printf("  %-20s %s%n", e.id(), e.subject() == null ? "" : e.subject());
        }
        out.flush();
        return 0;
    }
}
