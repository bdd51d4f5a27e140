package org.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {
    private static final Pattern ACCURACY = Pattern.compile("test accuracy (\\d+\\.\\d+)% \\(([\\d,]+) of 2,000");

    private static String demo(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 1];
        full[0] = "demo";
        System.arraycopy(args, 0, full, 1, args.length);
        int code = cl.execute(full);
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        return out.toString();
    }

    /** Everything but the timing line, which legitimately differs between runs. */
    private static String withoutTimes(String output) {
        return output.replaceAll("(?m)^time .*$", "");
    }

    @Test
    void oneEpochLearnsTheDigitsAndIsReproducible() {
        String first = demo("--epochs", "1", "--seed", "3");
        Matcher m = ACCURACY.matcher(first);
        assertThat(m.find()).as("accuracy line in:%n%s", first).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThan(85.0);
        assertThat(first).contains("epoch 1/1").containsPattern("(?m)^time \\d+\\.\\d+ s training");

        String again = demo("--epochs", "1", "--seed", "3");
        assertThat(withoutTimes(again)).isEqualTo(withoutTimes(first));
        String otherSeed = demo("--epochs", "1", "--seed", "4");
        assertThat(withoutTimes(otherSeed)).isNotEqualTo(withoutTimes(first));
    }
}
