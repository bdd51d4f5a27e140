package org.lethe.server.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.lethe.server.db.Database;
import org.lethe.server.ledger.Hex;

/**
 * API tokens. A token is 32 random bytes shown once at creation; the database keeps only its SHA-256 (the token is
 * random, so a plain hash cannot be reversed by guessing), its name and scopes.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "lethe_";
    private final Database db;
    private final ConcurrentHashMap<String, Principal> cache = new ConcurrentHashMap<>();

    public Tokens(Database db) {
        this.db = db;
    }

    /** A created token: the secret (shown once) and its principal. */
    public record Created(String token, Principal principal) {
    }

    /** Creates a token named {@code name} with {@code scopes}. */
    public Created create(String name, Set<Scope> scopes) throws SQLException {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a token needs a name of 1 to 100 characters");
        }
        if (scopes.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one scope");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = UUID.randomUUID().toString();
        db.tx(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO tokens (id, name, hash, scopes, created_at) VALUES (?, ?, ?, ?, ?)")) {
                p.setString(1, id);
                p.setString(2, name);
                p.setString(3, hash(token));
                p.setString(4, String.join(",", scopes.stream().map(Scope::wire).toList()));
                p.setString(5, Instant.now().toString());
                p.executeUpdate();
            }
            return null;
        });
        return new Created(token, new Principal(id, name, Set.copyOf(scopes)));
    }

    /** The principal of {@code token}, or null when no such token exists. */
    public Principal authenticate(String token) throws SQLException {
        String h = hash(token);
        Principal cached = cache.get(h);
        if (cached != null) {
            return cached;
        }
        Principal found = db.tx(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id, name, scopes FROM tokens WHERE hash = ?")) {
                p.setString(1, h);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    return new Principal(rs.getString(1), rs.getString(2), parseScopes(rs.getString(3)));
                }
            }
        });
        if (found != null) {
            cache.put(h, found);
        }
        return found;
    }

    /** Parses a comma-separated scope list. */
    public static Set<Scope> parseScopes(String list) {
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        for (String s : List.of(list.split(","))) {
            if (!s.isBlank()) {
                out.add(Scope.parse(s));
            }
        }
        return out;
    }

    static String hash(String token) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
