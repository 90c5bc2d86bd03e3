import type { Histogram, Meter, UpDownCounter } from '@opentelemetry/api';
import type { FastifyInstance } from 'fastify';

/** Seconds; the OpenTelemetry HTTP semantic conventions' recommended boundaries. */
const DURATION_BOUNDARIES = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/** The instruments of the service's HTTP metrics. */
export interface HttpInstruments {
  readonly duration: Histogram;
  readonly active: UpDownCounter;
}

/** Creates the HTTP instruments, named by the OpenTelemetry HTTP semantic conventions. */
export function httpInstruments(meter: Meter): HttpInstruments {
  return {
    duration: meter.createHistogram('http.server.request.duration', { unit: 's', description: 'Duration of HTTP server requests.', advice: { explicitBucketBoundaries: DURATION_BOUNDARIES } }),
    active: meter.createUpDownCounter('http.server.active_requests', { unit: '{request}', description: 'HTTP server requests in flight.' }),
  };
}

/**
 * Records every request's duration, method, route template and status, and the requests in
 * flight. A request that matched no route is recorded without a route, so that scanners cannot
 * grow the label set.
 */
export function recordHttpMetrics(app: FastifyInstance, instruments: HttpInstruments): void {
  app.addHook('onRequest', async (request) => {
    instruments.active.add(1, { 'http.request.method': request.method });
  });
  app.addHook('onResponse', async (request, reply) => {
    instruments.active.add(-1, { 'http.request.method': request.method });
    const route = request.routeOptions.url;
    instruments.duration.record(reply.elapsedTime / 1000, {
      'http.request.method': request.method,
      'http.response.status_code': reply.statusCode,
      ...(route === undefined ? {} : { 'http.route': route }),
    });
  });
}
