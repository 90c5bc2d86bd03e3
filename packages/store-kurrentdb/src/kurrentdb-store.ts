import * as E from 'fp-ts/lib/Either.js';
import { BACKWARDS, END, KurrentDBClient, type JSONEventData } from '@kurrent/kurrentdb-client';
import {
  PURCHASE_STREAM_PREFIX,
  appendRefusal,
  checkOptions,
  isHoldableText,
  storeUnavailable,
  versionConflict,
  type AppendResult,
  type DataKeyStore,
  type EventRecord,
  type EventStore,
  type StoreError,
  type StoreUnavailableError,
  type StoredEvent,
} from '@csp-onprem/engine';
import { unknownSettings } from './connection-options.js';
import { DATA_KEY_STREAM_PREFIX } from './data-key-snapshot.js';
import { kurrentdbDataKeys, type RunOnClient } from './data-keys.js';
import { KURRENTDB_STORE_OPTIONS } from './option-shapes.js';
import { toKurrentEvent } from './event-mapping.js';
import { isStreamNotFound, toAppendError, toStoreUnavailable, type ErrorContext } from './error-mapping.js';
import { positionOfCommit } from './positions.js';
import { readAllPage } from './read-all.js';
import { storedEventOf } from './resolved-events.js';
import { streamStateFor, versionOfRevision } from './revisions.js';
import { redact, secretsOf, storeNameOf } from './store-name.js';
import { subscribeAfter } from './subscription.js';
import type { EventListener, SubscriptionErrorListener, Unsubscribe } from './subscription-listeners.js';
import { withinTime } from './time-bound.js';

/** Where the KurrentDB event store connects and which streams it owns. */
export interface KurrentdbStoreOptions {
  /** A KurrentDB connection string, such as `kurrentdb://localhost:2113?tls=false`. */
  readonly connectionString: string;
  /**
   * Every stream this store appends to starts with this; `readAll` and `subscribe` see only
   * these streams. Default `csp-software-`, the prefix of every purchase stream.
   */
  readonly streamPrefix?: string;
  /** The longest any one call may take before it answers `StoreUnavailable`; default 15000 ms. */
  readonly timeoutMs?: number;
  /**
   * Every stream keeping a tenant's data keys starts with this; default `csp-datakeys-`. Give
   * stores that share a server with other prefixes their own. It must not overlap
   * `streamPrefix`: a `RangeError` says so.
   */
  readonly dataKeyStreamPrefix?: string;
}

/** The KurrentDB event store: the `EventStore` port plus live catch-up subscriptions. */
export interface KurrentdbStore extends EventStore {
  /** The stream prefix this store owns. */
  readonly streamPrefix: string;
  /** The tenants' data keys, wrapped: one `csp-datakeys-<tenantId>` stream per tenant (see `kurrentdbDataKeys`). */
  readonly dataKeys: DataKeyStore;
  /**
   * Delivers the store's events with position above `after` (0 for all): those already stored,
   * then each new one as it is committed, in global order. `onError` is told once if the
   * subscription ends on its own. Returns the function that stops it.
   */
  subscribe(after: number, onEvent: EventListener, onError?: SubscriptionErrorListener): Unsubscribe;
}

type Client = KurrentDBClient;

// The store's prefix decides what readAll shows, so a stream outside it is refused too.
function outsidePrefix(prefix: string, streamId: string): string | undefined {
  return streamId.startsWith(prefix) ? undefined : `stream ${streamId} does not start with this store's prefix ${prefix}, so readAll would never show it`;
}

/** The version a stream is at now: the revision of its last event + 1, or 0 when it does not exist. */
async function currentVersion(client: Client, streamId: string): Promise<number | undefined> {
  try {
    for await (const resolved of client.readStream(streamId, { fromRevision: END, direction: BACKWARDS, maxCount: 1 })) {
      return resolved.event === undefined ? undefined : versionOfRevision(resolved.event.revision);
    }
    return 0;
  } catch (cause) {
    if (isStreamNotFound(cause)) return 0;
    throw cause;
  }
}

