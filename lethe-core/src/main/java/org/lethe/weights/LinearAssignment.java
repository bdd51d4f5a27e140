package org.lethe.weights;

/**
 * Exact solver of the square linear assignment problem: the permutation {@code p} that maximises
 * {@code sum_i score[i][p[i]]}. Shortest augmenting paths with dual potentials (the Jonker-Volgenant form of the
 * Hungarian method), {@code O(n^3)} time and {@code O(n^2)} memory for the scores; the result is optimal, not an
 * approximation, and ties go the same way on every run.
 */
public final class LinearAssignment {
    private LinearAssignment() {
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
        // Minimise the negated scores. Row potentials stay implicit (u_i = cost_i,col(i) - v_col(i)) during the
        // augmentation, which updates only the columns a path scanned instead of every column at every step.
        double[] u = new double[n + 1];
        double[] v = new double[n + 1];
        int[] rowOfColumn = new int[n + 1];
        int[] columnOfRow = new int[n + 1];
        boolean warm = columnPotentials != null && columnPotentials.length == n && Double.isFinite(columnPotentials[0]);
        if (warm) {
            System.arraycopy(columnPotentials, 0, v, 1, n);
        }
        initialMatching(score, n, u, v, rowOfColumn, columnOfRow, warm, hint);
        double[] cost = new double[n * n];
        for (int k = 0; k < cost.length; k++) {
            cost[k] = -score[k];
        }
        // 0-based from here on.
        double[] col = new double[n];
        int[] rowOf = new int[n];
        int[] colOf = new int[n];
        for (int j = 0; j < n; j++) {
            col[j] = v[j + 1];
            rowOf[j] = rowOfColumn[j + 1] - 1;
        }
        for (int i = 0; i < n; i++) {
            colOf[i] = columnOfRow[i + 1] - 1;
        }
        if (n > 1) {
            reduceRows(cost, n, col, rowOf, colOf);
        }
        ShortestPaths paths = new ShortestPaths(n);
        for (int i = 0; i < n; i++) {
            if (colOf[i] < 0) {
                paths.augment(cost, n, i, col, rowOf, colOf);
            }
        }
        int[] assignment = colOf;
        if (columnPotentials != null && columnPotentials.length == n) {
            System.arraycopy(col, 0, columnPotentials, 0, n);
        }
        return assignment;
    }

