package org.lethe.server.ledger;

import java.util.HexFormat;

/** Lower-case hexadecimal, the way the ledger writes hashes. */
public final class Hex {
    private static final HexFormat HEX = HexFormat.of();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Parses hexadecimal; malformed text is an {@link IllegalArgumentException} naming it. */
    public static byte[] parse(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hexadecimal: '" + hex + "'");
        }
    }
}
