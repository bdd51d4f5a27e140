package org.lethe.server.service;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.lethe.server.db.Database;
import org.lethe.server.ledger.CanonicalJson;
import org.lethe.server.ledger.Hex;
import org.lethe.server.ledger.LedgerEntry;

/**
 * Deletion requests: submission (idempotent per owner and client request id), review, the lifecycle with a ledger
 * entry for every state change, listing and reading with the owner rule (requesters see only their own requests).
 */
public final class DeletionService {
    /** How long after receipt a request is expected to be done (GDPR Art. 12(3): one month). */
    public static final Duration EXPECTED_WITHIN = Duration.ofDays(30);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_IDS = 10_000;

    private final Database db;
    private final LedgerLog ledger;
    private final ModelCatalog catalog;
    private final Verifier verifier;

    public DeletionService(Database db, LedgerLog ledger, ModelCatalog catalog, Verifier verifier) {
        this.db = db;
        this.ledger = ledger;
        this.catalog = catalog;
        this.verifier = verifier;
    }

    public Database db() {
        return db;
    }

    public LedgerLog ledger() {
        return ledger;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** The current time as the service writes it: ISO-8601 UTC, milliseconds. */
    public static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /**
     * Submits a request; the same client request id with the same body returns the first request. Submissions that
     * arrive together share one transaction (group commit); each returns once that transaction is committed.
     */
    public Submission submit(Principal who, SubmitBody body) throws SQLException {
        List<String> models = validate(body);
        String bodyHash = Hex.of(sha256(CanonicalJson.bytes(body)));
        boolean verified = verifier.check(body) == null;
        return db.groupedTx(c -> {
            PreparedStatement existing = db.statement("SELECT id, body_hash FROM requests WHERE owner = ? AND client_request_id = ?");
            existing.setString(1, who.tokenId());
            existing.setString(2, body.clientRequestId());
            try (ResultSet rs = existing.executeQuery()) {
                if (rs.next()) {
                    if (!rs.getString(2).equals(bodyHash)) {
                        throw ServiceException.conflict("client_request_id " + body.clientRequestId()
                                + " was used before with a different body");
                    }
                    return new Submission(read(c, who, rs.getString(1)), false);
                }
            }
            return new Submission(insert(c, who, body, models, bodyHash, verified), true);
        });
    }

    // Stores a new request (received, and verified at once when the verifier says so) with its ledger entries, and
    // returns it as a read would show it, without reading it back.
    private RequestView insert(Connection c, Principal who, SubmitBody body, List<String> models, String bodyHash, boolean verified)
            throws SQLException {
        String id = "dr_" + UUID.randomUUID().toString().replace("-", "");
        String at = now();
        String expectedBy = Instant.parse(at).plus(EXPECTED_WITHIN).toString();
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        String ids = body.exampleIds() == null ? null : String.join("\n", body.exampleIds());
        String status = (verified ? RequestState.VERIFIED : RequestState.RECEIVED).wire();
        PreparedStatement p = db.statement("INSERT INTO requests (id, owner, client_request_id, body_hash, subject, ids, "
                + "models, reason, requester, salt, status, created_at, updated_at, expected_by, attempts) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)");
        p.setString(1, id);
        p.setString(2, who.tokenId());
        p.setString(3, body.clientRequestId());
        p.setString(4, bodyHash);
        p.setString(5, body.subject());
        p.setString(6, ids);
        p.setString(7, String.join(",", models));
        p.setString(8, body.reason());
        p.setString(9, body.requester());
        p.setString(10, Hex.of(salt));
        p.setString(11, status);
        p.setString(12, at);
        p.setString(13, at);
        p.setString(14, expectedBy);
        p.executeUpdate();
        PreparedStatement applications = db.statement("INSERT INTO applications (request_id, model) VALUES (?, ?)");
        for (String m : models) {
            applications.setString(1, id);
            applications.setString(2, m);
            applications.executeUpdate();
        }
        String hmac = hmac(salt, body.subject() != null ? body.subject() : String.join("\n", new TreeSet<>(body.exampleIds())));
        List<EventView> events = new ArrayList<>();
        events.add(record(c, id, new LedgerEntry("state", id, RequestState.RECEIVED.wire(), at, who.name(), null, hmac,
                models, null, null)));
        if (verified) {
            events.add(record(c, id, LedgerEntry.state(id, RequestState.VERIFIED.wire(), at, "verifier", null)));
        }
        return new RequestView(id, body.clientRequestId(), status, body.subject(),
                ids == null ? null : List.of(ids.split("\n")), models, body.reason(), body.requester(), at, expectedBy, 0,
                null, Hex.of(salt), null, events);
    }

    private List<String> validate(SubmitBody b) {
        if (b.clientRequestId() == null || !CLIENT_ID.matcher(b.clientRequestId()).matches()) {
            throw ServiceException.badRequest("client_request_id is required: 1 to 128 letters, digits, '.', '_', ':' or '-'");
        }
        if ((b.subject() == null) == (b.exampleIds() == null)) {
            throw ServiceException.badRequest("give exactly one of subject and example_ids");
        }
        requireText("reason", b.reason(), 1000);
        requireText("requester", b.requester(), 200);
        if (b.subject() != null) {
            requireText("subject", b.subject(), 200);
        } else {
            if (b.exampleIds().isEmpty() || b.exampleIds().size() > MAX_IDS) {
                throw ServiceException.badRequest("example_ids must hold 1 to " + MAX_IDS + " ids");
            }
            for (String id : b.exampleIds()) {
                requireText("each example id", id, 200);
            }
        }
        List<String> models = new ArrayList<>();
        if (b.model() == null || b.model().equals("*")) {
            for (ModelEntry m : catalog.all()) {
                if (holds(m, b)) {
                    models.add(m.id());
                }
            }
            if (models.isEmpty()) {
                throw new ServiceException(422, b.subject() != null ? "no model holds subject " + b.subject()
                        : "no model holds all of these example ids");
            }
            return models;
        }
        ModelEntry m = catalog.get(b.model());
        if (m == null) {
            throw new ServiceException(422, "unknown model '" + b.model() + "'");
        }
        if (!holds(m, b)) {
            if (b.subject() != null) {
                throw new ServiceException(422, "unknown subject " + b.subject() + " for model " + m.id());
            }
            String missing = b.exampleIds().stream().filter(i -> !m.ids().contains(i)).findFirst().orElse("?");
            throw new ServiceException(422, "unknown example id " + missing + " for model " + m.id());
        }
        return List.of(m.id());
    }

    private static boolean holds(ModelEntry m, SubmitBody b) {
        return b.subject() != null ? m.subjects().contains(b.subject()) : m.ids().containsAll(b.exampleIds());
    }

    private static void requireText(String name, String value, int max) {
        if (value == null || value.isBlank() || value.length() > max) {
            throw ServiceException.badRequest(name + " is required (1 to " + max + " characters)");
        }
    }

    /**
     * Moves request {@code id} from one of {@code from} to {@code to} inside the caller's transaction, with its ledger
     * entry; a request in another state is a 409.
     */
    public void transition(Connection c, String id, Set<RequestState> from, RequestState to, String actor, String detail)
            throws SQLException {
        RequestState current = state(c, id);
        if (!from.contains(current)) {
            throw ServiceException.conflict("request " + id + " is " + current.wire() + ", cannot become " + to.wire());
        }
        String at = now();
        PreparedStatement p = db.statement("UPDATE requests SET status = ?, updated_at = ? WHERE id = ?");
        p.setString(1, to.wire());
        p.setString(2, at);
        p.setString(3, id);
        p.executeUpdate();
        record(c, id, LedgerEntry.state(id, to.wire(), at, actor, detail));
    }

    /** Appends {@code entry} to the ledger and the request's timeline inside the caller's transaction on {@code c}. */
    public EventView record(Connection c, String id, LedgerEntry entry) throws SQLException {
        long leaf = ledger.append(c, entry);
        PreparedStatement p = db.statement(
                "INSERT INTO events (leaf_index, request_id, state, at, actor, detail) VALUES (?, ?, ?, ?, ?, ?)");
        p.setLong(1, leaf);
        p.setString(2, id);
        p.setString(3, entry.state());
        p.setString(4, entry.at());
        p.setString(5, entry.actor());
        p.setString(6, entry.detail());
        p.executeUpdate();
        return new EventView(entry.state(), entry.at(), entry.actor(), entry.detail(), leaf);
    }

    /** The state of request {@code id}; an unknown id is a 404. */
    public static RequestState state(Connection c, String id) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT status FROM requests WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw ServiceException.notFound("no deletion request " + id);
                }
                return RequestState.parse(rs.getString(1));
            }
        }
    }

    /** Request {@code id} as {@code who} may see it. */
    public RequestView get(Principal who, String id) throws SQLException {
        return db.tx(c -> read(c, who, id));
    }

    private RequestView read(Connection c, Principal who, String id) throws SQLException {
        RequestView v;
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM requests WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                // Another owner's request is reported as missing, so ids cannot be probed.
                if (!rs.next() || !(who.seesAll() || rs.getString("owner").equals(who.tokenId()))) {
                    throw ServiceException.notFound("no deletion request " + id);
                }
                v = view(rs, who, events(c, id));
            }
        }
        return v;
    }

    private static RequestView view(ResultSet rs, Principal who, List<EventView> events) throws SQLException {
        boolean owner = rs.getString("owner").equals(who.tokenId());
        String ids = rs.getString("ids");
        return new RequestView(rs.getString("id"), rs.getString("client_request_id"), rs.getString("status"),
                rs.getString("subject"), ids == null ? null : List.of(ids.split("\n")),
                List.of(rs.getString("models").split(",")), rs.getString("reason"), rs.getString("requester"),
                rs.getString("created_at"), rs.getString("expected_by"), rs.getInt("attempts"), rs.getString("error"),
                owner ? rs.getString("salt") : null, null, events);
    }

    private static List<EventView> events(Connection c, String id) throws SQLException {
        List<EventView> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT state, at, actor, detail, leaf_index FROM events WHERE request_id = ? ORDER BY leaf_index")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
                }
            }
        }
        return out;
    }

    /** Requests {@code who} may see, newest first, optionally filtered by state and model; without timelines. */
    public List<RequestView> list(Principal who, String status, String model, int limit, int offset) throws SQLException {
        if (status != null) {
            try {
                RequestState.parse(status);
            } catch (IllegalArgumentException e) {
                throw ServiceException.badRequest("status: " + e.getMessage());
            }
        }
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw ServiceException.badRequest("limit must be 1 to 1000 and offset non-negative");
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM requests WHERE 1 = 1");
        List<String> args = new ArrayList<>();
        if (!who.seesAll()) {
            sql.append(" AND owner = ?");
            args.add(who.tokenId());
        }
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (model != null) {
            sql.append(" AND id IN (SELECT request_id FROM applications WHERE model = ?)");
            args.add(model);
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ").append(limit).append(" OFFSET ").append(offset);
        return db.tx(c -> {
            List<RequestView> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    p.setString(i + 1, args.get(i));
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        out.add(view(rs, who, null));
                    }
                }
            }
            return out;
        });
    }

    /** Approves (and queues) or denies each request, reporting each one's outcome. */
    public ReviewResult review(Principal who, ReviewBody body, boolean approve) throws SQLException {
        if (body.ids() == null || body.ids().isEmpty() || body.ids().size() > 1000) {
            throw ServiceException.badRequest("ids must list 1 to 1000 request ids");
        }
        if (!approve && (body.reason() == null || body.reason().isBlank() || body.reason().length() > 1000)) {
            throw ServiceException.badRequest("a denial needs a reason (1 to 1000 characters)");
        }
        // One transaction for the whole list (one commit, not one per id). A refused item is refused by the state
        // check that precedes any write of its transition, so catching it leaves the transaction clean.
        return db.tx(c -> {
            List<ReviewResult.Item> items = new ArrayList<>();
            for (String id : body.ids()) {
                try {
                    if (approve) {
                        transition(c, id, Set.of(RequestState.VERIFIED), RequestState.APPROVED, who.name(), body.reason());
                        transition(c, id, Set.of(RequestState.APPROVED), RequestState.QUEUED, "service", null);
                    } else {
                        transition(c, id, Set.of(RequestState.RECEIVED, RequestState.VERIFIED), RequestState.DENIED,
                                who.name(), body.reason());
                    }
                    items.add(new ReviewResult.Item(id, true, (approve ? RequestState.QUEUED : RequestState.DENIED).wire(), null));
                } catch (ServiceException e) {
                    String status = e.status() == 404 ? null : state(c, id).wire();
                    items.add(new ReviewResult.Item(id, false, status, e.getMessage()));
                }
            }
            return new ReviewResult(items);
        });
    }

    /** A reviewer's verification of a request left received. */
    public RequestView verify(Principal who, String id) throws SQLException {
        db.tx(c -> {
            transition(c, id, Set.of(RequestState.RECEIVED), RequestState.VERIFIED, who.name(), null);
            return null;
        });
        return get(who, id);
    }

    /** Cancels a request that has not started running (its owner or a reviewer). */
    public RequestView cancel(Principal who, String id) throws SQLException {
        get(who, id);
        db.tx(c -> {
            RequestState s = state(c, id);
            if (!s.cancellable()) {
                throw ServiceException.conflict("request " + id + " is " + s.wire() + " and can no longer be cancelled");
            }
            transition(c, id, Set.of(s), RequestState.CANCELLED, who.name(), null);
            return null;
        });
        return get(who, id);
    }

    /** The certificate JSON of request {@code id}; a request not yet certified is a 409. */
    public String certificate(Principal who, String id) throws SQLException {
        RequestView v = get(who, id);
        return db.tx(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT certificate FROM requests WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    String cert = rs.getString(1);
                    if (cert == null) {
                        throw ServiceException.conflict("request " + id + " is " + v.status() + "; it has no certificate yet");
                    }
                    return cert;
                }
            }
        });
    }

    static String hmac(byte[] salt, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            return Hex.of(mac.doFinal(subject.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
