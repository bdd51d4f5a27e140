package org.lethe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lethe.server.ledger.LedgerKey;
import org.lethe.server.service.LedgerAudit;
import org.lethe.server.service.Principal;
import org.lethe.server.service.ReviewBody;
import org.lethe.server.service.Scope;
import org.lethe.server.service.SubmitBody;
import org.lethe.store.DeletionRecord;
import org.lethe.train.SisaModel;

class KillRecoveryTest {
    /**
     * A worker in a child JVM is killed (SIGKILL) after a delay that lands before, during or after the deletion;
     * a restarted worker completes the request, the pointer names a complete version and the ledger verifies.
     */
    @ParameterizedTest
    @ValueSource(ints = {300, 900, 1800})
    void aWorkerKilledAtAnyMomentLeavesNothingHalfDoneAndTheWorkResumes(int killAfterMillis, @TempDir Path tmp) throws Exception {
        Path model = TinyModels.sisa(tmp.resolve("models/digits"));
        List<String> subjects = TinyModels.data().train.distinctSubjects();
        Path data = tmp.resolve("data");
        String id;
        try (LetheServer server = LetheServer.open(LetheServer.Settings.defaults(data))) {
            server.service().catalog().register("digits", model, null);
            Principal who = server.tokens().create("dpo", EnumSet.of(Scope.ADMIN)).principal();
            id = server.service().submit(who, new SubmitBody(subjects.get(1), null, "digits", "test", "a", "k1", null))
                    .request().id();
            server.service().review(who, new ReviewBody(List.of(id), null), true);
        }
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerProcess.class.getName(), data.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean finished = child.waitFor(killAfterMillis, TimeUnit.MILLISECONDS);
        if (!finished) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }

        try (LetheServer server = LetheServer.open(LetheServer.Settings.defaults(data))) {
            Path current = server.service().catalog().get("digits").current();
            // Whatever the pointer names is a complete model.
            SisaModel.open(current).hash();
            server.worker().drain();
            Principal who = server.tokens().create("reader", EnumSet.of(Scope.ADMIN)).principal();
            assertThat(server.service().get(who, id).status()).isEqualTo("certified");
            Path after = server.service().catalog().get("digits").current();
            assertThat(after.getFileName().toString()).isEqualTo("digits-v2");
            assertThat(DeletionRecord.readFrom(after).removedIds()).isNotEmpty();
            try (Stream<Path> siblings = Files.list(after.getParent())) {
                assertThat(siblings.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("digits", "digits-v2");
            }
            long done = server.db().tx(c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM batches WHERE status = 'done'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(done).isEqualTo(1);
            assertThat(LedgerAudit.verify(server.db(), LedgerKey.loadOrCreate(data).publicKey()).ok()).isTrue();
        }
    }
}
