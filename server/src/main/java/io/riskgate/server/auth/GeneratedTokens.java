package io.riskgate.server.auth;

import io.riskgate.server.config.ConfigLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tokens the server makes for itself when the configuration names none: on the first start one
 * random token per role is generated, each printed once as {@code token <role> <token>}, and only
 * their SHA-256 hashes are kept, in {@code tokens.yaml} of the data directory. Later starts read
 * the hashes and print nothing secret. The generated trader token may act for every strategy.
 */
public final class GeneratedTokens {
  /** The file, inside the data directory, that keeps the hashes. */
  public static final String FILE_NAME = "tokens.yaml";

  private GeneratedTokens() {}

  /** Reads the kept hashes, or generates, prints and keeps new tokens on the first start. */
  public static List<TokenAuthenticator.Entry> loadOrCreate(Path dataDirectory, PrintStream out)
      throws IOException {
    final Path file = dataDirectory.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return ConfigLoader.parseTokens(Files.readString(file), file.toString());
    }
    Files.createDirectories(dataDirectory);
    final StringBuilder yaml =
        new StringBuilder(
            "# SHA-256 hashes of the tokens generated on the first start.\ntokens:\n");
    final List<TokenAuthenticator.Entry> entries = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    for (Role role : Role.values()) {
      final String token = TokenHash.newToken();
      final String hash = TokenHash.sha256Hex(token);
      final String name = "generated-" + role.configName();
      final boolean trader = role == Role.TRADER;
      yaml.append("  - name: ")
          .append(name)
          .append("\n    role: ")
          .append(role.configName())
          .append("\n    sha256: \"")
          .append(hash)
          .append("\"\n");
      if (trader) {
        yaml.append("    strategies: [\"*\"]\n");
      }
      entries.add(TokenAuthenticator.Entry.of(new Caller(name, role, Set.of(), trader), hash));
      lines.add("token " + role.configName() + " " + token);
    }
    final Path temp = dataDirectory.resolve(FILE_NAME + ".tmp");
    Files.writeString(temp, yaml, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the file keeps only hashes, so default permissions are acceptable.
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    for (String line : lines) {
      out.println(line);
    }
    out.flush();
    return entries;
  }
}
