package io.riskgate.server.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.report.RiskReport;
import java.io.IOException;

/**
 * The risk report as JSON: {@code {"type":"report","ts":...}} followed by the report's fields in
 * declaration order. Non-finite numbers (a statistic not defined yet) are written as {@code null};
 * scopes as their event-language text; times as ISO-8601.
 */
public final class ReportJson {
  static final ObjectMapper MAPPER = mapper();

  private ReportJson() {}

  private static ObjectMapper mapper() {
    final SimpleModule module = new SimpleModule("riskgate-report");
    final JsonSerializer<Double> finiteOrNull =
        new JsonSerializer<>() {
          @Override
          public void serialize(Double value, JsonGenerator g, SerializerProvider provider)
              throws IOException {
            if (value == null || !Double.isFinite(value)) {
              g.writeNull();
            } else {
              g.writeNumber(value);
            }
          }
        };
    module.addSerializer(Double.class, finiteOrNull);
    module.addSerializer(double.class, finiteOrNull);
    module.addSerializer(
        double[].class,
        new JsonSerializer<>() {
          @Override
          public void serialize(double[] values, JsonGenerator g, SerializerProvider provider)
              throws IOException {
            g.writeStartArray();
            for (double v : values) {
              finiteOrNull.serialize(v, g, provider);
            }
            g.writeEndArray();
          }
        });
    module.addSerializer(
        Scope.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Scope scope, JsonGenerator g, SerializerProvider provider)
              throws IOException {
            g.writeString(scope.toString());
          }
        });
    module.addSerializer(
        Alert.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Alert alert, JsonGenerator g, SerializerProvider provider)
              throws IOException {
            g.writeStartObject();
            g.writeStringField("ts", EventCodec.formatTime(alert.timestampNanos()));
            g.writeStringField("level", alert.level().name());
            g.writeStringField("code", alert.code());
            g.writeStringField("scope", alert.scope().toString());
            g.writeStringField("message", alert.message());
            g.writeFieldName("value");
            finiteOrNull.serialize(alert.value(), g, provider);
            g.writeFieldName("threshold");
            finiteOrNull.serialize(alert.threshold(), g, provider);
            g.writeStringField("action", alert.action());
            g.writeEndObject();
          }
        });
    return ExactJson.configure(JsonMapper.builder()).addModule(module).build();
  }

  /** The report as a JSON object with its {@code type} and {@code ts}. */
  public static ObjectNode toJson(RiskReport report) {
    final ObjectNode node = MAPPER.createObjectNode();
    node.put("type", "report");
    node.put("ts", EventCodec.formatTime(report.timestampNanos()));
    final ObjectNode body = MAPPER.valueToTree(report);
    body.remove("timestampNanos");
    if (report.currencies().isEmpty()) {
      body.remove("currencies"); // a report of one currency reads as before currencies existed
    }
    node.setAll(body);
    return node;
  }
}
