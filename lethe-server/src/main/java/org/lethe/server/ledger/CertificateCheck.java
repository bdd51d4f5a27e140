package org.lethe.server.ledger;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Checks a {@link Certificate} offline against a public key the verifier trusts. */
public final class CertificateCheck {
    private CertificateCheck() {
    }

    /**
     * Checks, in order: the certificate names the trusted key; the checkpoint's signature; the entry's inclusion in
     * the checkpoint's tree; that the entry is canonical, is the request's {@code applied} entry and records the
     * executions the certificate lists. Returns the failures, empty when the certificate holds.
     */
    public static List<String> problems(Certificate cert, byte[] trustedKey) {
        List<String> problems = new ArrayList<>();
        if (!Certificate.FORMAT.equals(cert.format())) {
            problems.add("format is '" + cert.format() + "', expected " + Certificate.FORMAT);
            return problems;
        }
        if (!Base64.getEncoder().encodeToString(trustedKey).equals(cert.publicKey())) {
            problems.add("the certificate names another public key than the one given");
        }
        SignedNote note;
        try {
            note = SignedNote.verify(cert.checkpoint(), trustedKey);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return problems;
        }
        if (note.size() != cert.treeSize()) {
            problems.add("tree_size " + cert.treeSize() + " but the checkpoint signs size " + note.size());
        }
        byte[] entry;
        List<byte[]> proof = new ArrayList<>();
        try {
            entry = Base64.getDecoder().decode(cert.entry());
            for (String h : cert.inclusionProof()) {
                proof.add(Hex.parse(h));
            }
        } catch (IllegalArgumentException e) {
            problems.add("malformed entry or proof: " + e.getMessage());
            return problems;
        }
        if (!MerkleTree.verifyInclusion(MerkleTree.leafHash(entry), cert.leafIndex(), note.size(), proof, note.root())) {
            problems.add("the inclusion proof does not lead from the entry to the checkpoint's root");
        }
        try {
            LedgerEntry parsed = CanonicalJson.read(entry, LedgerEntry.class);
            if (!java.util.Arrays.equals(parsed.bytes(), entry)) {
                problems.add("the entry is not in canonical form");
            }
            if (!"applied".equals(parsed.state()) || !cert.requestId().equals(parsed.requestId())) {
                problems.add("the entry is not the applied entry of request " + cert.requestId());
            }
            if (parsed.executions() == null || !parsed.executions().equals(cert.executions())) {
                problems.add("the executions listed differ from those the entry records");
            }
        } catch (java.io.IOException e) {
            problems.add("the entry is not a ledger entry: " + e.getMessage());
        }
        return problems;
    }
}
