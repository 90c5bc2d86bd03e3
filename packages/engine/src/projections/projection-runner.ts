import { trace, type Tracer } from '@opentelemetry/api';
import * as E from 'fp-ts/lib/Either.js';
import { decodeStoredEvent } from '../recorded-event.js';
import type { EventStore } from '../store/event-store.js';
import type { StoreUnavailableError } from '../store/store-errors.js';
import { inSpan } from '../telemetry/active-span.js';
import { outcomeOf } from '../telemetry/outcome.js';
import { AttributeNames, INSTRUMENTATION_SCOPE, SpanNames } from '../telemetry/telemetry-names.js';
import type { Projection } from './projection.js';

/** An event the runner left out: it did not decode (`verify` reports it in full), or the projection's fold threw on it. */
export interface SkippedEvent {
  readonly position: number;
  readonly streamId: string;
  readonly problem: string;
}

/** Keeps one projection caught up with a store's global order, from a durable checkpoint. */
export interface ProjectionRunner {
  /** The position of the last event applied. */
  readonly position: number;
  /** Whether the read model was loaded (restored or folded) in this process: `position` is its own only then. */
  readonly loaded: boolean;
  /** Events left out of the read model: those that did not decode, and those the projection failed to apply. */
  readonly skipped: readonly SkippedEvent[];
  /**
   * Reads and applies everything appended since the checkpoint, including every append that
   * completed before the call. Concurrent calls share one pass, unless it had already read the
   * end of the log when a call came: that call then waits for one more. With `{ save: false }` the documents and checkpoint are left to the next saving
   * pass (a command that only needs the read model current pays no write for it); with
   * `{ save: 'when-due' }` they are saved only once `saveEvery` events have been applied since
   * the last save, so a process that never runs a saving pass still resumes near the end.
   */
  catchUp(options?: { readonly save?: boolean | 'when-due' }): Promise<E.Either<StoreUnavailableError, number>>;
  /** Forgets the saved state and folds the whole log again. */
  rebuild(): Promise<E.Either<StoreUnavailableError, number>>;
  /** Keeps catching up every `intervalMs` until the returned function is called. */
  follow(intervalMs: number, onError?: (error: StoreUnavailableError) => void): () => void;
}

/** What one catch-up pass did, for its span: the position it started from and the events it read. */
interface PassStats {
  from: number;
  events: number;
  /** The ordinal of the last read of the global order it sent (see `readsSent`). */
  lastRead: number;
}

/** A pass under way, which callers arriving meanwhile may share. */
interface RunningPass {
  readonly pass: Promise<E.Either<StoreUnavailableError, number>>;
  readonly saves: boolean;
  readonly stats: PassStats;
}

/** When a pass saves: where it ends and every `saveEvery` events, only every `saveEvery` events, or never. */
type SaveMode = 'always' | 'when-due' | 'never';

/**
 * Runs `step` now and then `intervalMs` after each run ends, until the returned function is
 * called; a failure goes to `onError` and the next run still comes.
 */
export function repeatEvery(
  intervalMs: number,
  step: () => Promise<E.Either<StoreUnavailableError, unknown>>,
  onError?: (error: StoreUnavailableError) => void,
): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    const result = await step();
    if (E.isLeft(result)) onError?.(result.left);
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
  };
}

/** Options of a projection runner. */
export interface ProjectionRunnerOptions {
  /** Events read per page. Default 2000. */
  readonly batchSize?: number;
  /**
   * Events applied between two saves while a pass catches up; a pass also saves where it
   * ends. Default 20,000. Saving after every page rewrote each active purchase's document
   * once per page over a long log; after a crash, the events since the last save are applied
   * again (delivery is at least once either way).
   */
  readonly saveEvery?: number;
  /** Save documents and checkpoint in the store when it can keep them. Default true. */
  readonly persist?: boolean;
  /** Where each catch-up pass's span goes; defaults to the global tracer provider's. */
  readonly tracer?: Tracer;
}

/**
 * Builds a runner for one projection. When the store keeps projection state, the runner
 * starts from the saved checkpoint and documents, and every `saveEvery` events and where a
 * pass ends saves the changed documents with the new checkpoint in one transaction; if another runner moved the
 * checkpoint first, it reloads the saved state and carries on from there.
 */
