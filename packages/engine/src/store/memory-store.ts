import * as E from 'fp-ts/lib/Either.js';
import type { AppendResult, EventStore, ReadAllOptions } from './event-store.js';
import type { ProjectionStateStore } from './projection-state-store.js';
import { appendRefusal } from './append-checks.js';
import { PackedLog } from './packed-log.js';
import { recordJson } from './canonical-record.js';
import type { EventRecord, StoredEvent } from './records.js';
import { storeUnavailable, versionConflict, type StoreError, type StoreUnavailableError } from './store-errors.js';

/**
 * An in-process event store for tests, examples and benchmarks, with projection state kept
 * beside the log (as JSON, like a database would). Appends cost O(events
 * appended): the global log and each stream only grow. Records are kept as their JSON text,
 * so no caller can change the log, and that text is packed as UTF-8 into large buffers
 * outside the V8 heap (`PackedLog`): a log of millions of events is a few hundred buffers to
 * the garbage collector rather than millions of strings to trace.
 */
export function inMemoryStore(): EventStore {
  const log = new PackedLog();
  const streams = new Map<string, number[]>();
  const eventAt = (position: number): StoredEvent => {
    const event = JSON.parse(log.at(position)) as StoredEvent & { position: number };
    event.position = position;
    return event;
  };
  let closed = false;
  const closedError = (): StoreUnavailableError => storeUnavailable('memory store', 'the store is closed');

  const saved = new Map<string, { position: number; documents: Map<string, string> }>();
  const projections: ProjectionStateStore = {
    async load(name) {
      if (closed) return E.left(closedError());
      const entry = saved.get(name);
      const documents = new Map<string, unknown>();
      for (const [key, json] of entry?.documents ?? []) documents.set(key, JSON.parse(json));
      return E.right({ position: entry?.position ?? 0, documents });
    },
    async save(name, fromPosition, position, changed) {
      if (closed) return E.left(closedError());
      const entry = saved.get(name) ?? { position: 0, documents: new Map<string, string>() };
      if (entry.position !== fromPosition) return E.right(false);
      for (const [key, document] of changed) entry.documents.set(key, JSON.stringify(document));
      entry.position = position;
      saved.set(name, entry);
      return E.right(true);
    },
    async reset(name) {
      if (closed) return E.left(closedError());
      saved.delete(name);
      return E.right(undefined);
    },
  };

  return {
    name: 'memory',
    ephemeral: true,
    projections,
    async readStream(streamId) {
      if (closed) return E.left(closedError());
      return E.right((streams.get(streamId) ?? []).map(eventAt));
    },
    async appendToStream(streamId, expectedVersion, events: readonly EventRecord[]): Promise<E.Either<StoreError, AppendResult>> {
      if (closed) return E.left(closedError());
      // This store could keep anything, but refuses what the others cannot, so that a log
      // that works here works on every store.
      const refused = appendRefusal('memory', streamId, expectedVersion, events);
      if (refused !== undefined) return E.left(refused);
      const stream = streams.get(streamId) ?? [];
      if (stream.length !== expectedVersion) return E.left(versionConflict(streamId, expectedVersion, stream.length));
      const positions: number[] = [];
      for (const record of events) {
        const position = log.append(recordJson(record));
        stream.push(position);
        positions.push(position);
      }
      streams.set(streamId, stream);
      return E.right({ streamId, version: stream.length, positions });
    },
    async readAll({ after, limit }: ReadAllOptions) {
      if (closed) return E.left(closedError());
      const start = Math.max(0, Math.floor(after));
      const end = Math.min(log.length, start + limit);
      const page: StoredEvent[] = [];
      for (let position = start + 1; position <= end; position += 1) page.push(eventAt(position));
      return E.right(page);
    },
    async close() {
      closed = true;
    },
  };
}
