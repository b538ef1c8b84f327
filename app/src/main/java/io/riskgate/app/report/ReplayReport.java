package io.riskgate.app.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a replay report directory: {@code summary.json}, the PNG charts and {@code index.html},
 * which embeds the charts so it can be read on its own.
 */
public final class ReplayReport {
  /** The summary file's name. */
  public static final String SUMMARY = "summary.json";

  /** The page's file name. */
  public static final String INDEX = "index.html";

  private ReplayReport() {}

  /** The report of one replay. */
  public static void write(Path dir, String events, ReplayRun run) throws IOException {
    prepare(dir);
    final ObjectNode summary = ReportSummary.of(run);
    final List<ReportCharts.Chart> charts = ReportCharts.write(run, dir, "", "");
    final ArrayNode files = summary.putArray("charts");
    charts.forEach(c -> files.add(c.file()));
    writeJson(dir, summary);
    Files.writeString(
        dir.resolve(INDEX), ReportHtml.single(events, summary, charts), StandardCharsets.UTF_8);
  }

  /** The report of a what-if: both runs side by side. */
  public static void write(Path dir, String events, WhatIf whatIf) throws IOException {
    prepare(dir);
    final ObjectNode root = ReportSummary.compare(whatIf);
    final List<ReportCharts.Chart> both = ReportCharts.compare(whatIf, dir);
    final List<ReportCharts.Chart> a = ReportCharts.write(whatIf.a(), dir, "a-", "a: ");
    final List<ReportCharts.Chart> b = ReportCharts.write(whatIf.b(), dir, "b-", "b: ");
    final ArrayNode files = root.putArray("charts");
    both.forEach(c -> files.add(c.file()));
    a.forEach(c -> files.add(c.file()));
    b.forEach(c -> files.add(c.file()));
    writeJson(dir, root);
    Files.writeString(
        dir.resolve(INDEX), ReportHtml.compare(events, root, a, b, both), StandardCharsets.UTF_8);
  }

  private static void writeJson(Path dir, ObjectNode node) throws IOException {
    Files.writeString(
        dir.resolve(SUMMARY),
        ReportSummary.MAPPER.writeValueAsString(node) + "\n",
        StandardCharsets.UTF_8);
  }

  /**
   * Creates the directory, or removes the files an earlier report left in it, so that a single
   * replay's report never shows a what-if's charts or the other way round.
   */
  private static void prepare(Path dir) throws IOException {
    headless();
    Files.createDirectories(dir);
    final List<String> names =
        new ArrayList<>(List.of(SUMMARY, INDEX, "compare-equity.png", "compare-drawdown.png"));
    for (String prefix : List.of("", "a-", "b-")) {
      for (String chart : List.of("equity", "drawdown", "exposure", "rejections")) {
        names.add(prefix + chart + ".png");
      }
    }
    for (String name : names) {
      Files.deleteIfExists(dir.resolve(name));
    }
  }

  private static void headless() {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }
}
