import * as E from 'fp-ts/lib/Either.js';
import { algorithmOf } from './algorithm-identifier.js';
import { DerCursor } from './der-cursor.js';
import { DerTag, contextTag, readDer, type DerElement } from './der-reader.js';
import { booleanOf, integerOf, oidOf, timeOf } from './der-values.js';

/** What a TSA vouches for in a token (RFC 3161 §2.4.2 TSTInfo). */
export interface TstInfo {
  /** The TSA's policy under which the token was issued (OID). */
  readonly policy: string;
  /** The OID of the hash algorithm of the message imprint. */
  readonly hashAlgorithm: string;
  /** The hash of the stamped bytes. */
  readonly hashedMessage: Uint8Array;
  /** The token's serial number, unique per TSA. */
  readonly serialNumber: bigint;
  /** When the TSA says the bytes existed. */
  readonly genTime: Date;
  /** The TSA's stated accuracy of genTime, in microseconds, when it gives one. */
  readonly accuracyMicros?: number;
  readonly ordering: boolean;
  /** The request's nonce, echoed, when the request had one. */
  readonly nonce?: bigint;
}

/** An [n] IMPLICIT INTEGER read as the INTEGER it replaces. */
const implicitInteger = (element: DerElement): E.Either<string, bigint> => integerOf({ ...element, tag: DerTag.INTEGER });

function accuracyOf(element: DerElement): E.Either<string, number> {
  const cursor = DerCursor.of(element, 'the accuracy');
  if (E.isLeft(cursor)) return cursor;
  let micros = 0n;
  for (const [tag, scale] of [[DerTag.INTEGER, 1_000_000n], [contextTag(0, false), 1000n], [contextTag(1, false), 1n]] as const) {
    const part = cursor.right.maybe(tag);
    if (part === undefined) continue;
    const value = implicitInteger(part);
    if (E.isLeft(value)) return E.left(`the accuracy: ${value.left}`);
    micros += value.right * scale;
  }
  const end = cursor.right.end();
  return E.isLeft(end) ? end : E.right(Number(micros));
}

/** Parses the DER TSTInfo a token encapsulates; a Left names the field that is wrong. */
export function parseTstInfo(der: Uint8Array): E.Either<string, TstInfo> {
  const root = readDer(der);
  if (E.isLeft(root)) return E.left(`the TSTInfo: ${root.left}`);
  const cursor = DerCursor.of(root.right, 'the TSTInfo');
  if (E.isLeft(cursor)) return cursor;
  const c = cursor.right;

  const version = E.chain(integerOf)(c.take(DerTag.INTEGER, 'version'));
  if (E.isLeft(version)) return version;
  if (version.right !== 1n) return E.left(`the TSTInfo has version ${version.right}, not 1`);
  const policy = E.chain(oidOf)(c.take(DerTag.OID, 'policy'));
  if (E.isLeft(policy)) return policy;

  const imprintElement = c.take(DerTag.SEQUENCE, 'message imprint');
  if (E.isLeft(imprintElement)) return imprintElement;
  const imprint = DerCursor.of(imprintElement.right, 'the message imprint');
  if (E.isLeft(imprint)) return imprint;
  const algorithmElement = imprint.right.take(DerTag.SEQUENCE, 'hash algorithm');
  if (E.isLeft(algorithmElement)) return algorithmElement;
  const hashAlgorithm = algorithmOf(algorithmElement.right, 'the imprint\'s hash algorithm');
  if (E.isLeft(hashAlgorithm)) return hashAlgorithm;
  const hashed = imprint.right.take(DerTag.OCTET_STRING, 'hashed message');
  if (E.isLeft(hashed)) return hashed;
  const imprintEnd = imprint.right.end();
  if (E.isLeft(imprintEnd)) return imprintEnd;

  const serialNumber = E.chain(integerOf)(c.take(DerTag.INTEGER, 'serial number'));
  if (E.isLeft(serialNumber)) return serialNumber;
  const genTimeElement = c.take(DerTag.GENERALIZED_TIME, 'genTime');
  if (E.isLeft(genTimeElement)) return genTimeElement;
  const genTime = timeOf(genTimeElement.right);
  if (E.isLeft(genTime)) return E.left(`the TSTInfo's genTime: ${genTime.left}`);

  const accuracyElement = c.maybe(DerTag.SEQUENCE);
  const accuracy = accuracyElement === undefined ? undefined : accuracyOf(accuracyElement);
  if (accuracy !== undefined && E.isLeft(accuracy)) return accuracy;
  const orderingElement = c.maybe(DerTag.BOOLEAN);
  const ordering = orderingElement === undefined ? E.right(false) : booleanOf(orderingElement);
  if (E.isLeft(ordering)) return ordering;
  const nonceElement = c.maybe(DerTag.INTEGER);
  const nonce = nonceElement === undefined ? undefined : integerOf(nonceElement);
  if (nonce !== undefined && E.isLeft(nonce)) return nonce;
  c.maybe(contextTag(0, true)); // tsa: the TSA's name, informative only.
  c.maybe(contextTag(1, true)); // extensions.
  const end = c.end();
  if (E.isLeft(end)) return end;

  return E.right({
    policy: policy.right,
    hashAlgorithm: hashAlgorithm.right,
    hashedMessage: hashed.right.content,
    serialNumber: serialNumber.right,
    genTime: genTime.right,
    ...(accuracy === undefined ? {} : { accuracyMicros: accuracy.right }),
    ordering: ordering.right,
    ...(nonce === undefined ? {} : { nonce: nonce.right }),
  });
}
