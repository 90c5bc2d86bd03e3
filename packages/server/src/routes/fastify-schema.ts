import type { FastifySchema } from 'fastify';
import type { RouteSpec } from './route-spec.js';

/** The schemas Fastify validates a route's request with and serialises its JSON successes with. */
export function fastifySchema(spec: RouteSpec): FastifySchema {
  const response: Record<number, unknown> = {};
  for (const [status, answer] of Object.entries(spec.responses)) {
    if ((answer.mediaType ?? 'application/json') === 'application/json') response[Number(status)] = answer.schema;
  }
  return {
    ...(spec.params === undefined ? {} : { params: spec.params }),
    ...(spec.querystring === undefined ? {} : { querystring: spec.querystring }),
    ...(spec.headers === undefined ? {} : { headers: spec.headers }),
    ...(spec.body === undefined ? {} : { body: spec.body }),
    response,
  };
}
