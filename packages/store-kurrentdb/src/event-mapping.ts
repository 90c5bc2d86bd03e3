import * as E from 'fp-ts/lib/Either.js';
import { jsonEvent, type JSONEventData, type JSONType } from '@kurrent/kurrentdb-client';
import type { EventRecord, StoredEvent } from '@csp-onprem/engine';
import { versionOfRevision } from './revisions.js';

/** What a record keeps in its KurrentDB event's metadata, besides the id, type and data. */
export interface RecordMetadata {
  readonly meta: unknown;
  readonly version: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** The parts of an event read from KurrentDB that a record is rebuilt from (the client's `RecordedEvent` has them). */
export interface KurrentRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: bigint;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata?: unknown;
}

// KurrentDB keeps event ids as UUIDs and gives them back in lowercase canonical form, so only
// such ids survive the round trip unchanged.
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function isJsonEncodable(value: unknown): boolean {
  try {
    return JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

/**
 * The JSON event a record is appended as: KurrentDB event id = `eventId` (so an append sent
 * again with the same records is deduplicated), type = `type`, data = `data`, metadata = `{ meta, version, prevHash, hash }`.
 * Left with the reason when the record cannot round-trip (an id that is not a lowercase UUID,
 * data or metadata JSON cannot encode).
 */
export function toKurrentEvent(record: EventRecord): E.Either<string, JSONEventData> {
  if (!CANONICAL_UUID.test(record.eventId)) return E.left(`event id ${JSON.stringify(record.eventId)} is not a lowercase UUID, which KurrentDB requires`);
  if (!isJsonEncodable(record.data)) return E.left(`event ${record.eventId} has data that JSON cannot encode`);
  if (!isJsonEncodable(record.meta)) return E.left(`event ${record.eventId} has metadata that JSON cannot encode`);
  const metadata: RecordMetadata = { meta: record.meta, version: record.version, prevHash: record.prevHash, hash: record.hash };
  // The client JSON-encodes `data` whatever it is; its type only names the usual shapes.
  return E.right(jsonEvent({ id: record.eventId, type: record.type, data: record.data as JSONType, metadata: metadata as unknown as JSONType }));
}

function isRecordMetadata(value: unknown): value is RecordMetadata {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const candidate = value as Partial<Record<keyof RecordMetadata, unknown>>;
  return (
    'meta' in candidate &&
    typeof candidate.version === 'number' &&
    Number.isSafeInteger(candidate.version) &&
    typeof candidate.prevHash === 'string' &&
    typeof candidate.hash === 'string'
  );
}

/**
 * Rebuilds the stored record of an event read from KurrentDB at global `position`; left with
 * the reason when the event is not one this store wrote (not JSON, no record metadata, or a
 * version that disagrees with its revision).
 */
export function fromKurrentEvent(event: KurrentRecordedEvent, position: number): E.Either<string, StoredEvent> {
  const where = `event ${event.id} at revision ${event.revision} of ${event.streamId}`;
  if (!event.isJson) return E.left(`${where} is not JSON, so it is not a csp-onprem record`);
  if (!isRecordMetadata(event.metadata)) return E.left(`${where} has no csp-onprem record metadata ({ meta, version, prevHash, hash })`);
  const version = versionOfRevision(event.revision);
  if (version !== event.metadata.version) return E.left(`${where} says it is version ${event.metadata.version}, but its revision makes it version ${version}`);
  return E.right({
    eventId: event.id,
    streamId: event.streamId,
    version,
    type: event.type,
    data: event.data,
    meta: event.metadata.meta,
    prevHash: event.metadata.prevHash,
    hash: event.metadata.hash,
    position,
  });
}

/** Whether an event belongs to KurrentDB itself (a `$` stream or a `$` type such as a link), not to csp-onprem. */
export function isSystemEvent(event: Pick<KurrentRecordedEvent, 'streamId' | 'type'>): boolean {
  return event.streamId.startsWith('$') || event.type.startsWith('$');
}
