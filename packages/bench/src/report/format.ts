/** 1234567 -> `1.23M`, 52300 -> `52.3k`, 950 -> `950`. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 1 : 2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e5 ? 0 : 1)}k`;
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/** A rate with its unit, e.g. `52.3k cmd/s`. */
export function rate(n: number | undefined, unit: string): string {
  return n === undefined ? '—' : `${compact(n)} ${unit}/s`;
}

/** A ratio such as `0.62×`. */
export function ratio(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—';
  return `${n >= 10 ? n.toFixed(1) : n.toFixed(2)}×`;
}

/** Milliseconds with sensible precision. */
export function ms(n: number): string {
  return n < 1 ? `${n.toFixed(3)} ms` : n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(1)} ms`;
}

/** Megabytes, rounded. */
export function mb(n: number | undefined): string {
  return n === undefined ? '—' : `${Math.round(n)} MB`;
}
