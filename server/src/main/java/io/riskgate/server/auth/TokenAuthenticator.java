package io.riskgate.server.auth;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Finds the caller of a bearer token by comparing the token's SHA-256 with every configured hash in
 * constant time ({@link MessageDigest#isEqual}), always against all of them, so neither the
 * comparison nor the search time depends on how much of a hash matched. Tokens are never stored or
 * logged; only their hashes are known here.
 */
public final class TokenAuthenticator {
  /** A configured token: its holder and the SHA-256 of the token. */
  public record Entry(Caller caller, byte[] sha256) {
    public Entry {
      if (sha256.length != 32) {
        throw new IllegalArgumentException("a token hash is 32 bytes of SHA-256");
      }
      sha256 = sha256.clone();
    }

    /** An entry from a hash written as 64 hex digits. */
    public static Entry of(Caller caller, String sha256Hex) {
      return new Entry(
          caller, HexFormat.of().parseHex(sha256Hex.toLowerCase(java.util.Locale.ROOT)));
    }
  }

  private final List<Entry> entries;

  public TokenAuthenticator(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * The caller holding the token in an {@code Authorization} header value ({@code Bearer <token>}),
   * or empty when the header is missing, malformed or names no configured token.
   */
  public Optional<Caller> authenticate(String authorizationHeader) {
    if (authorizationHeader == null
        || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    final String token = authorizationHeader.substring(7).trim();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    final byte[] hash = TokenHash.sha256(token);
    Caller found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(hash, entry.sha256()) && found == null) {
        found = entry.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  /** How many tokens are configured. */
  public int size() {
    return entries.size();
  }
}
