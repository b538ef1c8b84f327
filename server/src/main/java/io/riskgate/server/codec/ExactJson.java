package io.riskgate.server.codec;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one way the server and the tools read and write JSON (and YAML) numbers: as exact decimals.
 *
 * <p>Jackson reads a JSON number with a fraction as a {@code double} unless told otherwise, and a
 * double keeps only 15 to 17 significant digits: {@code 99889692.41357375} comes back as {@code
 * ...76}. A journal written from exact input but read back through doubles replays to another
 * state. Every mapper that reads events, the journal, the configuration or a replay file is
 * therefore built through {@link #configure}: fractions become {@code BigDecimal}s with every digit
 * and their scale kept (trailing zeros are not stripped), and a {@code BigDecimal} is written in
 * plain notation ({@code 100.00000100}, never {@code 1.00000100E+2}), so what is written reads back
 * to the same value.
 */
public final class ExactJson {
  /** A JSON mapper with exact decimals and nothing else changed. */
  public static final ObjectMapper MAPPER = configure(JsonMapper.builder()).build();

  private ExactJson() {}

  /** Sets up {@code builder} (JSON or YAML) to read and write numbers as exact decimals. */
  public static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B configure(B builder) {
    return builder
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
  }
}
