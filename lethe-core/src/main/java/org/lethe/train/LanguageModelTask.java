package org.lethe.train;

import org.lethe.autograd.Tensor;
import org.lethe.data.TextCorpus;
import org.lethe.nn.Gpt;
import org.lethe.nn.Module;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;

/**
 * Next-character loss of a {@link Gpt} over documents of a {@link TextCorpus}. A document becomes
 * {@code [BOS] + characters + [BOS]}, cut to the model's context; a batch pads documents to its longest one and
 * averages the loss over real (unpadded) positions only.
 */
public final class LanguageModelTask implements TrainingTask {
    private final TextCorpus corpus;
    private final Algebra algebra;

    public LanguageModelTask(TextCorpus corpus, Algebra algebra) {
        this.corpus = corpus;
        this.algebra = algebra;
    }

    /** Tokens of document {@code i} with BOS at both ends. */
    public int[] sequence(int i) {
        int[] chars = corpus.encode(corpus.document(i));
        int[] seq = new int[chars.length + 2];
        seq[0] = corpus.bos();
        System.arraycopy(chars, 0, seq, 1, chars.length);
        seq[seq.length - 1] = corpus.bos();
        return seq;
    }

    @Override
    public Tensor loss(Module model, int[] batch) {
        Gpt gpt = (Gpt) model;
        int context = gpt.config().contextLength();
        int time = 1;
        int[][] seqs = new int[batch.length][];
        for (int b = 0; b < batch.length; b++) {
            seqs[b] = sequence(batch[b]);
            time = Math.max(time, Math.min(context, seqs[b].length - 1));
        }
        int[] tokens = new int[batch.length * time];
        int[] targets = new int[batch.length * time];
        double[] mask = new double[batch.length * time];
        int real = 0;
        for (int b = 0; b < batch.length; b++) {
            int n = Math.min(time, seqs[b].length - 1);
            for (int t = 0; t < time; t++) {
                int k = b * time + t;
                if (t < n) {
                    tokens[k] = seqs[b][t];
                    targets[k] = seqs[b][t + 1];
                    mask[k] = 1.0;
                    real++;
                } else {
                    tokens[k] = corpus.bos();
                    targets[k] = corpus.bos();
                }
            }
        }
        double scale = (double) (batch.length * time) / real;
        for (int k = 0; k < mask.length; k++) {
            mask[k] *= scale;
        }
        Tensor weights = Tensor.constant(NDArray.of(algebra, mask, batch.length * time));
        return gpt.loss(tokens, targets, batch.length, time, weights);
    }

    public TextCorpus corpus() {
        return corpus;
    }
}