    /**
     * Augmenting row reduction (Jonker and Volgenant, 1987), two passes: each free row takes the column of its
     * smallest reduced cost {@code cost_ij - v_j}, and that column's potential drops by the gap to the row's second
     * smallest, so the row keeps it at minimum reduced cost; the row it displaces is free again and is tried next.
     * Every matched row stays on a column of minimum reduced cost, which is what the shortest-path phase needs, so
     * the result stays optimal; the point is that most rows a warm start leaves free are placed here in {@code O(n)}
     * each instead of by a shortest-path search. The work per pass is bounded as in the original.
     */
    private static void reduceRows(double[] cost, int n, double[] v, int[] rowOf, int[] colOf) {
        int[] free = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (colOf[i] < 0) {
                free[count++] = i;
            }
        }
        for (int pass = 0; pass < 2 && count > 0; pass++) {
            int current = 0;
            int next = 0;
            long steps = 0;
            while (current < count) {
                steps++;
                int i = free[current++];
                int base = i * n;
                int j1 = 0;
                double u1 = cost[base] - v[0];
                int j2 = -1;
                double u2 = Double.POSITIVE_INFINITY;
                for (int j = 1; j < n; j++) {
                    double c = cost[base + j] - v[j];
                    if (c < u2) {
                        if (c >= u1) {
                            u2 = c;
                            j2 = j;
                        } else {
                            u2 = u1;
                            j2 = j1;
                            u1 = c;
                            j1 = j;
                        }
                    }
                }
                int displaced = rowOf[j1];
                double lowered = v[j1] - (u2 - u1);
                boolean lowers = lowered < v[j1];
                if (steps < (long) current * n) {
                    if (lowers) {
                        v[j1] = lowered;
                    } else if (displaced >= 0) {
                        // A tie: take the second column instead, whose row is then the one displaced.
                        j1 = j2;
                        displaced = rowOf[j2];
                    }
                    if (displaced >= 0) {
                        colOf[displaced] = -1;
                        if (lowers) {
                            free[--current] = displaced;
                        } else {
                            free[next++] = displaced;
                        }
                    }
                } else if (displaced >= 0) {
                    colOf[displaced] = -1;
                    free[next++] = displaced;
                }
                colOf[i] = j1;
                rowOf[j1] = i;
            }
            count = next;
        }
    }

    /**
     * Dijkstra over reduced costs from one free row to the nearest free column (Jonker and Volgenant, 1987): the
     * columns are kept partitioned into scanned, ready (at the current minimum distance, not yet scanned) and
     * to-do, so each step touches only the to-do columns, and potentials change once per path.
     */
    private static final class ShortestPaths {
        private final double[] dist;
        private final int[] predecessor;
        private final int[] columns;

        ShortestPaths(int n) {
            dist = new double[n];
            predecessor = new int[n];
            columns = new int[n];
        }

        void augment(double[] cost, int n, int freeRow, double[] v, int[] rowOf, int[] colOf) {
            int base = freeRow * n;
            for (int j = 0; j < n; j++) {
                dist[j] = cost[base + j] - v[j];
                predecessor[j] = freeRow;
                columns[j] = j;
            }
            // columns[0, scanned) scanned; [scanned, ready) at distance min, unscanned; [ready, n) to do.
            int scanned = 0;
            int ready = 0;
            double min = 0;
            int end = -1;
            while (end < 0) {
                if (scanned == ready) {
                    // Move every to-do column at the smallest distance into the ready part.
                    min = dist[columns[ready]];
                    int last = ready + 1;
                    for (int k = ready + 1; k < n; k++) {
                        int j = columns[k];
                        double d = dist[j];
                        if (d <= min) {
                            if (d < min) {
                                last = ready;
                                min = d;
                            }
                            columns[k] = columns[last];
                            columns[last++] = j;
                        }
                    }
                    for (int k = ready; k < last; k++) {
                        if (rowOf[columns[k]] < 0) {
                            end = columns[k];
                            break;
                        }
                    }
                    ready = last;
                    if (end >= 0) {
                        break;
                    }
                }
                int j1 = columns[scanned++];
                int row = rowOf[j1];
                int rowBase = row * n;
                double h = cost[rowBase + j1] - v[j1] - min;
                for (int k = ready; k < n; k++) {
                    int j = columns[k];
                    double reduced = cost[rowBase + j] - v[j] - h;
                    if (reduced < dist[j]) {
                        dist[j] = reduced;
                        predecessor[j] = row;
                        if (reduced == min) {
                            if (rowOf[j] < 0) {
                                end = j;
                                break;
                            }
                            columns[k] = columns[ready];
                            columns[ready++] = j;
                        }
                    }
                }
            }
            // Columns scanned before the free one was reached move their potentials by how much closer they were.
            for (int k = 0; k < scanned; k++) {
                int j = columns[k];
                v[j] += dist[j] - min;
            }
            int j = end;
            while (true) {
                int row = predecessor[j];
                rowOf[j] = row;
                int previous = colOf[row];
                colOf[row] = j;
                if (row == freeRow) {
                    break;
                }
                j = previous;
            }
        }
    }

    /**
     * Feasible dual potentials and a partial matching on tight entries, so that only the rows left free need an
     * augmenting path: column reduction ({@code v_j = min_i cost_ij}), then row reduction
     * ({@code u_i = min_j cost_ij - v_j}), then each row takes its first tight free column. Costs are the negated
     * scores. Entries are tight when their reduced cost is exactly zero, as computed by the augmentation itself.
     */
    static void initialMatching(double[] score, int n, double[] u, double[] v, int[] rowOfColumn,
                                        int[] columnOfRow, boolean warm, int[] hint) {
        if (!warm) {
            java.util.Arrays.fill(v, 1, n + 1, Double.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    v[j + 1] = Math.min(v[j + 1], -score[i * n + j]);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            double min = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                min = Math.min(min, -score[i * n + j] - v[j + 1]);
            }
            u[i + 1] = min;
            if (hint != null) {
                int j = hint[i];
                if (rowOfColumn[j + 1] == 0 && -score[i * n + j] - u[i + 1] - v[j + 1] == 0) {
                    rowOfColumn[j + 1] = i + 1;
                    columnOfRow[i + 1] = j + 1;
                    continue;
                }
            }
            for (int j = 0; j < n; j++) {
                if (rowOfColumn[j + 1] == 0 && -score[i * n + j] - u[i + 1] - v[j + 1] == 0) {
                    rowOfColumn[j + 1] = i + 1;
                    columnOfRow[i + 1] = j + 1;
                    break;
                }
            }
        }
    }

    /** {@code sum_i score[i][p[i]]}. */
    public static double value(double[] score, int n, int[] p) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += score[i * n + p[i]];
        }
        return s;
    }
}
