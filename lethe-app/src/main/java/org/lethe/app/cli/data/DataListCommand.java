package org.lethe.app.cli.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.data.DatasetSource;
import org.lethe.data.ImageDatasets;
import org.lethe.data.ImageSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code lethe data list}: the data sets known by name, and whether each is available here. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"List the data sets known by name and whether they are installed.",
                "Any --data option also takes a path: a folder with an IDX image/label pair, a .csv file, " +
                "or a .txt file with one document per line."})
public final class DataListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonOption json;

    @Override
    public Integer call() {
        List<DataListResult.Row> rows = new ArrayList<>();
        for (String name : DatasetSource.KNOWN_NAMES) {
            rows.add(row(name));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, new DataListResult(rows));
            return 0;
        }
        out.printf("%-20s %-7s %-10s %s%n", "name", "kind", "installed", "contents");
        for (DataListResult.Row row : rows) {
            boolean installed = row.installed();
            out.printf("%-20s %-7s %-10s %s%s%n", row.name(), row.kind(), installed ? "yes" : "no",
                    row.description(), installed ? "" : " (expected under " + row.location() + ")");
        }
        out.println("Any --data option also takes a path: an IDX folder, a .csv file or a .txt file.");
        out.flush();
        return 0;
    }

    private static DataListResult.Row row(String name) {
        switch (name) {
            case "digits":
                return new DataListResult.Row(name, "images", true, "bundled", "10,000 MNIST digits, 28x28, 10 classes");
            case "names":
                return new DataListResult.Row(name, "text", true, "bundled",
                        "32,033 first names, one per line, for character GPTs");
            case "fashion-mnist":
            case "fashion-mnist-test":
                return new DataListResult.Row(name, "images", ImageDatasets.fashionMnistInstalled(),
                        ImageSet.FASHION_MNIST_DIR.toString(), (name.endsWith("test") ? "10,000 test" : "60,000 training")
                        + " Fashion-MNIST images, 28x28, 10 classes");
            default:
                return new DataListResult.Row(name, "unknown", false, "", "");
        }
    }
}
