package org.lethe.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lethe.autograd.GradCheck.random;

import org.junit.jupiter.api.Test;
import org.lethe.tensor.Algebra;
import org.lethe.tensor.ConvGeometry;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Real32;
import org.lethe.tensor.Real64;
import org.lethe.tensor.Rng;

class ConvolutionGradientTest {
    private static final double TOL = 1e-6;
    private final Rng rng = new Rng(11);

    @Test
    void conv2dGradients() {
        // Non-square kernels and images catch swapped axes; C > 1 exercises the channel sum.
        GradCheck.check("conv bias p0 s1", a -> Convolution.conv2d(a.get(0), a.get(1), a.get(2), 1, 0), TOL,
                random(rng, 2, 2, 5, 6), random(rng, 3, 2, 3, 2), random(rng, 3));
        GradCheck.check("conv nobias p1 s1", a -> Convolution.conv2d(a.get(0), a.get(1), 1, 1), TOL,
                random(rng, 2, 3, 4, 5), random(rng, 2, 3, 3, 3));
        GradCheck.check("conv bias p1 s2", a -> Convolution.conv2d(a.get(0), a.get(1), a.get(2), 2, 1), TOL,
                random(rng, 2, 2, 7, 6), random(rng, 3, 2, 3, 3), random(rng, 3));
        GradCheck.check("conv nobias p0 s2", a -> Convolution.conv2d(a.get(0), a.get(1), 2, 0), TOL,
                random(rng, 3, 2, 6, 7), random(rng, 2, 2, 2, 3));
        GradCheck.check("conv bias p2 s3 1 channel", a -> Convolution.conv2d(a.get(0), a.get(1), a.get(2), 3, 2), TOL,
                random(rng, 2, 1, 5, 5), random(rng, 2, 1, 4, 3), random(rng, 2));
    }

    @Test
    void maxPoolGradients() {
        GradCheck.check("maxpool 2", a -> Convolution.maxPool2d(a.get(0), 2), TOL, random(rng, 2, 3, 4, 6));
        GradCheck.check("maxpool 2 odd sides", a -> Convolution.maxPool2d(a.get(0), 2), TOL, random(rng, 2, 2, 5, 7));
        GradCheck.check("maxpool 3", a -> Convolution.maxPool2d(a.get(0), 3), TOL, random(rng, 1, 2, 6, 7));
        GradCheck.check("conv -> pool -> relu", a -> Convolution.maxPool2d(
                Convolution.conv2d(a.get(0), a.get(1), a.get(2), 1, 1), 2).relu(), TOL,
                random(rng, 2, 2, 6, 6), random(rng, 3, 2, 3, 3), random(rng, 3));
    }

    @Test
    void conv2dMatchesDirectConvolution() {
        int[][] cases = {{2, 3, 7, 8, 4, 3, 2, 1, 0}, {3, 2, 6, 6, 3, 3, 3, 2, 1}, {1, 1, 28, 28, 5, 5, 5, 1, 0},
            {2, 4, 9, 5, 2, 1, 3, 3, 2}};
        for (int[] c : cases) {
            NDArray x = random(rng, c[0], c[1], c[2], c[3]);
            NDArray w = random(rng, c[4], c[1], c[5], c[6]);
            NDArray b = random(rng, c[4]);
            double[] expected = directConvolution(x, w, b, c[7], c[8]);
            for (Algebra alg : new Algebra[] {Real64.INSTANCE, Real32.INSTANCE, new IndexMapAlgebra()}) {
                Tensor out = Convolution.conv2d(Tensor.constant(x.to(alg)), Tensor.constant(w.to(alg)),
                        Tensor.constant(b.to(alg)), c[7], c[8]);
                int oh = Convolution.outputSize(c[2], c[5], c[7], c[8]);
                int ow = Convolution.outputSize(c[3], c[6], c[7], c[8]);
                assertThat(out.shape()).containsExactly(c[0], c[4], oh, ow);
                double tol = alg == Real32.INSTANCE ? 1e-5 : 1e-12;
                assertThat(maxAbsDiff(out.value().toDoubles(), expected)).as(alg + " " + java.util.Arrays.toString(c))
                        .isLessThan(tol);
            }
        }
    }

