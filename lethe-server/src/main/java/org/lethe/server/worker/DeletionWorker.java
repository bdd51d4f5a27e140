package org.lethe.server.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lethe.exec.LocalJobRunner;
import org.lethe.server.ledger.CanonicalJson;
import org.lethe.server.ledger.Certificate;
import org.lethe.server.ledger.Execution;
import org.lethe.server.ledger.LedgerEntry;
import org.lethe.server.ledger.SignedNote;
import org.lethe.server.service.DeletionService;
import org.lethe.server.service.ModelEntry;
import org.lethe.server.service.RequestState;
import org.lethe.store.DeletionRecord;
import org.lethe.store.ModelVersions;
import org.lethe.unlearn.DeletionMethod;
import org.lethe.unlearn.DeletionMethods;
import org.lethe.unlearn.DeletionRequest;
import org.lethe.unlearn.MethodContext;

/**
 * Carries out queued requests. Requests queued within one window are applied to each model as one batch, so each
 * affected SISA shard retrains once per batch. A batch is first recorded (with the directory its new version will
 * have), then the method writes the version (staging, then one rename), then one transaction moves the model's
 * current-version pointer, marks the requests applied and appends the ledger entries. A process killed at any point
 * leaves either no new version or a complete one that the next start adopts; nothing is half-applied.
 */
public final class DeletionWorker {
    /** How many times a failed batch's requests are retried before they stay failed. */
    public static final int MAX_ATTEMPTS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeletionService service;
    private final Duration window;
    private final Duration baseBackoff;
    private final int threads;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param window      requests queued within this time of the oldest queued one join its batch
     * @param baseBackoff the wait before the first retry (doubling after each)
     */
    public DeletionWorker(DeletionService service, Duration window, Duration baseBackoff, int threads) {
        this.service = service;
        this.window = window;
        this.baseBackoff = baseBackoff;
        this.threads = threads;
    }

