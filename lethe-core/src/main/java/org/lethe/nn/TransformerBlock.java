package org.lethe.nn;

import org.lethe.autograd.Tensor;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.Rng;

/**
 * A pre-norm transformer block on {@code [B, T, D]}: {@code x + attn(norm1(x))}, then {@code x + mlp(norm2(x))}.
 * The attention and MLP projections are inline children, so their parameters are named directly under the
 * block ({@code attn_wq}, ..., {@code mlp_fc2}); the norms are children {@code ln_1} and {@code ln_2}.
 */
public final class TransformerBlock extends Layer {
    private final Layer norm1;
    private final CausalSelfAttention attention;
    private final Dropout attentionDropout;
    private final Layer norm2;
    private final FeedForward mlp;
    private final Dropout mlpDropout;

    /** A block shaped by {@code config}; weights keep their layers' default initialisation. */
    public TransformerBlock(Algebra algebra, Rng rng, GptConfig config) {
        this.norm1 = addChild("ln_1", Gpt.norm(algebra, config));
        this.attention = addInlineChild("attn", new CausalSelfAttention(algebra, rng, config.width(), config.heads(),
                config.biases(), config.attentionScale()));
        this.attentionDropout = config.dropout() > 0
                ? addChild("attn_drop", new Dropout(config.dropout(), new Rng(rng.nextLong()))) : null;
        this.norm2 = addChild("ln_2", Gpt.norm(algebra, config));
        this.mlp = addInlineChild("mlp", new FeedForward(algebra, rng, config.width(), config.mlpWidth(),
                config.activation(), config.biases()));
        this.mlpDropout = config.dropout() > 0
                ? addChild("mlp_drop", new Dropout(config.dropout(), new Rng(rng.nextLong()))) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor a = attention.forward(norm1.forward(x));
        if (attentionDropout != null) {
            a = attentionDropout.forward(a);
        }
        x = x.add(a);
        Tensor m = mlp.forward(norm2.forward(x));
        if (mlpDropout != null) {
            m = mlpDropout.forward(m);
        }
        return x.add(m);
    }

    public CausalSelfAttention attention() {
        return attention;
    }

    public FeedForward mlp() {
        return mlp;
    }

    /** The norm before attention ({@link RmsNorm} or {@link LayerNorm}). */
    public Layer norm1() {
        return norm1;
    }

    /** The norm before the MLP. */
    public Layer norm2() {
        return norm2;
    }
}
