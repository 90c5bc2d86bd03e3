import * as E from 'fp-ts/lib/Either.js';

const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

function realDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/** Where a day without a time falls: its first or its last millisecond (UTC). */
export type DayEdge = 'start' | 'end';

/**
 * Parses an ISO-8601 instant given on the command line: `2025-03-01` (a UTC day: its first
 * millisecond, or its last for `edge: 'end'`) or `2025-03-01T09:30[:00[.000]]` with `Z` or an
 * offset. A time without a zone is refused rather than read in the machine's local zone.
 */
export function parseInstant(option: string, text: string, edge: DayEdge = 'start'): E.Either<string, Date> {
  const day = DAY_ONLY.exec(text);
  if (day !== null) {
    const [, year = '', month = '', date = ''] = day;
    if (!realDay(year, month, date)) return E.left(`${option} ${text} is not a date on the calendar`);
    const start = Date.UTC(Number(year), Number(month) - 1, Number(date));
    return E.right(new Date(edge === 'start' ? start : start + 86_400_000 - 1));
  }
  if (NO_ZONE.test(text)) return E.left(`${option} ${text} has no time zone: add Z (UTC) or an offset such as +01:00`);
  const full = WITH_TIME.exec(text);
  const [, year = '', month = '', date = '', hours = '', minutes = '', seconds = '00'] = full ?? [];
  if (full === null || !realDay(year, month, date) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) {
    return E.left(`${option} ${text} is not an ISO-8601 instant such as 2025-03-01 or 2025-03-01T09:30:00Z`);
  }
  return E.right(new Date(Date.parse(text)));
}

/** An instant or a global position: what `--as-of` asks for. */
export type AsOfArgument = { readonly kind: 'instant'; readonly instant: Date } | { readonly kind: 'position'; readonly position: number };

/** Parses `--as-of`: a whole number is a global position, anything else an ISO-8601 instant (a bare day means its end). */
export function parseAsOf(text: string): E.Either<string, AsOfArgument> {
  if (/^\d+$/.test(text)) {
    const position = Number(text);
    return Number.isSafeInteger(position) ? E.right({ kind: 'position', position }) : E.left(`--as-of ${text} is too large for a position`);
  }
  const instant = parseInstant('--as-of', text, 'end');
  return E.isLeft(instant) ? instant : E.right({ kind: 'instant', instant: instant.right });
}

/** Parses a non-negative global position given to `option`. */
export function parsePosition(option: string, text: string): E.Either<string, number> {
  const position = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(position) ? E.right(position) : E.left(`${option} ${text} is not a global position (a whole number >= 0)`);
}
