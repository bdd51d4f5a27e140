package org.lethe.sketch;

import java.math.BigInteger;
import java.util.List;

/**
 * A port of CPython's {@code random.Random} (the Mersenne Twister MT19937 and the methods built on it), so that an
 * experiment published as a Python script can be reproduced draw for draw: the same seed shuffles the same list
 * into the same order and draws the same Gaussian initial weights.
 *
 * <p>Seeding follows {@code random.seed(int)}: the absolute value of the seed, split into 32-bit words (least
 * significant first, one zero word for 0), is the key of {@code init_by_array}. {@link #random()},
 * {@link #getrandbits(int)}, {@link #randbelow(int)}, {@link #shuffle(List)} and {@link #gauss(double, double)} are
 * CPython's algorithms, including the cached second value of {@code gauss}. Not thread-safe.
 */
public final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;
    private static final double TWO_PI = 2.0 * Math.PI;

    private final int[] mt = new int[N];
    private int index;
    private double gaussNext;
    private boolean hasGaussNext;

    /** A generator seeded as {@code random.seed(seed)} seeds CPython's. */
    public PythonRandom(long seed) {
        this(BigInteger.valueOf(seed));
    }

    /** A generator seeded as {@code random.seed(seed)} with an integer of any size. */
    public PythonRandom(BigInteger seed) {
        initByArray(keyOf(seed.abs()));
    }

    private static int[] keyOf(BigInteger magnitude) {
        if (magnitude.signum() == 0) {
            return new int[] {0};
        }
        int words = (magnitude.bitLength() + 31) / 32;
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = magnitude.shiftRight(32 * i).intValue();
        }
        return key;
    }

    private void initGenrand(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = UPPER_MASK;
        hasGaussNext = false;
    }

    /** The next 32 random bits (as an unsigned value in the low bits of the result). */
    private long nextWord() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xffffffffL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & UPPER_MASK) | (mt[(k + 1) % N] & LOWER_MASK);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        index = 0;
    }

    /** {@code random.random()}: a double in {@code [0, 1)} with 53 random bits. */
    public double random() {
        long a = nextWord() >>> 5;
        long b = nextWord() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /** {@code random.getrandbits(k)} for {@code 0 <= k <= 32}. */
    public long getrandbits(int k) {
        if (k < 0 || k > 32) {
            throw new IllegalArgumentException("getrandbits supports 0 to 32 bits here, got " + k);
        }
        if (k == 0) {
            return 0;
        }
        return nextWord() >>> (32 - k);
    }

    /** {@code random._randbelow(n)}: uniform in {@code [0, n)} by rejection on {@code bit_length(n)} bits. */
    public int randbelow(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("randbelow needs a positive bound, got " + n);
        }
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return (int) r;
    }

    /** {@code random.shuffle(list)}: Fisher-Yates from the end, in place. */
    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    /** {@code random.shuffle} of an int array, in place. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = randbelow(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    /**
     * {@code random.gauss(mu, sigma)}: Box-Muller on two uniforms, returning the cosine branch and keeping the sine
     * branch for the next call.
     */
    public double gauss(double mu, double sigma) {
        double z;
        if (hasGaussNext) {
            z = gaussNext;
            hasGaussNext = false;
        } else {
            double x2pi = random() * TWO_PI;
            double g2rad = Math.sqrt(-2.0 * RoundedMath.log(1.0 - random()));
            z = RoundedMath.cos(x2pi) * g2rad;
            gaussNext = RoundedMath.sin(x2pi) * g2rad;
            hasGaussNext = true;
        }
        return mu + z * sigma;
    }
}
