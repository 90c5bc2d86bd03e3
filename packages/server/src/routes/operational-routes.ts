import type { Engine } from '@csp-onprem/engine';
import { Type } from '@sinclair/typebox';
import * as E from 'fp-ts/lib/Either.js';
import type { FastifyInstance } from 'fastify';
import { withDeadline } from '../deadline.js';
import { problem } from '../problems/problem.js';
import { sendProblem } from '../problems/send-problem.js';
import { named } from '../schemas/named.js';
import type { PrometheusMetrics } from '../telemetry/prometheus-metrics.js';
import { fastifySchema } from './fastify-schema.js';
import type { RouteSpec } from './route-spec.js';

const TAG = 'Operations';

/** GET /healthz. */
export const healthSpec: RouteSpec = {
  method: 'GET',
  url: '/healthz',
  operationId: 'health',
  summary: 'The process is up',
  description: 'Answers as long as the process serves requests; says nothing of the store (see /readyz).',
  tag: TAG,
  authenticated: false,
  responses: { 200: { description: 'Up.', schema: named('Health', Type.Object({ status: Type.Literal('up') }, { additionalProperties: false })) } },
  problems: [],
};

/** GET /readyz. */
export const readinessSpec: RouteSpec = {
  method: 'GET',
  url: '/readyz',
  operationId: 'readiness',
  summary: 'The store is reachable and the read models caught up',
  description: 'Reads the log to its end and folds what the read models have not seen, within a bound: a process still catching up after a restart, or whose store is unreachable, is not ready. Not ready while shutting down.',
  tag: TAG,
  authenticated: false,
  responses: {
    200: { description: 'Ready.', schema: named('Readiness', Type.Object({ status: Type.Literal('ready'), position: Type.Integer({ minimum: 0, description: 'The global position the read models reached.' }) }, { additionalProperties: false })) },
  },
  problems: ['StoreUnavailable'],
};

/** GET /metrics. */
export const metricsSpec: RouteSpec = {
  method: 'GET',
  url: '/metrics',
  operationId: 'metrics',
  summary: 'Metrics in the Prometheus text format',
  description: "The service's OpenTelemetry metrics (HTTP request durations by route and status, requests in flight) and whatever else records through the meter provider the service was given, such as the engine's when it shares it (as csp-onprem serve wires it).",
  tag: TAG,
  authenticated: false,
  responses: { 200: { description: 'The metrics.', schema: Type.String(), mediaType: 'text/plain' } },
  problems: [],
};

/** GET /openapi.json. */
export const openApiSpec: RouteSpec = {
  method: 'GET',
  url: '/openapi.json',
  operationId: 'openApi',
  summary: 'This document',
  tag: TAG,
  authenticated: false,
  responses: { 200: { description: 'The OpenAPI 3.1 document of the service.', schema: Type.Object({}, { additionalProperties: true }), mediaType: 'application/json' } },
  problems: [],
};

/** What the operational routes need. */
export interface OperationalDeps {
  readonly engine: Engine;
  readonly metrics: PrometheusMetrics | false;
  /** The OpenAPI document, serialised once. */
  readonly openApiText: string;
  /** How long /readyz waits for the read models to catch up. */
  readonly readinessTimeoutMs: number;
  /** True once the server began to shut down. */
  readonly closing: () => boolean;
}

/** Registers /healthz, /readyz, /metrics and /openapi.json, none of which needs a token. */
export function registerOperationalRoutes(app: FastifyInstance, deps: OperationalDeps): void {
  app.get(healthSpec.url, { schema: fastifySchema(healthSpec) }, async () => ({ status: 'up' }));

  app.get(readinessSpec.url, { schema: fastifySchema(readinessSpec) }, async (request, reply) => {
    if (deps.closing()) return sendProblem(reply, problem('ShuttingDown', 'this instance is shutting down'));
    const caughtUp = await withDeadline(deps.engine.catchUp(), deps.readinessTimeoutMs);
    if (caughtUp === undefined) return sendProblem(reply, problem('RequestTimeout', `the read models did not catch up with the log within ${deps.readinessTimeoutMs} ms`));
    if (E.isLeft(caughtUp)) {
      request.log.warn({ engineMessage: caughtUp.left.message }, 'not ready: store unavailable');
      return sendProblem(reply, problem('StoreUnavailable', 'the event store cannot be read'));
    }
    return { status: 'ready', position: caughtUp.right };
  });

  if (deps.metrics !== false) {
    const metrics = deps.metrics;
    app.get(metricsSpec.url, async (_request, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(await metrics.text()));
  }

  app.get(openApiSpec.url, async (_request, reply) => reply.type('application/json; charset=utf-8').send(deps.openApiText));
}
