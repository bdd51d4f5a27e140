package org.lethe.autograd;

import org.lethe.tensor.Algebra;
import org.lethe.tensor.BinaryOp;
import org.lethe.tensor.BlasThreading;
import org.lethe.tensor.ConvGeometry;
import org.lethe.tensor.NDArray;
import org.lethe.tensor.Parallel;

/**
 * The arithmetic of one convolution over a batch, as im2col plus GEMM, processed a chunk of images at a time.
 *
 * <p>A chunk's images are unfolded side by side into a {@code [C*kh*kw, chunk*OH*OW]} matrix, so one GEMM
 * {@code W[O, C*kh*kw] x cols} convolves the whole chunk; its {@code [O, chunk*OH*OW]} result is regrouped into
 * NCHW with the bias added on the way. Chunks are sized so that the per-chunk matrices stay in cache, which
 * matters more than GEMM size here: a GEMM over a chunk still in cache runs as fast as one over the whole batch.
 * Only the unfolded input, which the weight gradient needs, is kept for the whole batch.
 *
 * <p>Chunks depend only on the geometry, and every chunk is computed the same way wherever it runs: the weight
 * and bias gradients are summed from per-chunk parts in chunk order, and everything else writes disjoint outputs.
 * So results are bit-identical however the work is spread over threads. It is spread in one of two ways: with a
 * multi-threaded BLAS, chunks run in order and the data movement between products runs on all cores; with a
 * single-threaded BLAS (see {@link BlasThreading}), each core takes a run of whole chunks, products included,
 * which keeps every core busy without threads waiting on each other between steps.
 */
final class ChunkedConv2d {
    /** Target elements of one chunk's unfolded matrix (2 MB of floats): comfortably inside L2 or L3. */
    private static final long CHUNK_ELEMENTS = 1 << 19;
    /** Batches of at least this many images get a multiple of this many chunks, so that every core has an equal
     *  share. A constant rather than the core count, because chunks fix the order in which gradients are summed. */
    private static final int MIN_CHUNKS = 8;
    /** Whether cores take whole chunks (for a single-threaded BLAS); tests switch it to compare both schedules. */
    static volatile boolean chunksPerThread = BlasThreading.singleThreaded();

    private final Algebra alg;
    private final ConvGeometry g;
    private final int images;
    private final int outChannels;
    private final int patch;
    private final int positions;
    private final int chunk;
    private final int chunks;
    /** Each chunk's unfolded input, the blocks one after another, or null when the forward pass did not keep it. */
    private NDArray savedColumns;

    ChunkedConv2d(Algebra alg, ConvGeometry g, int images, int outChannels) {
        this.alg = alg;
        this.g = g;
        this.images = images;
        this.outChannels = outChannels;
        this.patch = g.patchSize();
        this.positions = g.positions();
        long perImage = (long) Math.max(patch, outChannels) * positions;
        int fitsInCache = (int) Math.max(1, Math.min(images, CHUNK_ELEMENTS / perImage));
        // A multiple of MIN_CHUNKS, so that chunks divide evenly among 2, 4 or 8 cores.
        int wanted = (images + fitsInCache - 1) / fitsInCache;
        wanted = (wanted + MIN_CHUNKS - 1) / MIN_CHUNKS * MIN_CHUNKS;
        this.chunk = Math.max(1, (images + wanted - 1) / wanted);
        this.chunks = (images + chunk - 1) / chunk;
    }

    /** Receives a run {@code [from, to)} of chunks, and whether to spread data movement over all cores. */
    @FunctionalInterface
    private interface ChunkRun {
        void run(int from, int to, boolean parallelSteps);
    }

    /**
     * The {@code [N, O, OH*OW]} output for {@code x [N, C, H, W]}, {@code kernels [O, C*kh*kw]} and an optional
     * bias. {@code keepColumns} keeps the unfolded input for {@link #backward}'s weight gradient.
     */
    NDArray forward(NDArray x, NDArray kernels, NDArray bias, boolean keepColumns) {
        NDArray out = NDArray.zeros(alg, images, outChannels, positions);
        savedColumns = keepColumns ? NDArray.zeros(alg, patch * images * positions) : null;
        forChunkRuns((from, to, parallelSteps) -> {
            NDArray buffer = keepColumns ? null : NDArray.zeros(alg, patch * chunk * positions);
            NDArray byChannel = NDArray.zeros(alg, outChannels, chunk * positions);
            for (int c = from; c < to; c++) {
                int first = c * chunk;
                int count = Math.min(chunk, images - first);
                int ld = count * positions;
                NDArray cols = keepColumns ? savedColumns : buffer;
                int colsOff = keepColumns ? first * patch * positions : 0;
                unfold(x, first, count, cols, colsOff, parallelSteps);
                alg.gemm(false, false, outChannels, ld, patch, 1.0, kernels.storage(), kernels.offset(), patch,
                        cols.storage(), colsOff, ld, 0.0, byChannel.storage(), 0, ld);
                channelsToImages(byChannel, bias, first, count, out, parallelSteps);
            }
        });
        return out;
    }

