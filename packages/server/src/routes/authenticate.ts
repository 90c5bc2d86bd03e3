import type { Actor } from '@csp-onprem/domain';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Identity } from '../identity/identity.js';
import { problem } from '../problems/problem.js';
import { bearerChallenge, sendProblem } from '../problems/send-problem.js';

const actors = new WeakMap<FastifyRequest, Actor>();

/** The actor an authenticated request's token stands for. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = actors.get(request);
  if (actor === undefined) throw new Error('a route that needs an actor ran without authentication');
  return actor;
}

/**
 * The hook that runs first on every route that needs a token, before the body is read: a missing
 * or refused token answers 401 with a bearer challenge, keys that could not be fetched 503.
 */
export function authenticateWith(identity: Identity) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const result = await identity.authenticate(request.headers.authorization);
    if (E.isRight(result)) {
      actors.set(request, result.right);
      return undefined;
    }
    const failure = result.left;
    switch (failure.kind) {
      case 'missing':
        return sendProblem(reply, problem('Unauthenticated', 'this route needs an Authorization: Bearer <token> header'), bearerChallenge(false));
      case 'refused':
        request.log.info({ reason: failure.reason }, 'bearer token refused');
        return sendProblem(reply, problem('Unauthenticated', failure.reason), bearerChallenge(true, failure.reason));
      case 'unavailable':
        request.log.warn({ reason: failure.reason, detail: failure.detail }, 'identity provider unavailable');
        return sendProblem(reply, problem('IdentityUnavailable', failure.reason));
    }
  };
}
