import type { Pool } from 'pg';
import * as E from 'fp-ts/lib/Either.js';
import {
  appendRefusal,
  eventFromRow,
  isHoldableText,
  valueRefused,
  storeUnavailable,
  versionConflict,
  type AppendResult,
  type DataKeyStore,
  type EventRecord,
  type EventRow,
  type EventStore,
  type ProjectionStateStore,
  type StoreError,
  type StoreUnavailableError,
  type StoredEvent,
} from '@csp-onprem/engine';
import { dataKeySql } from './data-keys.js';
import { eventStatements } from './event-statements.js';
import { loadPg } from './load-pg.js';
import { checkPostgresArguments } from './option-shapes.js';
import { isLostConnection, isUniqueViolation, refusedValue } from './pg-errors.js';
import { projectionStateSql } from './projection-state.js';
import { toColumns } from './rows.js';
import { DEFAULT_SCHEMA, migrate, quoteSchema, requireInstalled } from './schema.js';
import { backgroundSequencer, committedSequencer, sequence, sequencerSql } from './sequencer.js';
import { poolAddress, serverAddress, storeName } from './store-name.js';

/** Where the store connects: a connection string (the store owns its pool) or a pool you own. */
export type PostgresConnection = { readonly connectionString: string } | { readonly pool: Pool };

/** Settings of the PostgreSQL store. */
export interface PostgresStoreOptions {
  /** The schema holding the store's tables; created by `migrate`. Default `csp_onprem`. */
  readonly schema?: string;
  /**
   * Whether the first call creates or upgrades the schema (default `true`). With `false` the
   * first call only checks that `migrate()` has already run there, and every call answers
   * `StoreUnavailable` until it has: a mistyped schema name fails instead of starting an empty
   * log, and deployments where a DBA runs migrations keep the application from trying DDL.
   */
  readonly migrateOnFirstUse?: boolean;
  /** `statement_timeout` of each connection of the store's own pool, in ms. Default 10000. */
  readonly statementTimeoutMs?: number;
  /** The most connections the store's own pool opens. Default 10. */
  readonly poolSize?: number;
  /** How long to wait for a new connection before `StoreUnavailable`, in ms. Default 5000. */
  readonly connectionTimeoutMs?: number;
  /**
   * How long `readAll` waits, at most, for transactions still open on the server that hold
   * back events committed before it (they get positions only once every older transaction has
   * ended), in ms; 0 does not wait. Default 2000. Within it, a page holds every event appended
   * before the call, by any process: a read model caught up after an append sees that append.
   * Past it (a transaction left open on the server) the page ends before the held-back events,
   * which come in a later read; reads do not wait again until that transaction has ended.
   */
  readonly heldBackWaitMs?: number;
}

/** The PostgreSQL event store: the port plus an explicit, idempotent schema migration. */
export interface PostgresStore extends EventStore {
  /** Durable projection checkpoints and documents, in the store's schema. */
  readonly projections: ProjectionStateStore;
  /** The tenants' data keys, wrapped, in the store's schema (`data_keys`; ids of destroyed ones in `destroyed_data_keys`). */
  readonly dataKeys: DataKeyStore;
  /**
   * Creates the schema, tables and indexes if missing; safe to run again and from several
   * processes at once. Every other method also runs it once, on first use, unless
   * `migrateOnFirstUse` is false (they then only check that it has run).
   */
  migrate(): Promise<E.Either<StoreUnavailableError, void>>;
}


function integerAtLeast(least: 0 | 1, value: number | undefined, fallback: number, what: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < least) throw new RangeError(`${what} must be an integer >= ${least}, not ${String(value)}`);
  return value;
}

function pageStart(after: number): number {
  if (Number.isNaN(after) || after <= 0) return 0;
  return Number.isFinite(after) ? Math.floor(after) : Number.MAX_SAFE_INTEGER;
}

function pageLimit(limit: number): number | null {
  if (Number.isNaN(limit) || limit <= 0) return 0;
  return Number.isFinite(limit) ? Math.floor(limit) : null;
}

// How many events this store appends before it runs the sequencer in the background.
const STAMP_AFTER_EVENTS = 32;

type AppendOutcome = { readonly actual: number; readonly inserted: number };

/**
 * The PostgreSQL event store. Events live in `<schema>.events`, written by one statement per
 * append (version check and insert together; all rows or none) and given global positions
 * after commit by a sequencer step (see sequencer.ts) that `readAll` runs before it reads, so
 * a catch-up reader never skips an event committed late by a slower transaction; appends also
 * start it in the background every few dozen events, so that few rows wait for a position.
 * `readStream` does not run it: for a row not stamped yet it computes the position the row
 * will get, or a lower bound while an older transaction is open (see
 * `EventStatements.readStream`). `AppendResult.positions` is empty: read positions from
 * `readAll`.
 *
 * Nothing connects until the first call, which also creates the schema (once per store)
 * unless `migrateOnFirstUse` is `false`.
 * Every failure of the database answers `StoreUnavailable` with the cause; a call that lost
 * its connection is tried once more on a fresh one. With `{ pool }` the store uses your pool
 * as it is (its statement timeout and size are yours to set) and `close` leaves it open.
 * Invalid options throw a `RangeError` here, and so does a key either argument does not take
 * (naming the argument it belongs in); without the `pg` package installed, a connection string
 * throws `MissingPeerDependencyError`.
 */
