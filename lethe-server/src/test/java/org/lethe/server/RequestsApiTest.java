package org.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lethe.server.ledger.LedgerKey;
import org.lethe.server.service.LedgerAudit;
import org.lethe.server.service.Scope;

class RequestsApiTest {
    private static String body(String subject, String clientId, String reason) {
        return """
                {"subject": "%s", "model": "digits", "reason": "%s", "requester": "bob@example.org", "client_request_id": "%s"}"""
                .formatted(subject, reason, clientId);
    }

    private static long count(LetheServer server, String table) throws Exception {
        return server.db().tx(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("org.lethe.server.Storage#kinds")
    void submissionsAreIdempotentStrictAndScoped(String kind, @TempDir Path tmp) throws Exception {
        Path model = TinyModels.sisa(tmp.resolve("models/digits"));
        String subject = TinyModels.data().train.subject(0);
        Path data = tmp.resolve("data");
        try (LetheServer server = LetheServer.open(LetheServer.Settings.defaults(data).withDb(Storage.url(kind, data)))) {
            server.service().catalog().register("digits", model, null);
            String alice = server.tokens().create("alice", EnumSet.of(Scope.DELETION_CREATE, Scope.DELETION_READ)).token();
            String bob = server.tokens().create("bob", EnumSet.of(Scope.DELETION_CREATE, Scope.DELETION_READ)).token();
            String reader = server.tokens().create("auditor", EnumSet.of(Scope.LEDGER_READ)).token();
            server.start("127.0.0.1", 0);
            Http http = new Http(server.port());

            // 50 concurrent submissions with one client request id make one request.
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit((Callable<Http.Response>) () -> http.post("/v1/deletion-requests", alice, body(subject, "same", "r"))));
            }
            List<String> ids = new ArrayList<>();
            int created = 0;
            for (Future<Http.Response> f : futures) {
                Http.Response r = f.get();
                assertThat(r.status()).as(r.body()).isIn(200, 201);
                created += r.status() == 201 ? 1 : 0;
                ids.add(r.json().get("id").asText());
            }
            pool.shutdown();
            assertThat(created).isEqualTo(1);
            assertThat(ids).containsOnly(ids.get(0));
            assertThat(count(server, "requests")).isEqualTo(1);

            // Same id, other body: 409. Another owner may reuse the client id.
            assertThat(http.post("/v1/deletion-requests", alice, body(subject, "same", "other reason")).status()).isEqualTo(409);
            assertThat(http.post("/v1/deletion-requests", bob, body(subject, "same", "r")).status()).isEqualTo(201);
            long requests = count(server, "requests");
            long entries = count(server, "ledger");

            // Refusals: clear 4xx JSON errors, nothing stored.
            assertRefused(http.post("/v1/deletion-requests", alice, "{\"subject\": "), 400, "malformed JSON");
            assertRefused(http.post("/v1/deletion-requests", alice, body(subject, "x1", "r").replace("}", ", \"colour\": 1}")), 400, "unknown field 'colour'");
            assertRefused(http.post("/v1/deletion-requests", alice, "text/plain", body(subject, "x2", "r")), 415, "application/json");
            assertRefused(http.post("/v1/deletion-requests", alice, body("x".repeat(70_000), "x3", "r")), 413, "larger than");
            assertRefused(http.post("/v1/deletion-requests", alice, body("nobody-at-all", "x4", "r")), 422, "unknown subject");
            assertRefused(http.post("/v1/deletion-requests", alice, body(subject, "x5", "r").replace("\"digits\"", "\"nope\"")), 422, "unknown model");
            assertRefused(http.post("/v1/deletion-requests", alice, """
                    {"example_ids": ["digits-999999"], "model": "digits", "reason": "r", "requester": "a", "client_request_id": "x6"}"""), 422, "unknown example id");
            assertRefused(http.post("/v1/deletion-requests", alice, body(subject, "x7", "r").replace("\"r\"", "5")), 400, "wrong type");
            assertRefused(http.post("/v1/deletion-requests", alice, "[]"), 400, "");
            assertRefused(http.post("/v1/deletion-requests", alice, body(subject, "", "r")), 400, "client_request_id");
            assertRefused(http.get("/v1/deletion-requests/dr_unknown", alice), 404, "no deletion request");
            assertThat(count(server, "requests")).isEqualTo(requests);
            assertThat(count(server, "ledger")).isEqualTo(entries);

            // Auth: 401 without or with a bad token, 403 with the wrong scope, owners see only their own.
            assertRefused(http.post("/v1/deletion-requests", null, body(subject, "y", "r")), 401, "bearer token");
            assertRefused(http.get("/v1/deletion-requests", "lethe_forged"), 401, "unknown token");
            assertRefused(http.post("/v1/deletion-requests/approve", alice, "{\"ids\": [\"" + ids.get(0) + "\"]}"), 403, "deletion:review");
            assertRefused(http.get("/v1/ledger/checkpoint", alice), 403, "ledger:read");
            assertThat(http.get("/v1/ledger/checkpoint", reader).status()).isEqualTo(200);
            assertRefused(http.get("/v1/deletion-requests/" + ids.get(0), bob), 404, "no deletion request");
            assertThat(http.get("/v1/deletion-requests", bob).json()).hasSize(1);
            assertThat(http.get("/v1/deletion-requests?status=verified", alice).json()).hasSize(1);
            assertRefused(http.get("/v1/deletion-requests?status=bogus", alice), 400, "unknown state");

            assertThat(LedgerAudit.verify(server.db(), LedgerKey.loadOrCreate(data).publicKey()).ok()).isTrue();
        }
    }

    private static void assertRefused(Http.Response r, int status, String message) throws Exception {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("error").asText()).contains(message);
    }
}
