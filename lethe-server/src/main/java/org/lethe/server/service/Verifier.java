package org.lethe.server.service;

/**
 * The pluggable verification step: decides, at submission, whether a request's requester is entitled to it.
 * {@link #AUTOMATIC} verifies every request at once (the demo's); {@link #REVIEWER} leaves requests received until a
 * reviewer verifies them ({@code POST /v1/deletion-requests/{id}/verify}); {@link #code} checks a shared code.
 */
@FunctionalInterface
public interface Verifier {
    /** Null when {@code body} is verified now; otherwise why it is not (the request then waits for a reviewer). */
    String check(SubmitBody body);

    /** Verifies every request. */
    Verifier AUTOMATIC = body -> null;

    /** Verifies none: a reviewer does. */
    Verifier REVIEWER = body -> "awaiting verification by a reviewer";

    /** Verifies requests that carry {@code code} as their verification code. */
    static Verifier code(String code) {
        return body -> code.equals(body.verificationCode()) ? null : "verification code missing or wrong";
    }

    /** The verifier named on the command line: {@code automatic}, {@code reviewer} or {@code code:SECRET}. */
    static Verifier parse(String spec) {
        if ("automatic".equals(spec)) {
            return AUTOMATIC;
        }
        if ("reviewer".equals(spec)) {
            return REVIEWER;
        }
        if (spec != null && spec.startsWith("code:") && spec.length() > 5) {
            return code(spec.substring(5));
        }
        throw new IllegalArgumentException("--verification: use automatic, reviewer or code:SECRET, not '" + spec + "'");
    }
}
