import * as E from 'fp-ts/lib/Either.js';
import { evolveAll, initialState, type PurchaseState } from '@csp-onprem/domain';
import { decodeStoredEvent, type RecordedEvent } from './recorded-event.js';
import type { EventStore } from './store/event-store.js';
import { GENESIS_HASH } from './store/hashing.js';
import type { StoredEvent } from './store/records.js';
import { storeUnavailable, type StoreUnavailableError } from './store/store-errors.js';

/** A stream decoded and folded into the decider's state. */
export interface LoadedStream {
  readonly events: readonly RecordedEvent[];
  readonly state: PurchaseState;
  /** The hash of the last event, or the genesis hash for an empty stream. */
  readonly headHash: string;
}

function decodeAll(streamId: string, stored: readonly StoredEvent[]): E.Either<StoreUnavailableError, RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (const record of stored) {
    const decoded = decodeStoredEvent(record);
    if (E.isLeft(decoded)) {
      return E.left(storeUnavailable(`stream ${streamId}`, `event at position ${record.position} does not decode: ${decoded.left}`));
    }
    events.push(decoded.right);
  }
  return E.right(events);
}

/** Reads and decodes every event of a stream (for read models that fold it themselves). */
export async function readStreamEvents(store: EventStore, streamId: string): Promise<E.Either<StoreUnavailableError, RecordedEvent[]>> {
  const read = await store.readStream(streamId);
  return E.isLeft(read) ? read : decodeAll(streamId, read.right);
}

/**
 * Keeps recently loaded streams decoded and folded, so that the next command on a stream
 * decodes and folds only the events appended since. A cached prefix is reused only when the
 * stored event at its end still carries the same hash, so a store changed behind the cache's
 * back is simply decoded again. Bounded: the least recently used streams are dropped.
 */
export class StreamCache {
  private readonly streams = new Map<string, LoadedStream>();

  constructor(private readonly capacity: number) {}

  /** Reads a stream and folds it, starting from the cached prefix when it still holds. */
  async load(store: EventStore, streamId: string): Promise<E.Either<StoreUnavailableError, LoadedStream>> {
    const read = await store.readStream(streamId);
    if (E.isLeft(read)) return read;
    const stored = read.right;
    const cached = this.streams.get(streamId);
    const reusable =
      cached !== undefined &&
      cached.events.length <= stored.length &&
      (cached.events.length === 0 || stored[cached.events.length - 1]?.hash === cached.headHash);
    const base = reusable ? cached : { events: [], state: initialState, headHash: GENESIS_HASH };
    const decoded = decodeAll(streamId, stored.slice(base.events.length));
    if (E.isLeft(decoded)) return decoded;
    const fresh = decoded.right;
    const last = fresh[fresh.length - 1];
    const loaded: LoadedStream =
      last === undefined ? base : { events: [...base.events, ...fresh], state: evolveAll(base.state, fresh), headHash: last.hash };
    this.remember(streamId, loaded);
    return E.right(loaded);
  }

  /** Records what this process just appended, so the next command on the stream folds nothing. */
  appended(streamId: string, before: LoadedStream, events: readonly RecordedEvent[]): void {
    const last = events[events.length - 1];
    if (last === undefined) return;
    this.remember(streamId, { events: [...before.events, ...events], state: evolveAll(before.state, events), headHash: last.hash });
  }

  private remember(streamId: string, loaded: LoadedStream): void {
    if (this.capacity <= 0) return;
    this.streams.delete(streamId);
    this.streams.set(streamId, loaded);
    if (this.streams.size > this.capacity) {
      const oldest = this.streams.keys().next();
      if (oldest.done !== true) this.streams.delete(oldest.value);
    }
  }
}
