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

            Http.Response approved = http.post("/v1/deletion-requests/approve", reviewer, "{\"ids\": [\"" + id + "\", \"dr_nope\"]}");
            assertThat(approved.status()).isEqualTo(200);
            assertThat(approved.json().get("results").get(0).get("ok").asBoolean()).isTrue();
            assertThat(approved.json().get("results").get(1).get("ok").asBoolean()).isFalse();

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
        }
    }
}
