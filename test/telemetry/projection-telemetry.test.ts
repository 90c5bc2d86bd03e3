import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { AttributeNames, createEngine, inMemoryStore, MetricNames, SpanNames, type Engine, type EventStore } from '@csp-onprem/engine';
import { aPurchase, executeAsActor } from '@csp-onprem/testing';
import { PLACES } from './places.js';
import { childrenOf, telemetryRecorder, total } from './recorder.js';
import { useTelemetryFixture } from './telemetry-fixture.js';
import { right } from '../support/outcomes.js';

async function buy(engine: Engine, count: number, prefix: string): Promise<void> {
  for (let i = 1; i <= count; i += 1) right(await executeAsActor(engine, aPurchase({ subscriptionId: `${prefix}-${i}`, orderId: `ORD-${prefix}-${i}` })));
}

for (const place of PLACES) {
  describe(`telemetry of read models and verify on ${place.label}`, () => {
    const fixture = useTelemetryFixture(place);
    const newEngine = fixture.newEngine;

    it('makes each catch-up pass a span naming its read model, where it started and ended and the events it read, with its pages as children', async () => {
      const writer = newEngine();
      await buy(writer, 3, 'CATCH');
      const reader = newEngine();
      fixture.recorder.reset();
      const reached = right(await reader.catchUp());

      const passes = fixture.recorder.spansNamed(SpanNames.catchUp);
      expect(passes.map((pass) => pass.attributes[AttributeNames.projectionName]).sort()).to.deep.equal(['purchase-index', 'software-list', 'tickets']);
      const list = passes.find((pass) => pass.attributes[AttributeNames.projectionName] === 'software-list') as ReadableSpan;
      expect(list.attributes).to.include({ [AttributeNames.fromPosition]: 0, [AttributeNames.position]: reached, [AttributeNames.eventsRead]: 3, [AttributeNames.skipped]: 0, [AttributeNames.outcome]: 'ok' });
      const pages = childrenOf(list, fixture.recorder.spans());
      expect(pages.length).to.be.greaterThan(0);
      expect(pages.every((page) => page.name === SpanNames.readAll)).to.equal(true);
    });

    it('makes verify a span with the events and streams it checked and the position it reached', async () => {
      const engine = newEngine();
      await buy(engine, 2, 'VERIFY');
      const report = right(await engine.verify());
      const [span] = fixture.recorder.spansNamed(SpanNames.verify);
      expect(span?.attributes).to.include({
        [AttributeNames.eventsRead]: report.events,
        [AttributeNames.streams]: 2,
        [AttributeNames.position]: report.position,
        [AttributeNames.outcome]: 'ok',
      });
      expect(childrenOf(span as ReadableSpan, fixture.recorder.spans()).map((page) => page.name)).to.include(SpanNames.readAll);
    });

    it('reports how many events each read model has not applied yet, and none once it caught up', async () => {
      // The writer's spans and metrics go to a recorder of their own, so that the lag is the reader's.
      const writerRecorder = telemetryRecorder();
      try {
        const writer = newEngine({ telemetry: writerRecorder.telemetry });
        await buy(writer, 2, 'LAG');
        const reader = newEngine();
        right(await reader.catchUp());
        const lagOf = async (name: string): Promise<number> => total(await fixture.recorder.points(MetricNames.projectionLag), { [AttributeNames.projectionName]: name });
        expect(await lagOf('software-list')).to.equal(0);

        await buy(writer, 3, 'LAG-MORE');
        expect(await lagOf('software-list')).to.equal(3);
        expect(await lagOf('purchase-index')).to.equal(3);
        right(await reader.catchUp());
        expect(await lagOf('software-list')).to.equal(0);
      } finally {
        await writerRecorder.shutdown();
      }
    });
  });
}

describe('telemetry of a log that does not verify', () => {
  it('ends the verify span with the problem of the first bad event and an error status', async () => {
    const recorder = telemetryRecorder();
    const store = inMemoryStore();
    const writer = createEngine({ store });
    right(await executeAsActor(writer, aPurchase({ subscriptionId: 'SUB-TAMPERED' })));
    // The same log read back with the first event's link to its predecessor changed.
    const tampered: EventStore = {
      ...store,
      readAll: async (options) => {
        const page = await store.readAll(options);
        return E.isLeft(page) ? page : E.right(page.right.map((event) => (event.version === 1 ? { ...event, prevHash: 'f'.repeat(64) } : event)));
      },
    };
    const auditor = createEngine({ store: tampered, telemetry: recorder.telemetry });
    try {
      expect(right(await auditor.verify()).ok).to.equal(false);
      const [span] = recorder.spansNamed(SpanNames.verify);
      expect(span?.attributes).to.include({ [AttributeNames.outcome]: 'broken', [AttributeNames.verifyProblem]: 'prev-hash', [AttributeNames.errorType]: 'prev-hash' });
      expect(span?.status.code).to.equal(SpanStatusCode.ERROR);
    } finally {
      await recorder.shutdown();
      await Promise.all([writer.close(), auditor.close()]);
    }
  });
});