export function postgresStore(connection: PostgresConnection, options: PostgresStoreOptions = {}): PostgresStore {
  checkPostgresArguments(connection, options);
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const quoted = quoteSchema(schema);
  const statementTimeoutMs = integerAtLeast(1, options.statementTimeoutMs, 10_000, 'statementTimeoutMs');
  const poolSize = integerAtLeast(1, options.poolSize, 10, 'poolSize');
  const connectionTimeoutMs = integerAtLeast(1, options.connectionTimeoutMs, 5_000, 'connectionTimeoutMs');
  const heldBackWaitMs = integerAtLeast(0, options.heldBackWaitMs, 2_000, 'heldBackWaitMs');
  // Only undefined means the default: a null from a JSON configuration must not turn the check off.
  const migrateOnFirstUse = options.migrateOnFirstUse === undefined ? true : options.migrateOnFirstUse;
  if (typeof migrateOnFirstUse !== 'boolean') throw new RangeError(`migrateOnFirstUse must be true or false, not ${String(migrateOnFirstUse)}`);

  // checkPostgresArguments made sure exactly one of the two is given.
  const suppliedPool = 'pool' in connection ? connection.pool : undefined;
  const connectionString = 'connectionString' in connection ? connection.connectionString : '';
  const ownsPool = suppliedPool === undefined;
  const pool =
    suppliedPool ??
    new (loadPg().Pool)({
      connectionString,
      max: poolSize,
      statement_timeout: statementTimeoutMs,
      connectionTimeoutMillis: connectionTimeoutMs,
      keepAlive: true,
      fallback_application_name: 'csp-onprem',
    });
  const name = storeName(suppliedPool === undefined ? serverAddress(connectionString) : poolAddress(suppliedPool.options), schema);
  // An idle pooled connection that the server closes emits 'error' on the pool; the pool has
  // already dropped it, and the next call opens a fresh one. Without a listener Node would
  // treat the event as an uncaught exception and end the process.
  const onIdleError = (): void => {};
  pool.on('error', onIdleError);

  const events = eventStatements(quoted);
  const sequencer = sequencerSql(events, schema);
  // Named, so that each connection parses and plans them once: planning the append takes about
  // as much server time as running it. The name carries the schema, as the text does.
  const appendStatement = { name: `csp-onprem append ${schema}`, text: events.append };
  const readStreamStatement = { name: `csp-onprem read stream ${schema}`, text: events.readStream };
  const projectionSql = projectionStateSql(quoted);
  const keySql = dataKeySql(quoted);
  let closed = false;
  let closing: Promise<void> | undefined;
  let migrated: Promise<void> | undefined;
  const beforeRead = committedSequencer(pool, sequencer, heldBackWaitMs, () => closed);
  const stamper = backgroundSequencer(async () => {
    if (!closed) await sequence(pool, sequencer);
  });
  let appendedSinceStamp = 0;

  function ensureMigrated(): Promise<void> {
    // Not cached on failure: a server that comes back, or a migration run meanwhile, lets the
    // next call succeed.
    migrated ??= (migrateOnFirstUse ? migrate : requireInstalled)(pool, schema).catch((cause: unknown) => {
      migrated = undefined;
      throw cause;
    });
    return migrated;
  }

  /** Runs `work` after the migration, once more on a lost connection; every failure is `StoreUnavailable`. */
  async function run<L, A>(what: string, work: () => Promise<E.Either<L, A>>): Promise<E.Either<L | StoreUnavailableError, A>> {
    if (closed) return E.left(storeUnavailable(`${name}: ${what}`, 'the store is closed'));
    const attempt = async (): Promise<E.Either<L, A>> => {
      await ensureMigrated();
      return work();
    };
    try {
      try {
        return await attempt();
      } catch (cause) {
        if (!isLostConnection(cause) || closed) throw cause;
        return await attempt();
      }
    } catch (cause) {
      return E.left(storeUnavailable(`${name}: ${what}`, cause));
    }
  }

  async function currentVersion(streamId: string): Promise<number> {
    const result = await pool.query<{ version: number }>(events.streamVersion, [streamId]);
    return result.rows[0]?.version ?? 0;
  }

  async function append(streamId: string, expectedVersion: number, records: readonly EventRecord[]): Promise<E.Either<StoreError, AppendResult>> {
    const columns = toColumns(records);
    let outcome: AppendOutcome;
    try {
      const result = await pool.query<AppendOutcome>({
        ...appendStatement,
        values: [streamId, expectedVersion, columns.versions, columns.eventIds, columns.types, columns.data, columns.meta, columns.prevHashes, columns.hashes],
      });
      const row = result.rows[0];
      if (row === undefined) throw new Error('the append statement returned no row');
      outcome = row;
    } catch (cause) {
      const refused = refusedValue(cause);
      if (refused !== undefined) return E.left(valueRefused(name, 'events', 'values PostgreSQL can store', refused));
      if (!isUniqueViolation(cause)) throw cause;
      // Another writer inserted one of these versions first (it committed while this
      // statement waited on the unique key), or an earlier try of this very append did commit
      // before its connection was lost: either way the stream moved, and the caller reloads.
      // A duplicate event id while the stream is still where it was expected is a caller bug.
      const actual = await currentVersion(streamId);
      if (actual === expectedVersion) throw cause;
      return E.left(versionConflict(streamId, expectedVersion, actual));
    }
    if (outcome.actual !== expectedVersion) return E.left(versionConflict(streamId, expectedVersion, outcome.actual));
    if (outcome.inserted !== records.length) throw new Error(`wrote ${outcome.inserted} of ${records.length} events`);
    return E.right({ streamId, version: expectedVersion + records.length, positions: [] });
  }

  const projections: ProjectionStateStore = {
    load: (projection) => run(`loading projection ${projection}`, async () => E.right(await projectionSql.load(pool, projection))),
    save: (projection, fromPosition, position, changed) =>
      run(`saving projection ${projection}`, async () => E.right(await projectionSql.save(pool, projection, fromPosition, position, changed))),
    reset: (projection) =>
      run(`resetting projection ${projection}`, async () => {
        await projectionSql.reset(pool, projection);
        return E.right(undefined);
      }),
  };

  const dataKeys: DataKeyStore = {
    forTenant: (tenantId) => run(`reading the data key of ${tenantId}`, async () => E.right(await keySql.forTenant(pool, tenantId))),
    byId: (keyId) => run(`reading data key ${keyId}`, async () => E.right(await keySql.byId(pool, keyId))),
    create: (key) => run(`keeping a data key of ${key.tenantId}`, async () => E.right(await keySql.create(pool, key))),
    rewrap: (keyId, from, to) => run(`rewrapping data key ${keyId}`, async () => E.right(await keySql.rewrap(pool, keyId, from, to))),
    list: (after, limit) => run('listing data keys', async () => E.right(await keySql.list(pool, after, limit))),
    destroyTenant: (tenantId, at) => run(`destroying the data keys of ${tenantId}`, async () => E.right(await keySql.destroyTenant(pool, tenantId, at))),
  };

  return {
    name,
    projections,
    dataKeys,
    migrate: async () => {
      if (closed) return E.left(storeUnavailable(`${name}: migrating`, 'the store is closed'));
      try {
        await migrate(pool, schema);
        migrated = Promise.resolve();
        return E.right(undefined);
      } catch (cause) {
        return E.left(storeUnavailable(`${name}: migrating`, cause));
      }
    },
    readStream: (streamId) =>
      run(`reading ${streamId}`, async (): Promise<E.Either<never, StoredEvent[]>> => {
        // PostgreSQL refuses a NUL and reads a lone surrogate as U+FFFD; no event holds either.
        if (!isHoldableText(streamId)) return E.right([]);
        const result = await pool.query<EventRow>({ ...readStreamStatement, values: [streamId] });
        return E.right(result.rows.map(eventFromRow));
      }),
    appendToStream: async (streamId, expectedVersion, records) => {
      // A NUL would fail the statement, and a lone surrogate would be written as U+FFFD (the
      // record would no longer match its hash): refused before PostgreSQL sees them.
      const refused = appendRefusal(name, streamId, expectedVersion, records);
      if (refused !== undefined) return E.left(refused);
      const appended = await run(`appending to ${streamId}`, () => append(streamId, expectedVersion, records));
      if (E.isRight(appended)) {
        // Every so many events rather than after each append: one stamping transaction per
        // event would cost the appenders about as much as the appends themselves.
        appendedSinceStamp += records.length;
        if (appendedSinceStamp >= STAMP_AFTER_EVENTS) {
          appendedSinceStamp = 0;
          stamper.request();
        }
      }
      return appended;
    },
    readAll: ({ after, limit }) =>
      run('reading the global order', async (): Promise<E.Either<never, StoredEvent[]>> => {
        await beforeRead.run();
        const result = await pool.query<EventRow>(events.readAll, [pageStart(after), pageLimit(limit)]);
        return E.right(result.rows.map(eventFromRow));
      }),
    async close() {
      closed = true;
      closing ??= (async () => {
        await stamper.settled();
        if (!ownsPool) {
          pool.removeListener('error', onIdleError);
          return;
        }
        try {
          await pool.end();
        } catch {
          // Ending never fails the caller: the connections are gone either way.
        }
      })();
      await closing;
    },
  };
}
