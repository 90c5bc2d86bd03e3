import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { DataPointType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { MetricNames, type TelemetryOptions } from '@csp-onprem/engine';

/** Takes every batch of spans and keeps only their count: the SDK's work without a collector's. */
class CountingSpanExporter implements SpanExporter {
  exported = 0;

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.exported += spans.length;
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  async shutdown(): Promise<void> {}
}

/** A reader the bench collects from once, at the end. */
class CollectingReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/**
 * An OpenTelemetry SDK wired as a platform wires one: spans through the default
 * `BatchSpanProcessor` to an exporter (one that counts and drops them, so that no network or
 * serialisation is measured), metrics into a `MeterProvider` with a reader, and an
 * `AsyncLocalStorage` context manager registered for the whole process, as
 * `NodeTracerProvider.register()` does, until `shutdown`.
 */
export interface BenchSdk {
  /** The providers an engine records into. */
  readonly telemetry: TelemetryOptions;
  /** Spans exported so far, after flushing the batch processor. */
  spansExported(): Promise<number>;
  /** The engine's `csp_onprem.commands` counter, summed over types and outcomes. */
  commandsCounted(): Promise<number>;
  shutdown(): Promise<void>;
}

/**
 * Builds one SDK of the bench's own and registers its context manager (and nothing else)
 * globally. Registered once: switching a context manager on and off between chunks of work
 * made the code that ran right after each switch slower, which no host does.
 */
export function benchSdk(): BenchSdk {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new CountingSpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  const reader = new CollectingReader();
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    telemetry: { tracerProvider, meterProvider },
    async spansExported() {
      await tracerProvider.forceFlush();
      return exporter.exported;
    },
    async commandsCounted() {
      const { resourceMetrics } = await reader.collect();
      let counted = 0;
      for (const metric of resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics)) {
        if (metric.descriptor.name !== MetricNames.commands || metric.dataPointType !== DataPointType.SUM) continue;
        for (const point of metric.dataPoints) counted += point.value;
      }
      return counted;
    },
    async shutdown() {
      await tracerProvider.shutdown();
      await meterProvider.shutdown();
      context.disable();
    },
  };
}
