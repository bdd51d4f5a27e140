package org.lethe.audit;

import java.io.Serializable;

/**
 * What one model of a leaderboard row measured: its logit-scaled confidence on every forget example, its accuracy
 * on the retained, forget and evaluation examples, the loss-threshold attack's AUC (forget examples against the
 * evaluation examples), and the wall seconds of the unlearning that made it (NaN for a model nothing unlearned).
 *
 * @param forgetConfidence  logit-scaled confidence per forget example
 * @param retainAccuracy    accuracy on the retained training examples
 * @param forgetAccuracy    accuracy on the forget set
 * @param testAccuracy      accuracy on the evaluation half of the held-out examples
 * @param lossAttackAuc     AUC of the loss-threshold attack
 * @param seconds           wall seconds of the unlearning, or NaN
 */
record LeaderboardRun(double[] forgetConfidence, double retainAccuracy, double forgetAccuracy, double testAccuracy,
                      double lossAttackAuc, double seconds) implements Serializable {
}