export function projectionRunner(store: EventStore, projection: Projection, options: ProjectionRunnerOptions = {}): ProjectionRunner {
  const batchSize = options.batchSize ?? 2000;
  const saveEvery = options.saveEvery ?? 20_000;
  if (!Number.isSafeInteger(saveEvery) || saveEvery < 1) throw new RangeError(`saveEvery must be a whole number of events >= 1, not ${String(saveEvery)}`);
  const state = options.persist === false ? undefined : store.projections;
  const wanted: ReadonlySet<string> | undefined = projection.eventTypes;
  const tracer = options.tracer ?? trace.getTracer(INSTRUMENTATION_SCOPE);
  let position = 0;
  // The checkpoint as saved, and the documents changed since, which the next save writes.
  let savedPosition = 0;
  const unsaved = new Set<string>();
  let loaded = false;
  const skipped: SkippedEvent[] = [];
  let running: RunningPass | undefined;
  // Reads of the global order started so far, counted as they are sent: a pass holds every
  // event appended before a call only if the read that found the end was sent after it.
  let readsSent = 0;

  async function restore(): Promise<E.Either<StoreUnavailableError, void>> {
    if (state === undefined) {
      projection.restore(new Map());
      position = 0;
    } else {
      const saved = await state.load(projection.name);
      if (E.isLeft(saved)) return saved;
      position = saved.right.position;
      if (projection.restore(saved.right.documents) === 'rebuild') {
        // A saved document did not decode: trust none of them, fold the log again.
        const reset = await state.reset(projection.name);
        if (E.isLeft(reset)) return reset;
        projection.restore(new Map());
        position = 0;
      }
    }
    savedPosition = position;
    unsaved.clear();
    skipped.length = 0;
    loaded = true;
    return E.right(undefined);
  }

  /** Saves what changed since the last save; `false` when another runner had moved on and the state was reloaded. */
  async function save(): Promise<E.Either<StoreUnavailableError, boolean>> {
    if (state === undefined || position === savedPosition) return E.right(true);
    const documents = new Map<string, unknown>();
    for (const key of unsaved) documents.set(key, projection.document(key));
    const saved = await state.save(projection.name, savedPosition, position, documents);
    if (E.isLeft(saved)) return saved;
    if (saved.right) {
      savedPosition = position;
      unsaved.clear();
      return saved;
    }
    const restored = await restore();
    return E.isLeft(restored) ? restored : E.right(false);
  }

  /** One pass inside a catch-up span: where it started and ended, and the events it read and skipped. */
  function tracedPass(saving: SaveMode, stats: PassStats): Promise<E.Either<StoreUnavailableError, number>> {
    const skippedBefore = skipped.length;
    return inSpan(tracer, SpanNames.catchUp, () => ({ [AttributeNames.projectionName]: projection.name }), () => pass(saving, stats), (span, reached) => {
      span.setAttributes({
        [AttributeNames.fromPosition]: stats.from,
        [AttributeNames.position]: position,
        [AttributeNames.eventsRead]: stats.events,
        // A pass that reloaded the saved state cleared the list: what is in it now is this pass's.
        [AttributeNames.skipped]: skipped.length >= skippedBefore ? skipped.length - skippedBefore : skipped.length,
      });
      return outcomeOf(reached);
    });
  }

  async function pass(saving: SaveMode, stats: PassStats): Promise<E.Either<StoreUnavailableError, number>> {
    if (!loaded) {
      const restored = await restore();
      if (E.isLeft(restored)) return restored;
      stats.from = position;
    }
    for (;;) {
      readsSent += 1;
      stats.lastRead = readsSent;
      const page = await store.readAll({ after: position, limit: batchSize });
      if (E.isLeft(page)) return page;
      stats.events += page.right.length;
      for (const stored of page.right) {
        if (wanted !== undefined && !wanted.has(stored.type)) {
          position = stored.position;
          continue;
        }
        const decoded = decodeStoredEvent(stored);
        let problem = E.isLeft(decoded) ? decoded.left : undefined;
        if (E.isRight(decoded)) {
          try {
            const key = projection.apply(decoded.right);
            if (key !== undefined && state !== undefined) unsaved.add(key);
          } catch (cause) {
            // One event a fold cannot take must not stop the read model for every tenant.
            problem = `projection ${projection.name} failed: ${cause instanceof Error ? cause.message : String(cause)}`;
          }
        }
        if (problem !== undefined) skipped.push({ position: stored.position, streamId: stored.streamId, problem });
        position = stored.position;
      }
      const atEnd = page.right.length < batchSize;
      const due = saving === 'always' ? atEnd || position - savedPosition >= saveEvery : saving === 'when-due' && position - savedPosition >= saveEvery;
      const saved = due ? await save() : E.right(true);
      if (E.isLeft(saved)) return saved;
      if (saved.right && atEnd) return E.right(position);
    }
  }

  /** The pass a caller shares: the one under way, or one of its own after it when it must save and that one does not. */
  function sharedPass(saving: SaveMode): RunningPass {
    const saves = saving === 'always';
    const current = running;
    if (current !== undefined && (current.saves || !saves)) return current;
    const stats: PassStats = { from: position, events: 0, lastRead: 0 };
    const next = (current?.pass ?? Promise.resolve()).then(() => {
      stats.from = position;
      return tracedPass(saving, stats);
    });
    const entry: RunningPass = {
      pass: next.finally(() => {
        if (running === entry) running = undefined;
      }),
      saves,
      stats,
    };
    running = entry;
    return entry;
  }

  async function catchUp(options: { readonly save?: boolean | 'when-due' } = {}): Promise<E.Either<StoreUnavailableError, number>> {
    const saving: SaveMode = options.save === false ? 'never' : options.save === 'when-due' ? 'when-due' : 'always';
    const sentBefore = readsSent;
    for (;;) {
      const joined = sharedPass(saving);
      const reached = await joined.pass;
      // A pass under way may have found the end before this call's caller appended: then one more.
      if (E.isLeft(reached) || joined.stats.lastRead > sentBefore) return reached;
    }
  }

  return {
    get position() {
      return position;
    },
    get loaded() {
      return loaded;
    },
    skipped,
    catchUp,
    async rebuild() {
      if (running !== undefined) await running.pass;
      if (state !== undefined) {
        const reset = await state.reset(projection.name);
        if (E.isLeft(reset)) return reset;
      }
      loaded = false;
      return catchUp();
    },
    follow: (intervalMs, onError) => repeatEvery(intervalMs, () => catchUp(), onError),
  };
}
