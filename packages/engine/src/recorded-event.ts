import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { Actor, eventDataCodecs, Identifier, IsoInstant, PositiveInteger, toInvalidPaths, type DomainEvent } from '@csp-onprem/domain';
import { defaultUpcasters, type UpcasterRegistry } from './schema/upcasters.js';
import type { StoredEvent } from './store/records.js';

/** Metadata every event carries besides its data. */
export const EventMeta = t.exact(
  t.type({
    occurredAt: IsoInstant,
    actor: Actor,
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

/**
 * Decodes a stored event written by this or any older schema version (brought up to date by
 * the upcasters), or says in one line what is wrong with it.
 */
export function decodeStoredEvent(stored: StoredEvent, upcasters: UpcasterRegistry = defaultUpcasters): E.Either<string, RecordedEvent> {
  const upcast = upcasters.upcast(stored);
  if (E.isLeft(upcast)) return E.left(`${JSON.stringify(stored.type)}: ${upcast.left}`);
  const { type, data: rawData, meta: rawMeta } = upcast.right;
  if (!isEventType(type)) return E.left(`unknown event type ${JSON.stringify(type)}`);
  const data = (eventDataCodecs[type] as t.Decoder<unknown, unknown>).decode(rawData);
  if (E.isLeft(data)) return E.left(`data of ${type}: ${toInvalidPaths(data.left).map((p) => `${p.path || '(data)'} expected ${p.expected}`).join('; ')}`);
  const meta = EventMeta.decode(rawMeta);
  if (E.isLeft(meta)) return E.left(`meta: ${toInvalidPaths(meta.left).map((p) => `${p.path || '(meta)'} expected ${p.expected}`).join('; ')}`);
  return E.right({ ...stored, type, data: data.right, meta: meta.right } as RecordedEvent);
}
