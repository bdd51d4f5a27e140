package org.lethe.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.lethe.server.ledger.Hex;
import org.lethe.server.ledger.MerkleTree;
import org.lethe.server.ledger.SignedNote;
import org.lethe.server.service.DeletionService;
import org.lethe.server.service.ModelEntry;
import org.lethe.server.service.Principal;
import org.lethe.server.service.RequestView;
import org.lethe.server.service.ReviewBody;
import org.lethe.server.service.Scope;
import org.lethe.server.service.ServiceException;
import org.lethe.server.service.SubmitBody;
import org.lethe.server.service.Submission;
import org.lethe.server.service.Tokens;

/**
 * The HTTP API (Javalin). Every body is a typed record read strictly (unknown fields, trailing data and wrong types
 * are 400s); every error is an {@link ErrorBody} with a 4xx status; nothing is stored for a refused request.
 */
public final class HttpApi {
    /** The largest request body accepted. */
    public static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper STRICT = strictMapper();
    private static final ObjectMapper OUT = new ObjectMapper();
    private static final String PRINCIPAL = "lethe.principal";

    private final DeletionService service;
    private final Tokens tokens;
    private final boolean publicLedger;

    /** @param publicLedger when true, ledger reads need no token */
    public HttpApi(DeletionService service, Tokens tokens, boolean publicLedger) {
        this.service = service;
        this.tokens = tokens;
        this.publicLedger = publicLedger;
    }

    // Numbers and booleans are not text: a field of the wrong JSON type is refused rather than converted.
    private static ObjectMapper strictMapper() {
        ObjectMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (com.fasterxml.jackson.databind.cfg.CoercionInputShape shape : List.of(
                com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean)) {
            m.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual)
                    .setCoercion(shape, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
        }
        return m;
    }

    /** Builds the Javalin application (not started). */
    public Javalin create() {
        return Javalin.create(config -> {
            // Bodies up to 1 MiB are read whole so that the client gets its 413 answer rather than a reset connection.
            config.http.maxRequestSize = 1024 * 1024;
            config.startup.showJavalinBanner = false;
            config.routes.exception(ServiceException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                System.err.println("lethe: serve: " + e);
                error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
            });
            config.routes.error(404, "*", ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
                }
            });
            config.routes.error(405, "*", ctx -> error(ctx, 405, "method not allowed: " + ctx.method() + " " + ctx.path()));

            config.routes.get("/", ctx -> page(ctx, "index.html", "text/html; charset=utf-8"));
            config.routes.get("/app.js", ctx -> page(ctx, "app.js", "text/javascript; charset=utf-8"));
            config.routes.get("/style.css", ctx -> page(ctx, "style.css", "text/css; charset=utf-8"));
            config.routes.get("/v1/openapi.json", ctx -> page(ctx, "openapi.json", "application/json"));

            config.routes.post("/v1/deletion-requests", ctx -> {
                Principal who = require(ctx, Scope.DELETION_CREATE);
                Submission s = service.submit(who, body(ctx, SubmitBody.class));
                json(ctx, s.created() ? 201 : 200, s.request());
            });
            config.routes.get("/v1/deletion-requests", ctx -> {
                Principal who = require(ctx, Scope.DELETION_READ);
                json(ctx, 200, service.list(who, ctx.queryParam("status"), ctx.queryParam("model"),
                        intParam(ctx, "limit", 100), intParam(ctx, "offset", 0)));
            });
            config.routes.post("/v1/deletion-requests/approve", ctx ->
                    json(ctx, 200, service.review(require(ctx, Scope.DELETION_REVIEW), body(ctx, ReviewBody.class), true)));
            config.routes.post("/v1/deletion-requests/deny", ctx ->
                    json(ctx, 200, service.review(require(ctx, Scope.DELETION_REVIEW), body(ctx, ReviewBody.class), false)));
            config.routes.get("/v1/deletion-requests/{id}", ctx ->
                    json(ctx, 200, service.get(require(ctx, Scope.DELETION_READ), ctx.pathParam("id"))));
            config.routes.post("/v1/deletion-requests/{id}/verify", ctx ->
                    json(ctx, 200, service.verify(require(ctx, Scope.DELETION_REVIEW), ctx.pathParam("id"))));
            config.routes.post("/v1/deletion-requests/{id}/cancel", ctx ->
                    json(ctx, 200, service.cancel(require(ctx, Scope.DELETION_READ), ctx.pathParam("id"))));
            config.routes.get("/v1/deletion-requests/{id}/certificate", ctx -> {
                String cert = service.certificate(require(ctx, Scope.DELETION_READ), ctx.pathParam("id"));
                ctx.status(200).contentType("application/json").result(cert);
            });
            config.routes.get("/v1/whoami", ctx -> {
                Principal who = authenticate(ctx);
                json(ctx, 200, new TokenView(who.name(), who.scopes().stream().map(Scope::wire).sorted().toList()));
            });
            config.routes.get("/v1/models", ctx -> {
                require(ctx, Scope.DELETION_READ);
                json(ctx, 200, models());
            });

