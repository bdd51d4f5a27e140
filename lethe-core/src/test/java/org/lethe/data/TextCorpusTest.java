package org.lethe.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextCorpusTest {
    @TempDir
    Path dir;

    @Test
    void namesCorpusIsTheStrippedNonEmptyLinesInOrder() throws IOException {
        List<String> expected;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                getClass().getResourceAsStream(TextCorpus.NAMES_RESOURCE)), StandardCharsets.UTF_8))) {
            expected = r.lines().map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        }
        TextCorpus names = TextCorpus.names();
        assertThat(names.name()).isEqualTo("names");
        assertThat(names.documents()).isEqualTo(expected);
        assertThat(names.id(0)).isEqualTo("names-0");
        assertThat(names.id(names.size() - 1)).isEqualTo("names-" + (expected.size() - 1));

        String vocab = names.vocabulary();
        String distinctSorted = expected.stream().flatMapToInt(String::codePoints).distinct().sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertThat(vocab).isEqualTo(distinctSorted);
        assertThat(names.bos()).isEqualTo(vocab.length()).isEqualTo(names.vocabularySize());
        assertThat(names.tokenCount()).isEqualTo(vocab.length() + 1);
        assertThat(names.decode(names.encode(names.document(3)))).isEqualTo(names.document(3));
        assertThat(names.encode(vocab.substring(0, 1))).containsExactly(0);
    }

    @Test
    void fileCorpusStripsBlankLinesAndKeepsVocabularyOnSubsets() throws IOException {
        Path file = dir.resolve("poems.txt");
        Files.writeString(file, "  héllo \n\n\t\nworld\r\nzoë\n");
        TextCorpus c = TextCorpus.read(file);
        assertThat(c.name()).isEqualTo("poems");
        assertThat(c.documents()).containsExactly("héllo", "world", "zoë");
        assertThat(c.ids()).containsExactly("poems-0", "poems-1", "poems-2");
        assertThat(c.vocabulary()).isEqualTo("dhlorwzéë");
        int[] tokens = {c.bos(), c.token('z'), c.bos()};
        assertThat(c.decode(tokens)).isEqualTo("z");

        TextCorpus sub = c.select(new int[] {2});
        assertThat(sub.vocabulary()).isEqualTo(c.vocabulary());
        assertThat(sub.ids()).containsExactly("poems-2");
        assertThat(sub.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(c.select(new int[] {0, 1, 2}).fingerprint()).isEqualTo(c.fingerprint());
        assertThatThrownBy(() -> c.encode("q")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'q' (U+71) is not in the vocabulary");
    }

    @Test
    void emptyOrUnreadableCorporaAreErrors() throws IOException {
        Path blank = dir.resolve("blank.txt");
        Files.writeString(blank, "\n   \n\t\n");
        assertThatThrownBy(() -> TextCorpus.read(blank)).isInstanceOf(IOException.class)
                .hasMessage(blank + ": empty corpus (no non-blank lines)");
        Path binary = dir.resolve("bin.txt");
        Files.write(binary, new byte[] {'a', '\n', (byte) 0xFF, (byte) 0xFE, '\n'});
        assertThatThrownBy(() -> TextCorpus.read(binary)).hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> TextCorpus.read(dir.resolve("none.txt"))).hasMessageContaining("no such file");
    }
}
