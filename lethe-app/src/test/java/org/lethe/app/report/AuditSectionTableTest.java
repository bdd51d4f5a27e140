package org.lethe.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lethe.audit.json.ProbeSection;
import org.lethe.audit.json.RelearnSection;

class AuditSectionTableTest {
    @Test
    void aSectionShowsEveryFieldUnderItsJsonName() {
        StringBuilder h = new StringBuilder();
        AuditSectionTable.append(h, "Probe", new ProbeSection(List.of(3, 7),
                new ProbeSection.Readout(0.875, 0.5, 0.25, 1.0, 120), null, null));
        assertThat(h.toString())
                .contains("<h3>Probe</h3>")
                .contains("<tr><th>forgotten classes</th><td>[3, 7]</td></tr>")
                .contains("<tr><th>model</th><td>{forget_accuracy=0.875, retain_accuracy=0.5, test_accuracy=0.25, "
                        + "fit_accuracy=1.0, fit_examples=120}</td></tr>")
                .contains("<tr><th>reference</th><td>null</td></tr>")
                .doesNotContain("<p>");
    }

    @Test
    void numbersAreRoundedAndLongListsShortened() {
        List<Double> curve = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            curve.add(i / 20.0);
        }
        RelearnSection.Run run = new RelearnSection.Run(19, true, 0.9, 0.0, 0.95, curve);
        StringBuilder h = new StringBuilder();
        AuditSectionTable.append(h, "Relearning", new RelearnSection(run, run, 1.0 / 3));
        assertThat(h.toString()).contains("<tr><th>step ratio</th><td>0.3333</td></tr>");
        StringBuilder missing = new StringBuilder();
        AuditSectionTable.append(missing, "Canary exposure", null);
        assertThat(missing.toString()).contains("Not measured in this audit.");
    }
}
