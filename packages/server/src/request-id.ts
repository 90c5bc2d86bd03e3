import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The header a request id comes in and goes back out in. */
export const REQUEST_ID_HEADER = 'x-request-id';

const SAFE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The id of a request: the caller's `X-Request-Id` when it is a short, plain token (so a
 * platform's trace runs through), else a fresh UUID. It is the engine's correlation id for the
 * events the request writes, and every log line of the request carries it.
 */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
}
