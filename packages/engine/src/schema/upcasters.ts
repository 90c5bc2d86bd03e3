import * as E from 'fp-ts/lib/Either.js';
import { CURRENT_SCHEMA_VERSION, type CommandType, type EventType } from '@csp-onprem/domain';
import { keyFingerprint } from '../ports/sealing.js';

/** An event as stored, before decoding: what upcasters rewrite. */
export interface RawEvent {
  readonly type: string;
  readonly data: unknown;
  readonly meta: unknown;
}

/**
 * Rewrites an event of one schema version into the next version's shape. It keeps the event's
 * type: projections that name their event types (`Projection.eventTypes`) filter on the stored one.
 */
export type Upcaster = (event: RawEvent) => RawEvent;

/** Brings events written by any older schema version up to the current one. */
export interface UpcasterRegistry {
  /** The schema version events are brought up to. */
  readonly currentVersion: number;
  /** The event in the current version's shape, or why it cannot be brought there. */
  upcast(event: RawEvent): E.Either<string, RawEvent>;
}

function schemaVersionOf(meta: unknown): number | undefined {
  const version = typeof meta === 'object' && meta !== null ? (meta as { schemaVersion?: unknown }).schemaVersion : undefined;
  return typeof version === 'number' && Number.isInteger(version) ? version : undefined;
}

/**
 * A registry of upcasters keyed by the version they upgrade FROM: `{ 1: v1ToV2 }` turns a
 * version-1 event into version 2. Events are upcast step by step after the hash chain was
 * checked on the stored bytes, so old logs verify and replay unchanged.
 */
export function upcasterRegistry(upcasters: Readonly<Record<number, Upcaster>>, currentVersion = CURRENT_SCHEMA_VERSION): UpcasterRegistry {
  return {
    currentVersion,
    upcast(event) {
      let current = event;
      let version = schemaVersionOf(current.meta);
      if (version === undefined) return E.left('meta.schemaVersion is missing');
      if (version > currentVersion) return E.left(`schema version ${version} is newer than this code understands (${currentVersion})`);
      while (version < currentVersion) {
        const step = upcasters[version];
        if (step === undefined) return E.left(`no upcaster from schema version ${version}`);
        current = step(current);
        const next = schemaVersionOf(current.meta);
        if (next === undefined || next <= version) return E.left(`the upcaster from schema version ${version} did not raise the version`);
        version = next;
      }
      return E.right(current);
    },
  };
}

/** The command type that wrote each event type; version 1 metadata did not record it. */
const commandTypeOfEvent: Readonly<Record<EventType, CommandType>> = {
  Purchased: 'PurchaseSoftware',
  KeyIssued: 'GetKey',
  KeyViewed: 'GetKey',
  Downloaded: 'DownloadSoftware',
  LinkCopied: 'CopyDownloadLink',
  CancelRequested: 'RequestCancellation',
  CancelCompleted: 'CompleteCancellation',
  KeyRevoked: 'CompleteCancellation',
  CancelRejected: 'RejectCancellation',
};

/** Version 1 to 2: metadata gains `commandType`, which the event type determines. */
export const addCommandType: Upcaster = (event) => {
  const commandType = (commandTypeOfEvent as Readonly<Record<string, CommandType | undefined>>)[event.type];
  const meta = typeof event.meta === 'object' && event.meta !== null ? event.meta : {};
  return { ...event, meta: { ...meta, ...(commandType === undefined ? {} : { commandType }), schemaVersion: 2 } };
};

function linkFacts(link: unknown): { linkFingerprint: string; linkHost: string } | undefined {
  if (typeof link !== 'string') return undefined;
  let host: string;
  try {
    host = new URL(link).host || 'unknown';
  } catch {
    host = 'unknown';
  }
  return { linkFingerprint: keyFingerprint(link), linkHost: host };
}

/**
 * Version 2 to 3: a `LinkCopied` shows the link's fingerprint and host, never the link. The
 * stored bytes keep the link as written (the chain covers them), but nothing read through the
 * engine, a read model or an export shows it again.
 */
export const withoutLinkToken: Upcaster = (event) => {
  const meta = typeof event.meta === 'object' && event.meta !== null ? event.meta : {};
  const raised = { ...meta, schemaVersion: 3 };
  if (event.type !== 'LinkCopied' || typeof event.data !== 'object' || event.data === null) return { ...event, meta: raised };
  const { link, ...rest } = event.data as Record<string, unknown>;
  const facts = linkFacts(link);
  return { ...event, data: facts === undefined ? event.data : { ...rest, ...facts }, meta: raised };
};

/** Every upcaster this version of csp-onprem knows. */
export const defaultUpcasters: UpcasterRegistry = upcasterRegistry({ 1: addCommandType, 2: withoutLinkToken });