    @Test
    void chunkedBatchesGiveTheSameResultsAsSingleImages() {
        // 23 images of 8x20x20 with a 5x5 kernel (padding 1) unfold to 200 x 324 elements each, so the batch
        // runs in several chunks, the last one partial; every image on its own is a single chunk.
        int n = 23;
        NDArray x = random(rng, n, 8, 20, 20);
        NDArray w = random(rng, 4, 8, 5, 5);
        NDArray b = random(rng, 4);
        NDArray probe = random(rng, n, 4, 18, 18);
        Tensor xt = Tensor.parameter(x);
        Tensor wt = Tensor.parameter(w);
        Tensor bt = Tensor.parameter(b);
        Tensor out = Convolution.conv2d(xt, wt, bt, 1, 1);
        java.util.List<NDArray> grads = Autograd.gradients(out.mul(Tensor.constant(probe)).sum(),
                java.util.List.of(xt, wt, bt));
        NDArray gradW = NDArray.zeros(Real64.INSTANCE, w.shape());
        NDArray gradB = NDArray.zeros(Real64.INSTANCE, b.shape());
        for (int i = 0; i < n; i++) {
            Tensor xi = Tensor.parameter(x.slice(0, i, i + 1));
            Tensor wi = Tensor.parameter(w);
            Tensor bi = Tensor.parameter(b);
            Tensor outI = Convolution.conv2d(xi, wi, bi, 1, 1);
            assertThat(maxAbsDiff(outI.value().toDoubles(), out.value().slice(0, i, i + 1).toDoubles())).isLessThan(1e-12);
            java.util.List<NDArray> own = Autograd.gradients(
                    outI.mul(Tensor.constant(probe.slice(0, i, i + 1))).sum(), java.util.List.of(xi, wi, bi));
            assertThat(maxAbsDiff(own.get(0).toDoubles(), grads.get(0).slice(0, i, i + 1).toDoubles())).isLessThan(1e-12);
            gradW.addInPlace(own.get(1));
            gradB.addInPlace(own.get(2));
        }
        assertThat(maxAbsDiff(gradW.toDoubles(), grads.get(1).toDoubles())).isLessThan(1e-10);
        assertThat(maxAbsDiff(gradB.toDoubles(), grads.get(2).toDoubles())).isLessThan(1e-10);
    }

    @Test
    void bothSchedulesGiveTheSameBits() {
        // Enough images of 8x20x20 (5x5 kernel, padding 1) for several chunks, in both real algebras.
        for (Algebra alg : new Algebra[] {Real32.INSTANCE, Real64.INSTANCE}) {
            NDArray x = random(rng, 23, 8, 20, 20).to(alg);
            NDArray w = random(rng, 4, 8, 5, 5).to(alg);
            NDArray b = random(rng, 4).to(alg);
            NDArray probe = random(rng, 23, 4, 18, 18).to(alg);
            boolean saved = ChunkedConv2d.chunksPerThread;
            try {
                ChunkedConv2d.chunksPerThread = false;
                java.util.List<double[]> inOrder = convolveWithGradients(x, w, b, probe);
                ChunkedConv2d.chunksPerThread = true;
                java.util.List<double[]> perThread = convolveWithGradients(x, w, b, probe);
                for (int i = 0; i < inOrder.size(); i++) {
                    assertThat(perThread.get(i)).as(alg + " result " + i).containsExactly(inOrder.get(i));
                }
            } finally {
                ChunkedConv2d.chunksPerThread = saved;
            }
        }
    }

    private static java.util.List<double[]> convolveWithGradients(NDArray x, NDArray w, NDArray b, NDArray probe) {
        Tensor xt = Tensor.parameter(x);
        Tensor wt = Tensor.parameter(w);
        Tensor bt = Tensor.parameter(b);
        Tensor out = Convolution.conv2d(xt, wt, bt, 1, 1);
        java.util.List<double[]> results = new java.util.ArrayList<>();
        results.add(out.value().toDoubles());
        for (NDArray grad : Autograd.gradients(out.mul(Tensor.constant(probe)).sum(), java.util.List.of(xt, wt, bt))) {
            results.add(grad.toDoubles());
        }
        return results;
    }

