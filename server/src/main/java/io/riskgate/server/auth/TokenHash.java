package io.riskgate.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** SHA-256 of bearer tokens as lower-case hex, and generation of new random tokens. */
public final class TokenHash {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenHash() {}

  /** The SHA-256 of the token's UTF-8 bytes, as 64 lower-case hex digits. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  /** The SHA-256 of the token's UTF-8 bytes. */
  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Whether {@code text} is a SHA-256 in hex: 64 hex digits. */
  public static boolean isSha256Hex(String text) {
    return text != null && text.matches("[0-9a-fA-F]{64}");
  }

  /** A new random token: 32 bytes from a {@link SecureRandom}, URL-safe base64 without padding. */
  public static String newToken() {
    final byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return "rg_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
