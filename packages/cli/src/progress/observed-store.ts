import * as E from 'fp-ts/lib/Either.js';
import type { EventStore } from '@csp-onprem/engine';
import type { ProgressUpdate } from './progress.js';

/**
 * The store, reporting after every page of the global order read through it how many events
 * were read so far and the position reached: progress for reads that do not report their own.
 */
export function observedStore(store: EventStore, onRead: (done: ProgressUpdate) => void): EventStore {
  let events = 0;
  return {
    name: store.name,
    readStream: (streamId) => store.readStream(streamId),
    appendToStream: (streamId, expectedVersion, records) => store.appendToStream(streamId, expectedVersion, records),
    async readAll(options) {
      const page = await store.readAll(options);
      if (E.isRight(page) && page.right.length > 0) {
        events += page.right.length;
        onRead({ events, position: page.right[page.right.length - 1]?.position ?? options.after });
      }
      return page;
    },
    ...(store.projections === undefined ? {} : { projections: store.projections }),
    ...(store.savedReadModels === undefined ? {} : { savedReadModels: store.savedReadModels }),
    close: () => store.close(),
  };
}
