import { metrics, type Meter } from '@opentelemetry/api';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

/** The instrumentation scope of the service's own metrics. */
export const SERVER_METER_NAME = '@csp-onprem/server';

/** Metrics read in the Prometheus text format. */
export interface PrometheusMetrics {
  /** The meter the service records its own metrics with. */
  readonly meter: Meter;
  /** True when this provider is the process's global one, so other libraries' metrics (the engine's) appear too. */
  readonly global: boolean;
  /** Everything collected so far, in the Prometheus text exposition format. */
  text(): Promise<string>;
}

let shared: PrometheusMetrics | undefined;

/**
 * The process's OpenTelemetry meter provider with a Prometheus reader that starts no server of
 * its own: `/metrics` serves its text. Registered as the global provider once per process, so
 * that whatever records through `@opentelemetry/api` (the engine, the platform) is served with
 * it; when the platform already registered its own, the service's metrics still show here.
 */
export function prometheusMetrics(): PrometheusMetrics {
  if (shared !== undefined) return shared;
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const provider = new MeterProvider({ readers: [exporter] });
  const global = metrics.setGlobalMeterProvider(provider);
  const serializer = new PrometheusSerializer();
  shared = {
    meter: global ? metrics.getMeter(SERVER_METER_NAME) : provider.getMeter(SERVER_METER_NAME),
    global,
    async text() {
      const { resourceMetrics } = await exporter.collect();
      return serializer.serialize(resourceMetrics);
    },
  };
  return shared;
}
