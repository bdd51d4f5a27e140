package org.lethe.app.cli.serve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.lethe.exec.LocalJobRunner;
import org.lethe.server.LetheServer;
import org.lethe.server.ledger.Certificate;
import org.lethe.server.ledger.CertificateCheck;
import org.lethe.server.service.Scope;
import org.lethe.tensor.Parallel;
import org.lethe.tensor.Rng;
import org.lethe.train.ModelSpec;
import org.lethe.train.PreparedData;
import org.lethe.train.SisaModel;
import org.lethe.train.TrainConfig;

/**
 * {@code lethe demo --service}: one erasure request through the deletion service, end to end, over HTTP on loopback.
 * Trains a small SISA ensemble, starts the service on SQLite in the run directory, submits a request for one subject,
 * approves it, waits until the worker has applied and certified it, fetches the certificate and the ledger's public
 * key, stops the service, and checks the certificate offline (and a tampered copy of it, which must fail).
 */
public final class ServiceDemo {
    /** How long the worker may take to apply and certify the request before the demo gives up. */
    static final Duration WAIT = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SUBJECT_STREAM = 0x5E4D1CEL;
    private static final int SHARDS = 4;
    private static final int SLICES = 2;

    private final PrintWriter out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String base;

    private ServiceDemo(PrintWriter out) {
        this.out = out;
    }

    /** Runs the demo in {@code dir} (which it fills) with {@code seed}; true when the certificate checks out. */
    public static boolean run(Path dir, long seed, PrintWriter out) throws Exception {
        return new ServiceDemo(out).run(dir, seed);
    }

