import { summarise } from '@csp-onprem/domain';
import * as E from 'fp-ts/lib/Either.js';
import { problem, type Problem } from '../problems/problem.js';

/** Whether the text starts with a day the calendar has (Date would read 2025-02-30 as 2 March). */
function isCalendarDay(text: string): boolean {
  const day = /^(\d{4})-(\d{2})-(\d{2})T/.exec(text);
  if (day === null) return false;
  const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const utc = new Date(Date.UTC(year, month - 1, date));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === date;
}

/**
 * Reads an "as of" query parameter: a whole number is a global position, anything else an
 * ISO-8601 instant with its offset.
 */
export function parseAsOf(name: string, text: string): E.Either<Problem, Date | number> {
  if (/^\d+$/.test(text)) {
    const position = Number(text);
    if (Number.isSafeInteger(position)) return E.right(position);
  } else if (isCalendarDay(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) return E.right(instant);
  }
  return E.left(problem('InvalidCommand', `${name} is neither an instant nor a global position`, [{ path: name, expected: 'an ISO-8601 instant with its offset, or a global position (a whole number)', found: summarise(text) }]));
}

/** Reads an optional "as of" query parameter. */
export function parseOptionalAsOf(name: string, text: string | undefined): E.Either<Problem, Date | number | undefined> {
  return text === undefined ? E.right(undefined) : parseAsOf(name, text);
}
