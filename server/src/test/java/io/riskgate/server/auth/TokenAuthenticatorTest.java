package io.riskgate.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenAuthenticatorTest {
  @TempDir Path data;

  @Test
  void sha256MatchesThePublishedTestVector() {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        TokenHash.sha256Hex("abc"));
  }

  @Test
  void findsTheHolderOfAValidTokenAndNobodyElse() {
    final Caller desk = new Caller("desk", Role.TRADER, Set.of("S1"), false);
    final TokenAuthenticator auth =
        new TokenAuthenticator(
            List.of(TokenAuthenticator.Entry.of(desk, TokenHash.sha256Hex("s3cret"))));
    assertEquals(desk, auth.authenticate("Bearer s3cret").orElseThrow());
    assertEquals(desk, auth.authenticate("bearer s3cret").orElseThrow());
    assertTrue(auth.authenticate("Bearer s3cre").isEmpty());
    assertTrue(auth.authenticate("Basic s3cret").isEmpty());
    assertTrue(auth.authenticate("Bearer ").isEmpty());
    assertTrue(auth.authenticate(null).isEmpty());
    assertTrue(desk.mayTradeFor("S1"));
    assertFalse(desk.mayTradeFor("S2"));
  }

  @Test
  void generatesOneTokenPerRoleOnceAndKeepsOnlyHashes() throws Exception {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final List<TokenAuthenticator.Entry> first =
        GeneratedTokens.loadOrCreate(data, new PrintStream(out, true, StandardCharsets.UTF_8));
    final String[] lines = out.toString(StandardCharsets.UTF_8).trim().split("\n");
    assertEquals(3, lines.length);
    final TokenAuthenticator auth = new TokenAuthenticator(first);
    for (String line : lines) {
      final String[] parts = line.split(" ");
      assertEquals("token", parts[0]);
      final Caller caller = auth.authenticate("Bearer " + parts[2]).orElseThrow();
      assertEquals(parts[1], caller.role().configName());
      assertFalse(
          Files.readString(data.resolve(GeneratedTokens.FILE_NAME)).contains(parts[2]),
          "the token itself is never stored");
    }
    assertTrue(
        auth.authenticate("Bearer " + lines[0].split(" ")[2]).orElseThrow().mayTradeFor("ANY"));
    final ByteArrayOutputStream again = new ByteArrayOutputStream();
    final List<TokenAuthenticator.Entry> second =
        GeneratedTokens.loadOrCreate(data, new PrintStream(again, true, StandardCharsets.UTF_8));
    assertEquals(0, again.size(), "a later start prints nothing");
    assertEquals(3, second.size());
    final TokenAuthenticator reloaded = new TokenAuthenticator(second);
    assertTrue(reloaded.authenticate("Bearer " + lines[2].split(" ")[2]).isPresent());
    assertNotEquals(lines[0], lines[1]);
  }
}
