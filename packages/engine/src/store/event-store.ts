import type { Either } from 'fp-ts/lib/Either.js';
import type { DataKeyStore } from '../custody/data-key-store.js';
import type { ProjectionStateStore, SavedReadModels } from './projection-state-store.js';
import type { EventRecord, StoredEvent } from './records.js';
import type { StoreError, StoreUnavailableError } from './store-errors.js';

/** What a successful append wrote. */
export interface AppendResult {
  readonly streamId: string;
  /** The stream's version after the append. */
  readonly version: number;
  /**
   * Global position of each appended event, in order; empty for a store that gives global
   * positions only once a commit is safe to read in order (PostgreSQL sequences them then).
   */
  readonly positions: readonly number[];
}

/** Where to read the global order from. */
export interface ReadAllOptions {
  /** Read events whose position is greater than this; 0 reads from the start. */
  readonly after: number;
  /** At most this many events. */
  readonly limit: number;
}

/**
 * The port every event store implements. Stores keep records as given and never
 * interpret them; the engine builds the hash chain, decodes and decides.
 */
export interface EventStore {
  /** A short name for messages, such as `memory` or `sqlite:./csp.db`. */
  readonly name: string;
  /** Every event of one stream in version order; a missing stream is empty. */
  readStream(streamId: string): Promise<Either<StoreUnavailableError, StoredEvent[]>>;
  /**
   * Appends all `events` atomically if the stream is at `expectedVersion` (0 for a new stream);
   * otherwise `VersionConflict`, and nothing is written.
   */
  appendToStream(streamId: string, expectedVersion: number, events: readonly EventRecord[]): Promise<Either<StoreError, AppendResult>>;
  /**
   * A page of the global order: events with position > `after`, ascending. Positions are
   * stable and never skip a committed event: once an event at position p has been read, no
   * event with a smaller position can appear later. A read includes every event whose append
   * completed before it was called, by this process or another (PostgreSQL: unless a
   * transaction left open on the server holds it back longer than `heldBackWaitMs`; KurrentDB:
   * when the store reads from the leader, its default node preference).
   */
  readAll(options: ReadAllOptions): Promise<Either<StoreUnavailableError, StoredEvent[]>>;
  /**
   * Durable checkpoints and documents for catch-up projections, in the same database;
   * absent for stores that cannot keep them (projections then rebuild from zero on start).
   */
  readonly projections?: ProjectionStateStore;
  /**
   * The read models the store keeps, to read only: present on a store opened read-only that
   * has them (an audit compares them with the log; `projections` serves the same otherwise).
   */
  readonly savedReadModels?: SavedReadModels;
  /**
   * The tenants' data keys, wrapped under the platform's key-encryption key, in the same
   * database: a durable store keeps them so that product keys survive a restart. Absent for
   * the in-memory store.
   */
  readonly dataKeys?: DataKeyStore;
  /**
   * True for a store whose events vanish with the process (the in-memory store): only over
   * such a store may an engine keep data keys in the process. Absent means durable.
   */
  readonly ephemeral?: boolean;
  /** Releases the store's resources; later calls answer `StoreUnavailable`. */
  close(): Promise<void>;
}