    @Test
    void gradientsDoNotDependOnWhetherTheForwardPassKeptTheUnfoldedInput() {
        NDArray x = random(rng, 3, 2, 6, 5);
        NDArray w = random(rng, 4, 2, 3, 3);
        GradCheck.check("conv wrt input, frozen weight", a -> Convolution.conv2d(a.get(0), Tensor.constant(w), 1, 1),
                TOL, x);
        Tensor probe = Tensor.constant(random(rng, 3, 4, 6, 5));
        Tensor xt = Tensor.parameter(x);
        Tensor wt = Tensor.parameter(w);
        java.util.List<NDArray> usual = Autograd.gradients(Convolution.conv2d(xt, wt, 1, 1).mul(probe).sum(),
                java.util.List.of(xt, wt));
        // A weight unfrozen between the forward and backward pass: its gradient needs the input unfolded again.
        Tensor late = Tensor.parameter(w);
        late.setRequiresGrad(false);
        Tensor out = Convolution.conv2d(xt, late, 1, 1);
        late.setRequiresGrad(true);
        java.util.List<NDArray> again = Autograd.gradients(out.mul(probe).sum(), java.util.List.of(xt, late));
        assertThat(again.get(0).toDoubles()).containsExactly(usual.get(0).toDoubles());
        assertThat(again.get(1).toDoubles()).containsExactly(usual.get(1).toDoubles());
    }

    @Test
    void maxPoolPicksTheFirstLargestElement() {
        // Values from a small set make ties (including +0 against -0) common in every window; a NaN is skipped
        // unless it comes first, as with a scan using >.
        double[] choices = {-1.0, -0.0, 0.0, 0.5, 1.0, Double.NaN};
        int[] shape = {3, 4, 6, 8};
        double[] v = new double[3 * 4 * 6 * 8];
        for (int i = 0; i < v.length; i++) {
            v[i] = choices[rng.nextInt(choices.length)];
        }
        for (int size : new int[] {2, 3}) {
            int[] expectedPick = naiveArgmaxPool(v, shape, size);
            for (Algebra alg : new Algebra[] {Real32.INSTANCE, Real64.INSTANCE, new IndexMapAlgebra()}) {
                Tensor x = Tensor.parameter(NDArray.of(alg, v, shape));
                Tensor out = Convolution.maxPool2d(x, size);
                double[] outValues = out.value().toDoubles();
                double[] probe = new double[outValues.length];
                for (int i = 0; i < probe.length; i++) {
                    probe[i] = i + 1;
                    assertThat(Double.doubleToRawLongBits(outValues[i]))
                            .as(alg + " pooled value " + i).isEqualTo(Double.doubleToRawLongBits(v[expectedPick[i]]));
                }
                double[] grad = Autograd.gradients(out.mul(Tensor.constant(NDArray.of(alg, probe, out.shape()))).sum(),
                        java.util.List.of(x)).get(0).toDoubles();
                double[] expectedGrad = new double[v.length];
                for (int i = 0; i < expectedPick.length; i++) {
                    expectedGrad[expectedPick[i]] = i + 1;
                }
                assertThat(grad).as(alg + " window " + size).containsExactly(expectedGrad);
            }
        }
    }

    @Test
    void kernelsGiveTheSameBitsForAnySplitOfTheBatch() {
        ConvGeometry g = new ConvGeometry(3, 7, 6, 3, 2, 2, 1);
        int n = 5;
        int ld = n * g.positions();
        NDArray x = random(rng, n, 3, 7, 6).to(Real32.INSTANCE);
        Algebra alg = Real32.INSTANCE;
        NDArray whole = NDArray.zeros(alg, g.patchSize(), ld);
        alg.im2col(x.storage(), 0, n, g, whole.storage(), 0, ld);
        NDArray split = NDArray.zeros(alg, g.patchSize(), ld);
        alg.im2col(x.storage(), 0, 2, g, split.storage(), 0, ld);
        alg.im2col(x.storage(), 2 * g.imageSize(), 3, g, split.storage(), 2 * g.positions(), ld);
        assertThat(split.toDoubles()).containsExactly(whole.toDoubles());
        NDArray foldedWhole = NDArray.zeros(alg, x.shape());
        alg.col2im(whole.storage(), 0, ld, n, g, foldedWhole.storage(), 0);
        NDArray foldedSplit = NDArray.zeros(alg, x.shape());
        for (int i = 0; i < n; i++) {
            alg.col2im(whole.storage(), i * g.positions(), ld, 1, g, foldedSplit.storage(), i * g.imageSize());
        }
        assertThat(foldedSplit.toDoubles()).containsExactly(foldedWhole.toDoubles());
    }

