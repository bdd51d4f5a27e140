package org.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetsTest {
    @TempDir
    Path dir;

    private Path csv(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void readsLabelFeaturesAndDefaultIds() throws IOException {
        Path file = csv("iris.csv", "x1,label,x2\n0.5,1,-2\n 1e-3 , 0 ,+3.25\n\n.5,2,7.\n");
        Dataset d = CsvDatasets.read(file);
        assertThat(d.name()).isEqualTo("iris");
        assertThat(d.ids()).containsExactly("iris-0", "iris-1", "iris-2");
        assertThat(d.labels()).containsExactly(1, 0, 2);
        assertThat(d.featureCount()).isEqualTo(2);
        assertThat(d.features(0)).containsExactly(0.5f, -2f);
        assertThat(d.features(1)).containsExactly(1e-3f, 3.25f);
        assertThat(d.features(2)).containsExactly(0.5f, 7f);
        assertThat(d.hasSubjects()).isFalse();
        assertThat(d.imageShape()).isEmpty();
    }

    @Test
    void detectsIdAndSubjectColumnsAndHonoursOptions() throws IOException {
        Path file = csv("people.csv", "\uFEFFid,subject,label,a\n\"p,1\",alice,3,1\np2,,0,2\np3,bob,1,3\n");
        Dataset d = CsvDatasets.read(file);
        assertThat(d.ids()).containsExactly("p,1", "p2", "p3");
        assertThat(d.subject(0)).isEqualTo("alice");
        assertThat(d.subject(1)).isNull();
        assertThat(d.distinctSubjects()).containsExactly("alice", "bob");
        assertThat(d.featureCount()).isEqualTo(1);

        Path other = csv("other.csv", "key,owner,target,v\nk1,o1,1,0.5\nk2,o2,0,1.5\n");
        Dataset o = CsvDatasets.read(other, CsvOptions.defaults().withIdColumn("key").withSubjectColumn("owner")
                .withLabelColumn("target").withName("custom"));
        assertThat(o.name()).isEqualTo("custom");
        assertThat(o.ids()).containsExactly("k1", "k2");
        assertThat(o.subject(1)).isEqualTo("o2");
        assertThat(o.features(1)).containsExactly(1.5f);
    }

    @Test
    void raggedRowsNameTheLine() throws IOException {
        Path file = csv("ragged.csv", "label,a,b\n1,2,3\n\n1,2\n");
        assertThatThrownBy(() -> CsvDatasets.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": line 4: 2 fields, but the header has 3");
    }

    @Test
    void nonNumericCellsNameTheLineAndColumn() throws IOException {
        Path file = csv("text.csv", "label,a,b\n1,2,3\n0,4,five\n");
        assertThatThrownBy(() -> CsvDatasets.read(file)).isInstanceOf(IOException.class)
                .hasMessage(file + ": line 3: non-numeric value 'five' in column 'b'");
        Path empty = csv("emptycell.csv", "label,a\n1,\n");
        assertThatThrownBy(() -> CsvDatasets.read(empty)).hasMessage(empty + ": line 2: empty cell in column 'a'");
        Path inf = csv("inf.csv", "label,a\n1,1e99\n");
        assertThatThrownBy(() -> CsvDatasets.read(inf)).hasMessageContaining("overflows a float");
    }

    @Test
    void badLabelsAreNamed() throws IOException {
        Path file = csv("labels.csv", "label,a\n1,2\n-1,3\n");
        assertThatThrownBy(() -> CsvDatasets.read(file))
                .hasMessage(file + ": line 3: label '-1' in column 'label' is not a non-negative integer");
        Path frac = csv("frac.csv", "label,a\n1.5,2\n");
        assertThatThrownBy(() -> CsvDatasets.read(frac)).hasMessageContaining("label '1.5'");
    }

    @Test
    void structuralProblemsAreNamed() throws IOException {
        Path empty = csv("empty.csv", "");
        assertThatThrownBy(() -> CsvDatasets.read(empty)).hasMessage(empty + ": empty CSV file (no header)");
        Path headerOnly = csv("header.csv", "label,a\n");
        assertThatThrownBy(() -> CsvDatasets.read(headerOnly)).hasMessage(headerOnly + ": CSV has a header but no data rows");
        Path noLabel = csv("nolabel.csv", "a,b\n1,2\n");
        assertThatThrownBy(() -> CsvDatasets.read(noLabel)).hasMessage(noLabel + ": no column 'label' in header [a, b]");
        Path dupHeader = csv("duphead.csv", "label,a,a\n1,2,3\n");
        assertThatThrownBy(() -> CsvDatasets.read(dupHeader)).hasMessageContaining("duplicate header column 'a'");
        Path dupId = csv("dupid.csv", "id,label,a\nx,1,2\ny,1,2\nx,0,1\n");
        assertThatThrownBy(() -> CsvDatasets.read(dupId)).hasMessage(dupId + ": line 4: duplicate id 'x' (first on line 2)");
        Path quote = csv("quote.csv", "label,a\n\"1,2\n");
        assertThatThrownBy(() -> CsvDatasets.read(quote)).hasMessage(quote + ": line 2: unterminated quoted field");
        Path missing = dir.resolve("absent.csv");
        assertThatThrownBy(() -> CsvDatasets.read(missing)).hasMessage(missing + ": no such file");
    }
}
