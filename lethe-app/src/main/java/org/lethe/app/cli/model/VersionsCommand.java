package org.lethe.app.cli.model;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.store.ModelLine;
import org.lethe.store.StoredModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lethe versions}: a model's version line, the record of every deletion on it, and its head. */
@Command(name = "versions",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Show a model's version line: each version, its parent, what it removed, method, exactness, "
                + "time and requester; the head is where the next deletion starts."})
public final class VersionsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", required = true,
            description = "Any version of the model (a run or SISA ensemble directory).")
    private Path model;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() throws Exception {
        StoredModel stored = StoredModel.open(model);
        Path dir = stored.directory() == null ? model : stored.directory();
        ModelLine line = ModelLine.of(dir);
        VersionLineView view = new VersionLineView(line.versions(), dir);
        if (json.enabled()) {
            JsonOutput.print(spec.commandLine().getOut(), new VersionLineResult(line.name(),
                    line.head() == null ? null : line.head().directory().toString(), view.json()));
        } else {
            view.print(spec.commandLine().getOut(), true);
        }
        return 0;
    }
}
