package io.riskgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed values out of a configuration's YAML tree and gathers every problem it meets, each
 * naming its field, so that one error lists them all.
 */
final class ConfigReader {
  ConfigReader() {}

  final List<String> problems = new ArrayList<>();

  JsonNode mapping(JsonNode parent, String path, boolean required) {
    final JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
    if (node == null || node.isNull()) {
      if (required) {
        problems.add(path + " is missing");
      }
      return null;
    }
    if (!node.isObject()) {
      problems.add(path + " must be a mapping");
      return null;
    }
    return node;
  }

  JsonNode list(JsonNode parent, String path) {
    final JsonNode node = parent.get(path.substring(path.lastIndexOf('.') + 1));
    if (node == null || node.isNull()) {
      problems.add(path + " is missing");
      return null;
    }
    if (!node.isArray()) {
      problems.add(path + " must be a list");
      return null;
    }
    return node;
  }

  void unknownKeys(JsonNode node, String path, Set<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      final String key = it.next();
      if (!allowed.contains(key)) {
        problems.add(
            path + ": unknown key \"" + key + "\"; known: " + String.join(", ", sorted(allowed)));
      }
    }
  }

  static List<String> sorted(Set<String> names) {
    final List<String> list = new ArrayList<>(names);
    list.sort(null);
    return list;
  }

  String text(JsonNode node, String path, String fallback) {
    final JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value.isNull()) {
      if (fallback == null) {
        problems.add(path + " is missing");
      }
      return fallback;
    }
    if (!value.isTextual() || value.textValue().isBlank()) {
      problems.add(path + " must be a non-empty string");
      return fallback;
    }
    return value.textValue();
  }

  boolean bool(JsonNode node, String path, boolean fallback) {
    final JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      problems.add(path + " must be true or false, got " + value);
      return fallback;
    }
    return value.booleanValue();
  }

  long integer(JsonNode node, String path, long fallback, long min, long max) {
    final JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      problems.add(path + " must be a whole number, got " + value);
      return fallback;
    }
    final long v = value.longValue();
    if (v < min || v > max) {
      problems.add(path + " must be in [" + min + ", " + max + "], got " + v);
      return fallback;
    }
    return v;
  }

  String optionalText(JsonNode node, String path) {
    return node.has(path.substring(path.lastIndexOf('.') + 1)) ? text(node, path, "") : null;
  }
}
