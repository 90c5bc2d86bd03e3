import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { badInput, reasonOf, type CliFailure } from '../cli-failure.js';

/**
 * Reads a file the user named as input (`what` names it in messages: "the digest file"). A
 * Left says in one line why not, naming the file by its path only: a file handed over for an
 * audit may hold anything, keys included, and an error travels further than the file.
 */
export function readInputText(file: string, what: string): E.Either<CliFailure, string> {
  try {
    return E.right(readFileSync(file, 'utf8'));
  } catch (cause) {
    // fs messages name the path and the system's reason, never the content.
    return E.left(badInput(`cannot read ${what} ${file}: ${reasonOf(cause)}`));
  }
}

/**
 * Reads and parses a JSON input file. JSON.parse's own messages quote the text around the
 * error, so they are never passed on: a file cut short is said to end early, anything else
 * is "not JSON".
 */
export function readInputJson(file: string, what: string): E.Either<CliFailure, unknown> {
  const text = readInputText(file, what);
  if (E.isLeft(text)) return text;
  try {
    return E.right(JSON.parse(text.right) as unknown);
  } catch (cause) {
    // Only where the parser stopped is read from its message: it ran out of text, or not.
    const message = cause instanceof Error ? cause.message : '';
    const stoppedAt = Number(/at position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const truncated = /end of (JSON )?input/i.test(message) || stoppedAt >= text.right.trimEnd().length;
    return E.left(badInput(`${what} ${file} is not JSON${truncated ? ': it ends before its JSON does (truncated?)' : ''}`));
  }
}
