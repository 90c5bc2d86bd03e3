import { generateKeyPairSync } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore, manualClock, recordHash, type EventRecord, type EventStore, type StoredEvent } from '@csp-onprem/engine';
import { chainedRecords } from '@csp-onprem/testing';

/** Unwraps a Right, failing the test with the Left's message otherwise. */
export function right<A>(result: E.Either<{ message: string }, A>): A {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.message}`);
  return result.right;
}

/** Unwraps a Left, failing the test when the result is a Right. */
export function left<L>(result: E.Either<L, unknown>): L {
  if (E.isRight(result)) throw new Error('expected a refusal, got success');
  return result.left;
}

/**
 * A memory store holding `streams` streams of `perStream` events each, appended round-robin
 * (s1 v1, s2 v1, ..., s1 v2, ...), so that streams interleave in the global order.
 */
export async function interleavedLog(streams: number, perStream: number, prefix = 'SUB'): Promise<EventStore> {
  const store = inMemoryStore();
  const records = Array.from({ length: streams }, (_, s) => chainedRecords(`${prefix}-${s + 1}`, perStream));
  for (let v = 0; v < perStream; v += 1) {
    for (const stream of records) {
      const record = stream[v] as EventRecord;
      right(await store.appendToStream(record.streamId, v, [record]));
    }
  }
  return store;
}

/** Appends `count` more events to a stream of a store, continuing its chain. */
export async function appendTo(store: EventStore, streamId: string, count: number): Promise<void> {
  const existing = right(await store.readStream(streamId));
  const last = existing[existing.length - 1];
  const records = chainedRecords(streamId, count, last === undefined ? undefined : { version: last.version, hash: last.hash });
  right(await store.appendToStream(streamId, existing.length, records));
}

/** Every record a store holds, in global order. */
export async function allRecords(store: EventStore): Promise<StoredEvent[]> {
  return right(await store.readAll({ after: 0, limit: 1_000_000 }));
}

/** A read-only store whose global order is exactly the given records (what an adversary with write access to the database leaves). */
export function storeOf(records: readonly StoredEvent[]): EventStore {
  const sorted = [...records].sort((a, b) => a.position - b.position);
  return {
    ...inMemoryStore(),
    name: 'tampered',
    readAll: async ({ after, limit }) => E.right(sorted.filter((r) => r.position > after).slice(0, limit)),
    readStream: async (streamId) => E.right(sorted.filter((r) => r.streamId === streamId)),
  };
}

/** A store that counts the pages read from it and their sizes. */
export function countingReads(store: EventStore): { store: EventStore; pages: number[] } {
  const pages: number[] = [];
  return {
    pages,
    store: {
      ...store,
      readAll: async (options) => {
        pages.push(options.limit);
        return store.readAll(options);
      },
    },
  };
}

/**
 * The records with one event's data replaced and its stream's chain recomputed from there on,
 * as an adversary who rewrites a purchase must do so that the chain check alone still passes.
 */
export function withRewrittenEvent(records: readonly StoredEvent[], streamId: string, version: number, data: unknown): StoredEvent[] {
  let prevHash: string | undefined;
  return records.map((r) => {
    if (r.streamId !== streamId || r.version < version) return r;
    const unhashed = {
      eventId: r.eventId,
      streamId: r.streamId,
      version: r.version,
      type: r.type,
      data: r.version === version ? data : r.data,
      meta: r.meta,
      prevHash: prevHash ?? r.prevHash,
    };
    const hash = recordHash(unhashed);
    prevHash = hash;
    return { ...unhashed, hash, position: r.position };
  });
}

/** A fresh Ed25519 key pair as PEM texts. */
export function ed25519Pems(): { privateKey: string; publicKey: string } {
  return generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
}

const PARTNER = '11111111-1111-4111-8111-111111111111';
const admin = { userId: 'alice@partner', tenantId: PARTNER, roles: ['AdminAgent'] };

/** A store the engine itself wrote: `count` purchases, then a key issued for each, so that every event decodes and every chain verifies. */
export async function engineLog(count = 3): Promise<EventStore> {
  const store = inMemoryStore();
  const engine = createEngine({ store, clock: manualClock(new Date('2026-11-20T09:00:00.000Z')).now });
  const ids = Array.from({ length: count }, (_, i) => `SUB-${i + 1}`);
  for (const subscriptionId of ids) {
    right(
      await engine.as(admin).execute({
        type: 'PurchaseSoftware',
        commandId: `buy-${subscriptionId}`,
        partnerId: PARTNER,
        customer: { tenantId: '22222222-2222-4222-8222-222222222222', domain: 'contoso.onmicrosoft.com' },
        orderId: `order-${subscriptionId}`,
        subscriptionId,
        product: { productId: 'DG7GMGF0FKZV', skuId: '0001', title: 'SQL Server 2019 Standard', versions: ['2019'], languages: ['en-us'], bitness: ['64-bit'] },
        quantity: 1,
        unitPrice: { amount: 89900, currency: 'USD' },
      }),
    );
  }
  for (const subscriptionId of ids) {
    right(await engine.as(admin).execute({ type: 'GetKey', commandId: `key-${subscriptionId}`, subscriptionId, variant: { version: '2019', language: 'en-us', bitness: '64-bit' } }));
  }
  return store;
}
