package org.lethe.audit;

import org.lethe.audit.json.ProbeSection;

/**
 * How well a linear probe on one model's penultimate features reads out the labels: on the forgotten examples,
 * on held-out retained examples, on test examples, and on the examples the probe was fitted on.
 */
public final class ProbeReadout {
    public final double forgetAccuracy;
    public final double retainAccuracy;
    public final double testAccuracy;
    public final double fitAccuracy;
    public final int fitExamples;

    public ProbeReadout(double forgetAccuracy, double retainAccuracy, double testAccuracy, double fitAccuracy,
                        int fitExamples) {
        this.forgetAccuracy = forgetAccuracy;
        this.retainAccuracy = retainAccuracy;
        this.testAccuracy = testAccuracy;
        this.fitAccuracy = fitAccuracy;
        this.fitExamples = fitExamples;
    }

    /** Its JSON form. */
    public ProbeSection.Readout toSection() {
        return new ProbeSection.Readout(forgetAccuracy, retainAccuracy, testAccuracy, fitAccuracy, fitExamples);
    }
}
