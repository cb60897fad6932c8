package org.langscore.web.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The operator's API tokens, kept only as SHA-256 digests. A configured entry is a plain token or
 * {@code sha256:<hex>} (so that the plain token need not be written anywhere). Presented tokens are
 * compared digest to digest in constant time.
 */
public final class BearerTokens {
    private final List<byte[]> digests = new ArrayList<>();

    /** @param configured the entries of {@code langscore.api.tokens} */
    public BearerTokens(List<String> configured) {
        for (String entry : configured) {
            String token = entry.strip();
            if (token.isEmpty()) {
                continue;
            }
            if (token.startsWith("sha256:")) {
                try {
                    digests.add(HexFormat.of().parseHex(token.substring("sha256:".length())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("langscore.api.tokens: an entry starting with 'sha256:' must be"
                            + " followed by 64 hex digits", e);
                }
            } else {
                digests.add(sha256(token));
            }
        }
    }

    /** @return whether no token is configured (then every write is refused) */
    public boolean isEmpty() {
        return digests.isEmpty();
    }

    /** @return whether the presented token is one of the configured ones */
    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] digest = sha256(presented);
        boolean found = false;
        for (byte[] known : digests) {
            found |= MessageDigest.isEqual(known, digest);
        }
        return found;
    }

    /** @return the SHA-256 digest of a token's UTF-8 bytes */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
