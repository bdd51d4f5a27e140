package org.lethe.nn;

import java.util.ArrayList;
import java.util.List;
import org.lethe.autograd.Functional;
import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Rng;

/**
 * A decoder-only transformer language model: token and position embeddings ({@code wte}, {@code wpe}), an
 * optional norm of their sum ({@code ln_emb}), pre-norm {@link TransformerBlock}s ({@code layer0}, ...), an
 * optional final norm ({@code ln_f}) and a bias-free head ({@code lm_head}, {@code [vocab, width]}).
 *
 * <p>Parameters are registered in the order {@code wte, wpe, lm_head}, then norm gains, then the blocks, and
 * initialised in that order from the given generator (after one draw that seeds the layers' own streams): every
 * matrix and table from N(0, initStd^2), biases 0, gains 1. A loader can therefore fill {@link #namedParameters()} in iteration order.
 */
public final class Gpt extends Module {
    private final GptConfig config;
    private final Embedding tokenEmbedding;
    private final Embedding positionEmbedding;
    private final Linear head;
    private final Layer embeddingNorm;
    private final Dropout embeddingDropout;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final Layer finalNorm;

    public Gpt(Algebra algebra, Rng rng, GptConfig config) {
        this.config = config;
        int d = config.width();
        // Layers draw their default initialisation (and dropout streams) from a separate stream; the weights are
        // then redrawn from rng in registration order, independent of how each layer initialises itself.
        Rng scratch = new Rng(rng.nextLong());
        this.tokenEmbedding = addInlineChild("wte", new Embedding(algebra, scratch, config.vocabSize(), d, 1.0, "wte"));
        this.positionEmbedding = addInlineChild("wpe", new Embedding(algebra, scratch, config.contextLength(), d, 1.0, "wpe"));
        this.head = addInlineChild("lm_head", new Linear(algebra, scratch, d, config.vocabSize(), false, "lm_head", "lm_head_bias"));
        this.embeddingNorm = config.normAfterEmbedding() ? addChild("ln_emb", norm(algebra, config)) : null;
        this.embeddingDropout = config.dropout() > 0
                ? addChild("emb_drop", new Dropout(config.dropout(), new Rng(scratch.nextLong()))) : null;
        for (int i = 0; i < config.layers(); i++) {
            blocks.add(addChild("layer" + i, new TransformerBlock(algebra, scratch, config)));
        }
        this.finalNorm = config.finalNorm() ? addChild("ln_f", norm(algebra, config)) : null;
        initialise(rng);
    }

    private void initialise(Rng rng) {
        for (Tensor p : namedParameters().values()) {
            if (p.rank() == 2) {
                p.value().assign(Init.normal(p.algebra(), rng, config.initStd(), p.shape()));
            }
        }
        for (TransformerBlock b : blocks) {
            for (Linear l : List.of(b.attention().query(), b.attention().key(), b.attention().value(),
                    b.attention().output(), b.mlp().fc1(), b.mlp().fc2())) {
                if (l.bias() != null) {
                    l.bias().value().fill(0.0);
                }
            }
        }
    }

    /** The norm layer {@code config} asks for (no parameters when it has no gain and no bias). */
    static Layer norm(Algebra algebra, GptConfig config) {
        if (config.norm() == GptConfig.Norm.RMS) {
            return new RmsNorm(algebra, config.width(), config.normEps(), config.normGain());
        }
        return new LayerNorm(algebra, config.width(), config.normEps(), config.normGain(), config.biases());
    }

    /**
     * Logits {@code [batch, time, vocab]} for {@code tokens}, a row-major {@code [batch, time]} array;
     * {@code time} may not exceed the context length.
     */
    public Tensor forward(int[] tokens, int batch, int time) {
        if (batch <= 0 || time <= 0 || tokens.length != batch * time) {
            throw new IllegalArgumentException(tokens.length + " tokens do not fill [" + batch + ", " + time + "]");
        }
        if (time > config.contextLength()) {
            throw new IllegalArgumentException("sequence of " + time + " exceeds the context length " + config.contextLength());
        }
        Tensor x = tokenEmbedding.forward(tokens, batch, time).add(positionEmbedding.forward(positions(time), time));
        if (embeddingDropout != null) {
            x = embeddingDropout.forward(x);
        }
        if (embeddingNorm != null) {
            x = embeddingNorm.forward(x);
        }
        for (TransformerBlock b : blocks) {
            x = b.forward(x);
        }
        if (finalNorm != null) {
            x = finalNorm.forward(x);
        }
        return head.forward(x);
    }

    /** Mean next-token cross-entropy of {@code [batch, time]} tokens against {@code [batch, time]} targets. */
    public Tensor loss(int[] tokens, int[] targets, int batch, int time) {
        return loss(tokens, targets, batch, time, null);
    }

    /**
     * Weighted next-token cross-entropy {@code (1/(batch*time)) sum w_bt * -log p(target_bt)}, with one weight per
     * position ({@code [batch, time]} or {@code [batch*time]}, null for all ones). A weight of 0 removes a
     * position (padding, a deleted document) without changing the divisor.
     */
    public Tensor loss(int[] tokens, int[] targets, int batch, int time, Tensor weights) {
        if (targets.length != tokens.length) {
            throw new IllegalArgumentException(targets.length + " targets for " + tokens.length + " tokens");
        }
        Tensor logits = forward(tokens, batch, time).reshape(batch * time, config.vocabSize());
        return Functional.crossEntropy(logits, targets, weights);
    }

    private static int[] positions(int time) {
        int[] p = new int[time];
        for (int i = 0; i < time; i++) {
            p[i] = i;
        }
        return p;
    }

    /** Replaces every parameter value, in {@link #namedParameters()} order, with the next value of a source. */
    public void fill(java.util.function.DoubleSupplier source) {
        for (Tensor p : namedParameters().values()) {
            double[] v = new double[p.value().size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = source.getAsDouble();
            }
            p.value().assign(NDArray.of(p.algebra(), v, p.shape()));
        }
    }

    public GptConfig config() {
        return config;
    }

    public Embedding tokenEmbedding() {
        return tokenEmbedding;
    }

    public Embedding positionEmbedding() {
        return positionEmbedding;
    }

    /** The output projection, weight {@code [vocab, width]}. */
    public Linear head() {
        return head;
    }

    public List<TransformerBlock> blocks() {
        return List.copyOf(blocks);
    }
}
