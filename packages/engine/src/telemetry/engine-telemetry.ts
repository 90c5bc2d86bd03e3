import { metrics, trace, ValueType, type Counter, type Histogram, type Meter, type MeterProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { INSTRUMENTATION_SCOPE, MetricNames } from './telemetry-names.js';

/**
 * Where an engine sends its spans and metrics. Both default to what the host registered with
 * `@opentelemetry/api`: nothing is recorded until it registers an SDK, and csp-onprem never
 * registers anything itself.
 */
export interface TelemetryOptions {
  /** Defaults to the global tracer provider: a no-op until the host registers one, whenever that is. */
  readonly tracerProvider?: TracerProvider;
  /** Defaults to the global meter provider as it is when the engine is built: register the SDK first. */
  readonly meterProvider?: MeterProvider;
}

/** The tracer and instruments one engine records into. */
export interface EngineTelemetry {
  readonly tracer: Tracer;
  readonly meter: Meter;
  /** {@link MetricNames.commands}. */
  readonly commands: Counter;
  /** {@link MetricNames.commandDuration}. */
  readonly commandDuration: Histogram;
  /** {@link MetricNames.versionConflicts}. */
  readonly versionConflicts: Counter;
}

/** Bucket bounds of the command duration histogram, in seconds: from an in-memory command (50 µs) to a stalled store. */
const DURATION_BUCKETS_S = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Builds the tracer and instruments of one engine from the given or the global providers. */
export function engineTelemetry(options: TelemetryOptions = {}): EngineTelemetry {
  const tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_SCOPE);
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter(INSTRUMENTATION_SCOPE);
  return {
    tracer,
    meter,
    commands: meter.createCounter(MetricNames.commands, { description: 'Commands the engine answered, by type and outcome', unit: '{command}', valueType: ValueType.INT }),
    commandDuration: meter.createHistogram(MetricNames.commandDuration, {
      description: 'How long a command took, from decoding its input to its answer',
      unit: 's',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS_S },
    }),
    versionConflicts: meter.createCounter(MetricNames.versionConflicts, {
      description: 'Appends refused because another writer moved the stream first; each is retried or answered VersionConflict',
      unit: '{conflict}',
      valueType: ValueType.INT,
    }),
  };
}
