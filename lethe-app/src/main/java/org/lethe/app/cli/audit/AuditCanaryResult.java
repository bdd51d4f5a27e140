package org.lethe.app.cli.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.lethe.audit.json.CanarySection;

/**
 * What {@code lethe audit canary --json} prints: the experiment's section as an audit report holds it, and the
 * directory its runs were kept in.
 *
 * @param experiment the canary experiment's result
 * @param work       the directory the runs were kept in, or null when they were discarded
 */
@JsonPropertyOrder({"experiment", "work"})
record AuditCanaryResult(@JsonUnwrapped CanarySection experiment, String work) {
}
