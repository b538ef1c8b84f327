package io.riskgate.core.limit;

import java.util.Objects;

/**
 * Where a limit set or a trading state applies: the whole firm, one account, one strategy or one
 * instrument. Written {@code "firm"}, {@code "account:A1"}, {@code "strategy:S1"}, {@code
 * "instrument:BTC-USD"} in the event language.
 */
public record Scope(Kind kind, String name) {

  /** The four kinds of scope. */
  public enum Kind {
    FIRM,
    ACCOUNT,
    STRATEGY,
    INSTRUMENT
  }

  /** The firm scope. */
  public static final Scope FIRM = new Scope(Kind.FIRM, "");

  public Scope {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (kind == Kind.FIRM && !name.isEmpty()) {
      throw new IllegalArgumentException("the firm scope has no name");
    }
    if (kind != Kind.FIRM && name.isBlank()) {
      throw new IllegalArgumentException(
          kind.name().toLowerCase(java.util.Locale.ROOT) + " scope needs a name");
    }
  }

  /** Parses {@code "firm"} or {@code "kind:name"}. */
  public static Scope parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("scope is missing");
    }
    if ("firm".equalsIgnoreCase(text)) {
      return FIRM;
    }
    final int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException(
          "scope must be \"firm\" or \"account:<id>\", \"strategy:<id>\", \"instrument:<symbol>\";"
              + " got \""
              + text
              + "\"");
    }
    final String kind = text.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
    final String name = text.substring(colon + 1);
    switch (kind) {
      case "account":
        return new Scope(Kind.ACCOUNT, name);
      case "strategy":
        return new Scope(Kind.STRATEGY, name);
      case "instrument":
        return new Scope(Kind.INSTRUMENT, name);
      default:
        throw new IllegalArgumentException(
            "unknown scope kind \"" + kind + "\" in \"" + text + "\"");
    }
  }

  @Override
  public String toString() {
    return kind == Kind.FIRM ? "firm" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
  }
}