            config.routes.get("/v1/ledger/checkpoint", ctx -> {
                requireLedger(ctx);
                ctx.status(200).contentType("text/plain; charset=utf-8").result(service.ledger().checkpoint().text());
            });
            config.routes.get("/v1/ledger/public-key", ctx -> {
                requireLedger(ctx);
                byte[] key = service.ledger().key().publicKey();
                json(ctx, 200, new PublicKeyView(service.ledger().origin(), Base64.getEncoder().encodeToString(key),
                        Hex.of(SignedNote.keyId(service.ledger().origin(), key))));
            });
            config.routes.get("/v1/ledger/entries/{index}", ctx -> {
                requireLedger(ctx);
                long index = longPath(ctx, "index");
                String entry = service.ledger().entryBase64(index);
                if (entry == null) {
                    throw ServiceException.notFound("no ledger entry " + index);
                }
                json(ctx, 200, new EntryView(index, entry, Hex.of(MerkleTree.leafHash(Base64.getDecoder().decode(entry)))));
            });
            config.routes.get("/v1/ledger/proof/inclusion", ctx -> {
                requireLedger(ctx);
                long index = longParam(ctx, "index");
                long size = longParam(ctx, "size");
                try {
                    List<String> proof = service.ledger().inclusionProof(index, size);
                    String entry = service.ledger().entryBase64(index);
                    json(ctx, 200, new InclusionProofView(index, size,
                            Hex.of(MerkleTree.leafHash(Base64.getDecoder().decode(entry))), proof));
                } catch (IllegalArgumentException e) {
                    throw ServiceException.badRequest(e.getMessage());
                }
            });
            config.routes.get("/v1/ledger/proof/consistency", ctx -> {
                requireLedger(ctx);
                long from = longParam(ctx, "from");
                long to = longParam(ctx, "to");
                try {
                    json(ctx, 200, new ConsistencyProofView(from, to, service.ledger().consistencyProof(from, to)));
                } catch (IllegalArgumentException e) {
                    throw ServiceException.badRequest(e.getMessage());
                }
            });
        });
    }

    private List<ModelView> models() throws SQLException {
        List<ModelView> out = new ArrayList<>();
        for (ModelEntry m : service.catalog().all()) {
            List<ModelView.Version> versions = service.db().tx(c -> {
                List<ModelView.Version> vs = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("SELECT v.path, v.parent, v.batch, v.created_at, b.requests "
                        + "FROM versions v LEFT JOIN batches b ON b.id = v.batch WHERE v.model = ? ORDER BY v.created_at, v.path")) {
                    p.setString(1, m.id());
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            vs.add(new ModelView.Version(name(rs.getString(1)), name(rs.getString(2)), rs.getString(3),
                                    rs.getString(4), rs.getString(5) == null ? List.of() : List.of(rs.getString(5).split(","))));
                        }
                    }
                }
                return vs;
            });
            out.add(new ModelView(m.id(), m.method(), m.exact(), name(m.current().toString()), versions));
        }
        return out;
    }

    private static String name(String path) {
        return path == null ? null : Path.of(path).getFileName().toString();
    }

    private void requireLedger(Context ctx) throws SQLException {
        if (!publicLedger) {
            require(ctx, Scope.LEDGER_READ);
        }
    }

    private Principal authenticate(Context ctx) throws SQLException {
        Principal cached = ctx.attribute(PRINCIPAL);
        if (cached != null) {
            return cached;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.startsWith("Bearer ") || header.length() <= 7) {
            throw new ServiceException(401, "missing bearer token (Authorization: Bearer <token>)");
        }
        Principal who = tokens.authenticate(header.substring(7).trim());
        if (who == null) {
            throw new ServiceException(401, "unknown token");
        }
        ctx.attribute(PRINCIPAL, who);
        return who;
    }

    private Principal require(Context ctx, Scope scope) throws SQLException {
        Principal who = authenticate(ctx);
        if (!who.has(scope)) {
            throw new ServiceException(403, "this token lacks the scope " + scope.wire());
        }
        return who;
    }

    private static <T> T body(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ServiceException(415, "the body must be application/json");
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX_BODY) {
            throw new ServiceException(413, "the body is larger than " + MAX_BODY + " bytes");
        }
        if (bytes.length == 0) {
            throw ServiceException.badRequest("the body is empty; expected a JSON object");
        }
        try {
            T value = STRICT.readValue(bytes, type);
            if (value == null) {
                throw ServiceException.badRequest("expected a JSON object, got null");
            }
            return value;
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw ServiceException.badRequest("unknown field '" + e.getPropertyName() + "'");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            throw ServiceException.badRequest("wrong type or shape in the body: " + firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw ServiceException.badRequest("malformed JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw ServiceException.badRequest("unreadable body: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest(name + " must be an integer, got '" + v + "'");
        }
    }

    private static long longParam(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null) {
            throw ServiceException.badRequest("query parameter " + name + " is required");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest(name + " must be an integer, got '" + v + "'");
        }
    }

    private static long longPath(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw ServiceException.badRequest(name + " must be an integer");
        }
    }

    private static void json(Context ctx, int status, Object value) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(OUT.writeValueAsString(value));
    }

    private static void error(Context ctx, int status, String message) {
        try {
            json(ctx, status, new ErrorBody(status, message));
        } catch (JsonProcessingException e) {
            ctx.status(status).result("{\"status\":" + status + "}");
        }
    }

    private static void page(Context ctx, String name, String type) throws IOException {
        try (InputStream in = HttpApi.class.getResourceAsStream("/org/lethe/server/web/" + name)) {
            if (in == null) {
                throw ServiceException.notFound("no such page " + name);
            }
            ctx.status(200).contentType(type).result(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The JSON of a request view (for clients of this module). */
    public static String toJson(RequestView v) throws JsonProcessingException {
        return OUT.writeValueAsString(v);
    }
}
