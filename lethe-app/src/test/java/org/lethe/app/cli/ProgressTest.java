package org.lethe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static String draw(boolean enabled) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.start("task", 4, enabled, stream)) {
            assertThat(p.enabled()).isEqualTo(enabled);
            for (int i = 0; i < 4; i++) {
                p.step();
                p.message("step " + i);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalLongWorkPrintsAPlainLineEveryPeriodAndQuickWorkNothing() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (Progress p = Progress.lines("train", 4, stream, 60)) {
            p.stepBy(3);
            Thread.sleep(400);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("lethe: train: 3 of 4 (75%)");
        assertThat(out.lines().count()).isGreaterThanOrEqualTo(2);
        int after = out.length();
        Thread.sleep(200);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).hasSize(after);

        ByteArrayOutputStream quick = new ByteArrayOutputStream();
        try (Progress p = Progress.lines("train", 4, new PrintStream(quick, true, StandardCharsets.UTF_8), 10_000)) {
            p.step();
        }
        assertThat(quick.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void disabledBarPrintsNothing() {
        assertThat(draw(false)).isEmpty();
    }

    @Test
    void enabledBarDrawsTheFinalState() {
        assertThat(draw(true)).contains("task").contains("4/4").contains("step 3");
    }

    @Test
    void launcherDecidesWhetherStdoutIsATerminal() {
        String before = System.getProperty(Progress.TTY_PROPERTY);
        try {
            System.setProperty(Progress.TTY_PROPERTY, "false");
            assertThat(Progress.stdoutIsTerminal()).isFalse();
            System.setProperty(Progress.TTY_PROPERTY, "true");
            assertThat(Progress.stdoutIsTerminal()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(Progress.TTY_PROPERTY);
            } else {
                System.setProperty(Progress.TTY_PROPERTY, before);
            }
        }
    }
}
