import { checkOptions } from '@csp-onprem/engine';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { registerApiRoute } from './routes/register-api-route.js';
import { apiRoutes, documentedRoutes } from './routes/api-routes.js';
import { registerDevRoutes } from './routes/dev-routes.js';
import { registerOperationalRoutes } from './routes/operational-routes.js';
import { registerPortalRoutes } from './routes/portal-routes.js';
import { loggerOptions } from './logging/log-options.js';
import { openApiDocument } from './openapi/openapi-document.js';
import { answerFailuresAsProblems } from './problems/error-handler.js';
import { problem } from './problems/problem.js';
import { sendProblem } from './problems/send-problem.js';
import { requestIdOf, REQUEST_ID_HEADER } from './request-id.js';
import type { ServerOptions } from './server-options.js';
import { SERVER_LOG_OPTIONS, SERVER_OPTIONS } from './server-options-shapes.js';
import { VALIDATION_OPTIONS } from './validation-options.js';
import { httpInstruments, recordHttpMetrics } from './telemetry/http-metrics.js';
import { prometheusMetrics } from './telemetry/prometheus-metrics.js';

/** Default largest body: a RequestCancellation at its longest is about 70 KB of UTF-8. */
export const DEFAULT_BODY_LIMIT = 128 * 1024;

/**
 * Builds the HTTP service over an engine: the /v1 API (commands and read models, each request
 * acting as the actor its verified bearer token stands for), RFC 9457 problems, /openapi.json,
 * /healthz, /readyz, /metrics and the portal page. Returns the Fastify instance, not yet
 * listening: `await server.listen({ host, port })`, or mount it in a platform's own server.
 * `await server.close()` stops taking requests, finishes those in flight, then closes the engine.
 */
export function createServer(options: ServerOptions): FastifyInstance {
  checkOptions(options, SERVER_OPTIONS, [SERVER_LOG_OPTIONS]);
  if (options.log !== false) checkOptions(options.log, SERVER_LOG_OPTIONS, [SERVER_OPTIONS]);
  const app = Fastify({
    logger: loggerOptions(options.log ?? {}),
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 72_000,
    connectionTimeout: 120_000,
    genReqId: requestIdOf,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: options.trustProxy ?? false,
    // Answered below as a problem, like every other failure.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    ajv: { customOptions: VALIDATION_OPTIONS },
  });
  app.removeContentTypeParser(['text/plain']);
  answerFailuresAsProblems(app);

  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // A keep-alive connection would hold close() open after its last answer: end it with that answer.
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  if (options.closeEngine ?? true) app.addHook('onClose', async () => options.engine.close());

  // Before the hook below that may answer at once: a hook that answered skips the later onRequest
  // hooks but not onResponse, so metrics hooked after it would count requests ending that never began.
  const metrics = options.metrics ?? prometheusMetrics();
  if (metrics !== false) recordHttpMetrics(app, httpInstruments(metrics.meter));

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (request.url.startsWith('/v1/') || request.url.startsWith('/dev/')) reply.header('cache-control', 'no-store');
    // A request that reaches a closing server on a connection it already had (pipelined or kept alive).
    if (closing) return sendProblem(reply, problem('ShuttingDown', 'this instance is shutting down: send the request again, to another instance'));
    return undefined;
  });

  const deps = { engine: options.engine, identity: options.identity, handlerTimeoutMs: options.handlerTimeoutMs ?? 15_000 };
  for (const route of apiRoutes) registerApiRoute(app, route, deps);
  registerOperationalRoutes(app, {
    engine: options.engine,
    metrics,
    openApiText: JSON.stringify(openApiDocument(documentedRoutes)),
    readinessTimeoutMs: options.readinessTimeoutMs ?? 2000,
    closing: () => closing,
  });
  if (options.portal ?? true) registerPortalRoutes(app);
  if (options.identity.development !== undefined) registerDevRoutes(app, options.identity.development);
  return app;
}
