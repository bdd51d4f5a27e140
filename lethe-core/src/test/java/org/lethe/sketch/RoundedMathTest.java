package org.lethe.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Reference values are mpmath's 200-bit results rounded to double. The first group are Box-Muller arguments of
 * {@code random.seed(42)} where glibc's {@code cos}, {@code sin} or {@code log} is not correctly rounded (so a
 * library-quality result would not do); the second are ordinary and extreme arguments.
 */
class RoundedMathTest {
    // {x, cos x, sin x, u, log u}
    private static final double[][] HARD = {
        {0x1.814ddd6cae363p+2, 0x1.ee6b8e5269ee1p-1, -0x1.0a072b48c403fp-2, 0x1.34e9b583bef22p-1, -0x1.02b21e27af0e1p-1},
        {0x1.baa818253f5b4p-1, 0x1.4c4612a9aefb1p-1, 0x1.85892d0ca4b2cp-1, 0x1.6d1e24c54961ap-1, -0x1.5a381ffbde5cep-2},
        {0x1.7867963ab385fp+1, -0x1.f5b2f9ea72304p-1, 0x1.98be81a387b09p-3, 0x1.9d47d30c3c64cp-1, -0x1.b6ad679d2ecc3p-3},
        {0x1.ab9651f499711p+1, -0x1.f5e70472c6650p-1, -0x1.94bb3d1edd4d9p-3, 0x1.9eff0b73a3ee6p-1, -0x1.ae315dcc94a72p-3},
        {0x1.3ebd8979b44e4p+2, 0x1.0f16c6b2fab12p-2, -0x1.edbb7f38767c1p-1, 0x1.5c77b7a31aca2p-1, -0x1.8a0391852f4b1p-2},
        {0x1.3283560a7867fp-1, 0x1.a6f597b0dc91ep-1, 0x1.20879ade72b5fp-1, 0x1.e1eb377caa2fep-1, -0x1.f0045e433737fp-5},
    };
    // {x, cos x, sin x, log x}
    private static final double[][] ORDINARY = {
        {0x1.56e1fc2f8f359p-997, 0x1.0000000000000p+0, 0x1.56e1fc2f8f359p-997, -0x1.5963447f87fb5p+9},
        {0x1.0000000000000p-1, 0x1.c1528065b7d50p-1, 0x1.eaee8744b05f0p-2, -0x1.62e42fefa39efp-1},
        {0x1.8000000000000p+1, -0x1.fae04be85e5d2p-1, 0x1.210386db6d55bp-3, 0x1.193ea7aad030bp+0},
        {0x1.9000000000000p+6, 0x1.b981dbf665fdfp-1, -0x1.03425b78c4db8p-1, 0x1.26bb1bbb55516p+2},
        {0x1.86a0000000000p+16, -0x1.ffac3841b3da7p-1, 0x1.24daa9c527e96p-5, 0x1.7069e2aa2aa5bp+3},
        {0x1.2599ed7c6fbd2p-14, 0x1.ffffffeaf464ap-1, 0x1.2599ed7869ea7p-14, -0x1.3224fd4dc5f10p+3},
    };

    @Test
    void hardBoxMullerArgumentsAreCorrectlyRounded() {
        for (double[] c : HARD) {
            assertThat(RoundedMath.cos(c[0])).as("cos %a", c[0]).isEqualTo(c[1]);
            assertThat(RoundedMath.sin(c[0])).as("sin %a", c[0]).isEqualTo(c[2]);
            assertThat(RoundedMath.log(c[3])).as("log %a", c[3]).isEqualTo(c[4]);
        }
    }

    @Test
    void ordinaryAndExtremeArgumentsAreCorrectlyRounded() {
        for (double[] c : ORDINARY) {
            assertThat(RoundedMath.cos(c[0])).as("cos %a", c[0]).isEqualTo(c[1]);
            assertThat(RoundedMath.sin(c[0])).as("sin %a", c[0]).isEqualTo(c[2]);
            assertThat(RoundedMath.log(c[0])).as("log %a", c[0]).isEqualTo(c[3]);
            assertThat(RoundedMath.sin(-c[0])).isEqualTo(-c[2]);
            assertThat(RoundedMath.cos(-c[0])).isEqualTo(c[1]);
        }
    }

    @Test
    void specialArguments() {
        assertThat(RoundedMath.log(1.0)).isEqualTo(0.0);
        assertThat(RoundedMath.log(0.0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(RoundedMath.log(-1.0)).isNaN();
        assertThat(RoundedMath.log(Double.MIN_VALUE)).isEqualTo(Math.log(Double.MIN_VALUE));
        assertThat(RoundedMath.cos(0.0)).isEqualTo(1.0);
        assertThat(RoundedMath.sin(Double.NaN)).isNaN();
    }

    @Test
    void agreesWithTheJdkToAnUlp() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            double x = (r.nextDouble() - 0.5) * 40;
            double u = Math.exp((r.nextDouble() - 0.5) * 1400);
            assertThat(RoundedMath.sin(x)).isCloseTo(StrictMath.sin(x), org.assertj.core.data.Offset.offset(Math.ulp(1.0)));
            assertThat(RoundedMath.cos(x)).isCloseTo(StrictMath.cos(x), org.assertj.core.data.Offset.offset(Math.ulp(1.0)));
            assertThat(RoundedMath.log(u)).isCloseTo(StrictMath.log(u),
                    org.assertj.core.data.Offset.offset(Math.ulp(StrictMath.log(u))));
        }
    }
}
