package io.riskgate.server.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * One event's fields as read, before they mean anything: for each field of the event language
 * whether it came and with which kind of value (string, number, true, false, null, object or
 * other), what reading the value needs later, the order the fields came in, and the entries of a
 * {@code limits} object. Filled from the tokens of a JSON text ({@link #readText}), without
 * building a tree, or from a JSON tree ({@link #readTree}); {@link EventCodec}, the grammar, reads
 * both the same way. One instance serves one thread, event after event.
 *
 * <p>Reading a text checks what Jackson's {@code readTree} checks, in the same order and with the
 * same messages: well-formed JSON, no duplicate key in any object, no token after the first value,
 * and every number readable (a fraction as an exact decimal); so a text and the tree read from it
 * give the same event or the same error.
 */
final class EventFields {

  /** Kinds of value. */
  static final byte ABSENT = 0;

  static final byte NULL = 1;
  static final byte STRING = 2;
  static final byte NUMBER = 3;
  static final byte TRUE = 4;
  static final byte FALSE = 5;
  static final byte OBJECT = 6;

  /** An array, or in a tree a node that is none of the above (binary, POJO, missing). */
  static final byte OTHER = 7;

  /** No plain decimal (see {@link PlainDecimal}). */
  static final long NOT_PLAIN = PlainDecimal.NOT_PLAIN;

  private static final int FIELDS = EventField.ALL.length;

  /** Jackson's tokenizer as the codec's tree reader has it: duplicate keys refused. */
  private static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** The same without duplicate detection, for the first read (see {@link #readText}). */
  private static final JsonFactory FAST = new JsonFactory();

  /**
   * Jackson's own words when {@code readTree} with {@code FAIL_ON_TRAILING_TOKENS} meets a token
   * after the value, kept so a text gives the message its tree would.
   */
  private static final String TRAILING =
      "Trailing token (of type %s) found after value (bound as"
          + " `com.fasterxml.jackson.databind.JsonNode`): not allowed as per"
          + " `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`";

  // Values by slot: a field's slot is its ordinal; the limits object's entries follow.
  private byte[] kinds = new byte[FIELDS + 8];
  private String[] texts = new String[FIELDS + 8];
  private long[] plains = new long[FIELDS + 8];
  private Object[] exacts = new Object[FIELDS + 8];

  private boolean object;

  /** The fields that came, as a set of {@link EventField#bit()}s. */
  private long seen;

  /** The fields in the order they came: an ordinal, or -1 - i for the i-th unknown name. */
  private int[] order = new int[FIELDS];

  private int fieldCount;
  private String[] unknown = new String[4];
  private int unknownCount;
  private String[] limitNames = new String[8];
  private int limitCount;

  /** Whether the value read was a JSON object; if not, nothing else is set. */
  boolean isObject() {
    return object;
  }

  /** The kind of the value in {@code slot}, {@link #ABSENT} when the field did not come. */
  byte kind(int slot) {
    return kinds[slot];
  }

  /** The string of a {@link #STRING} value; the text of a {@link #NUMBER} read from text. */
  String text(int slot) {
    return texts[slot];
  }

  /** A {@link #NUMBER} read from text as a fixed-point long when its text is a plain decimal. */
  long plain(int slot) {
    return plains[slot];
  }

  /**
   * A {@link #NUMBER} as an exact decimal.
   *
   * @throws IllegalArgumentException (a {@link NumberFormatException}) for a tree's NaN or infinite
   *     double, as {@code JsonNode.decimalValue} does
   */
  BigDecimal decimal(int slot) {
    final Object exact = exacts[slot];
    if (exact instanceof JsonNode node) {
      return node.decimalValue();
    }
    return exact != null ? (BigDecimal) exact : new BigDecimal(texts[slot]);
  }

  /** A {@link #NUMBER} as a double, as {@code JsonNode.doubleValue} gives it. */
  double doubleValue(int slot) {
    final Object exact = exacts[slot];
    return exact instanceof JsonNode node ? node.doubleValue() : decimal(slot).doubleValue();
  }

  /** How many entries the {@code limits} object had (when its value was an object). */
  int limitCount() {
    return limitCount;
  }

  /** The name of the {@code i}-th entry of the {@code limits} object. */
  String limitName(int i) {
    return limitNames[i];
  }

  /** The slot of the {@code i}-th entry of the {@code limits} object. */
  static int limitSlot(int i) {
    return FIELDS + i;
  }

  /** The first field, in the order they came, that is not in {@code allowed}; null if none. */
  String firstOutside(long allowed) {
    if (unknownCount == 0 && (seen & ~allowed) == 0) {
      return null;
    }
    for (int i = 0; i < fieldCount; i++) {
      final int field = order[i];
      if (field < 0) {
        return unknown[-1 - field];
      }
      if ((allowed & (1L << field)) == 0) {
        return EventField.ALL[field].wireName();
      }
    }
    return null;
  }

  /**
   * Reads the fields of one JSON text.
   *
   * <p>A first read leaves out Jackson's duplicate detection, which keeps a hash set of every
   * object's keys and costs about a tenth of the read: it notes a repeated field itself. When it
   * meets a repeated key, an object nested where no event has one, or any error, the text is read
   * again with Jackson's detection on, and that read's outcome stands, so the error is reported
   * where and as the tree reader reports it (a key repeated before a malformed value is the
   * repetition, for instance).
   *
   * @throws IllegalArgumentException {@code malformed JSON: ...} as the codec's tree reader says it
   */
  void readText(String json) {
    try {
      if (readText(json, FAST, false)) {
        return;
      }
    } catch (IOException | RuntimeException e) {
      // The read below gives the outcome, in Jackson's words.
    }
    try {
      readText(json, STRICT, true);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("malformed JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("reading a string failed", e);
    }
  }

  /**
   * One read of a text; false when a read without duplicate detection ({@code strict} false) met a
   * repeated key or a nested object, and the text must be read strictly.
   */
  private boolean readText(String json, JsonFactory factory, boolean strict) throws IOException {
    clear();
    try (JsonParser p = factory.createParser(json)) {
      final JsonToken token = p.nextToken();
      if (token == null) {
        return true;
      }
      if (token != JsonToken.START_OBJECT) {
        if (!skipValue(p, strict)) {
          return false;
        }
        refuseTrailing(p);
        return true;
      }
      object = true;
      String name;
      while ((name = p.nextFieldName()) != null) {
        final EventField field = EventField.named(name);
        p.nextToken();
        if (field == null) {
          if (!strict && isUnknownAlready(name)) {
            return false;
          }
          cameUnknown(name);
          if (!skipValue(p, strict)) {
            return false;
          }
          continue;
        }
        if ((seen & field.bit()) != 0) {
          return false;
        }
        came(field);
        if (field == EventField.LIMITS && p.currentToken() == JsonToken.START_OBJECT) {
          kinds[field.ordinal()] = OBJECT;
          if (!readLimitEntries(p, strict)) {
            return false;
          }
        } else if (!readValue(p, field.ordinal(), strict)) {
          return false;
        }
      }
      refuseTrailing(p);
      return true;
    }
  }

  private boolean isUnknownAlready(String name) {
    for (int i = 0; i < unknownCount; i++) {
      if (unknown[i].equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Reads the fields of a JSON tree; anything but an object leaves {@link #isObject()} false. */
  void readTree(JsonNode node) {
    clear();
    if (node == null || !node.isObject()) {
      return;
    }
    object = true;
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      final EventField field = EventField.named(entry.getKey());
      if (field == null) {
        cameUnknown(entry.getKey());
        continue;
      }
      came(field);
      final JsonNode value = entry.getValue();
      if (field == EventField.LIMITS && value.isObject()) {
        kinds[field.ordinal()] = OBJECT;
        for (Map.Entry<String, JsonNode> limit : value.properties()) {
          setNode(addLimit(limit.getKey()), limit.getValue());
        }
      } else {
        setNode(field.ordinal(), value);
      }
    }
  }

  private void came(EventField field) {
    seen |= field.bit();
    cameInOrder(field.ordinal());
  }

  private void cameUnknown(String name) {
    if (unknownCount == unknown.length) {
      unknown = Arrays.copyOf(unknown, unknownCount * 2);
    }
    unknown[unknownCount] = name;
    cameInOrder(-1 - unknownCount++);
  }

  private void cameInOrder(int entry) {
    if (fieldCount == order.length) {
      order = Arrays.copyOf(order, fieldCount * 2);
    }
    order[fieldCount++] = entry;
  }

  private int addLimit(String name) {
    if (limitCount == limitNames.length) {
      limitNames = Arrays.copyOf(limitNames, limitCount * 2);
    }
    final int slot = limitSlot(limitCount);
    if (slot == kinds.length) {
      final int length = kinds.length * 2;
      kinds = Arrays.copyOf(kinds, length);
      texts = Arrays.copyOf(texts, length);
      plains = Arrays.copyOf(plains, length);
      exacts = Arrays.copyOf(exacts, length);
    }
    limitNames[limitCount++] = name;
    return slot;
  }

  private boolean readLimitEntries(JsonParser p, boolean strict) throws IOException {
    String name;
    while ((name = p.nextFieldName()) != null) {
      if (!strict) {
        for (int i = 0; i < limitCount; i++) {
          if (limitNames[i].equals(name)) {
            return false;
          }
        }
      }
      final int slot = addLimit(name);
      p.nextToken();
      if (!readValue(p, slot, strict)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the value at the current token into {@code slot}; an object or array is skipped (see
   * {@link #skipValue}).
   */
  private boolean readValue(JsonParser p, int slot, boolean strict) throws IOException {
    switch (p.currentToken()) {
      case VALUE_STRING -> {
        kinds[slot] = STRING;
        texts[slot] = p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        kinds[slot] = NUMBER;
        final String text = p.getText();
        texts[slot] = text;
        final long plain = PlainDecimal.parse(text);
        plains[slot] = plain;
        if (plain == NOT_PLAIN) {
          // The tree reader reads every number it meets; a fraction it cannot read is malformed.
          exacts[slot] = p.getDecimalValue();
        }
      }
      case VALUE_TRUE -> kinds[slot] = TRUE;
      case VALUE_FALSE -> kinds[slot] = FALSE;
      case VALUE_NULL -> kinds[slot] = NULL;
      case START_OBJECT -> {
        kinds[slot] = OBJECT;
        return skipValue(p, strict);
      }
      default -> {
        kinds[slot] = OTHER;
        return skipValue(p, strict);
      }
    }
    return true;
  }

  /**
   * Passes over the value at the current token as the tree reader ({@code JsonNodeDeserializer})
   * walks it: an object's keys by {@code nextFieldName}, an array's elements by {@code nextToken},
   * every string and number read. Jackson words some errors differently on those two calls, and a
   * number that cannot be read is an error only once read, so the same texts are refused with the
   * same messages. Without {@code strict} an object gives false at once: no event has one there,
   * and its keys are left to Jackson's duplicate detection.
   */
  private static boolean skipValue(JsonParser p, boolean strict) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        if (!strict) {
          return false;
        }
        while (p.nextFieldName() != null) {
          p.nextToken();
          skipValue(p, true);
        }
      }
      case START_ARRAY -> {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (!skipValue(p, strict)) {
            return false;
          }
        }
      }
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberType();
      case VALUE_NUMBER_FLOAT -> p.getDecimalValue();
      default -> {}
    }
    return true;
  }

  private static void refuseTrailing(JsonParser p) throws IOException {
    final JsonToken next = p.nextToken();
    if (next != null) {
      throw new IllegalArgumentException("malformed JSON: " + String.format(TRAILING, next));
    }
  }

  private void setNode(int slot, JsonNode value) {
    if (value.isNull()) {
      kinds[slot] = NULL;
    } else if (value.isTextual()) {
      kinds[slot] = STRING;
      texts[slot] = value.textValue();
    } else if (value.isNumber()) {
      kinds[slot] = NUMBER;
      plains[slot] = NOT_PLAIN;
      exacts[slot] = value;
    } else if (value.isBoolean()) {
      kinds[slot] = value.booleanValue() ? TRUE : FALSE;
    } else {
      kinds[slot] = value.isObject() ? OBJECT : OTHER;
    }
  }

  /** Forgets the previous event: only the slots it used are reset. */
  private void clear() {
    for (long rest = seen; rest != 0; rest &= rest - 1) {
      reset(Long.numberOfTrailingZeros(rest));
    }
    for (int i = 0; i < limitCount; i++) {
      reset(limitSlot(i));
      limitNames[i] = null;
    }
    Arrays.fill(unknown, 0, unknownCount, null);
    seen = 0;
    object = false;
    fieldCount = 0;
    unknownCount = 0;
    limitCount = 0;
  }

  private void reset(int slot) {
    kinds[slot] = ABSENT;
    texts[slot] = null;
    exacts[slot] = null;
  }
}
