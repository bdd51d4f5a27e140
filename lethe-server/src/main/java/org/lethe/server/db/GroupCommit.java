package org.lethe.server.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit: one writer thread takes every unit of work waiting for it and runs them all in one transaction, so
 * concurrent callers share one commit (one WAL append and, with synchronous=FULL, one fsync) instead of queueing for
 * one each. Each caller is answered only after that commit, so a returned result is durable. When one unit in a
 * group fails, the whole group is rolled back and every unit runs again in a transaction of its own, so that one
 * caller's error (a conflict, say) stays that caller's and the others' work is kept.
 */
final class GroupCommit {
    /** The most units in one transaction: bounds the work a rollback and rerun can cost. */
    static final int MAX_GROUP = 256;

    private final Database db;
    private final LinkedBlockingQueue<Unit<?>> waiting = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    GroupCommit(Database db) {
        this.db = db;
        this.writer = new Thread(this::loop, "lethe-group-commit");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs {@code work} in the next group's transaction and returns its result once that transaction commits. */
    <T> T run(Database.Work<T> work) throws SQLException {
        Unit<T> unit = new Unit<>(work);
        if (closed) {
            throw new SQLException("the database is closed");
        }
        waiting.add(unit);
        // close() fails whatever it finds waiting; a unit added after its last look removes itself.
        if (closed && waiting.remove(unit)) {
            throw new SQLException("the database is closed");
        }
        return unit.await();
    }

    /** Stops the writer after its current group; units still waiting fail. */
    void close() {
        closed = true;
        writer.interrupt();
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        List<Unit<?>> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(u -> u.fail(new SQLException("the database is closed")));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        List<Unit<?>> group = new ArrayList<>();
        while (!closed) {
            try {
                group.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(group, MAX_GROUP - 1);
            commit(group);
            group.clear();
        }
    }

    private void commit(List<Unit<?>> group) {
        try {
            db.tx(c -> {
                for (Unit<?> u : group) {
                    u.runIn(c);
                }
                return null;
            });
            group.forEach(Unit::succeed);
        } catch (Throwable groupError) {
            if (group.size() == 1) {
                group.get(0).fail(groupError);
                return;
            }
            for (Unit<?> u : group) {
                try {
                    db.tx(c -> {
                        u.runIn(c);
                        return null;
                    });
                    u.succeed();
                } catch (Throwable own) {
                    u.fail(own);
                }
            }
        }
    }

    /** One caller's work, its outcome, and the latch the caller waits on. */
    private static final class Unit<T> {
        private final Database.Work<T> work;
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Throwable error;

        Unit(Database.Work<T> work) {
            this.work = work;
        }

        void runIn(Connection c) throws SQLException {
            result = work.run(c);
        }

        void succeed() {
            done.countDown();
        }

        void fail(Throwable e) {
            result = null;
            error = e;
            done.countDown();
        }

        // The caller cannot take its work back once queued, so it waits for the outcome even when interrupted.
        T await() throws SQLException {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (error instanceof SQLException e) {
                throw e;
            }
            if (error instanceof RuntimeException e) {
                throw e;
            }
            if (error instanceof Error e) {
                throw e;
            }
            if (error != null) {
                throw new SQLException(error);
            }
            return result;
        }
    }
}
