package org.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetSourceTest {
    @TempDir
    Path dir;

    @Test
    void knownNamesResolve() throws IOException {
        assertThat(DatasetSource.loadDataset("digits").id(0)).isEqualTo("digits-0");
        TextCorpus names = DatasetSource.loadCorpus("names");
        assertThat(names.name()).isEqualTo("names");
        assertThatThrownBy(() -> DatasetSource.loadDataset("names")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text corpus");
    }

    @Test
    void pathsResolveByKind() throws IOException {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "label,a\n1,2\n");
        assertThat(DatasetSource.load(csv.toString())).isInstanceOf(Dataset.class);
        Path txt = dir.resolve("t.txt");
        Files.writeString(txt, "one\ntwo\n");
        assertThat(DatasetSource.loadCorpus(txt.toString()).size()).isEqualTo(2);
        Path idx = dir.resolve("idx");
        IdxFiles.writePair(idx, "train-", 3, 2, 2, true);
        assertThat(DatasetSource.load(idx.toString()).name()).isEqualTo("idx-train");
        assertThatThrownBy(() -> DatasetSource.loadCorpus(csv.toString())).hasMessageContaining("not a text corpus");
    }

    @Test
    void unknownSpecsAreClearErrors() throws IOException {
        assertThatThrownBy(() -> DatasetSource.load("digitz")).isInstanceOf(IOException.class)
                .hasMessageContaining("no such data set or file: digitz").hasMessageContaining("digits, fashion-mnist");
        Path other = dir.resolve("x.json");
        Files.writeString(other, "{}");
        assertThatThrownBy(() -> DatasetSource.load(other.toString())).hasMessageContaining("unsupported data file type");
        assertThatThrownBy(() -> DatasetSource.load(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
