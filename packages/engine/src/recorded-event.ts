import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { eventDataCodecs, IsoInstant, PositiveInteger, StoredActor, StoredIdentifier as Identifier, toInvalidPaths, type DomainEvent } from '@csp-onprem/domain';
import { defaultUpcasters, type RawEvent, type UpcasterRegistry } from './schema/upcasters.js';
import type { StoredEvent } from './store/records.js';

/**
 * Metadata every event carries besides its data. Read back from stores, so its strings are
 * checked for length only (see `storedTexts` in the domain); commands' ids and actors are
 * checked character by character when they are decoded.
 */
export const EventMeta = t.exact(
  t.type({
    occurredAt: IsoInstant,
    actor: StoredActor,
    /** The role that authorized the command, e.g. `AdminAgent`. */
    actingRole: Identifier,
    commandId: Identifier,
    /** The type of the command that wrote the event, e.g. `GetKey`. */
    commandType: Identifier,
    correlationId: Identifier,
    causationId: Identifier,
    schemaVersion: PositiveInteger,
  }),
  'EventMeta',
);
/** Metadata every event carries besides its data. */
export type EventMeta = t.TypeOf<typeof EventMeta>;

/** A stored event, decoded: typed data and metadata with its place in the log. */
export type RecordedEvent = DomainEvent & {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly position: number;
  readonly meta: EventMeta;
  readonly prevHash: string;
  readonly hash: string;
};

function isEventType(type: string): type is keyof typeof eventDataCodecs {
  return Object.prototype.hasOwnProperty.call(eventDataCodecs, type);
}

function invalid(what: string, codec: t.Decoder<unknown, unknown>, value: unknown): string {
  const decoded = codec.decode(value);
  const paths = E.isLeft(decoded) ? toInvalidPaths(decoded.left) : [];
  return `${what}: ${paths.map((p) => `${p.path || '(value)'} expected ${p.expected}`).join('; ')}`;
}

/**
 * Decodes a stored event written by this or any older schema version (brought up to date by
 * the upcasters), or says in one line what is wrong with it.
 */
export function decodeStoredEvent(stored: StoredEvent, upcasters: UpcasterRegistry = defaultUpcasters): E.Either<string, RecordedEvent> {
  let raw: RawEvent = stored;
  const version = (stored.meta as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== upcasters.currentVersion) {
    const upcast = upcasters.upcast(stored);
    if (E.isLeft(upcast)) return E.left(`${JSON.stringify(stored.type)}: ${upcast.left}`);
    raw = upcast.right;
  }
  const { type, data, meta } = raw;
  if (!isEventType(type)) return E.left(`unknown event type ${JSON.stringify(type)}`);
  // Replays decode millions of events: a type guard checks them without copying; the full
  // decoder runs only to explain a failure. Stored events were written from decoded values.
  const codec: t.Decoder<unknown, unknown> & { is: (u: unknown) => boolean } = eventDataCodecs[type];
  if (!codec.is(data)) return E.left(invalid(`data of ${type}`, codec, data));
  if (!EventMeta.is(meta)) return E.left(invalid('meta', EventMeta, meta));
  return E.right({
    eventId: stored.eventId,
    streamId: stored.streamId,
    version: stored.version,
    position: stored.position,
    type,
    data,
    meta,
    prevHash: stored.prevHash,
    hash: stored.hash,
  } as RecordedEvent);
}
