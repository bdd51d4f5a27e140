package org.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectsTest {
    @TempDir
    Path dir;

    @Test
    void readsASubjectFile() throws IOException {
        Dataset d = DatasetTest.small();
        Path file = dir.resolve("subjects.csv");
        Files.writeString(file, "example_id,subject\na,alice\n\nd,\"bob, jr\"\n");
        Map<String, String> map = Subjects.read(file, d);
        assertThat(map).containsExactly(Map.entry("a", "alice"), Map.entry("d", "bob, jr"));
        Dataset with = d.withSubjects(map);
        assertThat(with.subject(3)).isEqualTo("bob, jr");

        Path copy = dir.resolve("copy.csv");
        Subjects.write(copy, with);
        assertThat(Subjects.read(copy, d)).isEqualTo(map);
    }

    @Test
    void unknownIdsNameTheFileAndIds() throws IOException {
        Path file = dir.resolve("subjects.csv");
        Files.writeString(file, "example_id,subject\na,alice\nzz,bob\nb,carol\nyy,dan\n");
        assertThatThrownBy(() -> Subjects.read(file, DatasetTest.small())).isInstanceOf(IOException.class)
                .hasMessage(file + ": unknown example ids in small: [zz (line 3), yy (line 5)]");
    }

    @Test
    void malformedSubjectFilesAreNamed() throws IOException {
        Dataset d = DatasetTest.small();
        Path header = dir.resolve("header.csv");
        Files.writeString(header, "id,owner\na,x\n");
        assertThatThrownBy(() -> Subjects.read(header, d)).hasMessage(header + ": line 1: header must be example_id,subject, got id,owner");
        Path dup = dir.resolve("dup.csv");
        Files.writeString(dup, "example_id,subject\na,x\na,y\n");
        assertThatThrownBy(() -> Subjects.read(dup, d)).hasMessage(dup + ": line 3: example id 'a' already assigned on line 2");
        Path ragged = dir.resolve("ragged.csv");
        Files.writeString(ragged, "example_id,subject\na,x,extra\n");
        assertThatThrownBy(() -> Subjects.read(ragged, d)).hasMessageContaining("line 2: 3 fields, expected 2");
        Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        assertThatThrownBy(() -> Subjects.read(empty, d)).hasMessageContaining("empty subject file");
    }

    @Test
    void generatedSubjectsOwnConsecutiveOrSeededBlocks() {
        Dataset d = Dataset.of("seven", new float[7], 1, new int[7], Dataset.sequentialIds("seven", 7), null, null);
        Map<String, String> consecutive = Subjects.consecutive(d, 3);
        assertThat(consecutive).containsEntry("seven-0", "subject-0000").containsEntry("seven-2", "subject-0000")
                .containsEntry("seven-3", "subject-0001").containsEntry("seven-6", "subject-0002").hasSize(7);

        Map<String, String> random = Subjects.random(d, 2, 11);
        assertThat(random).isEqualTo(Subjects.random(d, 2, 11)).isNotEqualTo(Subjects.random(d, 2, 12)).hasSize(7);
        Map<String, Integer> owned = new HashMap<>();
        random.values().forEach(s -> owned.merge(s, 1, Integer::sum));
        assertThat(owned).containsOnlyKeys("subject-0000", "subject-0001", "subject-0002", "subject-0003");
        assertThat(owned.values()).containsExactlyInAnyOrder(2, 2, 2, 1);
        assertThat(Subjects.name(12345)).isEqualTo("subject-12345");
        assertThatThrownBy(() -> Subjects.consecutive(d, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