    private boolean run(Path dir, long seed) throws Exception {
        step(1, "Train a SISA ensemble to serve");
        PreparedData data = PreparedData.prepare("digits", 0.2, seed, 20, null);
        TrainConfig config = new TrainConfig();
        config.batchSize = 32;
        config.learningRate = 0.05;
        config.seed = seed;
        Path model = dir.resolve("models").resolve("digits");
        long start = System.nanoTime();
        SisaModel.create(model, ModelSpec.mlp(784, 32, 10), config, data, SHARDS, SLICES, 1, "mean")
                .trainAll(new LocalJobRunner(Parallel.threads()), null);
        out.printf(Locale.ROOT, "  %d shards x %d slices, MLP 784-32-10, on the bundled digits: trained in %.1f s%n",
                SHARDS, SLICES, seconds(start));
        List<String> subjects = data.train.distinctSubjects();
        String subject = subjects.get(new Rng(Rng.derive(seed, SUBJECT_STREAM)).nextInt(subjects.size()));

        Path certificateFile = dir.resolve("certificate.json");
        String publicKey;
        LetheServer.Settings settings = LetheServer.Settings.defaults(dir.resolve("service"))
                .withBatchWindow(Duration.ofMillis(200));
        try (LetheServer server = LetheServer.open(settings)) {
            step(2, "Start the deletion service");
            server.service().catalog().register("digits", model, null);
            String app = server.tokens().create("app", EnumSet.of(Scope.DELETION_CREATE, Scope.DELETION_READ)).token();
            String dpo = server.tokens().create("dpo",
                    EnumSet.of(Scope.DELETION_REVIEW, Scope.DELETION_READ, Scope.LEDGER_READ)).token();
            server.start("127.0.0.1", 0);
            base = "http://127.0.0.1:" + server.port();
            out.printf("  %s/ on SQLite in %s; tokens 'app' (deletion:create, deletion:read) and 'dpo' "
                    + "(deletion:review, deletion:read, ledger:read)%n", base, settings.dataDir());

            step(3, "Submit an erasure request for " + subject + " and approve it");
            ObjectNode body = JSON.createObjectNode().put("subject", subject).put("model", "digits")
                    .put("reason", "Art. 17 GDPR").put("requester", "demo@example.org").put("client_request_id", "demo-1");
            JsonNode request = call("POST", "/v1/deletion-requests", app, body.toString(), 201);
            String id = request.get("id").asText();
            out.printf("  POST /v1/deletion-requests (token app)          -> 201 %s, %s%n", id, request.get("status").asText());
            JsonNode review = call("POST", "/v1/deletion-requests/approve", dpo,
                    JSON.createObjectNode().set("ids", JSON.createArrayNode().add(id)).toString(), 200);
            out.printf("  POST /v1/deletion-requests/approve (token dpo)  -> %s%n",
                    review.get("results").get(0).get("status").asText());

            step(4, "Wait for the worker to apply and certify it");
            start = System.nanoTime();
            JsonNode done = awaitCertified(id, app);
            List<String> timeline = new ArrayList<>();
            done.get("events").forEach(e -> timeline.add(e.get("state").asText()));
            out.printf(Locale.ROOT, "  certified after %.1f s; timeline: %s%n", seconds(start), String.join(" -> ", timeline));
            String certificate = call("GET", "/v1/deletion-requests/" + id + "/certificate", app, null, 200).toPrettyString();
            Files.writeString(certificateFile, certificate);
            publicKey = call("GET", "/v1/ledger/public-key", dpo, null, 200).get("public_key").asText();
            Certificate cert = read(certificate);
            cert.executions().forEach(x -> out.printf("  %s: new version %s by %s (%s), parameter hash %s... -> %s...%n",
                    x.model(), x.version(), x.method(), x.exact() ? "exact" : "approximate",
                    x.hashBefore().substring(0, 12), x.hashAfter().substring(0, 12)));
            out.printf("  certificate saved to %s; ledger public key %s%n", certificateFile, publicKey);
        }

        step(5, "Check the certificate offline (the service is stopped)");
        Certificate cert = read(Files.readString(certificateFile));
        byte[] key = Base64.getDecoder().decode(publicKey);
        List<String> problems = CertificateCheck.problems(cert, key);
        if (problems.isEmpty()) {
            out.printf("  certificate valid: request %s, entry %d in a signed tree of %d entries%n", cert.requestId(),
                    cert.leafIndex(), cert.treeSize());
            out.println("  (checked: the checkpoint's Ed25519 signature, the entry's RFC 9162 inclusion proof, and that the"
                    + " entry is this request's applied entry with these executions)");
        } else {
            out.println("  certificate INVALID:");
            problems.forEach(p -> out.println("    " + p));
        }
        List<String> tampered = CertificateCheck.problems(withOtherEntry(cert), key);
        out.printf("  a copy with one byte of the entry changed: %s%n",
                tampered.isEmpty() ? "ACCEPTED (a bug: please report it)" : "rejected (" + tampered.get(0) + ")");
        out.printf("  the same check by hand, offline (keep the files with --keep or --out): lethe ledger verify-certificate %s --public-key %s%n",
                certificateFile, publicKey);
        return problems.isEmpty() && !tampered.isEmpty();
    }

    private void step(int n, String title) {
        out.printf("%n[%d/5] %s%n", n, title);
        out.flush();
    }

    private JsonNode awaitCertified(String id, String token) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode r = call("GET", "/v1/deletion-requests/" + id, token, null, 200);
            String status = r.get("status").asText();
            if (status.equals("certified")) {
                return r;
            }
            if (status.equals("failed") || status.equals("denied") || status.equals("cancelled")) {
                throw new IllegalStateException("request " + id + " ended " + status + ": " + r.path("error").asText(""));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("request " + id + " is still " + status + " after " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }

    private JsonNode call(String method, String path, String token, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private static Certificate read(String json) throws Exception {
        return JSON.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(json, Certificate.class);
    }

    // The certificate with one byte near the end of its entry changed, as a forger editing the record would.
    private static Certificate withOtherEntry(Certificate c) {
        byte[] entry = Base64.getDecoder().decode(c.entry());
        entry[entry.length - 2] ^= 1;
        return new Certificate(c.format(), c.requestId(), Base64.getEncoder().encodeToString(entry), c.leafIndex(),
                c.treeSize(), c.inclusionProof(), c.checkpoint(), c.publicKey(), c.executions(), c.evidence());
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
