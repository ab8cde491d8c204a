/** Percentile by nearest rank over an unsorted list of numbers. */
export function percentile(values, p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Least-squares line through (x, y) points: its slope and the slope's standard error, so a trend can be told from
 * noise (|slope| within two standard errors is indistinguishable from flat).
 */
export function trend(points) {
  const n = points.length;
  const mean = (f) => points.reduce((sum, p) => sum + f(p), 0) / n;
  const mx = mean((p) => p.x);
  const my = mean((p) => p.y);
  const sxx = points.reduce((sum, p) => sum + (p.x - mx) ** 2, 0);
  const slope = points.reduce((sum, p) => sum + (p.x - mx) * (p.y - my), 0) / sxx;
  const residuals = points.reduce((sum, p) => sum + (p.y - my - slope * (p.x - mx)) ** 2, 0);
  const standardError = n > 2 ? Math.sqrt(residuals / (n - 2) / sxx) : Number.POSITIVE_INFINITY;
  return { slope, standardError };
}
