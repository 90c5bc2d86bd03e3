import { createHash } from 'node:crypto';
import * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { NonNegativeInteger, toInvalidPaths } from '@csp-onprem/domain';
import type { EventStore } from '../store/event-store.js';
import { canonicalJson } from '../store/hashing.js';
import type { StoreUnavailableError } from '../store/store-errors.js';

/** The digest format this code writes and reads. */
export const HEADS_DIGEST_FORMAT = 'csp-onprem-heads/1';

/**
 * A small, keepable fingerprint of a whole log at a position: the Merkle root over every
 * stream's head (id, version, hash) sorted by stream id, with the counts. An auditor keeps it
 * elsewhere; later, {@link checkHeadsDigest} proves that nothing up to that position was
 * deleted, truncated or rewritten.
 */
export const HeadsDigest = t.exact(
  t.type({
    format: t.literal(HEADS_DIGEST_FORMAT),
    position: NonNegativeInteger,
    streams: NonNegativeInteger,
    events: NonNegativeInteger,
    root: t.refinement(t.string, (s) => /^[0-9a-f]{64}$/.test(s), 'SHA-256 hex'),
  }),
  'HeadsDigest',
);
/** A small, keepable fingerprint of a whole log at a position. */
export type HeadsDigest = t.TypeOf<typeof HeadsDigest>;

/** One stream's last event at the digest's position. */
export interface StreamHead {
  readonly streamId: string;
  readonly version: number;
  readonly hash: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The Merkle root over heads sorted by stream id (leaves and nodes domain-separated). */
export function merkleRoot(heads: readonly StreamHead[]): string {
  let level = [...heads]
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0))
    .map((head) => sha256(`leaf\n${canonicalJson({ streamId: head.streamId, version: head.version, hash: head.hash })}`));
  if (level.length === 0) return sha256('empty\n');
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as string;
      const right = level[i + 1];
      next.push(right === undefined ? left : sha256(`node\n${left}${right}`));
    }
    level = next;
  }
  return level[0] as string;
}

/**
 * Reads the log up to `atPosition` (the end when absent) and digests its stream heads; the
 * digest's position is that of the last event it covers.
 */
export async function headsDigest(
  store: EventStore,
  atPosition?: number,
  onProgress?: (eventsRead: number) => void,
): Promise<E.Either<StoreUnavailableError, HeadsDigest>> {
  const heads = new Map<string, StreamHead>();
  let position = 0;
  let events = 0;
  const limit = 5000;
  for (;;) {
    const page = await store.readAll({ after: position, limit });
    if (E.isLeft(page)) return page;
    let reachedEnd = page.right.length < limit;
    for (const stored of page.right) {
      if (atPosition !== undefined && stored.position > atPosition) {
        reachedEnd = true;
        break;
      }
      heads.set(stored.streamId, { streamId: stored.streamId, version: stored.version, hash: stored.hash });
      position = stored.position;
      events += 1;
    }
    onProgress?.(events);
    if (reachedEnd) break;
  }
  return E.right({
    format: HEADS_DIGEST_FORMAT,
    position,
    streams: heads.size,
    events,
    root: merkleRoot([...heads.values()]),
  });
}

/** Decodes a digest read from a file; a malformed one says which fields are wrong. */
export function decodeHeadsDigest(input: unknown): E.Either<string, HeadsDigest> {
  const decoded = HeadsDigest.decode(input);
  return E.isRight(decoded)
    ? decoded
    : E.left(`not a ${HEADS_DIGEST_FORMAT} digest: ${toInvalidPaths(decoded.left).map((p) => `${p.path || '(digest)'} expected ${p.expected}`).join('; ')}`);
}

/** Whether the log still holds, up to the digest's position, exactly what was digested. */
export interface DigestCheck {
  readonly ok: boolean;
  readonly digest: HeadsDigest;
  /** The same digest recomputed from the log as it is now. */
  readonly recomputed: HeadsDigest;
  /** What differs, in words, when not ok. */
  readonly problem?: string;
}

/**
 * Recomputes the digest at the kept digest's position. Equal roots prove that no stream was
 * deleted or truncated and no event up to that position was changed (every head hash chains
 * its whole stream); {@link verifyStore} then proves that what came after only appended.
 */
export async function checkHeadsDigest(store: EventStore, digest: HeadsDigest): Promise<E.Either<StoreUnavailableError, DigestCheck>> {
  const recomputed = await headsDigest(store, digest.position);
  if (E.isLeft(recomputed)) return recomputed;
  const now = recomputed.right;
  const differences = [
    now.streams !== digest.streams && `${digest.streams} streams were digested, ${now.streams} are there now`,
    now.events !== digest.events && `${digest.events} events were digested, ${now.events} are there now`,
    now.root !== digest.root && `the Merkle root of the stream heads differs (${digest.root.slice(0, 16)}... then, ${now.root.slice(0, 16)}... now)`,
  ].filter((d): d is string => typeof d === 'string');
  return E.right({
    ok: differences.length === 0,
    digest,
    recomputed: now,
    ...(differences.length === 0 ? {} : { problem: `up to position ${digest.position}: ${differences.join('; ')}` }),
  });
}
