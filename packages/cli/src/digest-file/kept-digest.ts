import * as E from 'fp-ts/lib/Either.js';
import { Base64Bytes, TREE_HEAD_FORMAT, decodeTreeHead, fromBase64, isSignedTreeHead, type SignedTreeHead, type TreeHead } from '@csp-onprem/audit';
import { HEADS_DIGEST_FORMAT, decodeHeadsDigest, type HeadsDigest } from '@csp-onprem/engine';
import { badInput, type CliFailure } from '../cli-failure.js';
import { readInputJson } from '../files/read-input-file.js';

/** The field of a digest file that holds the RFC 3161 timestamp token of its signed head. */
export const TIMESTAMP_TOKEN_FIELD = 'timestampToken';

/** A tree head as kept in a digest file: signed or not, with the TSA's token when one was obtained. */
export interface KeptTreeHead {
  readonly kind: 'tree-head';
  readonly file: string;
  readonly head: TreeHead | SignedTreeHead;
  /** The DER TimeStampToken over the signed head's stamp bytes. */
  readonly timestampToken?: Uint8Array;
}

/** A digest of the older format, `csp-onprem-heads/1`: a root over the stream heads, unsigned, without positions. */
export interface KeptHeadsDigest {
  readonly kind: 'heads';
  readonly file: string;
  readonly digest: HeadsDigest;
}

/** A digest file an auditor kept: a tree head (written by `digest` today) or an older heads digest. */
export type KeptDigest = KeptTreeHead | KeptHeadsDigest;

/** The last position a kept digest covers. */
export function keptPosition(kept: KeptDigest): number {
  return kept.kind === 'heads' ? kept.digest.position : kept.head.position;
}

function formatOf(json: unknown): unknown {
  return typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['format'] : undefined;
}

function treeHeadFrom(file: string, json: Record<string, unknown>): E.Either<CliFailure, KeptTreeHead> {
  const head = decodeTreeHead(json);
  if (E.isLeft(head)) return E.left(badInput(`the digest file ${file} is malformed: ${head.left.message}`));
  const token = json[TIMESTAMP_TOKEN_FIELD];
  if (token === undefined) return E.right({ kind: 'tree-head', file, head: head.right });
  if (!Base64Bytes.is(token) || token === '') return E.left(badInput(`the digest file ${file} is malformed: ${TIMESTAMP_TOKEN_FIELD} should be a timestamp token in base64`));
  if (!isSignedTreeHead(head.right)) return E.left(badInput(`the digest file ${file} is malformed: it carries a timestamp token but its head is not signed`));
  return E.right({ kind: 'tree-head', file, head: head.right, timestampToken: fromBase64(token) });
}

/**
 * Reads a digest file: a `csp-onprem-tree-head/1` head (signed or not, with its timestamp
 * token if any) or an older `csp-onprem-heads/1` digest. A Left names the file and the wrong
 * fields, never what the file holds.
 */
export function readKeptDigest(file: string): E.Either<CliFailure, KeptDigest> {
  const json = readInputJson(file, 'the digest file');
  if (E.isLeft(json)) return json;
  const format = formatOf(json.right);
  if (format === TREE_HEAD_FORMAT) return treeHeadFrom(file, json.right as Record<string, unknown>);
  if (format === HEADS_DIGEST_FORMAT) {
    const digest = decodeHeadsDigest(json.right);
    return E.isLeft(digest) ? E.left(badInput(`the digest file ${file} is malformed: ${digest.left}`)) : E.right({ kind: 'heads', file, digest: digest.right });
  }
  return E.left(badInput(`the digest file ${file} is not a digest: its format field is neither ${TREE_HEAD_FORMAT} nor ${HEADS_DIGEST_FORMAT}`));
}

/** Reads a digest file that must hold a tree head (proofs need one); an older heads digest is refused as such. */
export function readKeptTreeHead(file: string, use: string): E.Either<CliFailure, KeptTreeHead> {
  const kept = readKeptDigest(file);
  if (E.isLeft(kept)) return kept;
  return kept.right.kind === 'tree-head'
    ? E.right(kept.right)
    : E.left(badInput(`${use} needs a tree head (${TREE_HEAD_FORMAT}); ${file} is an older ${HEADS_DIGEST_FORMAT} digest, which binds no positions: take a new one with csp-onprem digest`));
}

/** The text of a digest file: the head's fields, then its timestamp token when there is one. */
export function digestFileText(head: TreeHead | SignedTreeHead, timestampToken?: Uint8Array): string {
  const document = timestampToken === undefined ? head : { ...head, [TIMESTAMP_TOKEN_FIELD]: Buffer.from(timestampToken).toString('base64') };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** When and with which key a head was signed, for a head that is; nothing for an unsigned one. */
export function signingOf(head: TreeHead | SignedTreeHead): { readonly signedAt?: string; readonly keyId?: string } {
  return isSignedTreeHead(head) ? { signedAt: head.timestamp, keyId: head.keyId } : {};
}
