package io.riskgate.core.risk;

/**
 * Correlation of instrument returns: Pearson correlation of two series, the correlation matrix over
 * a rolling window of the most recent observations, and the EWMA correlation matrix.
 *
 * <p>Named for what it measures. A correlation is NaN, never a guess, when it is undefined: fewer
 * observed pairs than the required minimum, or a series that is constant over them (zero variance).
 * Results are clamped to [−1, 1] against rounding.
 */
public final class Correlation {

  private Correlation() {}

  /**
   * Pearson correlation of {@code x} and {@code y} (same length, aligned), over the pairs where
   * both are observed (a NaN on either side skips the pair); NaN when fewer than {@code
   * minObservations} pairs remain (and always below two).
   */
  public static double pearson(double[] x, double[] y, int minObservations) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "series must be aligned but have " + x.length + " and " + y.length + " entries");
    }
    return pearson(x, y, 0, x.length, minObservations);
  }

  /**
   * Correlation matrix over the last {@code window} observations of each row of {@code
   * returns[instrument][observation]}, pairwise over the observed pairs as in {@link
   * #pearson(double[], double[], int)}. The diagonal is 1 for a series with at least {@code
   * minObservations} observations and nonzero variance, NaN otherwise.
   */
  public static void rolling(double[][] returns, int window, int minObservations, double[][] out) {
    Covariance.checkSquare(out, returns.length);
    if (window < 1) {
      throw new IllegalArgumentException("window must be positive, was " + window);
    }
    final int k = returns.length;
    for (int i = 0; i < k; i++) {
      if (returns[i].length < window) {
        throw new IllegalArgumentException(
            "instrument "
                + i
                + " has "
                + returns[i].length
                + " observations, fewer than "
                + window);
      }
    }
    for (int i = 0; i < k; i++) {
      final double[] x = returns[i];
      for (int j = 0; j <= i; j++) {
        final double[] y = returns[j];
        if (x.length != y.length) {
          throw new IllegalArgumentException(
              "instruments "
                  + i
                  + " and "
                  + j
                  + " are not aligned: "
                  + x.length
                  + " and "
                  + y.length
                  + " observations");
        }
        final double rho = pearson(x, y, x.length - window, x.length, minObservations);
        out[i][j] = rho;
        out[j][i] = rho;
      }
    }
  }

  /**
   * EWMA correlation matrix over the last {@code window} observations: the {@link Covariance#ewma}
   * covariance (zero mean, decay {@code lambda}) scaled to unit diagonal.
   */
  public static void ewma(double[][] returns, int window, double lambda, double[][] out) {
    final int length = returns.length == 0 ? window : returns[0].length;
    Covariance.ewma(returns, length - window, window, lambda, out);
    fromCovariance(out, out);
  }

  /**
   * Scales a covariance matrix to a correlation matrix: {@code ρᵢⱼ = Σᵢⱼ / √(Σᵢᵢ Σⱼⱼ)}; NaN in the
   * rows and columns of a zero-variance instrument. {@code out} may be {@code covariance} itself.
   */
  public static void fromCovariance(double[][] covariance, double[][] out) {
    final int k = covariance.length;
    Covariance.checkSquare(covariance, k);
    Covariance.checkSquare(out, k);
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < i; j++) {
        final double denominator = Math.sqrt(covariance[i][i] * covariance[j][j]);
        final double rho = denominator > 0.0 ? clamp(covariance[i][j] / denominator) : Double.NaN;
        out[i][j] = rho;
        out[j][i] = rho;
      }
    }
    for (int i = 0; i < k; i++) {
      out[i][i] = covariance[i][i] > 0.0 ? 1.0 : Double.NaN;
    }
  }

  private static double pearson(double[] x, double[] y, int from, int to, int minObservations) {
    if (minObservations < 0) {
      throw new IllegalArgumentException(
          "minObservations must not be negative, was " + minObservations);
    }
    int n = 0;
    double sumX = 0.0;
    double sumY = 0.0;
    double firstX = Double.NaN;
    double firstY = Double.NaN;
    boolean constantX = true;
    boolean constantY = true;
    for (int s = from; s < to; s++) {
      final double a = x[s];
      final double b = y[s];
      if (a == a && b == b) {
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
          throw new IllegalArgumentException(
              "observation " + s + " is infinite; returns must be finite, or NaN when missing");
        }
        if (n == 0) {
          firstX = a;
          firstY = b;
        } else {
          constantX &= a == firstX;
          constantY &= b == firstY;
        }
        n++;
        sumX += a;
        sumY += b;
      }
    }
    if (n < 2 || n < minObservations || constantX || constantY) {
      return Double.NaN;
    }
    if (x == y) {
      return 1.0;
    }
    final double meanX = sumX / n;
    final double meanY = sumY / n;
    double sxy = 0.0;
    double sxx = 0.0;
    double syy = 0.0;
    for (int s = from; s < to; s++) {
      final double a = x[s];
      final double b = y[s];
      if (a == a && b == b) {
        final double dx = a - meanX;
        final double dy = b - meanY;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
      }
    }
    if (sxx == 0.0 || syy == 0.0) {
      return Double.NaN;
    }
    return clamp(sxy / Math.sqrt(sxx * syy));
  }

  private static double clamp(double rho) {
    return Math.max(-1.0, Math.min(1.0, rho));
  }
}