    /** Starts polling in a background thread. */
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, "lethe-deletion-worker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the current step. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(60_000);
        }
    }

    private void loop() {
        while (running) {
            try {
                if (!step(false)) {
                    Thread.sleep(Math.max(20, Math.min(200, window.toMillis() / 4)));
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                System.err.println("lethe: worker: " + e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /**
     * One round: finish batches left running (after a restart), certify applied requests, requeue failed ones
     * whose backoff has passed, then start a batch per model when the window has closed (or at once when
     * {@code flush}). Returns true when it did anything.
     */
    public synchronized boolean step(boolean flush) throws Exception {
        boolean did = false;
        for (String batch : ids("SELECT id FROM batches WHERE status = 'running' ORDER BY created_at")) {
            runBatch(batch);
            did = true;
        }
        List<String> applied = ids("SELECT id FROM requests WHERE status = 'applied' ORDER BY updated_at");
        if (!applied.isEmpty()) {
            certify(applied);
            did = true;
        }
        did |= retryFailed();
        List<String> batches = openBatches(flush);
        for (String batch : batches) {
            runBatch(batch);
        }
        return did || !batches.isEmpty();
    }

    /** Runs {@link #step} until nothing is left to do. */
    public void drain() throws Exception {
        while (step(true)) {
            // keep going
        }
    }

    private List<String> ids(String sql) throws SQLException {
        return service.db().tx(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private boolean retryFailed() throws SQLException {
        String now = DeletionService.now();
        List<String> due = service.db().tx(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM requests WHERE status = 'failed' AND attempts < ? "
                    + "AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?")) {
                p.setInt(1, MAX_ATTEMPTS);
                p.setString(2, now);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            for (String id : out) {
                service.transition(c, id, Set.of(RequestState.FAILED), RequestState.QUEUED, "worker", "retry");
            }
            return out;
        });
        return !due.isEmpty();
    }

    // Groups the queued work by model into batches once the oldest queued request has waited a window.
    private List<String> openBatches(boolean flush) throws SQLException {
        Instant cutoff = Instant.now().minus(window);
        return service.db().tx(c -> {
            Map<String, List<String>> byModel = new LinkedHashMap<>();
            String oldest = null;
            try (PreparedStatement p = c.prepareStatement("SELECT a.request_id, a.model, r.updated_at FROM applications a "
                    + "JOIN requests r ON r.id = a.request_id WHERE a.batch_id IS NULL AND r.status IN ('queued', 'running') "
                    + "ORDER BY r.updated_at, a.request_id")) {
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        byModel.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add(rs.getString(1));
                        if (oldest == null) {
                            oldest = rs.getString(3);
                        }
                    }
                }
            }
            if (byModel.isEmpty() || (!flush && Instant.parse(oldest).isAfter(cutoff))) {
                return List.of();
            }
            List<String> batches = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : byModel.entrySet()) {
                ModelEntry model = service.catalog().get(e.getKey());
                String batch = "b_" + UUID.randomUUID().toString().replace("-", "");
                Path target = nextFreeVersion(c, model.current());
                try (PreparedStatement p = c.prepareStatement("INSERT INTO batches (id, model, from_path, target_path, "
                        + "method, requests, status, created_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?)")) {
                    p.setString(1, batch);
                    p.setString(2, model.id());
                    p.setString(3, model.current().toString());
                    p.setString(4, target.toString());
                    p.setString(5, model.method());
                    p.setString(6, String.join(",", e.getValue()));
                    p.setString(7, DeletionService.now());
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement(
                        "UPDATE applications SET batch_id = ? WHERE request_id = ? AND model = ?")) {
                    for (String r : e.getValue()) {
                        p.setString(1, batch);
                        p.setString(2, r);
                        p.setString(3, model.id());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                for (String r : e.getValue()) {
                    if (DeletionService.state(c, r) == RequestState.QUEUED) {
                        service.transition(c, r, Set.of(RequestState.QUEUED), RequestState.RUNNING, "worker", batch);
                    }
                }
                batches.add(batch);
            }
            return batches;
        });
    }

    // The next version directory that neither exists nor is reserved by an unfinished batch.
    private static Path nextFreeVersion(Connection c, Path current) throws SQLException {
        Path candidate = ModelVersions.nextVersion(current);
        String name = candidate.getFileName().toString();
        String base = name.substring(0, name.lastIndexOf("-v"));
        int n = Integer.parseInt(name.substring(name.lastIndexOf("-v") + 2));
        while (true) {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM batches WHERE target_path = ?")) {
                p.setString(1, candidate.toString());
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next() && !Files.exists(candidate)) {
                        return candidate;
                    }
                }
            }
            candidate = candidate.resolveSibling(base + "-v" + (++n));
        }
    }

    private record Batch(String id, String model, Path from, Path target, String method, List<String> requests) {
    }

    private Batch batch(String id) throws SQLException {
        return service.db().tx(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT model, from_path, target_path, method, requests FROM batches WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return new Batch(id, rs.getString(1), Path.of(rs.getString(2)), Path.of(rs.getString(3)),
                            rs.getString(4), List.of(rs.getString(5).split(",")));
                }
            }
        });
    }

    private void runBatch(String id) throws SQLException {
        Batch b = batch(id);
        DeletionRecord record;
        try {
            record = apply(b);
        } catch (Exception e) {
            fail(b, e);
            return;
        }
        finish(b, record);
    }

    // Writes the batch's version, or adopts it when a previous process published it and died before recording it.
    private DeletionRecord apply(Batch b) throws Exception {
        if (Files.isRegularFile(b.target().resolve(DeletionRecord.FILE))) {
            return DeletionRecord.readFrom(b.target());
        }
        discardStaging(b.target());
        Set<String> subjects = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>();
        service.db().tx(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT subject, ids FROM requests WHERE id = ?")) {
                for (String r : b.requests()) {
                    p.setString(1, r);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        if (rs.getString(1) != null) {
                            subjects.add(rs.getString(1));
                        }
                        if (rs.getString(2) != null) {
                            ids.addAll(List.of(rs.getString(2).split("\n")));
                        }
                    }
                }
            }
            return null;
        });
        DeletionMethod method = DeletionMethods.named(b.method());
        DeletionRequest request = new DeletionRequest(ids, subjects, "service batch " + b.id(), "lethe-service");
        return method.unlearner(method.settings(Map.of()), new MethodContext(new LocalJobRunner(threads), null))
                .forget(b.from(), request, b.target());
    }

    private static void discardStaging(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + ".staging-";
        try (Stream<Path> siblings = Files.list(dir)) {
            siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(ModelVersions::discard);
        }
    }

    private void finish(Batch b, DeletionRecord record) throws SQLException {
        boolean noOp = record.isNoOp();
        Path version = noOp ? b.from() : b.target();
        Execution execution = new Execution(b.model(), version.getFileName().toString(), record.method(), record.exact(),
                record.hashBefore(), record.hashAfter(), b.id());
        service.db().tx(c -> {
            if (!noOp) {
                service.catalog().moveCurrent(c, b.model(), version);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO versions (model, path, parent, batch, created_at) VALUES (?, ?, ?, ?, ?)")) {
                    p.setString(1, b.model());
                    p.setString(2, version.toString());
                    p.setString(3, b.from().toString());
                    p.setString(4, b.id());
                    p.setString(5, DeletionService.now());
                    p.executeUpdate();
                }
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE batches SET status = 'done', finished_at = ?, execution = ? WHERE id = ?")) {
                p.setString(1, DeletionService.now());
                p.setString(2, new String(CanonicalJson.bytes(execution), java.nio.charset.StandardCharsets.UTF_8));
                p.setString(3, b.id());
                p.executeUpdate();
            }
            service.ledger().append(c, new LedgerEntry("execution", null, null, DeletionService.now(), "worker", null,
                    null, null, List.of(execution), b.requests()));
            for (String r : b.requests()) {
                List<Execution> all = executionsIfComplete(c, r);
                if (all != null) {
                    String at = DeletionService.now();
                    try (PreparedStatement p = c.prepareStatement("UPDATE requests SET status = ?, updated_at = ?, error = NULL WHERE id = ?")) {
                        p.setString(1, RequestState.APPLIED.wire());
                        p.setString(2, at);
                        p.setString(3, r);
                        p.executeUpdate();
                    }
                    service.record(c, r, new LedgerEntry("state", r, RequestState.APPLIED.wire(), at, "worker", null,
                            null, null, all, null));
                }
            }
            return null;
        });
    }

    // Every model's execution for request r once all its models are done; null while some are not.
    private static List<Execution> executionsIfComplete(Connection c, String r) throws SQLException {
        List<Execution> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT b.status, b.execution FROM applications a "
                + "LEFT JOIN batches b ON b.id = a.batch_id WHERE a.request_id = ? ORDER BY a.model")) {
            p.setString(1, r);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    if (!"done".equals(rs.getString(1))) {
                        return null;
                    }
                    out.add(JSON.readValue(rs.getString(2), Execution.class));
                }
            } catch (IOException e) {
                throw new SQLException("unreadable execution record: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private void fail(Batch b, Exception error) throws SQLException {
        String message = error.getMessage() == null ? error.toString() : error.getMessage();
        service.db().tx(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE batches SET status = 'failed', finished_at = ? WHERE id = ?")) {
                p.setString(1, DeletionService.now());
                p.setString(2, b.id());
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE applications SET batch_id = NULL WHERE batch_id = ?")) {
                p.setString(1, b.id());
                p.executeUpdate();
            }
            for (String r : b.requests()) {
                RequestState s = DeletionService.state(c, r);
                if (s != RequestState.RUNNING) {
                    continue;
                }
                int attempts;
                try (PreparedStatement p = c.prepareStatement("SELECT attempts FROM requests WHERE id = ?")) {
                    p.setString(1, r);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        attempts = rs.getInt(1) + 1;
                    }
                }
                service.transition(c, r, Set.of(RequestState.RUNNING), RequestState.FAILED, "worker", message);
                try (PreparedStatement p = c.prepareStatement("UPDATE requests SET attempts = ?, error = ?, failed_step = 'running', "
                        + "next_attempt_at = ? WHERE id = ?")) {
                    p.setInt(1, attempts);
                    p.setString(2, message);
                    p.setString(3, attempts < MAX_ATTEMPTS
                            ? Instant.now().plus(baseBackoff.multipliedBy(1L << (attempts - 1))).toString() : null);
                    p.setString(4, r);
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    // Signs one checkpoint covering the requests' applied entries, then stores each one's certificate and marks it
    // certified, all in one transaction: one signature and one commit however many requests a batch carried.
    private void certify(List<String> requests) throws SQLException {
        Map<String, Long> leafOf = new LinkedHashMap<>();
        Map<String, String> entryOf = new LinkedHashMap<>();
        service.db().tx(c -> {
            PreparedStatement p = service.db().statement("SELECT l.leaf_index, l.entry FROM events e "
                    + "JOIN ledger l ON l.leaf_index = e.leaf_index WHERE e.request_id = ? AND e.state = 'applied' "
                    + "ORDER BY e.leaf_index DESC LIMIT 1");
            for (String r : requests) {
                p.setString(1, r);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    leafOf.put(r, rs.getLong(1));
                    entryOf.put(r, Base64.getEncoder().encodeToString(rs.getString(2).getBytes(StandardCharsets.UTF_8)));
                }
            }
            return null;
        });
        SignedNote note = service.ledger().checkpoint();
        Map<String, String> certificates = new LinkedHashMap<>();
        for (String r : requests) {
            certificates.put(r, certificate(r, leafOf.get(r), entryOf.get(r), note));
        }
        service.db().tx(c -> {
            PreparedStatement p = service.db().statement("UPDATE requests SET certificate = ? WHERE id = ?");
            for (Map.Entry<String, String> e : certificates.entrySet()) {
                p.setString(1, e.getValue());
                p.setString(2, e.getKey());
                p.executeUpdate();
                service.transition(c, e.getKey(), Set.of(RequestState.APPLIED), RequestState.CERTIFIED, "worker", null);
            }
            return null;
        });
    }

    // The certificate JSON of request r, whose applied entry is leaf `leaf`, against the signed checkpoint `note`.
    private String certificate(String r, long leaf, String entryBase64, SignedNote note) throws SQLException {
        LedgerEntry entry;
        try {
            entry = JSON.readValue(Base64.getDecoder().decode(entryBase64), LedgerEntry.class);
        } catch (IOException e) {
            throw new SQLException("unreadable ledger entry " + leaf, e);
        }
        List<Certificate.Evidence> evidence = new ArrayList<>();
        for (Execution x : entry.executions()) {
            evidence.add(new Certificate.Evidence(x.model(), x.exact()
                    ? "exact method " + x.method() + ": the new version is by construction bit-identical to retraining "
                    + "without the data (the service does not retrain to re-check each request)"
                    : "approximate method " + x.method() + ": no audit was run for this deletion"));
        }
        Certificate cert = new Certificate(Certificate.FORMAT, r, entryBase64, leaf, note.size(),
                service.ledger().inclusionProof(leaf, note.size()), note.text(), service.ledger().key().publicKeyBase64(),
                entry.executions(), evidence);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cert);
        } catch (IOException e) {
            throw new SQLException(e);
        }
    }
}