    /**
     * Gradients for {@code x}, the kernels {@code [O, C*kh*kw]} and the bias {@code [O]}, each only when asked
     * (null otherwise), from the output gradient {@code [N, O, OH, OW]}.
     */
    NDArray[] backward(NDArray grad, NDArray x, NDArray kernels, boolean needX, boolean needKernels, boolean needBias) {
        NDArray gradX = needX ? NDArray.zeros(alg, x.shape()) : null;
        NDArray kernelParts = needKernels ? NDArray.zeros(alg, chunks, outChannels * patch) : null;
        NDArray biasParts = needBias ? NDArray.zeros(alg, chunks, outChannels) : null;
        boolean unfoldAgain = needKernels && savedColumns == null;
        forChunkRuns((from, to, parallelSteps) -> {
            NDArray gradByChannel = NDArray.zeros(alg, outChannels, chunk * positions);
            NDArray buffer = needX || unfoldAgain ? NDArray.zeros(alg, patch * chunk * positions) : null;
            // Row sums as a product with ones: BLAS vectorises them, where a plain loop is a serial chain of adds.
            NDArray ones = needBias ? NDArray.full(alg, 1.0, chunk * positions) : null;
            for (int c = from; c < to; c++) {
                int first = c * chunk;
                int count = Math.min(chunk, images - first);
                int ld = count * positions;
                imagesToChannels(grad, first, count, gradByChannel, parallelSteps);
                if (needBias) {
                    alg.gemm(false, false, outChannels, 1, ld, 1.0, gradByChannel.storage(), 0, ld, ones.storage(), 0,
                            1, 0.0, biasParts.storage(), c * outChannels, 1);
                }
                if (needKernels) {
                    NDArray cols = unfoldAgain ? buffer : savedColumns;
                    int colsOff = unfoldAgain ? 0 : first * patch * positions;
                    if (unfoldAgain) {
                        unfold(x, first, count, buffer, 0, parallelSteps);
                    }
                    alg.gemm(false, true, outChannels, patch, ld, 1.0, gradByChannel.storage(), 0, ld,
                            cols.storage(), colsOff, ld, 0.0, kernelParts.storage(), c * outChannels * patch, patch);
                }
                if (needX) {
                    alg.gemm(true, false, patch, ld, outChannels, 1.0, kernels.storage(), kernels.offset(), patch,
                            gradByChannel.storage(), 0, ld, 0.0, buffer.storage(), 0, ld);
                    fold(buffer, first, count, gradX, parallelSteps);
                }
            }
        });
        // Summing the parts in chunk order keeps the reduction the same however chunks were spread over threads.
        NDArray gradKernels = needKernels ? kernelParts.sum(0, false).reshape(outChannels, patch) : null;
        NDArray gradBias = needBias ? biasParts.sum(0, false) : null;
        return new NDArray[] {gradX, gradKernels, gradBias};
    }

    private void forChunkRuns(ChunkRun body) {
        int threads = Math.min(chunks, Parallel.threads());
        if (threads < 2 || !chunksPerThread) {
            body.run(0, chunks, true);
            return;
        }
        Parallel.forEachChunk(threads, t -> Parallel.serially(() -> body.run(chunks * t / threads,
                chunks * (t + 1) / threads, false)));
    }

    /** Unfolds images {@code [first, first + count)} side by side at {@code colsOff} (rows {@code count*P} long). */
    private void unfold(NDArray x, int first, int count, NDArray cols, int colsOff, boolean parallel) {
        int ld = count * positions;
        ParallelLoops.forRanges(count, parallel ? (long) patch * positions : 0, (from, to) -> alg.im2col(
                x.storage(), x.offset() + (first + from) * g.imageSize(), to - from, g, cols.storage(),
                colsOff + from * positions, ld));
    }

    /** Adds the unfolded gradient of images {@code [first, first + count)} onto {@code gradX}. */
    private void fold(NDArray cols, int first, int count, NDArray gradX, boolean parallel) {
        int ld = count * positions;
        ParallelLoops.forRanges(count, parallel ? (long) patch * positions : 0, (from, to) -> alg.col2im(
                cols.storage(), from * positions, ld, to - from, g, gradX.storage(), (first + from) * g.imageSize()));
    }

    /** {@code [O, count*P]} chunk result into {@code out [N, O, P]}, adding {@code bias[o]} when present. */
    private void channelsToImages(NDArray byChannel, NDArray bias, int first, int count, NDArray out,
                                  boolean parallel) {
        int ld = count * positions;
        ParallelLoops.forEach(count, parallel ? (long) outChannels * positions : 0, i -> {
            for (int o = 0; o < outChannels; o++) {
                int src = o * ld + i * positions;
                int dst = ((first + i) * outChannels + o) * positions;
                if (bias == null) {
                    alg.copy(byChannel.storage(), src, out.storage(), dst, positions);
                } else {
                    alg.binary(BinaryOp.ADD, byChannel.storage(), src, 1, bias.storage(), bias.offset() + o, 0,
                            out.storage(), dst, positions);
                }
            }
        });
    }

    /** The output gradient of images {@code [first, first + count)} as {@code [O, count*P]}. */
    private void imagesToChannels(NDArray grad, int first, int count, NDArray gradByChannel, boolean parallel) {
        int ld = count * positions;
        ParallelLoops.forEach(count, parallel ? (long) outChannels * positions : 0, i -> {
            for (int o = 0; o < outChannels; o++) {
                alg.copy(grad.storage(), grad.offset() + ((first + i) * outChannels + o) * positions,
                        gradByChannel.storage(), o * ld + i * positions, positions);
            }
        });
    }
}