// The append answers only the stream's new revision, so the positions of the appended events
// are read back; if that read fails the append still stands and `positions` is empty.
async function appendedPositions(client: Client, streamId: string, expectedVersion: number, events: readonly EventRecord[]): Promise<number[]> {
  const positions: number[] = [];
  try {
    const options = { fromRevision: BigInt(expectedVersion), maxCount: events.length };
    for await (const resolved of client.readStream(streamId, options)) {
      const expected = events[positions.length];
      if (resolved.event === undefined || expected === undefined || resolved.event.id !== expected.eventId) return [];
      const position = positionOfCommit(resolved.event.position?.commit ?? resolved.commitPosition, 'reading back the append');
      if (E.isLeft(position)) return [];
      positions.push(position.right);
    }
  } catch {
    return [];
  }
  return positions.length === events.length ? positions : [];
}

/**
 * The event store on KurrentDB (or EventStoreDB 22.6+), through `@kurrent/kurrentdb-client`.
 * Each purchase stream is a KurrentDB stream of the same name; each record a JSON event whose
 * id is the record's `eventId`, so an append sent again with the same records is deduplicated by the server. Positions
 * are KurrentDB commit positions. The client is created on first use, so a malformed
 * connection string or an unreachable server answers `StoreUnavailable` from the calls,
 * never a throw; every call is bounded by `timeoutMs`. An options key it does not take throws a
 * `RangeError` here.
 */
