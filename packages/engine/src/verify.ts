import * as E from 'fp-ts/lib/Either.js';
import type { ReadModelReport } from './audit/read-model-report.js';
import { decodeStoredEvent, type RecordedEvent } from './recorded-event.js';
import type { EventStore } from './store/event-store.js';
import { GENESIS_HASH, recordHash, storedTextHash } from './store/hashing.js';
import type { StoredEvent } from './store/records.js';
import type { StoreUnavailableError } from './store/store-errors.js';

/** What is wrong with the first bad event. */
export type VerifyProblem = 'hash' | 'prev-hash' | 'version-gap' | 'decode';

/** The first event that breaks its stream's chain, with where it is and what differs. */
export interface VerifyFailure {
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly problem: VerifyProblem;
  readonly detail: string;
}

/** The outcome of checking every stream's hash chain. */
export interface VerifyReport {
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  /** The position of the last event read. */
  readonly position: number;
  readonly firstFailure?: VerifyFailure;
  /** The saved read models compared with a fold of the log (`engine.verify` and `verifyWithReadModels`); `ok` is false when one differs. */
  readonly readModels?: ReadModelReport;
}

interface StreamHead {
  version: number;
  hash: string;
}

function failure(stored: StoredEvent, problem: VerifyProblem, detail: string): E.Either<VerifyFailure, RecordedEvent> {
  return E.left({ streamId: stored.streamId, version: stored.version, position: stored.position, problem, detail });
}

function decoded(stored: StoredEvent): E.Either<VerifyFailure, RecordedEvent> {
  const event = decodeStoredEvent(stored);
  return E.isLeft(event) ? failure(stored, 'decode', event.left) : event;
}

/** Checks one event against its stream's head; the decoded event when it holds, else the failure. */
export function checkChainedEvent(stored: StoredEvent, head: StreamHead | undefined): E.Either<VerifyFailure, RecordedEvent> {
  const expectedVersion = (head?.version ?? 0) + 1;
  if (stored.version !== expectedVersion) return failure(stored, 'version-gap', `expected version ${expectedVersion}, found ${stored.version}`);
  const expectedPrev = head?.hash ?? GENESIS_HASH;
  if (stored.prevHash !== expectedPrev) {
    return failure(stored, 'prev-hash', `prevHash ${stored.prevHash.slice(0, 16)}... should be ${expectedPrev.slice(0, 16)}...`);
  }
  // The stored text usually hashes to the stored hash as it is; only otherwise serialise again.
  if (storedTextHash(stored) === stored.hash) return decoded(stored);
  let actual: string;
  try {
    actual = recordHash(stored);
  } catch (cause) {
    return failure(stored, 'decode', cause instanceof Error ? cause.message : String(cause));
  }
  if (actual !== stored.hash) {
    return failure(stored, 'hash', `stored hash ${String(stored.hash).slice(0, 16)}... but the record hashes to ${actual.slice(0, 16)}...`);
  }
  return decoded(stored);
}

/** What one pass over the log does with each event that holds. */
export type OnVerifiedEvent = (event: RecordedEvent) => void;

/**
 * Events read per page by a verified pass. Small pages let each page's rows, texts and parsed
 * values die young: pages of 5,000 events outlived scavenges and were promoted to the old
 * generation, which cost GC time and let the peak memory grow with the log.
 */
export const VERIFY_PAGE_SIZE = 1000;

/**
 * Reads the global order once, checking every stream's chain and decoding every event, and
 * hands each event that holds to `onEvent` (projections, audit folds): an auditor's replay in
 * one pass instead of one read of the log per read model. Stops at the first bad event.
 */
export async function verifiedPass(
  store: EventStore,
  onEvent: OnVerifiedEvent,
  onProgress?: (eventsChecked: number) => void,
  batchSize = VERIFY_PAGE_SIZE,
): Promise<E.Either<StoreUnavailableError, VerifyReport>> {
  const heads = new Map<string, StreamHead>();
  let position = 0;
  let events = 0;
  let next = store.readAll({ after: 0, limit: batchSize });
  for (;;) {
    const page = await next;
    if (E.isLeft(page)) return page;
    const last = page.right[page.right.length - 1];
    const more = page.right.length >= batchSize && last !== undefined;
    if (more) {
      // The next page is asked for before this one is checked, so a server store reads and
      // sends it meanwhile. Marked handled: a pass that stops at a bad event never awaits it.
      next = store.readAll({ after: last.position, limit: batchSize });
      next.catch(() => undefined);
    }
    for (const stored of page.right) {
      const head = heads.get(stored.streamId);
      const checked = checkChainedEvent(stored, head);
      if (E.isLeft(checked)) return E.right({ ok: false, events, streams: heads.size, position: stored.position, firstFailure: checked.left });
      if (head === undefined) heads.set(stored.streamId, { version: stored.version, hash: stored.hash });
      else {
        head.version = stored.version;
        head.hash = stored.hash;
      }
      onEvent(checked.right);
      position = stored.position;
      events += 1;
    }
    onProgress?.(events);
    if (!more) return E.right({ ok: true, events, streams: heads.size, position });
  }
}

/**
 * Reads the whole global order and checks every stream: versions without gaps, each
 * `prevHash` equal to the previous `hash`, each `hash` recomputed, each event decodable.
 * Stops at the first bad event and names it.
 */
export async function verifyStore(
  store: EventStore,
  onProgress?: (eventsChecked: number) => void,
  batchSize = VERIFY_PAGE_SIZE,
): Promise<E.Either<StoreUnavailableError, VerifyReport>> {
  return verifiedPass(store, () => undefined, onProgress, batchSize);
}
