import type { Engine } from '@csp-onprem/engine';
import type { FastifyInstance } from 'fastify';
import { withDeadline } from '../deadline.js';
import type { Identity } from '../identity/identity.js';
import { problem } from '../problems/problem.js';
import { sendProblem } from '../problems/send-problem.js';
import { actorOf, authenticateWith } from './authenticate.js';
import { fastifySchema } from './fastify-schema.js';
import type { ApiRoute } from './route-spec.js';

/** What the API routes run on. */
export interface ApiDeps {
  readonly engine: Engine;
  readonly identity: Identity;
  /** How long a handler may take before the caller is answered 503 `RequestTimeout`. */
  readonly handlerTimeoutMs: number;
}

/**
 * Registers an API route: the token checked first, then the route's schemas, then its handler
 * as the token's actor, within the deadline; every problem answered as problem+json and logged
 * (a 5xx with the engine's own message, which the caller never sees).
 */
export function registerApiRoute(app: FastifyInstance, route: ApiRoute, deps: ApiDeps): void {
  const { spec } = route;
  app.route({
    method: spec.method,
    url: spec.url,
    schema: fastifySchema(spec),
    ...(spec.authenticated ? { onRequest: authenticateWith(deps.identity) } : {}),
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const outcome = await withDeadline(route.handle(request, { actor, session: deps.engine.as(actor) }), deps.handlerTimeoutMs);
      if (outcome === undefined) {
        request.log.warn({ operation: spec.operationId, timeoutMs: deps.handlerTimeoutMs }, 'request timed out');
        return sendProblem(reply, problem('RequestTimeout', `no answer within ${deps.handlerTimeoutMs} ms; a command may still complete: send it again with the same command id to learn its result`));
      }
      if (outcome.kind === 'answer') return reply.code(outcome.status).send(outcome.body);
      const { problem: answer, cause } = outcome;
      if (answer.status >= 500) request.log.error({ operation: spec.operationId, code: answer.code, engineMessage: cause?.message }, 'engine failed');
      else request.log.info({ operation: spec.operationId, code: answer.code }, 'request refused');
      return sendProblem(reply, answer);
    },
  });
}
