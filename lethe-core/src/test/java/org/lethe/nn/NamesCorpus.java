package org.lethe.nn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The bundled names as character documents: the vocabulary is the sorted distinct characters, and each name
 * becomes {@code [BOS, chars..., BOS]} with {@code BOS = vocabulary size}.
 */
final class NamesCorpus {
    final List<String> names;
    final char[] chars;
    final int bos;

    private NamesCorpus(List<String> names) {
        this.names = names;
        TreeSet<Character> set = new TreeSet<>();
        for (String n : names) {
            for (char c : n.toCharArray()) {
                set.add(c);
            }
        }
        chars = new char[set.size()];
        int i = 0;
        for (char c : set) {
            chars[i++] = c;
        }
        bos = chars.length;
    }

    static NamesCorpus load() {
        try (InputStream in = NamesCorpus.class.getResourceAsStream("/org/lethe/data/names.txt")) {
            if (in == null) {
                throw new IllegalStateException("names resource missing");
            }
            List<String> names = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String s = line.strip();
                if (!s.isEmpty()) {
                    names.add(s);
                }
            }
            return new NamesCorpus(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Vocabulary size including BOS. */
    int vocabSize() {
        return chars.length + 1;
    }

    /** {@code [BOS, chars..., BOS]}. */
    int[] document(int index) {
        String name = names.get(index);
        int[] doc = new int[name.length() + 2];
        doc[0] = bos;
        for (int i = 0; i < name.length(); i++) {
            doc[i + 1] = java.util.Arrays.binarySearch(chars, name.charAt(i));
        }
        doc[doc.length - 1] = bos;
        return doc;
    }

    /** Inputs and next-token targets of a document, cut to at most {@code context} positions. */
    int[][] example(int index, int context) {
        int[] doc = document(index);
        int n = Math.min(context, doc.length - 1);
        return new int[][] {java.util.Arrays.copyOfRange(doc, 0, n), java.util.Arrays.copyOfRange(doc, 1, n + 1)};
    }
}
