package io.riskgate.app.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.server.codec.ExactJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Limit sets laid over a replay: "what if these limits had been in force". Named so because they
 * override, scope by scope and limit by limit, whatever the replayed events set.
 *
 * <p>A file is a YAML list of {@code {scope: "account:A1", limits: {maxPositionFraction: 0.2}}}
 * entries (limit names and values as in the event language; {@code null} removes a limit). The
 * overrides of a scope are applied right after the event that defines the scope (the firm's before
 * the first event) and again right after every {@code limits} event of the replayed file for that
 * scope, so for the limits they name they always win; limits they do not name keep the values the
 * events give them.
 */
public record LimitOverrides(String source, Map<Scope, Event.Limits> byScope) {
  private static final ObjectMapper YAML =
      ExactJson.configure(YAMLMapper.builder())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** No overrides: the events' own limits. */
  public static final LimitOverrides NONE = new LimitOverrides("events", Map.of());

  public LimitOverrides {
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("a limit file needs a name");
    }
    byScope = Map.copyOf(byScope);
  }

  /** True when there is nothing to override. */
  public boolean isEmpty() {
    return byScope.isEmpty();
  }

  /**
   * The limits event to apply right after {@code event}, or null when the event neither defines a
   * scope with overrides nor changes its limits.
   */
  public Event.Limits after(Event event) {
    if (byScope.isEmpty()) {
      return null;
    }
    final Scope scope;
    if (event instanceof Event.Account a) {
      scope = new Scope(Scope.Kind.ACCOUNT, a.account());
    } else if (event instanceof Event.Strategy s) {
      scope = new Scope(Scope.Kind.STRATEGY, s.strategy());
    } else if (event instanceof Event.Instrument i) {
      scope = new Scope(Scope.Kind.INSTRUMENT, i.symbol());
    } else if (event instanceof Event.Limits l) {
      scope = l.scope();
    } else {
      return null;
    }
    return byScope.get(scope);
  }

  /** The firm's overrides, applied before the first event, or null. */
  public Event.Limits firm() {
    return byScope.get(Scope.FIRM);
  }

  /** Reads a limit file; every problem is reported at once, each naming its place in the file. */
  public static LimitOverrides load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses the YAML text of a limit file.
   *
   * @throws IllegalArgumentException listing every problem, each with the entry and field
   */
  public static LimitOverrides parse(String yaml, String source) {
    final JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new IllegalArgumentException(source + ": empty; expected a list of limit sets");
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException(
          source + ": expected a list of {scope, limits} entries at the top level");
    }
    final List<String> problems = new ArrayList<>();
    final Map<Scope, Event.Limits> byScope = new LinkedHashMap<>();
    for (int i = 0; i < root.size(); i++) {
      final String where = "entry " + (i + 1);
      final Event.Limits entry = entry(root.get(i), where, problems);
      if (entry == null) {
        continue;
      }
      if (byScope.containsKey(entry.scope())) {
        problems.add(where + ": scope " + entry.scope() + " appears more than once");
      } else {
        byScope.put(entry.scope(), entry);
      }
    }
    if (root.isEmpty()) {
      problems.add("the list is empty");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(source + ": " + String.join("; ", problems));
    }
    return new LimitOverrides(source, byScope);
  }

  private static Event.Limits entry(JsonNode node, String where, List<String> problems) {
    if (!node.isObject()) {
      problems.add(where + ": expected a mapping with keys scope and limits");
      return null;
    }
    final int before = problems.size();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      final String name = names.next();
      if (!name.equals("scope") && !name.equals("limits")) {
        problems.add(where + ": unknown key \"" + name + "\" (expected scope and limits)");
      }
    }
    Scope scope = null;
    final JsonNode scopeNode = node.get("scope");
    if (scopeNode == null || scopeNode.isNull()) {
      problems.add(where + ": scope is missing");
    } else if (!scopeNode.isTextual()) {
      problems.add(where + ": scope must be a string such as \"account:A1\"");
    } else {
      try {
        scope = Scope.parse(scopeNode.textValue());
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    final Map<Limit, Long> limits = new LinkedHashMap<>();
    final JsonNode limitsNode = node.get("limits");
    if (limitsNode == null || limitsNode.isNull()) {
      problems.add(where + ": limits is missing");
    } else if (!limitsNode.isObject() || limitsNode.isEmpty()) {
      problems.add(where + ": limits must be a non-empty mapping of limit names to values");
    } else {
      for (Map.Entry<String, JsonNode> field : limitsNode.properties()) {
        limit(field.getKey(), field.getValue(), where, limits, problems);
      }
    }
    if (problems.size() > before || scope == null) {
      return null;
    }
    try {
      return new Event.Limits(Event.NO_TIME, scope, limits, "limit file");
    } catch (IllegalArgumentException e) {
      problems.add(where + " (" + scope + "): " + e.getMessage());
      return null;
    }
  }

  private static void limit(
      String name, JsonNode value, String where, Map<Limit, Long> limits, List<String> problems) {
    final Limit limit;
    try {
      limit = Limit.byWireName(name);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": " + e.getMessage());
      return;
    }
    final String field = where + ": limit " + name;
    if (value.isNull()) {
      limits.put(limit, LimitSet.UNSET);
      return;
    }
    if (limit.unit() == Limit.Unit.FLAG) {
      if (!value.isBoolean()) {
        problems.add(field + " takes true or false");
      } else {
        limits.put(limit, value.booleanValue() ? Fixed.ONE : 0);
      }
      return;
    }
    if (!value.isNumber()) {
      problems.add(field + " must be a number, got \"" + value.asText() + "\"");
      return;
    }
    final BigDecimal decimal = value.decimalValue();
    try {
      limits.put(limit, limit.validate(Fixed.of(decimal)));
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
    }
  }
}
