import type { Meter, MeterProvider } from '@opentelemetry/api';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { MeterProvider as SdkMeterProvider } from '@opentelemetry/sdk-metrics';

/** The instrumentation scope of the service's own metrics. */
export const SERVER_METER_NAME = '@csp-onprem/server';

/** Metrics read in the Prometheus text format. */
export interface PrometheusMetrics {
  /** The provider behind `/metrics`: give it to `createEngine({ telemetry: { meterProvider } })` to serve the engine's metrics too. */
  readonly meterProvider: MeterProvider;
  /** The meter the service records its own metrics with. */
  readonly meter: Meter;
  /** Everything collected so far, in the Prometheus text exposition format. */
  text(): Promise<string>;
}

/**
 * A meter provider of its own with a Prometheus reader that starts no server: `/metrics` serves
 * its text. It is never registered as the process's global provider, which belongs to the
 * platform that embeds the service; whatever should be served with the service's own metrics
 * (the engine's) is given `meterProvider`, as `csp-onprem serve` does.
 */
export function prometheusMetrics(): PrometheusMetrics {
  const exporter = new PrometheusExporter({ preventServerStart: true });
  const meterProvider = new SdkMeterProvider({ readers: [exporter] });
  const serializer = new PrometheusSerializer();
  return {
    meterProvider,
    meter: meterProvider.getMeter(SERVER_METER_NAME),
    async text() {
      const { resourceMetrics } = await exporter.collect();
      return serializer.serialize(resourceMetrics);
    },
  };
}
