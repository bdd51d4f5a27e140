package org.lethe.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProvenanceLogTest {

    private static String[] ids(int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = "ex-" + i;
        }
        return out;
    }

    @Test
    void everyEpochVisitsEveryExampleOnceInBatchesOfTheGivenSize() {
        ProvenanceLog log = new ProvenanceLog(ids(103), null, 5, 10, 3);
        assertThat(log.stepsPerEpoch()).isEqualTo(11);
        assertThat(log.steps()).isEqualTo(33);
        for (int e = 0; e < 3; e++) {
            Set<Integer> seen = new HashSet<>();
            for (int s = 0; s < 11; s++) {
                int[] b = log.batch(e * 11 + s);
                assertThat(b.length).isEqualTo(s < 10 ? 10 : 3);
                for (int i : b) {
                    assertThat(seen.add(i)).isTrue();
                }
            }
            assertThat(seen).hasSize(103);
        }
        assertThat(log.batch(0)).isNotEqualTo(log.batch(11));
    }

    @Test
    void queriesAgreeBothWays() {
        String[] subjects = new String[50];
        for (int i = 0; i < 50; i++) {
            subjects[i] = "s" + (i % 7);
        }
        ProvenanceLog log = new ProvenanceLog(ids(50), subjects, 1, 8, 2);
        for (int i = 0; i < 50; i++) {
            String id = "ex-" + i;
            int[] steps = log.stepsUsing(id);
            assertThat(steps).hasSize(2);
            for (int step : steps) {
                assertThat(log.batchIds(step)).contains(id);
            }
        }
        int[] subjectSteps = log.stepsUsingSubject("s3");
        List<Integer> expected = new ArrayList<>();
        for (int t = 0; t < log.steps(); t++) {
            for (int idx : log.batch(t)) {
                if (subjects[idx].equals("s3")) {
                    expected.add(t);
                    break;
                }
            }
        }
        assertThat(Arrays.stream(subjectSteps).boxed().toList()).isEqualTo(expected);
    }

    @Test
    void removingExamplesKeepsTheRelativeOrderOfTheRest() {
        String[] all = ids(40);
        String[] kept = Arrays.stream(all).filter(id -> !id.equals("ex-3") && !id.equals("ex-17")).toArray(String[]::new);
        int[] fullOrder = EpochOrder.order(all, 9, 0);
        List<String> expected = new ArrayList<>();
        for (int i : fullOrder) {
            if (!all[i].equals("ex-3") && !all[i].equals("ex-17")) {
                expected.add(all[i]);
            }
        }
        List<String> actual = new ArrayList<>();
        for (int i : EpochOrder.order(kept, 9, 0)) {
            actual.add(kept[i]);
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void aStepBudgetEndsTheRunPartWayThroughAnEpoch() {
        ProvenanceLog full = new ProvenanceLog(ids(30), null, 2, 4, 2);
        ProvenanceLog budget = new ProvenanceLog(ids(30), null, 2, 4, 2, 11);
        assertThat(budget.steps()).isEqualTo(11);
        for (int t = 0; t < 11; t++) {
            assertThat(budget.batch(t)).isEqualTo(full.batch(t));
        }
        for (int i = 0; i < 30; i++) {
            int[] all = full.stepsUsing("ex-" + i);
            int[] kept = budget.stepsUsing("ex-" + i);
            assertThat(kept).isEqualTo(Arrays.stream(all).filter(s -> s < 11).toArray());
        }
        assertThatThrownBy(() -> budget.batch(11)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new ProvenanceLog(ids(30), null, 2, 4, 2, 17)).hasMessageContaining("step budget 17");
    }

    @Test
    void unknownIdsAndSubjectsAreClearErrors() {
        ProvenanceLog log = new ProvenanceLog(ids(5), new String[] {"a", "a", "b", null, "b"}, 0, 2, 1);
        assertThatThrownBy(() -> log.stepsUsing("nope")).hasMessageContaining("unknown example id: nope");
        assertThatThrownBy(() -> log.stepsUsingSubject("zed")).hasMessageContaining("unknown subject: zed");
        assertThatThrownBy(() -> new ProvenanceLog(new String[] {"x", "x"}, null, 0, 1, 1))
                .hasMessageContaining("duplicate example id: x");
        assertThat(log.subjectList()).containsExactly("a", "b");
    }
}
