import type { Either } from 'fp-ts/lib/Either.js';
import type { StoreUnavailableError } from './store-errors.js';

/** What a projection saved last time: its checkpoint and its documents by key. */
export interface SavedProjection {
  /** The global position of the last event the saved documents include; 0 for none. */
  readonly position: number;
  readonly documents: ReadonlyMap<string, unknown>;
}

/**
 * Durable state for catch-up projections, kept in the same database as the events where the
 * store allows. `save` writes the changed documents and the new checkpoint in one transaction,
 * so a crash between the two can never leave a read model ahead of or behind its checkpoint,
 * and re-delivered events are simply applied again to the state they were not yet part of.
 */
export interface ProjectionStateStore {
  /** The projection's checkpoint and documents; position 0 and no documents the first time. */
  load(projection: string): Promise<Either<StoreUnavailableError, SavedProjection>>;
  /**
   * Upserts `changed` documents and moves the checkpoint to `position`, atomically, but only
   * if the saved checkpoint is still `fromPosition` (another runner may have moved it):
   * answers `false` and writes nothing when it is not.
   */
  save(projection: string, fromPosition: number, position: number, changed: ReadonlyMap<string, unknown>): Promise<Either<StoreUnavailableError, boolean>>;
  /** Forgets the projection's documents and checkpoint, so that it rebuilds from zero. */
  reset(projection: string): Promise<Either<StoreUnavailableError, void>>;
}

/**
 * Read access to the read models a store keeps, for audits: a store opened read-only keeps no
 * projection state for an engine (see `EventStore.projections`), yet an auditor compares what
 * it saved with a fold of the log.
 */
export interface SavedReadModels {
  /** The projection's checkpoint and documents, as `ProjectionStateStore.load` answers them. */
  load(projection: string): Promise<Either<StoreUnavailableError, SavedProjection>>;
}
