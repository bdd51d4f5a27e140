package org.lethe.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfidenceCsvTest {
    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path p = dir.resolve("m.csv");
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsRowsIgnoringSpacesBlankLinesAndAByteOrderMark() throws IOException {
        double[][] m = ConfidenceCsv.read(write("\uFEFF1, -2.5 ,3e-1\n\n  4,5,6  \r\n"));
        assertThat(m).hasDimensions(2, 3);
        assertThat(m[0]).containsExactly(1, -2.5, 0.3);
        assertThat(m[1]).containsExactly(4, 5, 6);
    }

    @Test
    void reportsFileLineAndColumn() throws IOException {
        Path p = write("1,2\n3,\n");
        assertThatThrownBy(() -> ConfidenceCsv.read(p)).isInstanceOf(IOException.class)
                .hasMessage(p + ": line 2, column 2: empty value");
        Path q = write("1,2\n\n3,0x10\n");
        assertThatThrownBy(() -> ConfidenceCsv.read(q)).hasMessage(q + ": line 3, column 2: not a number: '0x10'");
        Path nan = write("NaN,1\n");
        assertThatThrownBy(() -> ConfidenceCsv.read(nan))
                .hasMessage(nan + ": line 1, column 1: not a finite number: 'NaN'");
        Path ragged = write("\n1,2\n3,4,5\n");
        assertThatThrownBy(() -> ConfidenceCsv.read(ragged))
                .hasMessage(ragged + ": line 3: 3 values, but line 2 has 2 (every row needs one value per example)");
        Path empty = write("\n \n");
        assertThatThrownBy(() -> ConfidenceCsv.read(empty)).hasMessageContaining("no rows");
        assertThatThrownBy(() -> ConfidenceCsv.read(dir.resolve("missing.csv")))
                .isInstanceOf(NoSuchFileException.class);
    }
}
