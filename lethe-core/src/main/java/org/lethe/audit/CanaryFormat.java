package org.lethe.audit;

import org.lethe.tensor.Rng;

/**
 * The shape of a canary document: a fixed prefix followed by a secret of {@code length} symbols from an
 * alphabet, for example {@code "mycode"} + 4 digits ({@code mycode4930}). Candidates are every possible secret;
 * candidate {@code i} spells {@code i} in base {@code alphabet.length()} with the most significant symbol first,
 * so the numbering is fixed and candidates can be enumerated or sampled by index.
 */
public final class CanaryFormat {
    /** The default prefix: letters only, so it fits a letter vocabulary such as the names corpus. */
    public static final String DEFAULT_PREFIX = "mycode";
    public static final String DIGITS = "0123456789";
    public static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final String prefix;
    private final String alphabet;
    private final int length;
    private final long candidates;

    public CanaryFormat(String prefix, String alphabet, int length) {
        if (prefix == null || alphabet == null || alphabet.isEmpty()) {
            throw new IllegalArgumentException("a canary format needs a prefix and a non-empty alphabet");
        }
        if (alphabet.codePoints().distinct().count() != alphabet.codePointCount(0, alphabet.length())
                || alphabet.codePointCount(0, alphabet.length()) != alphabet.length()) {
            throw new IllegalArgumentException("canary alphabet '" + alphabet + "' must list distinct basic characters");
        }
        if (length < 1) {
            throw new IllegalArgumentException("canary secrets need at least one symbol, got length " + length);
        }
        double count = Math.pow(alphabet.length(), length);
        if (count > 1e18) {
            throw new IllegalArgumentException("a secret of " + length + " symbols from " + alphabet.length()
                    + " has more candidates than can be numbered (" + count + ")");
        }
        this.prefix = prefix;
        this.alphabet = alphabet;
        this.length = length;
        long c = 1;
        for (int i = 0; i < length; i++) {
            c *= alphabet.length();
        }
        this.candidates = c;
    }

    public String prefix() {
        return prefix;
    }

    public String alphabet() {
        return alphabet;
    }

    /** Symbols per secret. */
    public int length() {
        return length;
    }

    /** Number of possible secrets: {@code alphabet.length()^length}. */
    public long candidateCount() {
        return candidates;
    }

    /** The secret of candidate {@code index}. */
    public String secret(long index) {
        if (index < 0 || index >= candidates) {
            throw new IllegalArgumentException("candidate " + index + " outside 0.." + (candidates - 1));
        }
        char[] out = new char[length];
        long v = index;
        for (int i = length - 1; i >= 0; i--) {
            out[i] = alphabet.charAt((int) (v % alphabet.length()));
            v /= alphabet.length();
        }
        return new String(out);
    }

    /** The index of {@code secret}; an error if it does not fit the format. */
    public long indexOf(String secret) {
        if (secret.length() != length) {
            throw new IllegalArgumentException("secret '" + secret + "' does not have " + length + " symbols");
        }
        long v = 0;
        for (int i = 0; i < length; i++) {
            int d = alphabet.indexOf(secret.charAt(i));
            if (d < 0) {
                throw new IllegalArgumentException("secret '" + secret + "' has '" + secret.charAt(i)
                        + "', which is not in the alphabet '" + alphabet + "'");
            }
            v = v * alphabet.length() + d;
        }
        return v;
    }

    /** The canary document of {@code secret}: prefix then secret. */
    public String document(String secret) {
        indexOf(secret);
        return prefix + secret;
    }

    /** A secret drawn uniformly with {@code rng}. */
    public String randomSecret(Rng rng) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "'" + prefix + "' + " + length + " of '" + alphabet + "'";
    }
}
