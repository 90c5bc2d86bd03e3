import { parseInstantText, summarise } from '@csp-onprem/domain';
import * as E from 'fp-ts/lib/Either.js';
import { problem, type Problem } from '../problems/problem.js';

/**
 * Reads an "as of" query parameter: a whole number is a global position, anything else an
 * ISO-8601 instant with its offset (the domain's `parseInstantText`: never read in the
 * server's own zone, never a day the calendar lacks).
 */
export function parseAsOf(name: string, text: string): E.Either<Problem, Date | number> {
  if (/^\d+$/.test(text)) {
    const position = Number(text);
    if (Number.isSafeInteger(position)) return E.right(position);
  } else {
    const instant = parseInstantText(text);
    if (E.isRight(instant)) return instant;
  }
  return E.left(problem('InvalidCommand', `${name} is neither an instant nor a global position`, [{ path: name, expected: 'an ISO-8601 instant with its offset, or a global position (a whole number)', found: summarise(text) }]));
}

/** Reads an optional "as of" query parameter. */
export function parseOptionalAsOf(name: string, text: string | undefined): E.Either<Problem, Date | number | undefined> {
  return text === undefined ? E.right(undefined) : parseAsOf(name, text);
}
