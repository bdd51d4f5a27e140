package org.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lethe.server.ledger.Certificate;
import org.lethe.server.ledger.CertificateCheck;
import org.lethe.server.ledger.LedgerKey;
import org.lethe.server.service.LedgerAudit;
import org.lethe.server.service.Scope;
import org.lethe.store.StoredModel;
import org.lethe.train.SisaModel;

class EndToEndTest {
    @Test
    void aRequestGoesFromSubmissionToAVerifiedCertificate(@TempDir Path tmp) throws Exception {
        Path model = TinyModels.sisa(tmp.resolve("models/digits"));
        String subject = TinyModels.data().train.subject(0);
        try (LetheServer server = LetheServer.open(LetheServer.Settings.defaults(tmp.resolve("data")))) {
            server.service().catalog().register("digits", model, null);
            String requester = server.tokens().create("alice", EnumSet.of(Scope.DELETION_CREATE, Scope.DELETION_READ)).token();
            String reviewer = server.tokens().create("dpo", EnumSet.of(Scope.DELETION_REVIEW, Scope.DELETION_READ)).token();
            server.start("127.0.0.1", 0);
            Http http = new Http(server.port());

            Http.Response created = http.post("/v1/deletion-requests", requester, """
                    {"subject": "%s", "model": "digits", "reason": "Art. 17", "requester": "alice@example.org",
                     "client_request_id": "c-1"}""".formatted(subject));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            String id = created.json().get("id").asText();
            assertThat(created.json().get("status").asText()).isEqualTo("verified");
            assertThat(created.json().get("expected_by").asText()).isNotEmpty();

            // One list, one transaction: the known id is approved, the unknown and the repeated one are refused
            // without undoing it.
            Http.Response approved = http.post("/v1/deletion-requests/approve", reviewer,
                    "{\"ids\": [\"" + id + "\", \"dr_nope\", \"" + id + "\"]}");
            assertThat(approved.status()).isEqualTo(200);
            JsonNode results = approved.json().get("results");
            assertThat(results.get(0).get("ok").asBoolean()).isTrue();
            assertThat(results.get(0).get("status").asText()).isEqualTo("queued");
            assertThat(results.get(1).get("ok").asBoolean()).isFalse();
            assertThat(results.get(1).path("status").asText(null)).isNull();
            assertThat(results.get(2).get("ok").asBoolean()).isFalse();
            assertThat(results.get(2).get("status").asText()).isEqualTo("queued");
            assertThat(results.get(2).get("error").asText()).contains("is queued, cannot become approved");

            server.worker().drain();
            JsonNode done = http.get("/v1/deletion-requests/" + id, requester).json();
            assertThat(done.get("status").asText()).isEqualTo("certified");
            List<String> states = done.get("events").findValuesAsText("state");
            assertThat(states).containsExactly("received", "verified", "approved", "queued", "running", "applied", "certified");

            Http.Response certResponse = http.get("/v1/deletion-requests/" + id + "/certificate", requester);
            assertThat(certResponse.status()).isEqualTo(200);
            Certificate cert = new ObjectMapper().readValue(certResponse.body(), Certificate.class);
            byte[] key = LedgerKey.loadOrCreate(tmp.resolve("data")).publicKey();
            assertThat(CertificateCheck.problems(cert, key)).isEmpty();
            assertThat(cert.executions()).hasSize(1);
            assertThat(cert.executions().get(0).exact()).isTrue();
            // The pointer moved to a new version; the old one is untouched.
            Path current = server.service().catalog().get("digits").current();
            assertThat(current.getFileName().toString()).isEqualTo("digits-v2");
            assertThat(SisaModel.open(current).hash()).isEqualTo(cert.executions().get(0).hashAfter());
            assertThat(SisaModel.open(model).hash()).isEqualTo(cert.executions().get(0).hashBefore());
            assertThat(StoredModel.open(current).deletion().removedIds()).isNotEmpty();
            assertThat(LedgerAudit.verify(server.db(), key).ok()).isTrue();

            Http.Response page = http.get("/", null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("Lethe deletion requests");
            assertThat(http.get("/v1/openapi.json", null).json().get("paths").has("/v1/deletion-requests")).isTrue();
            assertThat(http.get("/v1/models", reviewer).json().get(0).get("versions").get(0).get("requests").get(0).asText())
                    .isEqualTo(id);

            // A changed row: verify names it; the certificate still checks against its own checkpoint.
            server.db().tx(c -> {
                try (var st = c.createStatement()) {
                    st.executeUpdate("UPDATE ledger SET entry = REPLACE(entry, 'alice', 'mallory') WHERE leaf_index = 0");
                }
                return null;
            });
            var bad = LedgerAudit.verify(server.db(), key);
            assertThat(bad.ok()).isFalse();
            assertThat(bad.firstBad()).isZero();
            assertThat(bad.problem()).contains("entry 0");
            assertThat(CertificateCheck.problems(cert, key)).isEmpty();
        }

        // A rewrite that also recomputes the stored hashes is caught by the signed checkpoints, and the log
        // reopened over it can no longer prove itself consistent with the certificate's checkpoint.
        rewriteHashes(tmp.resolve("data"));
        try (LetheServer server = LetheServer.open(LetheServer.Settings.defaults(tmp.resolve("data")))) {
            byte[] key = LedgerKey.loadOrCreate(tmp.resolve("data")).publicKey();
            var bad = LedgerAudit.verify(server.db(), key);
            assertThat(bad.ok()).isFalse();
            assertThat(bad.problem()).contains("do not match the signed checkpoint");
            var newer = server.service().ledger().checkpoint();
            var older = org.lethe.server.ledger.SignedNote.verify(
                    server.service().ledger().storedCheckpoint(newer.size()), key);
            long oldSize = server.db().tx(c -> {
                try (var st = c.createStatement(); var rs = st.executeQuery("SELECT MIN(tree_size) FROM checkpoints")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            var oldNote = org.lethe.server.ledger.SignedNote.verify(server.service().ledger().storedCheckpoint(oldSize), key);
            List<byte[]> proof = server.service().ledger().consistencyProof(oldSize, older.size()).stream()
                    .map(org.lethe.server.ledger.Hex::parse).toList();
            assertThat(org.lethe.server.ledger.MerkleTree.verifyConsistency(oldSize, older.size(), oldNote.root(),
                    older.root(), proof)).isFalse();
        }
    }

    private static void rewriteHashes(Path data) throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("lethe.db"))) {
            var range = new org.lethe.server.ledger.CompactRange();
            List<Object[]> rows = new java.util.ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT leaf_index, entry FROM ledger ORDER BY leaf_index")) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
                }
            }
            try (var p = c.prepareStatement("UPDATE ledger SET leaf_hash = ?, root_after = ? WHERE leaf_index = ?")) {
                for (Object[] row : rows) {
                    byte[] leaf = org.lethe.server.ledger.MerkleTree.leafHash(((String) row[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    range.append(leaf);
                    p.setString(1, org.lethe.server.ledger.Hex.of(leaf));
                    p.setString(2, org.lethe.server.ledger.Hex.of(range.root()));
                    p.setLong(3, (Long) row[0]);
                    p.executeUpdate();
                }
            }
        }
    }
}
