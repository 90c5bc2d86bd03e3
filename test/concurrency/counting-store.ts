import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '@csp-onprem/engine';

/** A store that counts the version conflicts its appends met; everything else passes through. */
export interface CountingStore extends EventStore {
  /** Appends answered `VersionConflict` so far. */
  readonly conflicts: number;
}

/** Wraps a store to count the `VersionConflict` answers the engine got (and then retried or returned). */
export function countingConflicts(inner: EventStore): CountingStore {
  let conflicts = 0;
  const wrapped: CountingStore = {
    name: inner.name,
    get conflicts() {
      return conflicts;
    },
    readStream: (streamId) => inner.readStream(streamId),
    async appendToStream(streamId, expectedVersion, events) {
      const result = await inner.appendToStream(streamId, expectedVersion, events);
      if (E.isLeft(result) && result.left.code === 'VersionConflict') conflicts += 1;
      return result;
    },
    readAll: (options) => inner.readAll(options),
    close: () => inner.close(),
  };
  return inner.projections === undefined ? wrapped : Object.assign(wrapped, { projections: inner.projections });
}
