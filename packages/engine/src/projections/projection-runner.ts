import * as E from 'fp-ts/lib/Either.js';
import { decodeStoredEvent } from '../recorded-event.js';
import type { EventStore } from '../store/event-store.js';
import type { StoreUnavailableError } from '../store/store-errors.js';
import type { Projection } from './projection.js';

/** An event the runner could not decode; `verify` reports it in full. */
export interface SkippedEvent {
  readonly position: number;
  readonly streamId: string;
  readonly problem: string;
}

/** Keeps projections caught up with a store's global order, from a checkpoint. */
export interface ProjectionRunner {
  /** The position of the last event applied. */
  readonly position: number;
  /** Events that could not be decoded and were left out of the read models. */
  readonly skipped: readonly SkippedEvent[];
  /** Reads and applies everything appended since the checkpoint; concurrent calls share one pass. */
  catchUp(): Promise<E.Either<StoreUnavailableError, number>>;
}

/** Builds a runner over the given projections, reading `batchSize` events per page. */
export function projectionRunner(store: EventStore, projections: readonly Projection[], batchSize = 2000): ProjectionRunner {
  let position = 0;
  const skipped: SkippedEvent[] = [];
  let running: Promise<E.Either<StoreUnavailableError, number>> | undefined;

  async function pass(): Promise<E.Either<StoreUnavailableError, number>> {
    for (;;) {
      const page = await store.readAll({ after: position, limit: batchSize });
      if (E.isLeft(page)) return page;
      for (const stored of page.right) {
        const decoded = decodeStoredEvent(stored);
        if (E.isRight(decoded)) {
          for (const projection of projections) projection.apply(decoded.right);
        } else {
          skipped.push({ position: stored.position, streamId: stored.streamId, problem: decoded.left });
        }
        position = stored.position;
      }
      if (page.right.length < batchSize) return E.right(position);
    }
  }

  return {
    get position() {
      return position;
    },
    skipped,
    catchUp() {
      running ??= pass().finally(() => {
        running = undefined;
      });
      return running;
    },
  };
}
