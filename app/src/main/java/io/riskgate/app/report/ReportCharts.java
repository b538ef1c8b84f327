package io.riskgate.app.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * PNG charts of a replay, drawn with XChart from the sampled time series: equity, drawdown, gross
 * exposure and rejections by code over event time, and for a what-if the two runs' firm equity and
 * drawdown on one chart.
 */
public final class ReportCharts {
  private static final int WIDTH = 960;
  private static final int HEIGHT = 420;
  private static final long DAY_NANOS = 86_400_000_000_000L;

  /** One chart written: its file name in the report directory, its title and its PNG bytes. */
  public record Chart(String file, String title, byte[] png) {}

  private ReportCharts() {}

  /** Writes the four charts of a run, file names prefixed with {@code prefix}. */
  public static List<Chart> write(ReplayRun run, Path dir, String prefix, String titlePrefix)
      throws IOException {
    final TimeBuckets b = run.buckets();
    final List<Chart> charts = new ArrayList<>();
    if (b.size() == 0) {
      return charts;
    }
    charts.add(
        save(
            dir,
            prefix + "equity.png",
            lines(b, titlePrefix + "Equity", "equity", "equity:", 1, null)));
    charts.add(
        save(
            dir,
            prefix + "drawdown.png",
            lines(
                b,
                titlePrefix + "Drawdown from the high-water mark",
                "drawdown (%)",
                "drawdown:",
                100,
                null)));
    charts.add(
        save(
            dir,
            prefix + "exposure.png",
            lines(b, titlePrefix + "Gross exposure", "gross exposure", "exposure:", 1, null)));
    charts.add(
        save(
            dir,
            prefix + "rejections.png",
            lines(
                b,
                titlePrefix + "Rejections by code per " + width(b.widthNanos()),
                "rejections",
                "rejections:",
                1,
                "no rejections")));
    return charts;
  }

  /** Writes the firm's equity and drawdown of both runs of a what-if, each on one chart. */
  public static List<Chart> compare(WhatIf whatIf, Path dir) throws IOException {
    final List<Chart> charts = new ArrayList<>();
    final ReplayRun a = whatIf.a();
    final ReplayRun b = whatIf.b();
    if (a.buckets().size() == 0) {
      return charts;
    }
    charts.add(save(dir, "compare-equity.png", firm(a, b, "Firm equity: a and b", "equity", 1)));
    charts.add(
        save(dir, "compare-drawdown.png", firm(a, b, "Firm drawdown: a and b", "drawdown", 100)));
    return charts;
  }

  private static XYChart firm(ReplayRun a, ReplayRun b, String title, String what, double scale) {
    final XYChart chart =
        chart(title, what.equals("drawdown") ? "drawdown (%)" : what, a.buckets());
    for (ReplayRun run : List.of(a, b)) {
      addSeries(
          chart,
          run.label() + " (" + run.overrides().source() + ")",
          run.buckets(),
          run.buckets().id(what + ":firm"),
          scale);
    }
    return chart;
  }

  private static XYChart lines(
      TimeBuckets b, String title, String yTitle, String prefix, double scale, String emptyLabel) {
    final XYChart chart = chart(title, yTitle, b);
    int added = 0;
    for (String name : b.names()) {
      if (name.startsWith(prefix)) {
        if (addSeries(chart, name.substring(prefix.length()), b, b.id(name), scale)) {
          added++;
        }
      }
    }
    if (added == 0) {
      final List<Date> x = List.of(date(b.bucketStartNanos(0)), date(b.bucketStartNanos(b.size())));
      chart
          .addSeries(emptyLabel == null ? "no data" : emptyLabel, x, List.of(0.0, 0.0))
          .setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  private static boolean addSeries(
      XYChart chart, String name, TimeBuckets b, int id, double scale) {
    final List<Date> x = new ArrayList<>();
    final List<Double> y = new ArrayList<>();
    for (int i = 0; i < b.size(); i++) {
      final double v = b.value(id, i);
      if (!Double.isNaN(v)) {
        x.add(date(b.bucketStartNanos(i)));
        y.add(v * scale);
      }
    }
    if (x.isEmpty()) {
      return false;
    }
    if (x.size() == 1) {
      x.add(date(b.bucketStartNanos(b.size())));
      y.add(y.get(0));
    }
    final XYSeries series = chart.addSeries(name, x, y);
    series.setMarker(SeriesMarkers.NONE);
    return true;
  }

  private static XYChart chart(String title, String yTitle, TimeBuckets b) {
    final XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("event time (UTC)")
            .yAxisTitle(yTitle)
            .build();
    final long span = b.bucketStartNanos(b.size()) - b.bucketStartNanos(0);
    chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    chart
        .getStyler()
        .setDatePattern(
            span > 3 * DAY_NANOS ? "yyyy-MM-dd" : span > DAY_NANOS ? "MM-dd HH:mm" : "HH:mm:ss");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
    chart.getStyler().setAntiAlias(true);
    return chart;
  }

  private static Chart save(Path dir, String file, XYChart chart) throws IOException {
    final byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    Files.write(dir.resolve(file), png);
    return new Chart(file, chart.getTitle(), png);
  }

  private static Date date(long nanos) {
    return new Date(Math.floorDiv(nanos, 1_000_000L));
  }

  private static String width(long nanos) {
    final double seconds = nanos / 1e9;
    if (seconds >= 86_400) {
      return String.format(java.util.Locale.ROOT, "%.1f d", seconds / 86_400);
    }
    if (seconds >= 3_600) {
      return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3_600);
    }
    if (seconds >= 60) {
      return String.format(java.util.Locale.ROOT, "%.1f min", seconds / 60);
    }
    return String.format(java.util.Locale.ROOT, "%.0f s", seconds);
  }
}
