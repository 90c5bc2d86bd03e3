import type * as E from 'fp-ts/lib/Either.js';

/** How an operation that answers an `Either` ended: `ok`, or the error's stable code. */
export function outcomeOf(result: E.Either<{ readonly code: string }, unknown>): string {
  return result._tag === 'Right' ? 'ok' : result.left.code;
}

/**
 * Codes that say the system failed (a span's status is then ERROR), as opposed to a command
 * refused by its rules or its input, or a version conflict (contention: the caller retries).
 */
const FAULTS: ReadonlySet<string> = new Set(['StoreUnavailable', 'KeyEncryptionKeyMismatch']);

/** Whether an outcome is a failure of the system rather than an answer to the caller. */
export function isFault(outcome: string): boolean {
  return FAULTS.has(outcome);
}
