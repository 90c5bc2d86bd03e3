import * as E from 'fp-ts/lib/Either.js';
import { inMemoryStore, storeUnavailable, type EventRecord, type EventStore, type StoredEvent } from '@csp-onprem/engine';

/** Every stored event of a store in global order; a store that cannot be read fails the test. */
export async function readAllRecords(store: EventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: all[all.length - 1]?.position ?? 0, limit: 1000 });
    if (E.isLeft(page)) throw new Error(`readAll failed: ${page.left.message}`);
    all.push(...page.right);
    if (page.right.length < 1000) return all;
  }
}

/** A record as the engine hands it to a store: the stored event without its position. */
export function recordOf(stored: StoredEvent): EventRecord {
  const { position: _position, ...record } = stored;
  return record;
}

/** A fresh in-memory store into which the records are appended, one by one, at their streams' versions. */
export async function storeHolding(records: readonly EventRecord[]): Promise<EventStore> {
  const store = inMemoryStore();
  for (const record of records) {
    const appended = await store.appendToStream(record.streamId, record.version - 1, [record]);
    if (E.isLeft(appended)) throw new Error(`could not rebuild the store: ${appended.left.message}`);
  }
  return store;
}

/**
 * A read-only store that hands back the given records verbatim, at positions 1..n, the way a
 * store reading an edited file or table would: fields may be of the wrong type or unparsable
 * text, versions may skip or repeat. The in-memory store refuses to take such records in.
 */
export function storeReading(records: readonly EventRecord[]): EventStore {
  const log: StoredEvent[] = records.map((record, i) => ({ ...structuredClone(record), position: i + 1 }));
  return {
    name: 'tampered',
    async readStream(streamId) {
      return E.right(log.filter((stored) => stored.streamId === streamId));
    },
    async appendToStream(streamId) {
      return E.left(storeUnavailable(`tampered store: appending to ${streamId}`, 'this store is read-only'));
    },
    async readAll({ after, limit }) {
      return E.right(log.filter((stored) => stored.position > after).slice(0, Math.max(0, limit)));
    },
    async close() {},
  };
}
