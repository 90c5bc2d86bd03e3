// Helpers the contract suites of this package share; not part of its public API.
import * as E from 'fp-ts/lib/Either.js';
import type { EventRecord, EventStore, StoredEvent } from '@csp-onprem/engine';

/** The value of a success, or a thrown error naming the failure's code and message. */
export function right<A>(result: E.Either<{ readonly code: string; readonly message: string }, A>): A {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.code}: ${result.left.message}`);
  return result.right;
}

/** The error of a failure, or a thrown error quoting the unexpected success. */
export function left<L, A>(result: E.Either<L, A>): L {
  if (E.isRight(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.right)}`);
  return result.left;
}

/** A stored event as the record that was appended: without the position the store gave it. */
export function withoutPosition(stored: StoredEvent): EventRecord {
  const { position: _position, ...record } = stored;
  return record;
}

/** The position of the last event in the store, 0 when empty, so tests also run on a store with history. */
export async function endOfLog(store: EventStore): Promise<number> {
  let after = 0;
  for (;;) {
    const page = right(await store.readAll({ after, limit: 1000 }));
    const last = page[page.length - 1];
    if (last === undefined) return after;
    after = last.position;
  }
}
