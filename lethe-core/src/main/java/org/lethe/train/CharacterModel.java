package org.lethe.train;

import org.lethe.autograd.GradMode;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.tensor.Rng;

/**
 * A character GPT together with the vocabulary it was trained on: scores texts as complete documents, gives the
 * distribution of the next character after a prefix, and samples new documents. A document is read as
 * {@code [BOS] + characters + [BOS]}, as in training ({@link LanguageModelTask}).
 */
public final class CharacterModel {
    private final Gpt gpt;
    private final TextCorpus vocabulary;

    public CharacterModel(Gpt gpt, TextCorpus vocabulary) {
        this.gpt = gpt;
        this.vocabulary = vocabulary;
        if (vocabulary.tokenCount() != gpt.config().vocabSize()) {
            throw new IllegalArgumentException("the model predicts " + gpt.config().vocabSize() + " tokens but "
                    + vocabulary.name() + " has " + vocabulary.tokenCount() + " (characters and end mark)");
        }
    }

    /** Mean next-character loss (nats) of {@code text} as a whole document, cut to the context as in training. */
    public double loss(String text) {
        int[] seq = sequence(text);
        int time = Math.max(1, Math.min(gpt.config().contextLength(), seq.length - 1));
        int[] tokens = new int[time];
        int[] targets = new int[time];
        System.arraycopy(seq, 0, tokens, 0, time);
        System.arraycopy(seq, 1, targets, 0, time);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return gpt.loss(tokens, targets, 1, time).item();
        }
    }

    /** Probabilities of every token after {@code prefix}, at temperature {@code temperature}. */
    public double[] next(String prefix, double temperature) {
        int[] chars = vocabulary.encode(prefix);
        int[] context = new int[chars.length + 1];
        context[0] = vocabulary.bos();
        System.arraycopy(chars, 0, context, 1, chars.length);
        return nextOf(context, context.length, temperature);
    }

    /** A document sampled after {@code prefix} (which it starts with), at most {@code maxChars} characters long. */
    public String sample(String prefix, double temperature, Rng rng, int maxChars) {
        int[] tokens = new int[maxChars + 1];
        int[] chars = vocabulary.encode(prefix);
        if (chars.length > maxChars) {
            throw new IllegalArgumentException("prefix '" + prefix + "' is longer than " + maxChars + " characters");
        }
        tokens[0] = vocabulary.bos();
        System.arraycopy(chars, 0, tokens, 1, chars.length);
        int length = chars.length + 1;
        while (length <= maxChars) {
            double[] p = nextOf(tokens, length, temperature);
            int t = draw(p, rng.nextDouble());
            if (t == vocabulary.bos()) {
                break;
            }
            tokens[length++] = t;
        }
        int[] out = new int[length - 1];
        System.arraycopy(tokens, 1, out, 0, out.length);
        return vocabulary.decode(out);
    }

    /** The text shown for token {@code t}; the end mark is {@code <end>}. */
    public String tokenText(int t) {
        return t == vocabulary.bos() ? "<end>" : vocabulary.decode(new int[] {t});
    }

    /** The longest document the model reads whole: its context minus the start mark. */
    public int maxChars() {
        return gpt.config().contextLength() - 1;
    }

    // Reads the last `context length` tokens of tokens[0, length): positions beyond the context slide the window.
    private double[] nextOf(int[] tokens, int length, double temperature) {
        int window = Math.min(length, gpt.config().contextLength());
        int[] input = new int[window];
        System.arraycopy(tokens, length - window, input, 0, window);
        double[] logits;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            logits = gpt.forward(input, 1, window).value().toDoubles();
        }
        int vocab = gpt.config().vocabSize();
        double[] p = new double[vocab];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < vocab; i++) {
            p[i] = logits[(window - 1) * vocab + i] / temperature;
            max = Math.max(max, p[i]);
        }
        double sum = 0;
        for (int i = 0; i < vocab; i++) {
            p[i] = Math.exp(p[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < vocab; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static int draw(double[] p, double u) {
        double cumulative = 0;
        for (int i = 0; i < p.length; i++) {
            cumulative += p[i];
            if (u < cumulative) {
                return i;
            }
        }
        return p.length - 1;
    }

    private int[] sequence(String text) {
        int[] chars = vocabulary.encode(text);
        int[] seq = new int[chars.length + 2];
        seq[0] = vocabulary.bos();
        System.arraycopy(chars, 0, seq, 1, chars.length);
        seq[seq.length - 1] = vocabulary.bos();
        return seq;
    }
}