    @Test
    void unfoldHoldsEachImagesPatches() {
        NDArray x = random(rng, 2, 3, 5, 4);
        int kh = 3;
        int kw = 2;
        NDArray cols = Convolution.unfold(x, kh, kw, 1, 1);
        int oh = Convolution.outputSize(5, kh, 1, 1);
        int ow = Convolution.outputSize(4, kw, 1, 1);
        assertThat(cols.shape()).containsExactly(2, 3 * kh * kw, oh * ow);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        for (int p = 0; p < oh * ow; p++) {
                            int ih = p / ow - 1 + i;
                            int iw = p % ow - 1 + j;
                            double expected = ih < 0 || ih >= 5 || iw < 0 || iw >= 4 ? 0.0 : x.get(n, c, ih, iw);
                            assertThat(cols.get(n, (c * kh + i) * kw + j, p)).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    @Test
    void badShapesAreRejectedWithClearMessages() {
        Tensor x = Tensor.constant(random(rng, 2, 3, 5, 5));
        assertThatThrownBy(() -> Convolution.conv2d(x, Tensor.constant(random(rng, 4, 2, 3, 3)), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 channels");
        assertThatThrownBy(() -> Convolution.conv2d(x, Tensor.constant(random(rng, 4, 3, 7, 7)), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("larger than the padded input");
        assertThatThrownBy(() -> Convolution.conv2d(x, Tensor.constant(random(rng, 4, 3, 3, 3)),
                Tensor.constant(random(rng, 3)), 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bias must be [4]");
        assertThatThrownBy(() -> Convolution.maxPool2d(x, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    private static double[] directConvolution(NDArray x, NDArray w, NDArray b, int stride, int padding) {
        int n = x.dim(0);
        int channels = x.dim(1);
        int h = x.dim(2);
        int wd = x.dim(3);
        int outC = w.dim(0);
        int kh = w.dim(2);
        int kw = w.dim(3);
        int oh = (h + 2 * padding - kh) / stride + 1;
        int ow = (wd + 2 * padding - kw) / stride + 1;
        double[] out = new double[n * outC * oh * ow];
        int k = 0;
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < outC; o++) {
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        double s = b.get(o);
                        for (int c = 0; c < channels; c++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int ih = r * stride - padding + i;
                                    int iw = q * stride - padding + j;
                                    if (ih >= 0 && ih < h && iw >= 0 && iw < wd) {
                                        s += x.get(e, c, ih, iw) * w.get(o, c, i, j);
                                    }
                                }
                            }
                        }
                        out[k++] = s;
                    }
                }
            }
        }
        return out;
    }

    /** Flat index of each window's first largest element, scanning the window row by row with {@code >}. */
    private static int[] naiveArgmaxPool(double[] v, int[] shape, int size) {
        int planes = shape[0] * shape[1];
        int h = shape[2];
        int w = shape[3];
        int oh = h / size;
        int ow = w / size;
        int[] pick = new int[planes * oh * ow];
        int k = 0;
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < oh; r++) {
                for (int q = 0; q < ow; q++) {
                    int best = p * h * w + r * size * w + q * size;
                    for (int i = 0; i < size; i++) {
                        for (int j = 0; j < size; j++) {
                            int idx = p * h * w + (r * size + i) * w + q * size + j;
                            if (v[idx] > v[best]) {
                                best = idx;
                            }
                        }
                    }
                    pick[k++] = best;
                }
            }
        }
        return pick;
    }

    private static double maxAbsDiff(double[] a, double[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
