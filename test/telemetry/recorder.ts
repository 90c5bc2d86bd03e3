import { context, type Attributes, type AttributeValue } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { DataPointType, MeterProvider, MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { TelemetryOptions } from '@csp-onprem/engine';

/** A metric reader the test collects from when it wants to look. */
class CollectingReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** One data point of a metric, flattened: its attributes and its value (a sum or gauge value, or a histogram's count). */
export interface Point {
  readonly attributes: Attributes;
  readonly value: number;
}

/** An OpenTelemetry SDK of the test's own: what an engine given its providers exported, in memory. */
export interface TelemetryRecorder {
  /** The providers to give `createEngine({ telemetry })`. */
  readonly telemetry: TelemetryOptions;
  /** Every span ended so far. */
  spans(): ReadableSpan[];
  /** Ended spans with this name. */
  spansNamed(name: string): ReadableSpan[];
  /** Every metric collected now. */
  metrics(): Promise<MetricData[]>;
  /** The data points of one metric collected now (empty when it recorded nothing). */
  points(name: string): Promise<Point[]>;
  /** Forgets the spans ended so far. */
  reset(): void;
  shutdown(): Promise<void>;
}

function pointsOf(metric: MetricData): Point[] {
  if (metric.dataPointType === DataPointType.HISTOGRAM) return metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value.count }));
  if (metric.dataPointType === DataPointType.SUM || metric.dataPointType === DataPointType.GAUGE) {
    return metric.dataPoints.map((point) => ({ attributes: point.attributes, value: point.value }));
  }
  return [];
}

/** A tracer provider with an in-memory exporter and a meter provider with a reader the test collects from. */
export function telemetryRecorder(): TelemetryRecorder {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  const metrics = async (): Promise<MetricData[]> => {
    const collected = await reader.collect();
    return collected.resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
  };
  return {
    telemetry: { tracerProvider, meterProvider },
    spans: () => exporter.getFinishedSpans(),
    spansNamed: (name) => exporter.getFinishedSpans().filter((span) => span.name === name),
    metrics,
    points: async (name) => (await metrics()).filter((metric) => metric.descriptor.name === name).flatMap(pointsOf),
    reset: () => exporter.reset(),
    shutdown: async () => {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
    },
  };
}

/** The sum of the points whose attributes include every given one. */
export function total(points: readonly Point[], attributes: Readonly<Record<string, AttributeValue>> = {}): number {
  return points.filter((point) => Object.entries(attributes).every(([key, value]) => point.attributes[key] === value)).reduce((sum, point) => sum + point.value, 0);
}

/** The direct children of a span among `spans`. */
export function childrenOf(parent: ReadableSpan, spans: readonly ReadableSpan[]): ReadableSpan[] {
  const { traceId, spanId } = parent.spanContext();
  return spans.filter((span) => span.parentSpanContext?.traceId === traceId && span.parentSpanContext.spanId === spanId);
}

/**
 * Registers, for the enclosing `describe`, the context manager a host's SDK registers
 * (NodeTracerProvider does), so that store spans find the command's span as their parent.
 */
export function useAsyncContext(): void {
  before(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  });
  after(() => {
    context.disable();
  });
}
