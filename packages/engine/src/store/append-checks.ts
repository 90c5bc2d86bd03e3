import { unholdableAppend } from './holdable-text.js';
import type { EventRecord } from './records.js';
import { storeUnavailable, type StoreUnavailableError, type ValueRefusedError } from './store-errors.js';

/**
 * Why records cannot be appended at `expectedVersion` of `streamId`, or `undefined` when they
 * can: each must belong to the stream and continue it version by version. Stores use the
 * version as their concurrency check, so a mismatch is a caller bug, refused before writing.
 */
export function appendMisfit(streamId: string, expectedVersion: number, events: readonly EventRecord[]): string | undefined {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) return `expected version ${expectedVersion} is not an integer >= 0`;
  for (const [index, record] of events.entries()) {
    if (record.streamId !== streamId) return `event ${record.eventId} belongs to stream ${record.streamId}, not ${streamId}`;
    const version = expectedVersion + index + 1;
    if (record.version !== version) return `event ${record.eventId} has version ${record.version}, expected ${version}`;
  }
  return undefined;
}

/**
 * What every store refuses before it writes anything: records that do not continue the stream
 * (`appendMisfit`, a caller bug: `StoreUnavailable` naming the store) and text no store can keep
 * as given (`unholdableAppend`: `InvalidCommand` naming the field), alike on every store so
 * that a log that works on one works on all. `undefined` when the append may go ahead.
 */
export function appendRefusal(store: string, streamId: string, expectedVersion: number, events: readonly EventRecord[]): StoreUnavailableError | ValueRefusedError | undefined {
  const misfit = appendMisfit(streamId, expectedVersion, events);
  if (misfit !== undefined) return storeUnavailable(`${store}: appending to ${streamId}`, misfit);
  return unholdableAppend(store, streamId, events);
}

/**
 * Parses JSON text a store kept. A row edited outside the store may no longer parse: reading
 * it must not fail, so the raw text is handed on and `verify` reports the event at its position.
 */
export function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
