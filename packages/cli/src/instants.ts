import * as E from 'fp-ts/lib/Either.js';
import { parseInstantText, type DayEdge } from '@csp-onprem/domain';

/** Where a day without a time falls: its first or its last millisecond (UTC). */
export type { DayEdge };

/**
 * Parses an ISO-8601 instant given on the command line: `2025-03-01` (a UTC day: its first
 * millisecond, or its last for `edge: 'end'`) or `2025-03-01T09:30[:00[.000]]` with `Z` or an
 * offset (the domain's `parseInstantText`). A time without a zone is refused rather than read
 * in the machine's local zone.
 */
export function parseInstant(option: string, text: string, edge: DayEdge = 'start'): E.Either<string, Date> {
  const instant = parseInstantText(text, edge);
  if (E.isRight(instant)) return instant;
  switch (instant.left) {
    case 'not-a-calendar-day':
      return E.left(`${option} ${text} is not a date on the calendar`);
    case 'no-time-zone':
      return E.left(`${option} ${text} has no time zone: add Z (UTC) or an offset such as +01:00`);
    case 'not-an-instant':
      return E.left(`${option} ${text} is not an ISO-8601 instant such as 2025-03-01 or 2025-03-01T09:30:00Z`);
  }
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
