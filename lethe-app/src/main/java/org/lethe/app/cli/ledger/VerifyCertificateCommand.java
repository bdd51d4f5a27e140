package org.lethe.app.cli.ledger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import org.lethe.app.cli.JsonOption;
import org.lethe.app.cli.JsonOutput;
import org.lethe.app.cli.VersionInfo;
import org.lethe.server.ledger.Certificate;
import org.lethe.server.ledger.CertificateCheck;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lethe ledger verify-certificate}: checks a deletion certificate offline against a trusted public key. */
@Command(name = "verify-certificate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionInfo.class,
        description = {"Check a deletion certificate offline: checkpoint signature, inclusion proof, entry contents.",
                "Exit 1 when it does not hold."})
public final class VerifyCertificateCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private JsonOption json;

    @Parameters(index = "0", paramLabel = "CERT.json", description = "The certificate.")
    private Path certificate;

    @Option(names = "--public-key", required = true, paramLabel = "KEY",
            description = "The ledger's public key: base64 of the raw 32 bytes, or a file holding it.")
    private String publicKey;

    /** The printed result. */
    record Result(String certificate, boolean valid, List<String> problems) {
    }

    @Override
    public Integer call() throws Exception {
        byte[] key = key();
        Certificate cert;
        try {
            cert = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(certificate.toFile(), Certificate.class);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), certificate + ": not a deletion certificate ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        List<String> problems = CertificateCheck.problems(cert, key);
        PrintWriter out = spec.commandLine().getOut();
        if (json.enabled()) {
            JsonOutput.print(out, new Result(certificate.toString(), problems.isEmpty(), problems));
        } else if (problems.isEmpty()) {
            out.printf("certificate valid: request %s, entry %d in a signed tree of %d entries%n", cert.requestId(),
                    cert.leafIndex(), cert.treeSize());
        } else {
            out.println("certificate INVALID:");
            problems.forEach(p -> out.println("  " + p));
        }
        out.flush();
        return problems.isEmpty() ? 0 : 1;
    }

    private byte[] key() {
        String text = publicKey.trim();
        try {
            Path file = Path.of(text);
            if (Files.isRegularFile(file)) {
                text = Files.readString(file).trim();
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            // not a file: the key itself
        }
        try {
            byte[] key = Base64.getDecoder().decode(text);
            if (key.length != 32) {
                throw new IllegalArgumentException("decodes to " + key.length + " bytes, not 32");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--public-key: not a base64 Ed25519 key (" + e.getMessage() + ")");
        }
    }
}
