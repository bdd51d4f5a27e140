package org.lethe.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.lethe.exec.LocalJobRunner;
import org.lethe.server.LetheServer;
import org.lethe.server.ledger.LedgerKey;
import org.lethe.server.service.LedgerAudit;
import org.lethe.server.service.Scope;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;

/**
 * Load on loopback: {@code clients} threads submit {@code requests} deletion requests (distinct client ids, subjects
 * of a small SISA ensemble on the bundled digits) to a service on SQLite in a temporary directory, timing each
 * submission; then every request is approved and applied in batches, counting the shards retrained.
 */
public final class ServiceBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceBenchmark() {
    }

    /** Runs the benchmark in {@code workDir} (which it fills); {@code progress} gets submitted counts. */
    public static ServiceBenchmarkResult run(Path workDir, int requests, int clients, long seed, IntConsumer progress)
            throws Exception {
        PreparedData data = PreparedData.prepare("digits", 0.2, seed, 20, null);
        TrainConfig config = new TrainConfig();
        config.batchSize = 32;
        config.learningRate = 0.05;
        config.seed = seed;
        Path model = workDir.resolve("models/digits");
        SisaModel sisa = SisaModel.create(model, ModelSpec.mlp(784, 32, 10), config, data, 8, 4, 1, "mean");
        sisa.trainAll(LocalJobRunner.perCore(), null);
        // A quarter of the subjects ask for erasure, each through requests/subjects duplicate requests in a row, so
        // that each batch of approvals below covers a few subjects and deletes a quarter of the data overall.
        List<String> all = data.train.distinctSubjects();
        List<String> subjects = all.subList(0, Math.max(1, all.size() / 4));

        LetheServer.Settings settings = LetheServer.Settings.defaults(workDir.resolve("service"))
                .withBatchWindow(Duration.ofHours(1));
        try (LetheServer server = LetheServer.open(settings)) {
            server.service().catalog().register("digits", model, null);
            String submitter = server.tokens().create("bench", EnumSet.of(Scope.DELETION_CREATE, Scope.DELETION_READ)).token();
            String reviewer = server.tokens().create("reviewer", EnumSet.of(Scope.DELETION_REVIEW, Scope.DELETION_READ)).token();
            server.start("127.0.0.1", 0);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.port();

            // Warm-up: the JIT and the connection pool, outside the measurement (and under other client ids).
            for (int i = 0; i < 200; i++) {
                send(http, base, submitter, subjects.get(i % subjects.size()), "warmup-" + i);
            }
            long[] latencies = new long[requests];
            String[] ids = new String[requests];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger accepted = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = send(http, base, submitter,
                                subjects.get((int) ((long) i * subjects.size() / requests)), "bench-" + i);
                        latencies[i] = System.nanoTime() - t0;
                        if (r.statusCode() == 201) {
                            accepted.incrementAndGet();
                            ids[i] = JSON.readTree(r.body()).get("id").asText();
                        }
                        if (progress != null && i % 500 == 0) {
                            progress.accept(i);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            Set<String> distinct = new HashSet<>(Arrays.asList(ids));
            distinct.remove(null);
            long stored = server.db().tx(c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM requests WHERE client_request_id LIKE 'bench-%'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });

            long applyStart = System.nanoTime();
            // Approvals arrive 1,000 at a time; each lot is applied as one batch before the next arrives.
            List<String> inOrder = new ArrayList<>();
            for (String id : ids) {
                if (id != null) {
                    inOrder.add(id);
                }
            }
            for (int from = 0; from < inOrder.size(); from += 1000) {
                String body = JSON.writeValueAsString(new org.lethe.server.service.ReviewBody(
                        inOrder.subList(from, Math.min(inOrder.size(), from + 1000)), null));
                http.send(HttpRequest.newBuilder(URI.create(base + "/v1/deletion-requests/approve"))
                        .header("Authorization", "Bearer " + reviewer).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                server.worker().drain();
            }
            double applySeconds = (System.nanoTime() - applyStart) / 1e9;
            int[] batchesAndShards = server.db().tx(c -> {
                int batches = 0;
                int shards = 0;
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT target_path FROM batches WHERE status = 'done'")) {
                    while (rs.next()) {
                        batches++;
                        Path target = Path.of(rs.getString(1));
                        if (Files.isDirectory(target)) {
                            try {
                                JsonNode rec = JSON.readTree(target.resolve("deletion.json").toFile());
                                shards += rec.path("recomputed").path("shards").size();
                            } catch (java.io.IOException e) {
                                throw new java.sql.SQLException(e);
                            }
                        }
                    }
                }
                return new int[] {batches, shards};
            });
            long certified = server.db().tx(c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM requests WHERE status = 'certified' AND client_request_id LIKE 'bench-%'")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            boolean verified = LedgerAudit.verify(server.db(), LedgerKey.loadOrCreate(settings.dataDir()).publicKey()).ok();
            return new ServiceBenchmarkResult("sqlite", clients, requests, accepted.get(), stored, distinct.size(), seconds,
                    accepted.get() / seconds, sorted[requests / 2] / 1e6, sorted[(int) Math.min(requests - 1, Math.ceil(requests * 0.99) - 1)] / 1e6,
                    (int) certified, applySeconds, batchesAndShards[0], batchesAndShards[1],
                    batchesAndShards[1] == 0 ? 0 : certified / (double) batchesAndShards[1], server.service().ledger().size(), verified);
        }
    }

    private static HttpResponse<String> send(HttpClient http, String base, String token, String subject, String clientId)
            throws Exception {
        String body = "{\"subject\":\"" + subject + "\",\"model\":\"digits\",\"reason\":\"load test\","
                + "\"requester\":\"bench@example.org\",\"client_request_id\":\"" + clientId + "\"}";
        return http.send(HttpRequest.newBuilder(URI.create(base + "/v1/deletion-requests"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
