import * as E from 'fp-ts/lib/Either.js';
import { DerCursor } from './der-cursor.js';
import { DerTag, readChildren, readDer } from './der-reader.js';
import { integerOf } from './der-values.js';

/** A parsed TimeStampResp (RFC 3161 §2.4.2). */
export interface TimestampResponse {
  /** PKIStatus: 0 granted, 1 granted with modifications, 2 rejection, 3 waiting, 4 and 5 revocation. */
  readonly status: number;
  /** The status in words, with the failure reasons the TSA gave. */
  readonly statusText: string;
  /** The token, when the status grants one (the DER ContentInfo). */
  readonly token?: Uint8Array;
}

const STATUS = ['granted', 'granted with modifications', 'rejection', 'waiting', 'revocation warning', 'revocation notification'];
const FAILURES: Record<number, string> = {
  0: 'unrecognised or unsupported algorithm',
  2: 'transaction not permitted or supported',
  5: 'the data submitted has the wrong format',
  14: "the TSA's time source is not available",
  15: 'the requested policy is not supported',
  16: 'the requested extension is not supported',
  17: 'the additional information requested could not be understood or is not available',
  25: 'the request cannot be handled due to system failure',
};

/** The failure reasons set in a PKIFailureInfo BIT STRING. */
function failuresOf(bits: Uint8Array): string[] {
  const reasons: string[] = [];
  for (let bit = 0; bit < (bits.length - 1) * 8; bit += 1) {
    if ((((bits[1 + Math.floor(bit / 8)] as number) >> (7 - (bit % 8))) & 1) === 1) reasons.push(FAILURES[bit] ?? `failure ${bit}`);
  }
  return reasons;
}

/** Printable text only, and not much of it: a status string comes from a remote server. */
function printable(text: string): string {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > 200 ? `${clean.slice(0, 200)}...` : clean;
}

/** Parses a DER TimeStampResp; a Left says which part is not what RFC 3161 defines. */
export function parseTimestampResponse(der: Uint8Array): E.Either<string, TimestampResponse> {
  const root = readDer(der);
  if (E.isLeft(root)) return root;
  const response = DerCursor.of(root.right, 'the response');
  if (E.isLeft(response)) return response;
  const statusInfoElement = response.right.take(DerTag.SEQUENCE, 'status');
  if (E.isLeft(statusInfoElement)) return statusInfoElement;
  const tokenElement = response.right.maybe(DerTag.SEQUENCE);
  const end = response.right.end();
  if (E.isLeft(end)) return end;

  const statusInfo = DerCursor.of(statusInfoElement.right, 'the status');
  if (E.isLeft(statusInfo)) return statusInfo;
  const status = E.chain(integerOf)(statusInfo.right.take(DerTag.INTEGER, 'status'));
  if (E.isLeft(status)) return status;
  const words: string[] = [STATUS[Number(status.right)] ?? `status ${status.right}`];
  const texts = statusInfo.right.maybe(DerTag.SEQUENCE);
  if (texts !== undefined) {
    const strings = readChildren(texts);
    if (E.isLeft(strings)) return strings;
    for (const s of strings.right) if (s.tag === DerTag.UTF8_STRING) words.push(`"${printable(new TextDecoder().decode(s.content))}"`);
  }
  const failInfo = statusInfo.right.maybe(DerTag.BIT_STRING);
  if (failInfo !== undefined && failInfo.content.length > 0) words.push(...failuresOf(failInfo.content));
  const statusEnd = statusInfo.right.end();
  if (E.isLeft(statusEnd)) return statusEnd;

  return E.right({
    status: Number(status.right),
    statusText: words.join(': '),
    ...(tokenElement === undefined ? {} : { token: tokenElement.bytes }),
  });
}
