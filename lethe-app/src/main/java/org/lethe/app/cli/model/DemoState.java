package org.lethe.app.cli.model;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.lethe.train.TrainingRun;

/** What the stages of {@code lethe demo} hand on to each other. */
final class DemoState {
    final PrintWriter out;
    final long startNanos = System.nanoTime();
    Path runDir;
    TrainingRun run;
    TrainingSession.Outcome training;
    /** The subject the demo follows, and what provenance says about it. */
    String subject;
    List<String> subjectIds;
    int[] subjectSteps;
    /** The SISA ensemble trained on the same data. */
    Path sisaDir;
    /**
     * A model version written by deleting the subject (set by a deletion stage); the audit stage audits it, or the
     * trained model itself when no stage deleted anything.
     */
    Path deletedModel;

    DemoState(PrintWriter out) {
        this.out = out;
    }
}
