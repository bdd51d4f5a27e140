package org.lethe.app.cli.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<Map<String, Object>> examples = new ArrayList<>();
        for (int i : batch) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", ids[i]);
            e.put("subject", subjects == null ? null : subjects[i]);
            examples.add(e);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", ref.runDirectory().root().toString());
        doc.put("step", step);
        doc.put("epoch", step / log.stepsPerEpoch());
        doc.put("step_in_epoch", step % log.stepsPerEpoch());
        doc.put("size", batch.length);
        doc.put("examples", examples);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, doc);
            return 0;
        }
        out.printf("step %d (epoch %d, step %d of %d in the epoch) used %d examples:%n", step, step / log.stepsPerEpoch(),
                step % log.stepsPerEpoch(), log.stepsPerEpoch(), batch.length);
        for (Map<String, Object> e : examples) {
            out.printf("  %-20s %s%n", e.get("id"), e.get("subject") == null ? "" : e.get("subject"));
        }
        out.flush();
        return 0;
    }
}
