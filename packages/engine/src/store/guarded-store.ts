import * as E from 'fp-ts/lib/Either.js';
import type { DataKeyStore } from '../custody/data-key-store.js';
import type { EventStore } from './event-store.js';
import type { ProjectionStateStore } from './projection-state-store.js';
import { storeUnavailable } from './store-errors.js';

async function guard<L, A>(what: string, run: () => Promise<E.Either<L, A>>): Promise<E.Either<L | ReturnType<typeof storeUnavailable>, A>> {
  try {
    return await run();
  } catch (cause) {
    return E.left(storeUnavailable(what, cause));
  }
}

/**
 * Wraps a store so that one that throws or rejects (a bug, a dropped connection) answers
 * `StoreUnavailable` instead: a broken store never crashes the host process.
 */
export function guardedStore(store: EventStore): EventStore {
  const state = store.projections;
  const projections: ProjectionStateStore | undefined =
    state === undefined
      ? undefined
      : {
          load: (name) => guard(`${store.name}: loading projection ${name}`, () => state.load(name)),
          save: (name, from, to, changed) => guard(`${store.name}: saving projection ${name}`, () => state.save(name, from, to, changed)),
          reset: (name) => guard(`${store.name}: resetting projection ${name}`, () => state.reset(name)),
        };
  const keys = store.dataKeys;
  const dataKeys: DataKeyStore | undefined =
    keys === undefined
      ? undefined
      : {
          forTenant: (tenantId) => guard(`${store.name}: reading the data key of ${tenantId}`, () => keys.forTenant(tenantId)),
          byId: (keyId) => guard(`${store.name}: reading data key ${keyId}`, () => keys.byId(keyId)),
          create: (key) => guard(`${store.name}: keeping a data key of ${key.tenantId}`, () => keys.create(key)),
          rewrap: (keyId, from, to) => guard(`${store.name}: rewrapping data key ${keyId}`, () => keys.rewrap(keyId, from, to)),
          list: (after, limit) => guard(`${store.name}: listing data keys`, () => keys.list(after, limit)),
          destroyTenant: (tenantId, at) => guard(`${store.name}: destroying the data keys of ${tenantId}`, () => keys.destroyTenant(tenantId, at)),
        };
  return {
    name: store.name,
    ...(projections === undefined ? {} : { projections }),
    ...(store.savedReadModels === undefined ? {} : { savedReadModels: { load: (name) => guard(`${store.name}: loading projection ${name}`, () => (store.savedReadModels as NonNullable<EventStore['savedReadModels']>).load(name)) } }),
    ...(dataKeys === undefined ? {} : { dataKeys }),
    ...(store.ephemeral === undefined ? {} : { ephemeral: store.ephemeral }),
    readStream: (streamId) => guard(`${store.name}: reading ${streamId}`, () => store.readStream(streamId)),
    appendToStream: (streamId, expectedVersion, events) =>
      guard(`${store.name}: appending to ${streamId}`, () => store.appendToStream(streamId, expectedVersion, events)),
    readAll: (options) => guard(`${store.name}: reading the global order`, () => store.readAll(options)),
    close: async () => {
      try {
        await store.close();
      } catch {
        // Closing a broken store has nothing left to release.
      }
    },
  };
}
