package org.lethe.nn;

/**
 * The shape and conventions of a {@link Gpt}. Instances are immutable; build them with {@link #builder} (defaults
 * follow GPT-2: layer norm with gain and bias, biases everywhere, a final norm, GELU, {@code 4 * width} MLP,
 * weights from N(0, 0.02^2)) or start from {@link #tinyCharacterModel}.
 */
public final class GptConfig {
    /** Which normalisation the blocks use. */
    public enum Norm {
        /** {@code x * (mean(x^2) + eps)^(-1/2)}. */
        RMS,
        /** {@code (x - mean) * (var + eps)^(-1/2)}, with a bias when biases are on. */
        LAYER
    }

    private final int vocabSize;
    private final int contextLength;
    private final int layers;
    private final int width;
    private final int heads;
    private final int mlpWidth;
    private final int mlpWidthSetting;
    private final boolean biases;
    private final Norm norm;
    private final boolean normGain;
    private final double normEps;
    private final boolean normAfterEmbedding;
    private final boolean finalNorm;
    private final double attentionScale;
    private final double attentionScaleSetting;
    private final double initStd;
    private final Activation activation;
    private final double dropout;

    private GptConfig(Builder b) {
        if (b.vocabSize <= 0 || b.contextLength <= 0 || b.layers < 0 || b.width <= 0 || b.heads <= 0) {
            throw new IllegalArgumentException("GPT sizes must be positive: vocab " + b.vocabSize + ", context "
                    + b.contextLength + ", layers " + b.layers + ", width " + b.width + ", heads " + b.heads);
        }
        if (b.width % b.heads != 0) {
            throw new IllegalArgumentException("width " + b.width + " does not split into " + b.heads + " heads");
        }
        int mlp = b.mlpWidth == 0 ? 4 * b.width : b.mlpWidth;
        if (mlp <= 0) {
            throw new IllegalArgumentException("MLP width must be positive, got " + b.mlpWidth);
        }
        if (!(b.normEps >= 0) || !(b.initStd >= 0) || !(b.dropout >= 0 && b.dropout < 1)) {
            throw new IllegalArgumentException("need normEps >= 0, initStd >= 0 and dropout in [0, 1), got "
                    + b.normEps + ", " + b.initStd + ", " + b.dropout);
        }
        double scale = Double.isNaN(b.attentionScale) ? CausalSelfAttention.defaultScale(b.width, b.heads) : b.attentionScale;
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("attention scale must be finite, got " + scale);
        }
        this.vocabSize = b.vocabSize;
        this.contextLength = b.contextLength;
        this.layers = b.layers;
        this.width = b.width;
        this.heads = b.heads;
        this.mlpWidth = mlp;
        this.mlpWidthSetting = b.mlpWidth;
        this.biases = b.biases;
        this.norm = java.util.Objects.requireNonNull(b.norm, "norm");
        this.normGain = b.normGain;
        this.normEps = b.normEps;
        this.normAfterEmbedding = b.normAfterEmbedding;
        this.finalNorm = b.finalNorm;
        this.attentionScale = scale;
        this.attentionScaleSetting = b.attentionScale;
        this.initStd = b.initStd;
        this.activation = java.util.Objects.requireNonNull(b.activation, "activation");
        this.dropout = b.dropout;
    }

    /** A builder with GPT-2-like defaults for the given vocabulary and context length. */
    public static Builder builder(int vocabSize, int contextLength) {
        return new Builder(vocabSize, contextLength);
    }

    /**
     * A 4,192-parameter one-layer character model (with a 27-symbol vocabulary): width 16, 4 heads of 4,
     * context 16, MLP 16 -> 64 -> 16 with GELU, no biases, RMS norm without gain and with eps 1e-5 applied after
     * the embedding sum and before each sub-block, no final norm, scores scaled by {@code 1/sqrt(4)}, weights
     * from N(0, 0.08^2).
     */
    public static GptConfig tinyCharacterModel(int vocabSize) {
        return builder(vocabSize, 16).layers(1).width(16).heads(4).mlpWidth(64).biases(false)
                .norm(Norm.RMS).normGain(false).normEps(1e-5).normAfterEmbedding(true).finalNorm(false)
                .initStd(0.08).activation(Activation.GELU).build();
    }

    /** A builder starting from this configuration; defaulted settings (MLP width, scale) stay defaulted. */
    public Builder toBuilder() {
        Builder b = new Builder(vocabSize, contextLength);
        b.layers = layers;
        b.width = width;
        b.heads = heads;
        b.mlpWidth = mlpWidthSetting;
        b.biases = biases;
        b.norm = norm;
        b.normGain = normGain;
        b.normEps = normEps;
        b.normAfterEmbedding = normAfterEmbedding;
        b.finalNorm = finalNorm;
        b.attentionScale = attentionScaleSetting;
        b.initStd = initStd;
        b.activation = activation;
        b.dropout = dropout;
        return b;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** The longest sequence the position table covers. */
    public int contextLength() {
        return contextLength;
    }

    public int layers() {
        return layers;
    }

    public int width() {
        return width;
    }

    public int heads() {
        return heads;
    }

    public int headDim() {
        return width / heads;
    }

    public int mlpWidth() {
        return mlpWidth;
    }

    /** Whether linear layers (except the bias-free head) and layer norms have biases. */
    public boolean biases() {
        return biases;
    }

    public Norm norm() {
        return norm;
    }

    /** Whether norms have a learned gain. */
    public boolean normGain() {
        return normGain;
    }

    public double normEps() {
        return normEps;
    }

    /** Whether the sum of token and position embeddings is normalised before the first block. */
    public boolean normAfterEmbedding() {
        return normAfterEmbedding;
    }

    /** Whether the last block's output is normalised before the head. */
    public boolean finalNorm() {
        return finalNorm;
    }

    /** The factor applied to {@code q k^T} before the softmax. */
    public double attentionScale() {
        return attentionScale;
    }

    /** Standard deviation of the normal initialisation of every weight matrix and embedding table. */
    public double initStd() {
        return initStd;
    }

    /** The MLP nonlinearity. */
    public Activation activation() {
        return activation;
    }

    /** Residual dropout probability (after the embeddings and each sub-block). */
    public double dropout() {
        return dropout;
    }

    @Override
    public String toString() {
        return "GptConfig{vocab=" + vocabSize + ", context=" + contextLength + ", layers=" + layers + ", width=" + width
                + ", heads=" + heads + ", mlp=" + mlpWidth + ", biases=" + biases + ", norm=" + norm + ", normGain="
                + normGain + ", normEps=" + normEps + ", normAfterEmbedding=" + normAfterEmbedding + ", finalNorm="
                + finalNorm + ", attentionScale=" + attentionScale + ", initStd=" + initStd + ", activation="
                + activation + ", dropout=" + dropout + "}";
    }

    /** Mutable settings for a {@link GptConfig}. */
    public static final class Builder {
        private final int vocabSize;
        private final int contextLength;
        private int layers = 2;
        private int width = 64;
        private int heads = 4;
        private int mlpWidth;
        private boolean biases = true;
        private Norm norm = Norm.LAYER;
        private boolean normGain = true;
        private double normEps = 1e-5;
        private boolean normAfterEmbedding;
        private boolean finalNorm = true;
        private double attentionScale = Double.NaN;
        private double initStd = 0.02;
        private Activation activation = Activation.GELU;
        private double dropout;

        private Builder(int vocabSize, int contextLength) {
            this.vocabSize = vocabSize;
            this.contextLength = contextLength;
        }

        public Builder layers(int n) {
            layers = n;
            return this;
        }

        public Builder width(int d) {
            width = d;
            return this;
        }

        public Builder heads(int h) {
            heads = h;
            return this;
        }

        /** Hidden width of the MLP; 0 (the default) means {@code 4 * width}. */
        public Builder mlpWidth(int w) {
            mlpWidth = w;
            return this;
        }

        public Builder biases(boolean on) {
            biases = on;
            return this;
        }

        public Builder norm(Norm kind) {
            norm = kind;
            return this;
        }

        public Builder normGain(boolean on) {
            normGain = on;
            return this;
        }

        public Builder normEps(double eps) {
            normEps = eps;
            return this;
        }

        public Builder normAfterEmbedding(boolean on) {
            normAfterEmbedding = on;
            return this;
        }

        public Builder finalNorm(boolean on) {
            finalNorm = on;
            return this;
        }

        /** The factor applied to attention scores; NaN (the default) means {@code 1/sqrt(headDim)}. */
        public Builder attentionScale(double scale) {
            attentionScale = scale;
            return this;
        }

        public Builder initStd(double std) {
            initStd = std;
            return this;
        }

        public Builder activation(Activation a) {
            activation = a;
            return this;
        }

        public Builder dropout(double p) {
            dropout = p;
            return this;
        }

        public GptConfig build() {
            return new GptConfig(this);
        }
    }
}
