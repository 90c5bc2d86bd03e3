import * as E from 'fp-ts/lib/Either.js';
import { BACKWARDS, END, jsonEvent, NO_STREAM, streamNameFilter, WrongExpectedVersionError, type AppendStreamState, type KurrentDBClient } from '@kurrent/kurrentdb-client';
import { storeUnavailable, type DataKeyStore, type StoreUnavailableError, type WrappedDataKey } from '@csp-onprem/engine';
import {
  DATA_KEY_STATE,
  dataKeyStreamOf,
  decodeSnapshot,
  EMPTY_SNAPSHOT,
  encodeSnapshot,
  lookupIn,
  tenantOfKeyId,
  withLiveDestroyed,
  type DataKeySnapshot,
} from './data-key-snapshot.js';
import { isStreamNotFound } from './error-mapping.js';

/** Runs a call on the store's client, bounded in time, turning what it throws into `StoreUnavailable`. */
export type RunOnClient = <A>(action: string, work: (client: KurrentDBClient) => Promise<A>) => Promise<E.Either<StoreUnavailableError, A>>;

interface Read {
  readonly snapshot: DataKeySnapshot;
  readonly state: AppendStreamState;
}

async function readSnapshot(client: KurrentDBClient, prefix: string, tenantId: string): Promise<Read> {
  try {
    for await (const resolved of client.readStream(dataKeyStreamOf(prefix, tenantId), { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
      if (resolved.event === undefined) break;
      return { snapshot: decodeSnapshot(resolved.event.data), state: resolved.event.revision };
    }
  } catch (cause) {
    if (!isStreamNotFound(cause)) throw cause;
  }
  return { snapshot: EMPTY_SNAPSHOT, state: NO_STREAM };
}

/** Appends the next snapshot if the stream is still where it was read; false when another writer moved it. */
async function writeSnapshot(client: KurrentDBClient, prefix: string, tenantId: string, read: Read, next: DataKeySnapshot): Promise<boolean> {
  const stream = dataKeyStreamOf(prefix, tenantId);
  // The stream keeps its last snapshot only, so a scavenge removes the bytes of earlier ones.
  // Set before the first append (metadata may precede its stream), so no snapshot outlives it.
  if (read.state === NO_STREAM) await client.setStreamMetadata(stream, { maxCount: 1 });
  try {
    await client.appendToStream(stream, jsonEvent({ type: DATA_KEY_STATE, data: encodeSnapshot(next) }), { streamState: read.state });
  } catch (cause) {
    if (cause instanceof WrongExpectedVersionError) return false;
    throw cause;
  }
  return true;
}

const MAX_TRIES = 5;

/**
 * The tenants' data keys in KurrentDB: one stream per tenant (`<prefix><tenantId>`, by default
 * `csp-datakeys-<tenantId>`) whose
 * one kept event (`$maxCount` 1) is a snapshot of the tenant's live key, wrapped, and of the
 * ids of its destroyed keys. Every change appends a whole new snapshot at the revision it read,
 * so two processes racing for a tenant's first key end with one; the superseded snapshot,
 * with any bytes it held, is removed from disk by the next scavenge.
 */
export function kurrentdbDataKeys(run: RunOnClient, prefix: string): DataKeyStore {
  async function change(action: string, tenantId: string, step: (read: Read) => DataKeySnapshot | undefined) {
    return run(action, async (client) => {
      for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
        const read = await readSnapshot(client, prefix, tenantId);
        const next = step(read);
        if (next === undefined || (await writeSnapshot(client, prefix, tenantId, read, next))) return { before: read.snapshot, after: next ?? read.snapshot };
      }
      throw new Error(`the data keys of ${tenantId} kept changing under ${MAX_TRIES} tries: try again`);
    });
  }

  return {
    forTenant: (tenantId) => run(`reading the data key of ${tenantId}`, async (client) => (await readSnapshot(client, prefix, tenantId)).snapshot.live ?? undefined),
    byId: (keyId) =>
      run(`reading data key ${keyId}`, async (client) => {
        const tenantId = tenantOfKeyId(keyId);
        return tenantId === undefined ? { kind: 'unknown' as const } : lookupIn((await readSnapshot(client, prefix, tenantId)).snapshot, keyId);
      }),
    async create(key) {
      const done = await change(`keeping a data key of ${key.tenantId}`, key.tenantId, ({ snapshot }) => (snapshot.live === null ? { ...snapshot, live: key } : undefined));
      if (E.isLeft(done)) return done;
      const live = done.right.after.live;
      return live === null ? E.left(storeUnavailable(`keeping a data key of ${key.tenantId}`, 'the key was neither kept nor found')) : E.right(live);
    },
    async rewrap(keyId, fromKekId, to) {
      const tenantId = tenantOfKeyId(keyId);
      if (tenantId === undefined) return E.right(false);
      const done = await change(`rewrapping data key ${keyId}`, tenantId, ({ snapshot }) =>
        snapshot.live?.keyId === keyId && snapshot.live.kekId === fromKekId ? { ...snapshot, live: { ...snapshot.live, kekId: to.kekId, wrapped: to.wrapped } } : undefined,
      );
      return E.isLeft(done) ? done : E.right(done.right.after.live?.kekId === to.kekId && done.right.before.live?.kekId === fromKekId);
    },
    list: (afterKeyId, limit) =>
      run('listing data keys', async (client) => {
        // Rotation only: every tenant's latest snapshot, read from $all with a stream-name filter.
        const latest = new Map<string, WrappedDataKey | null>();
        for await (const resolved of client.readAll({ filter: streamNameFilter({ prefixes: [prefix] }) })) {
          const event = resolved.event;
          if (event === undefined || event.type !== DATA_KEY_STATE) continue;
          latest.set(event.streamId, decodeSnapshot(event.data).live);
        }
        return [...latest.values()]
          .filter((key): key is WrappedDataKey => key !== null && (afterKeyId === undefined || key.keyId > afterKeyId))
          .sort((a, b) => (a.keyId < b.keyId ? -1 : a.keyId > b.keyId ? 1 : 0))
          .slice(0, Math.max(0, Math.floor(limit)));
      }),
    async destroyTenant(tenantId, destroyedAt) {
      const done = await change(`destroying the data keys of ${tenantId}`, tenantId, ({ snapshot }) => (snapshot.live === null ? undefined : withLiveDestroyed(snapshot, destroyedAt)));
      if (E.isLeft(done)) return done;
      const { before } = done.right;
      return E.right(before.live === null ? [] : [before.live.keyId]);
    },
  };
}
