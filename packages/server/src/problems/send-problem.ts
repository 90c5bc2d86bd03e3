import type { FastifyReply } from 'fastify';
import type { Problem } from './problem.js';

/** The media type of every problem body. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Seconds a client should wait before retrying a 503. */
const RETRY_AFTER_SECONDS = '1';

/** The `WWW-Authenticate` challenge of a 401 (RFC 6750): `error` only when a token was sent and refused. */
export function bearerChallenge(refusedToken: boolean, why?: string): string {
  const base = 'Bearer realm="csp-onprem"';
  if (!refusedToken) return base;
  const description = (why ?? 'the token was refused').replace(/["\\]/g, "'");
  return `${base}, error="invalid_token", error_description="${description}"`;
}

/**
 * Sends a problem as `application/problem+json`, with the request id beside it, a bearer
 * challenge on a 401 and `Retry-After` on a 503. The body is serialised here, never by a route's
 * response schema.
 */
export function sendProblem(reply: FastifyReply, body: Problem, challenge?: string): FastifyReply {
  reply.code(body.status).type(PROBLEM_MEDIA_TYPE);
  if (body.status === 401) reply.header('www-authenticate', challenge ?? bearerChallenge(false));
  if (body.status === 503) reply.header('retry-after', RETRY_AFTER_SECONDS);
  return reply.send(JSON.stringify({ ...body, requestId: reply.request.id }));
}
