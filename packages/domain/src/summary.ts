import { guarded, threwWhenRead } from './codecs/guarded-read.js';

/**
 * What `JSON.stringify` leaves raw that no reader of an error should get raw: DEL and the C1
 * controls (some terminals act on them), bidi controls (they reorder what is shown) and the
 * line and paragraph separators. It already escapes C0 controls and lone surrogates.
 */
const RAW_AFTER_JSON = /[\u007F-\u009F\u2028\u2029\p{Bidi_Control}]/gu;

/**
 * `JSON.stringify(value, null, space)` with DEL, C1 controls, bidi controls and line and
 * paragraph separators written as `\uXXXX` too: the very same JSON value, which shows no
 * control or invisible character wherever it is printed. A value JSON cannot hold at all (`undefined`)
 * is written as `null`.
 */
export function displaySafeJson(value: unknown, space?: number): string {
  const json = JSON.stringify(value, null, space) as string | undefined;
  return (json ?? 'null').replace(RAW_AFTER_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function summaryOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'string') return value.length > 40 ? `a string of ${value.length} characters` : displaySafeJson(value);
  const text = String(value);
  return text.length > 40 ? `a ${typeof value} of ${text.length} characters` : text;
}

/**
 * A few words about a value from untrusted input, for error values: short strings quoted (and
 * escaped), long ones and containers by their size, never the whole input. Never throws.
 */
export function summarise(value: unknown): string {
  const summary = guarded(() => summaryOf(value));
  return summary.ok ? summary.value : threwWhenRead(summary.thrown);
}
