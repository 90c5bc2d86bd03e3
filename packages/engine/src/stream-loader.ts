import * as E from 'fp-ts/lib/Either.js';
import { evolveAll, initialState, type PurchaseFacts, type PurchaseState, type TimedEvent } from '@csp-onprem/domain';
import { CommandIdSet, type CommandIds } from './command-id-set.js';
import { decodeStoredEvent, type RecordedEvent } from './recorded-event.js';
import { SharedValues } from './shared-values.js';
import type { EventStore } from './store/event-store.js';
import { GENESIS_HASH } from './store/hashing.js';
import type { StoredEvent } from './store/records.js';
import { storeUnavailable, type StoreUnavailableError } from './store/store-errors.js';

/** A stream folded into what a command needs to decide on it. */
export interface LoadedStream {
  readonly state: PurchaseState;
  /** The hash of the last event, or the genesis hash for an empty stream. */
  readonly headHash: string;
  /** The command ids the stream already holds, so that a repeated command is recognised. */
  readonly commandIds: CommandIds;
  /** When the last event was recorded; absent for an empty stream. */
  readonly lastOccurredAt?: string;
}

/** An event as the stream cache folds it: its hash and the command that wrote it. */
export type FoldedEvent = TimedEvent & { readonly hash: string; readonly meta: { readonly commandId: string } };

const EMPTY_STREAM: LoadedStream = { state: initialState, headHash: GENESIS_HASH, commandIds: CommandIdSet.EMPTY };

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

function folded(base: LoadedStream, events: readonly FoldedEvent[], sharing: SharedValues): LoadedStream {
  const last = events[events.length - 1];
  if (last === undefined) return base;
  // The cache's own streams keep a compact CommandIdSet; a stream built elsewhere is converted once.
  const known = base.commandIds instanceof CommandIdSet ? base.commandIds : CommandIdSet.EMPTY.with(base.commandIds);
  const commandIds = known.with(events.map((event) => event.meta.commandId));
  const state = evolveAll(base.state, events);
  const { purchase } = state;
  // A purchase's facts are set once, by Purchased: sharing their catalogue values saves a quarter of a cached stream.
  const fresh = purchase !== null && purchase !== base.state.purchase;
  return { state: fresh ? { ...state, purchase: sharedFacts(purchase, sharing) } : state, headHash: last.hash, commandIds, lastOccurredAt: last.meta.occurredAt };
}

function sharedFacts(facts: PurchaseFacts, sharing: SharedValues): PurchaseFacts {
  return {
    ...facts,
    customer: sharing.shared(facts.customer),
    product: sharing.shared(facts.product),
    cancellationPolicy: sharing.shared(facts.cancellationPolicy),
  };
}

/**
 * Keeps recently used streams folded (state, head hash and command ids; not their events), so
 * that a command on a known stream neither reads nor decodes it. What the cache holds may be
 * behind the store when another process appended since: callers decide on it optimistically
 * and the append's expected version proves it current (a conflict sends them to `load`).
 * `load` reuses a cached prefix only when the stored event at its end still carries the same
 * hash, so a store changed behind the cache's back is decoded again. Bounded: the least
 * recently used streams are dropped.
 */
export class StreamCache {
  private readonly streams = new Map<string, LoadedStream>();
  private readonly sharing = new SharedValues();

  constructor(private readonly capacity: number) {}

  /** What the cache holds for a stream, without reading the store; possibly stale. */
  peek(streamId: string): LoadedStream | undefined {
    const cached = this.streams.get(streamId);
    if (cached !== undefined) this.remember(streamId, cached);
    return cached;
  }

  /** Reads a stream and folds it, starting from the cached prefix when it still holds. */
  async load(store: EventStore, streamId: string): Promise<E.Either<StoreUnavailableError, LoadedStream>> {
    const read = await store.readStream(streamId);
    if (E.isLeft(read)) return read;
    const stored = read.right;
    const cached = this.streams.get(streamId);
    const prefix = cached?.state.version ?? 0;
    const reusable = cached !== undefined && prefix <= stored.length && (prefix === 0 || stored[prefix - 1]?.hash === cached.headHash);
    const base = reusable ? cached : EMPTY_STREAM;
    const decoded = decodeAll(streamId, stored.slice(base.state.version));
    if (E.isLeft(decoded)) return decoded;
    const loaded = folded(base, decoded.right, this.sharing);
    this.remember(streamId, loaded);
    return E.right(loaded);
  }

  /** Records what this process just appended, so the next command on the stream reads nothing. */
  appended(streamId: string, before: LoadedStream, events: readonly FoldedEvent[]): void {
    if (events.length > 0) this.remember(streamId, folded(before, events, this.sharing));
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
