package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScoreBucketsTest {
    @Test
    void bucketCountFollowsTheCeilingOfLogNMinusOne() {
        // N = 2: ln 1 = 0, no bucket ends at or below 0.
        assertThat(new ScoreBuckets(2).count()).isZero();
        // N = 3: ceil(ln 2 = 0.69) = 1: buckets ending at 0.5 and 1.
        assertThat(new ScoreBuckets(3).count()).isEqualTo(2);
        // N = 8 (a power of two): ceil(ln 7 = 1.95) = 2 -> 4 buckets; N = 9: ceil(ln 8 = 2.08) = 3 -> 6.
        assertThat(new ScoreBuckets(8).count()).isEqualTo(4);
        assertThat(new ScoreBuckets(9).count()).isEqualTo(6);
        // N = 21: ceil(ln 20 = 2.996) = 3 -> 6; N = 22: ceil(ln 21 = 3.04) = 4 -> 8.
        assertThat(new ScoreBuckets(21).count()).isEqualTo(6);
        assertThat(new ScoreBuckets(22).count()).isEqualTo(8);
        // N = 64: ceil(ln 63 = 4.14) = 5 -> 10; N = 512 (the challenge): ceil(ln 511 = 6.24) = 7 -> 14.
        assertThat(new ScoreBuckets(64).count()).isEqualTo(10);
        assertThat(new ScoreBuckets(64).maxEpsilon()).isEqualTo(5);
        assertThat(new ScoreBuckets(512).count()).isEqualTo(14);
    }

    @Test
    void pointsHalveWithEachBucketAndEndAtZero() {
        ScoreBuckets b = new ScoreBuckets(64);
        assertThat(b.points(0)).isEqualTo(1);
        assertThat(b.points(0.49)).isEqualTo(1);
        assertThat(b.points(0.5)).isEqualTo(0.5);
        assertThat(b.points(1.2)).isEqualTo(0.25);
        assertThat(b.points(4.99)).isEqualTo(1.0 / 512);
        assertThat(b.points(5.0)).isZero();
        assertThat(b.points(50)).isZero();
        assertThat(b.bucketOf(5.0)).isEqualTo(10);
        assertThat(b.lowerEnd(3)).isEqualTo(1.5);
        assertThat(b.upperEnd(3)).isEqualTo(2.0);
        assertThat(b.pointsOf(3)).isEqualTo(0.125);
        assertThat(new ScoreBuckets(2).points(0)).isZero();
    }

    @Test
    void needsTwoModels() {
        assertThatThrownBy(() -> new ScoreBuckets(1)).hasMessageContaining("at least 2 models");
    }
}
