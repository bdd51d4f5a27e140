package org.lethe.tensor;

/**
 * Drives a binary kernel over broadcast operands. Adjacent axes that are laid out contiguously in both operands
 * are merged first, so a bias added to a {@code [batch, features]} array becomes {@code batch} kernel calls of
 * {@code features} elements, and a scalar operand becomes one call with stride 0.
 */
final class Broadcast {
    private Broadcast() {
    }

    static void apply(BinaryOp op, NDArray a, NDArray b, NDArray out) {
        int[] dims = out.shape();
        int[] sa = Shapes.broadcastStrides(a.shape(), dims);
        int[] sb = Shapes.broadcastStrides(b.shape(), dims);
        // Merged groups, innermost first: extent, stride in a, stride in b.
        int[] ge = new int[dims.length];
        int[] ga = new int[dims.length];
        int[] gb = new int[dims.length];
        int groups = 0;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (dims[i] == 1) {
                continue;
            }
            if (groups > 0) {
                int g = groups - 1;
                if (sa[i] == ga[g] * ge[g] && sb[i] == gb[g] * ge[g]) {
                    ge[g] *= dims[i];
                    continue;
                }
            }
            ge[groups] = dims[i];
            ga[groups] = sa[i];
            gb[groups] = sb[i];
            groups++;
        }
        Algebra alg = out.algebra();
        if (groups == 0) {
            alg.binary(op, a.storage(), a.offset(), 0, b.storage(), b.offset(), 0, out.storage(), out.offset(), 1);
            return;
        }
        int inner = ge[0];
        int outer = out.size() / inner;
        int nGroups = groups;
        // Rows of the merged iteration are independent (each writes its own slice of out), so large ones are split
        // across the cores; every range finds its starting offsets from its first row index.
        Parallel.elementwise(outer, out.size(), (from, to) -> {
            int[] counter = new int[nGroups];
            int pa = a.offset();
            int pb = b.offset();
            int rest = from;
            for (int g = 1; g < nGroups; g++) {
                counter[g] = rest % ge[g];
                rest /= ge[g];
                pa += counter[g] * ga[g];
                pb += counter[g] * gb[g];
            }
            for (int o = from; o < to; o++) {
                alg.binary(op, a.storage(), pa, ga[0], b.storage(), pb, gb[0], out.storage(), out.offset() + o * inner, inner);
                for (int g = 1; g < nGroups; g++) {
                    counter[g]++;
                    pa += ga[g];
                    pb += gb[g];
                    if (counter[g] < ge[g]) {
                        break;
                    }
                    pa -= ga[g] * ge[g];
                    pb -= gb[g] * ge[g];
                    counter[g] = 0;
                }
            }
        });
    }
}
