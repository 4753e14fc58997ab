package dev.steadfast.console;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The tokens that operator actions must carry (a synchronizer token against cross-site request forgery): an
 * HMAC-SHA256 of the caller's name under a key drawn when the application starts. The page embeds the token for the
 * caller it is served to; a POST must send it back in the {@value #HEADER} header, which a form of another site cannot
 * set and whose value a script of another site cannot read. A token is valid for its caller until the application
 * restarts. Thread-safe.
 */
final class CsrfTokens {

    /** The request header that carries the token. */
    static final String HEADER = "X-Steadfast-Csrf";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    CsrfTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /** The token of the caller named {@code user} ({@code ""} for an anonymous one). */
    String tokenFor(String user) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(user.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Whether {@code token} is the token of {@code user}, compared in constant time. */
    boolean matches(String user, String token) {
        if (token == null) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(user).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
