package org.lethe.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An immutable corpus of text documents with identity, for character-level language models. A file holds one
 * document per line; documents are the stripped, non-empty lines in file order, with ids {@code <name>-<index>}.
 *
 * <p>The vocabulary is the sorted distinct characters (Unicode code points) of the documents; token {@code t} is
 * the {@code t}-th character, and the beginning/end-of-sequence token {@link #bos()} equals the vocabulary size, so
 * a model needs {@link #tokenCount()} = vocabulary size + 1 outputs. Subsets keep the parent's vocabulary, so a
 * model trained on the whole corpus can be evaluated or unlearned on a part.
 */
public final class TextCorpus implements Examples {
    /** The bundled list of first names. */
    public static final String NAMES_RESOURCE = "/org/lethe/data/names.txt";

    private final String name;
    private final List<String> documents;
    private final int[] vocabulary;
    private final IdIndex index;
    private volatile String fingerprint;

    private TextCorpus(String name, List<String> documents, String[] ids, String[] subjects, int[] vocabulary) {
        this.name = Objects.requireNonNull(name, "name");
        if (ids.length != documents.size()) {
            throw new IllegalArgumentException(name + ": " + ids.length + " ids for " + documents.size() + " documents");
        }
        this.documents = Collections.unmodifiableList(new ArrayList<>(documents));
        this.vocabulary = vocabulary;
        this.index = new IdIndex(name, ids, subjects);
    }

    /** A corpus of {@code documents} with the given ids and subjects (null for none), its vocabulary their characters. */
    public static TextCorpus of(String name, List<String> documents, String[] ids, String[] subjects) {
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i) == null) {
                throw new IllegalArgumentException(name + ": document " + i + " is null");
            }
        }
        return new TextCorpus(name, documents, ids.clone(), subjects == null ? null : subjects.clone(), vocabularyOf(documents));
    }

    /** A corpus from lines of text: stripped non-empty lines in order, ids {@code <name>-<index>}. */
    public static TextCorpus fromLines(String name, List<String> lines, String source) {
        List<String> docs = new ArrayList<>();
        for (String line : lines) {
            String doc = line.strip();
            if (!doc.isEmpty()) {
                docs.add(doc);
            }
        }
        if (docs.isEmpty()) {
            throw new IllegalArgumentException(source + ": empty corpus (no non-blank lines)");
        }
        return of(name, docs, Dataset.sequentialIds(name, docs.size()), null);
    }

    /** The bundled names corpus, ids {@code names-0 ..}. */
    public static TextCorpus names() throws IOException {
        InputStream in = TextCorpus.class.getResourceAsStream(NAMES_RESOURCE);
        if (in == null) {
            throw new IOException("missing bundled resource " + NAMES_RESOURCE);
        }
        try (in) {
            return fromLines("names", readLines(in, NAMES_RESOURCE), NAMES_RESOURCE);
        }
    }

    /** A UTF-8 text file, one document per line; the name is the file name without its extension. */
    public static TextCorpus read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        List<String> lines;
        try (InputStream in = Files.newInputStream(file)) {
            lines = readLines(in, file.toString());
        }
        try {
            return fromLines(CsvDatasets.stem(file), lines, file.toString());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    private static List<String> readLines(InputStream in, String source) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in,
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(lines.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line);
            }
        } catch (CharacterCodingException e) {
            throw new IOException(source + ": not valid UTF-8 text (line " + (lines.size() + 1) + ")");
        }
        return lines;
    }

    private static int[] vocabularyOf(List<String> documents) {
        TreeSet<Integer> chars = new TreeSet<>();
        for (String d : documents) {
            d.codePoints().forEach(chars::add);
        }
        return chars.stream().mapToInt(Integer::intValue).toArray();
    }

    // ---------------------------------------------------------------- identity

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return documents.size();
    }

    @Override
    public String id(int i) {
        return index.id(i);
    }

    @Override
    public String subject(int i) {
        return index.subject(i);
    }

    @Override
    public int indexOf(String id) {
        return index.indexOf(id);
    }

    @Override
    public boolean hasSubjects() {
        return index.hasSubjects();
    }

    @Override
    public List<String> ids() {
        return index.ids();
    }

    @Override
    public List<String> distinctSubjects() {
        return index.distinctSubjects();
    }

    // ---------------------------------------------------------------- content

    /** Document {@code i}. */
    public String document(int i) {
        return documents.get(i);
    }

    /** All documents in order (unmodifiable). */
    public List<String> documents() {
        return documents;
    }

    /** The vocabulary's characters in token order, as a string. */
    public String vocabulary() {
        return new String(vocabulary, 0, vocabulary.length);
    }

    /** Number of distinct characters. */
    public int vocabularySize() {
        return vocabulary.length;
    }

    /** The beginning/end-of-sequence token: the vocabulary size. */
    public int bos() {
        return vocabulary.length;
    }

    /** Number of token ids a model must predict: the characters and BOS. */
    public int tokenCount() {
        return vocabulary.length + 1;
    }

    /** The token of a character (code point), or an error if it is not in the vocabulary. */
    public int token(int codePoint) {
        int t = Arrays.binarySearch(vocabulary, codePoint);
        if (t < 0) {
            throw new IllegalArgumentException(name + ": character '" + new String(Character.toChars(codePoint))
                    + "' (U+" + Integer.toHexString(codePoint).toUpperCase(java.util.Locale.ROOT) + ") is not in the vocabulary");
        }
        return t;
    }

    /** The tokens of {@code text}'s characters, without BOS. */
    public int[] encode(String text) {
        return text.codePoints().map(this::token).toArray();
    }

    /** The text of {@code tokens}; BOS tokens are skipped. */
    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder(tokens.length);
        for (int t : tokens) {
            if (t == bos()) {
                continue;
            }
            if (t < 0 || t > vocabulary.length) {
                throw new IllegalArgumentException(name + ": token " + t + " outside 0.." + vocabulary.length);
            }
            sb.appendCodePoint(vocabulary[t]);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- derived corpora

    /** The documents at {@code indices}, keeping ids, subjects and this corpus's vocabulary. */
    @Override
    public TextCorpus select(int[] indices) {
        List<String> docs = new ArrayList<>(indices.length);
        for (int i : indices) {
            docs.add(documents.get(i));
        }
        return new TextCorpus(name, docs, index.selectIds(indices), index.selectSubjects(indices), vocabulary);
    }

    @Override
    public TextCorpus withSubjects(Map<String, String> subjectById) {
        return new TextCorpus(name, documents, ids().toArray(new String[0]), index.subjectsFrom(name, subjectById), vocabulary);
    }

    /**
     * SHA-256 over, in order, with every integer a big-endian int32: the ASCII bytes {@code "lethe.corpus.v1\n"};
     * the document count; then for each document the byte length of its id's UTF-8 encoding, those bytes, the byte
     * length of the document's UTF-8 encoding and those bytes. Subjects, the name and the vocabulary are not hashed.
     */
    /** SHA-256 over the document's UTF-8 length and bytes, first 128 bits. */
    @Override
    public String exampleFingerprint(int index) {
        return new Fingerprint("lethe.document.v1").putString(documents.get(index)).hex().substring(0, 32);
    }

    @Override
    public String fingerprint() {
        String fp = fingerprint;
        if (fp == null) {
            Fingerprint h = new Fingerprint("lethe.corpus.v1").putInt(size());
            for (int i = 0; i < size(); i++) {
                h.putString(id(i)).putString(documents.get(i));
            }
            fp = h.hex();
            fingerprint = fp;
        }
        return fp;
    }

    @Override
    public String toString() {
        return name + ": " + size() + " documents, " + vocabularySize() + " characters"
                + (hasSubjects() ? ", " + distinctSubjects().size() + " subjects" : "");
    }
}
