import * as E from 'fp-ts/lib/Either.js';
import { auditError, type AuditError } from '../audit-error.js';
import { sameHash } from '../merkle/hash-functions.js';
import { parseSignedToken } from './cms-signed-data.js';
import { Oid } from './oids.js';
import { timestampRequest } from './timestamp-request.js';
import { parseTimestampResponse } from './timestamp-response.js';
import { parseTstInfo } from './tst-info.js';

/** A token a TSA granted, with what the request it answers asked. */
export interface TimestampReply {
  /** The RFC 3161 TimeStampToken: a DER CMS ContentInfo, to keep beside the stamped bytes. */
  readonly token: Uint8Array;
  /** The request's nonce, which the token carries back: give it to `verifyTimestampToken`. */
  readonly nonce: bigint;
  /** When the TSA says the bytes existed (not yet verified against its certificate). */
  readonly genTime: Date;
}

/** How to reach the TSA. */
export interface RequestTimestampOptions {
  /** Give up after this many milliseconds; default 30,000. */
  readonly timeoutMs?: number;
}

/** The most a TSA may answer: tokens are a few kilobytes. */
const MAX_RESPONSE_BYTES = 1 << 20;

/** The body of a response, refusing more than `limit` bytes without reading them all. */
async function boundedBody(response: Response, limit: number): Promise<E.Either<string, Uint8Array>> {
  const reader = response.body?.getReader();
  if (reader === undefined) return E.right(new Uint8Array(0));
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      return E.left(`the answer is larger than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return E.right(body);
}

/** Why a fetch failed, in a few words (the network error's code when Node gives one). */
function networkReason(error: unknown): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return 'no answer in time';
  const cause = error instanceof Error ? (error as Error & { cause?: { code?: unknown } }).cause : undefined;
  // Only the code: fetch's messages may quote the URL, user name and password included.
  return typeof cause?.code === 'string' && /^[A-Z_]+$/.test(cause.code) ? cause.code : 'the request failed';
}

/** A URL's `user:password`, percent-decoded; undefined when either is not valid percent-encoding (never quoted). */
function decodedCredentials(target: URL): string | undefined {
  try {
    return `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
  } catch {
    return undefined;
  }
}

/**
 * Asks the TSA at `url` (RFC 3161 over HTTP, §3.4) for a timestamp token over `bytesToStamp`:
 * POSTs a DER TimeStampReq (SHA-256 imprint, a random nonce, certReq) as
 * application/timestamp-query, reads the TimeStampResp, and answers the token when the TSA
 * granted one for this very request (same imprint and nonce). Verify it with
 * `verifyTimestampToken` and the TSA's certificate before relying on it. Messages name the
 * TSA by its origin only: a URL's user name and password (sent as HTTP basic authentication)
 * never appear in them.
 */
export async function requestTimestamp(
  url: string,
  bytesToStamp: Uint8Array,
  options: RequestTimestampOptions = {},
): Promise<E.Either<AuditError<'TsaUnavailable' | 'TsaFailed'>, TimestampReply>> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return E.left(auditError('TsaUnavailable', 'the TSA address is not a URL'));
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return E.left(auditError('TsaUnavailable', 'the TSA address is not an http or https URL'));
  const tsa = `the TSA at ${target.origin}`;
  const request = timestampRequest(bytesToStamp);
  const headers: Record<string, string> = { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' };
  // fetch refuses URLs with credentials: a TSA behind basic authentication gets them as a header.
  if (target.username !== '' || target.password !== '') {
    const credentials = decodedCredentials(target);
    if (credentials === undefined) return E.left(auditError('TsaUnavailable', `the user name or password in the address of ${tsa} is not valid percent-encoding`));
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
    target.username = '';
    target.password = '';
  }

  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers,
      body: request.der,
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  } catch (error) {
    return E.left(auditError('TsaUnavailable', `could not reach ${tsa}: ${networkReason(error)}`));
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return E.left(auditError('TsaUnavailable', `${tsa} answered HTTP ${response.status}`));
  }
  let body: E.Either<string, Uint8Array>;
  try {
    body = await boundedBody(response, MAX_RESPONSE_BYTES);
  } catch (error) {
    return E.left(auditError('TsaUnavailable', `${tsa} broke off its answer: ${networkReason(error)}`));
  }
  if (E.isLeft(body)) return E.left(auditError('TsaFailed', `${tsa} did not answer with a timestamp response: ${body.left}`));

  const parsed = parseTimestampResponse(body.right);
  if (E.isLeft(parsed)) return E.left(auditError('TsaFailed', `${tsa} did not answer with a timestamp response: ${parsed.left}`));
  const { status, statusText, token } = parsed.right;
  if (status > 1) return E.left(auditError('TsaFailed', `${tsa} refused the request: ${statusText}`));
  if (token === undefined) return E.left(auditError('TsaFailed', `${tsa} granted the request but sent no token`));

  const signed = parseSignedToken(token);
  if (E.isLeft(signed)) return E.left(auditError('TsaFailed', `${tsa} sent a damaged token: ${signed.left}`));
  if (signed.right.contentType !== Oid.tstInfo) return E.left(auditError('TsaFailed', `${tsa} sent a token that holds no timestamp`));
  const info = parseTstInfo(signed.right.content);
  if (E.isLeft(info)) return E.left(auditError('TsaFailed', `${tsa} sent a damaged token: ${info.left}`));
  if (info.right.hashAlgorithm !== Oid.sha256 || !sameHash(info.right.hashedMessage, request.imprint) || info.right.nonce !== request.nonce) {
    return E.left(auditError('TsaFailed', `${tsa} answered with a token for another request (its imprint or nonce is not this request's)`));
  }
  return E.right({ token, nonce: request.nonce, genTime: info.right.genTime });
}
