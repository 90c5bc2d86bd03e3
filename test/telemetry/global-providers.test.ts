import { metrics, trace } from '@opentelemetry/api';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore, MetricNames, SpanNames } from '@csp-onprem/engine';
import { aPurchase, executeAsActor } from '@csp-onprem/testing';
import { telemetryRecorder, total, useAsyncContext } from './recorder.js';

describe('an engine given no telemetry option', () => {
  useAsyncContext();

  it('records into the SDK the host registered globally before building it', async () => {
    const recorder = telemetryRecorder();
    const { tracerProvider, meterProvider } = recorder.telemetry;
    if (tracerProvider === undefined || meterProvider === undefined) throw new Error('the recorder has both providers');
    trace.setGlobalTracerProvider(tracerProvider);
    metrics.setGlobalMeterProvider(meterProvider);
    try {
      const engine = createEngine({ store: inMemoryStore() });
      expect(E.isRight(await executeAsActor(engine, aPurchase()))).to.equal(true);
      await engine.close();
      expect(recorder.spansNamed(SpanNames.execute)).to.have.length(1);
      expect(total(await recorder.points(MetricNames.commands))).to.equal(1);
    } finally {
      trace.disable();
      metrics.disable();
      await recorder.shutdown();
    }
  });

  it('traces into a tracer provider the host registers after building it', async () => {
    const recorder = telemetryRecorder();
    const engine = createEngine({ store: inMemoryStore() });
    try {
      expect(E.isRight(await executeAsActor(engine, aPurchase()))).to.equal(true);
      const { tracerProvider } = recorder.telemetry;
      if (tracerProvider === undefined) throw new Error('the recorder has a tracer provider');
      trace.setGlobalTracerProvider(tracerProvider);
      expect(E.isRight(await executeAsActor(engine, aPurchase({ subscriptionId: 'SUB-LATER' })))).to.equal(true);
      expect(recorder.spansNamed(SpanNames.execute)).to.have.length(1);
    } finally {
      trace.disable();
      await engine.close();
      await recorder.shutdown();
    }
  });
});
