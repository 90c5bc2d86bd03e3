import type { Engine } from '@csp-onprem/engine';
import type { Identity } from './identity/identity.js';
import type { ServerLogOptions } from './logging/log-options.js';
import type { PrometheusMetrics } from './telemetry/prometheus-metrics.js';

/** What a server is built from; only the engine and the identity are required. */
export interface ServerOptions {
  /** The engine the service runs; closed with the server unless `closeEngine` is false. */
  readonly engine: Engine;
  /** How requests are authenticated: `bearerIdentity(...)` in production, `devIdentity(...)` for development. */
  readonly identity: Identity;
  /** Largest request body accepted, in bytes; default 128 KiB (the largest valid command is well under it). */
  readonly bodyLimit?: number;
  /** How long a route may work before the caller is answered 503 `RequestTimeout`, in ms; default 15,000. */
  readonly handlerTimeoutMs?: number;
  /** How long a client may take to send a whole request, in ms; default 30,000. */
  readonly requestTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open, in ms; default 72,000. */
  readonly keepAliveTimeoutMs?: number;
  /** How long /readyz waits for the read models to catch up, in ms; default 2,000. */
  readonly readinessTimeoutMs?: number;
  /** Logging (pino JSON lines, with credentials, keys and links redacted); `false` for none. Default: info, to standard output. */
  readonly log?: ServerLogOptions | false;
  /** Where /metrics reads from; default a {@link prometheusMetrics} of this server's own; `false` for no /metrics and no recording. */
  readonly metrics?: PrometheusMetrics | false;
  /** Close the engine (and so the store) when the server closes; default true. */
  readonly closeEngine?: boolean;
  /** Serve the partner portal page at `/`; default true. */
  readonly portal?: boolean;
  /** Trust `X-Forwarded-*` headers from a proxy in front (Fastify's `trustProxy`); default false. */
  readonly trustProxy?: boolean | string;
}