export function kurrentdbStore(options: KurrentdbStoreOptions): KurrentdbStore {
  checkOptions(options, KURRENTDB_STORE_OPTIONS);
  const name = storeNameOf(options.connectionString);
  const secrets = secretsOf(options.connectionString);
  const prefix = options.streamPrefix ?? PURCHASE_STREAM_PREFIX;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const dataKeyPrefix = options.dataKeyStreamPrefix ?? DATA_KEY_STREAM_PREFIX;
  if (dataKeyPrefix.startsWith(prefix) || prefix.startsWith(dataKeyPrefix)) {
    throw new RangeError(`dataKeyStreamPrefix ${JSON.stringify(dataKeyPrefix)} overlaps streamPrefix ${JSON.stringify(prefix)}: readAll would show the data keys' snapshots; give them prefixes that do not start one another`);
  }
  const subscriptions = new Set<Unsubscribe>();
  let client: Client | undefined;
  let closed = false;

  const contextOf = (action: string): ErrorContext => ({ store: name, action, secrets });

  function use(action: string): E.Either<StoreUnavailableError, Client> {
    if (closed) return E.left(storeUnavailable(`${name}: ${action}`, 'the store is closed'));
    if (client !== undefined) return E.right(client);
    const unknown = unknownSettings(options.connectionString);
    if (unknown.length > 0) {
      const listed = unknown.map((key) => JSON.stringify(redact(key, secrets))).join(', ');
      return E.left(storeUnavailable(`${name}: ${action}`, `the connection string is not valid: the KurrentDB client does not know the setting ${listed}`));
    }
    try {
      client = KurrentDBClient.connectionString(options.connectionString);
      return E.right(client);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      return E.left(storeUnavailable(`${name}: ${action}`, redact(`the connection string is not valid: ${reason}`, secrets)));
    }
  }

  async function bounded<L extends StoreError, A>(action: string, work: (client: Client) => Promise<E.Either<L, A>>, note = ''): Promise<E.Either<L | StoreUnavailableError, A>> {
    const session = use(action);
    if (E.isLeft(session)) return session;
    const expired = (): StoreUnavailableError => storeUnavailable(`${name}: ${action}`, `KurrentDB did not answer within ${timeoutMs} ms${note}`);
    return withinTime<L | StoreUnavailableError, A>(timeoutMs, expired, () => work(session.right));
  }

  async function append(client: Client, streamId: string, expectedVersion: number, events: readonly EventRecord[], encoded: JSONEventData[]): Promise<E.Either<StoreError, AppendResult>> {
    const context = contextOf(`appending to ${streamId}`);
    const what = `${name}: ${context.action}`;
    try {
      if (events.length === 0) {
        const actual = await currentVersion(client, streamId);
        if (actual === undefined) return E.left(storeUnavailable(what, 'KurrentDB gave the stream an impossible revision'));
        return actual === expectedVersion ? E.right({ streamId, version: actual, positions: [] }) : E.left(versionConflict(streamId, expectedVersion, actual));
      }
      const result = await client.appendToStream(streamId, encoded, { streamState: streamStateFor(expectedVersion) });
      if (!result.success) {
        // Only with throwOnAppendFailure=false in the connection string; ask for the actual version.
        const actual = await currentVersion(client, streamId);
        if (actual === undefined) return E.left(storeUnavailable(what, 'KurrentDB refused the append at a version it did not report'));
        return E.left(versionConflict(streamId, expectedVersion, actual));
      }
      const version = versionOfRevision(result.nextExpectedRevision);
      if (version !== expectedVersion + events.length) {
        return E.left(storeUnavailable(what, `KurrentDB reports revision ${result.nextExpectedRevision} after appending versions ${expectedVersion + 1} to ${expectedVersion + events.length}`));
      }
      return E.right({ streamId, version, positions: await appendedPositions(client, streamId, expectedVersion, events) });
    } catch (cause) {
      return E.left(toAppendError(cause, { streamId, expectedVersion }, context));
    }
  }

  const runOnClient: RunOnClient = (action, work) =>
    bounded(action, async (session) => {
      try {
        return E.right(await work(session));
      } catch (cause) {
        return E.left(toStoreUnavailable(cause, contextOf(action)));
      }
    });

  return {
    name,
    streamPrefix: prefix,
    dataKeys: kurrentdbDataKeys(runOnClient, dataKeyPrefix),

    readStream(streamId) {
      const action = `reading ${streamId}`;
      return bounded(action, async (client) => {
        const what = `${name}: ${action}`;
        // No event holds a stream id with a NUL or a lone surrogate (appends refuse them).
        if (!isHoldableText(streamId)) return E.right([]);
        const events: StoredEvent[] = [];
        try {
          for await (const resolved of client.readStream(streamId)) {
            const stored = storedEventOf(resolved, what);
            if (E.isLeft(stored)) return stored;
            if (stored.right !== undefined) events.push(stored.right);
          }
        } catch (cause) {
          return isStreamNotFound(cause) ? E.right([]) : E.left(toStoreUnavailable(cause, contextOf(action)));
        }
        return E.right(events);
      });
    },

    appendToStream(streamId, expectedVersion, events) {
      const action = `appending to ${streamId}`;
      const what = `${name}: ${action}`;
      if (closed) return Promise.resolve(E.left(storeUnavailable(what, 'the store is closed')));
      const outside = outsidePrefix(prefix, streamId);
      if (outside !== undefined) return Promise.resolve(E.left(storeUnavailable(what, outside)));
      // What the SQL stores cannot keep is refused here too, so that a log moves between stores.
      const refused = appendRefusal(name, streamId, expectedVersion, events);
      if (refused !== undefined) return Promise.resolve(E.left(refused));
      const encoded: JSONEventData[] = [];
      for (const record of events) {
        const event = toKurrentEvent(record);
        if (E.isLeft(event)) return Promise.resolve(E.left(storeUnavailable(what, event.left)));
        encoded.push(event.right);
      }
      const note = '; the append may still be written, and retrying it with the same event ids is safe';
      return bounded(action, (client) => append(client, streamId, expectedVersion, events, encoded), note);
    },

    readAll({ after, limit }) {
      const action = 'reading the global order';
      return bounded(action, (client) => readAllPage(client, { prefix, after, limit }, contextOf(action)));
    },

    subscribe(after, onEvent, onError = () => undefined) {
      const action = 'subscribing to the global order';
      const session = use(action);
      if (E.isLeft(session)) {
        onError(session.left);
        return async () => undefined;
      }
      const unsubscribe = subscribeAfter(session.right, prefix, after, onEvent, onError, contextOf(action));
      const tracked: Unsubscribe = async () => {
        subscriptions.delete(tracked);
        await unsubscribe();
      };
      subscriptions.add(tracked);
      return tracked;
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...subscriptions].map((unsubscribe) => unsubscribe()));
      const open = client;
      client = undefined;
      await open?.dispose().catch(() => undefined);
    },
  };
}
