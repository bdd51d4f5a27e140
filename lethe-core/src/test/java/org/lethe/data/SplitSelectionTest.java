package org.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitSelectionTest {

    static Dataset twenty() {
        int[] labels = IntStream.range(0, 20).map(i -> i % 4).toArray();
        Dataset d = Dataset.of("twenty", new float[20], 1, labels, Dataset.sequentialIds("twenty", 20), null, null);
        return d.withSubjects(Subjects.consecutive(d, 5));
    }

    @Test
    void splitsAreDeterministicDisjointAndComplete() {
        Split a = Split.of(twenty(), 0.6, 0.15, 0.25, 3);
        Split b = Split.of(twenty(), 0.6, 0.15, 0.25, 3);
        assertThat(a.train()).hasSize(12).containsExactly(b.train());
        assertThat(a.validation()).hasSize(3).containsExactly(b.validation());
        assertThat(a.test()).hasSize(5).containsExactly(b.test());
        int[] all = IntStream.concat(IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.validation())),
                Arrays.stream(a.test())).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, 20).toArray());
        assertThat(a.train()).isSorted();
        assertThat(Split.of(twenty(), 0.6, 0.15, 0.25, 4).train()).isNotEqualTo(a.train());
        assertThatThrownBy(() -> Split.of(twenty(), 0.6, 0.6, 0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> Split.of(twenty(), -0.1, 0.6, 0.5, 1)).hasMessageContaining("non-negative");
    }

    @Test
    void selectsByIdsSubjectsClassesAndAtRandom() {
        Dataset d = twenty();
        Selection ids = Selection.ofIds(d, List.of("twenty-7", "twenty-2", "twenty-7"));
        assertThat(ids.forget()).containsExactly(2, 7);
        assertThat(ids.retainCount()).isEqualTo(18);
        assertThat(ids.forgetIds()).containsExactly("twenty-2", "twenty-7");

        Selection subject = Selection.ofSubjects(d, List.of("subject-0001"));
        assertThat(subject.forget()).containsExactly(5, 6, 7, 8, 9);
        assertThat(subject.description()).contains("subject-0001");

        Selection cls = Selection.ofClasses(d, 3);
        assertThat(cls.forget()).containsExactly(3, 7, 11, 15, 19);
        assertThat(d.select(cls.retain()).labels()).doesNotContain(3);

        Selection r1 = Selection.random(d, 4, 9);
        assertThat(r1.forget()).hasSize(4).isSorted().containsExactly(Selection.random(d, 4, 9).forget());
        assertThat(IntStream.concat(Arrays.stream(r1.forget()), Arrays.stream(r1.retain())).sorted().toArray())
                .containsExactly(IntStream.range(0, 20).toArray());
        assertThat(Selection.randomFraction(d, 0.25, 9).forgetCount()).isEqualTo(5);
    }

    @Test
    void unknownSelectionsNameWhatIsMissing() {
        Dataset d = twenty();
        assertThatThrownBy(() -> Selection.ofIds(d, List.of("twenty-1", "nope", "nada")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("twenty: unknown example ids [nope, nada]");
        assertThatThrownBy(() -> Selection.ofSubjects(d, List.of("subject-0000", "subject-0099")))
                .hasMessage("twenty: unknown subjects [subject-0099]");
        assertThatThrownBy(() -> Selection.ofSubjects(DatasetTest.small(), List.of("x")))
                .hasMessageContaining("has no subjects");
        assertThatThrownBy(() -> Selection.ofClasses(d, 1, 7)).hasMessageContaining("no examples of class [7]");
        assertThatThrownBy(() -> Selection.random(d, 21, 1)).hasMessageContaining("cannot select 21 of 20");
        assertThatThrownBy(() -> Selection.ofIds(d, List.of())).hasMessageContaining("is empty");
    }

    @Test
    void selectionsWorkOnCorporaToo() {
        TextCorpus c = TextCorpus.fromLines("c", List.of("ab", "ba", "abc"), "test");
        TextCorpus owned = c.withSubjects(java.util.Map.of("c-0", "s", "c-2", "s"));
        Selection s = Selection.ofSubjects(owned, List.of("s"));
        assertThat(owned.select(s.retain()).documents()).containsExactly("ba");
    }
}
