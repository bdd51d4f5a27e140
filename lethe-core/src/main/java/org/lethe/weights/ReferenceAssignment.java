package org.lethe.weights;

/**
 * The first exact assignment solver of weight matching, kept as the reference that {@link LinearAssignment} is
 * tested and benchmarked against: the same problem and contract, solved by shortest augmenting paths that update
 * every column's potential and slack at every step of every path.
 */
final class ReferenceAssignment {
    private ReferenceAssignment() {
    }

    /**
     * The optimal assignment for a row-major {@code n x n} score matrix.
     *
     * @return {@code p} with row {@code i} assigned to column {@code p[i]}
     */
    public static int[] maximise(double[] score, int n) {
        return maximise(score, n, null, null);
    }

    /**
     * As {@link #maximise(double[], int)}, warm-started: {@code columnPotentials} (length {@code n}, or null) holds
     * the column dual potentials of a previous solve of a similar problem and receives this solve's; {@code hint}
     * (or null) is an assignment to try first. Neither changes the result's optimality, only how much work the
     * augmenting phase has left: a coordinate-descent step re-solves a problem close to the one before.
     */
    public static int[] maximise(double[] score, int n, double[] columnPotentials, int[] hint) {
        if (score.length != (long) n * n) {
            throw new IllegalArgumentException("score matrix of " + score.length + " entries is not " + n + " x " + n);
        }
        for (double s : score) {
            if (!Double.isFinite(s)) {
                throw new IllegalArgumentException("score matrix has a non-finite entry: " + s);
            }
        }
        // Minimise the negated scores; rows and columns are 1-based inside, index 0 is the virtual start column.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOfColumn = new int[n + 1];
        int[] way = new int[n + 1];
        double[] minSlack = new double[n + 1];
        boolean[] used = new boolean[n + 1];
        int[] columnOfRow = new int[n + 1];
        boolean warm = columnPotentials != null && columnPotentials.length == n && Double.isFinite(columnPotentials[0]);
        if (warm) {
            System.arraycopy(columnPotentials, 0, v, 1, n);
        }
        LinearAssignment.initialMatching(score, n, u, v, rowOfColumn, columnOfRow, warm, hint);
        for (int row = 1; row <= n; row++) {
            if (columnOfRow[row] != 0) {
                continue;
            }
            rowOfColumn[0] = row;
            int col0 = 0;
            java.util.Arrays.fill(minSlack, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(used, false);
            do {
                used[col0] = true;
                int row0 = rowOfColumn[col0];
                int base = (row0 - 1) * n - 1;
                double ur = u[row0];
                double delta = Double.POSITIVE_INFINITY;
                int col1 = 0;
                for (int col = 1; col <= n; col++) {
                    if (!used[col]) {
                        double slack = -score[base + col] - ur - v[col];
                        if (slack < minSlack[col]) {
                            minSlack[col] = slack;
                            way[col] = col0;
                        }
                        if (minSlack[col] < delta) {
                            delta = minSlack[col];
                            col1 = col;
                        }
                    }
                }
                for (int col = 0; col <= n; col++) {
                    if (used[col]) {
                        u[rowOfColumn[col]] += delta;
                        v[col] -= delta;
                    } else {
                        minSlack[col] -= delta;
                    }
                }
                col0 = col1;
            } while (rowOfColumn[col0] != 0);
            do {
                int col1 = way[col0];
                rowOfColumn[col0] = rowOfColumn[col1];
                col0 = col1;
            } while (col0 != 0);
        }
        int[] assignment = new int[n];
        for (int col = 1; col <= n; col++) {
            assignment[rowOfColumn[col] - 1] = col - 1;
        }
        if (columnPotentials != null && columnPotentials.length == n) {
            System.arraycopy(v, 1, columnPotentials, 0, n);
        }
        return assignment;
    }
}
