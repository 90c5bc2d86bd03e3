import * as E from 'fp-ts/lib/Either.js';

const DAY_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WITH_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Where a day given without a time falls: its first or its last millisecond (UTC). */
export type DayEdge = 'start' | 'end';

/** Why a text is not an instant: a bare day the calendar lacks, a time without a zone, or no ISO-8601 instant at all. */
export type InstantTextFault = 'not-a-calendar-day' | 'no-time-zone' | 'not-an-instant';

function isCalendarDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCFullYear() === Number(year) && date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/**
 * Reads an ISO-8601 instant as people type one: `2025-03-01T09:30[:00[.000]]` with `Z` or an
 * offset, and, when `day` says where it falls, a bare UTC day `2025-03-01`. A time without a
 * zone is refused rather than read in the machine's local zone, and a day the calendar lacks
 * (`2025-02-30`, which `Date` reads as 2 March) is refused too.
 */
export function parseInstantText(text: string, day?: DayEdge): E.Either<InstantTextFault, Date> {
  const dayOnly = day === undefined ? null : DAY_ONLY.exec(text);
  if (dayOnly !== null) {
    const [, year = '', month = '', date = ''] = dayOnly;
    if (!isCalendarDay(year, month, date)) return E.left('not-a-calendar-day');
    const start = Date.UTC(Number(year), Number(month) - 1, Number(date));
    return E.right(new Date(day === 'start' ? start : start + 86_400_000 - 1));
  }
  if (NO_ZONE.test(text)) return E.left('no-time-zone');
  const full = WITH_TIME.exec(text);
  const [, year = '', month = '', date = '', hours = '', minutes = '', seconds = '00'] = full ?? [];
  if (full === null || !isCalendarDay(year, month, date) || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return E.left('not-an-instant');
  return E.right(new Date(Date.parse(text)));
}
