package io.riskgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.auth.TokenAuthenticator;
import io.riskgate.server.auth.TokenHash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code tokens} section: who may call the API, with which role, for which strategies. */
final class TokensSection {
  private TokensSection() {}

  /**
   * The tokens at {@code path}: a list of {@code name}, {@code role}, {@code sha256}, {@code
   * strategies}.
   */
  static List<TokenAuthenticator.Entry> read(ConfigReader in, JsonNode list, String path) {
    final List<TokenAuthenticator.Entry> tokens = new ArrayList<>();
    if (list == null || list.isNull()) {
      return tokens;
    }
    if (!list.isArray()) {
      in.problems.add(path + " must be a list");
      return tokens;
    }
    final Set<String> names = new HashSet<>();
    final Set<String> hashes = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      final String label = path + "[" + i + "]";
      final JsonNode item = list.get(i);
      if (!item.isObject()) {
        in.problems.add(label + " must be a mapping");
        continue;
      }
      in.unknownKeys(item, label, Set.of("name", "role", "sha256", "strategies"));
      final String name = in.text(item, label + ".name", null);
      final String roleName = in.text(item, label + ".role", null);
      final String hash = in.text(item, label + ".sha256", null);
      Role role = null;
      if (roleName != null) {
        try {
          role = Role.fromConfigName(roleName);
        } catch (IllegalArgumentException e) {
          in.problems.add(label + ".role: " + e.getMessage());
        }
      }
      if (hash != null && !TokenHash.isSha256Hex(hash)) {
        in.problems.add(label + ".sha256 must be the token's SHA-256 as 64 hex digits");
      } else if (hash != null && !hashes.add(hash.toLowerCase(Locale.ROOT))) {
        in.problems.add(label + ".sha256 repeats the hash of an earlier token");
      }
      if (name != null && !names.add(name)) {
        in.problems.add(label + ".name \"" + name + "\" is used by an earlier token");
      }
      if (name != null && (name.equals(Caller.CONFIG.name()) || name.equals(Caller.CLOCK.name()))) {
        in.problems.add(
            label
                + ".name \""
                + name
                + "\" is the server's own name for events from the configuration or its clock");
      }
      final Set<String> strategies = new HashSet<>();
      boolean all = false;
      final JsonNode bound = item.get("strategies");
      if (bound != null && !bound.isNull()) {
        if (!bound.isArray()) {
          in.problems.add(label + ".strategies must be a list of strategy names, or [\"*\"]");
        } else {
          for (JsonNode s : bound) {
            if (!s.isTextual() || s.textValue().isBlank()) {
              in.problems.add(label + ".strategies must hold strategy names");
            } else if (s.textValue().equals("*")) {
              all = true;
            } else {
              strategies.add(s.textValue());
            }
          }
        }
      }
      if (role == Role.TRADER && !all && strategies.isEmpty()) {
        in.problems.add(
            label + ": a trader token needs strategies (names, or \"*\" for every one)");
      }
      if (role != null && role != Role.TRADER && (all || !strategies.isEmpty())) {
        in.problems.add(label + ".strategies applies to trader tokens only");
      }
      if (name != null && role != null && hash != null && TokenHash.isSha256Hex(hash)) {
        tokens.add(TokenAuthenticator.Entry.of(new Caller(name, role, strategies, all), hash));
      }
    }
    return tokens;
  }
}
