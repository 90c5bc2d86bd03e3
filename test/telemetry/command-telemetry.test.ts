import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { AttributeNames, MetricNames, purchaseStreamId, SpanNames, type Engine } from '@csp-onprem/engine';
import { aGetKey, aPurchase, executeAsActor, ids, tenants } from '@csp-onprem/testing';
import { PLACES } from './places.js';
import { childrenOf, total, type TelemetryRecorder } from './recorder.js';
import { useTelemetryFixture } from './telemetry-fixture.js';
import { right } from '../support/outcomes.js';

/** The one `execute` span of the command with this id. */
function executeSpanOf(recorder: TelemetryRecorder, commandId: string): ReadableSpan {
  const spans = recorder.spansNamed(SpanNames.execute).filter((span) => span.attributes[AttributeNames.commandId] === commandId);
  expect(spans, `execute spans of ${commandId}`).to.have.length(1);
  return spans[0] as ReadableSpan;
}

function namesOf(spans: readonly ReadableSpan[]): string[] {
  return spans.map((span) => span.name).sort();
}

const stream = purchaseStreamId(tenants.sellingPartner, ids.subscriptionId);

for (const place of PLACES) {
  describe(`telemetry of commands on ${place.label}`, () => {
    const fixture = useTelemetryFixture(place);
    const newEngine = fixture.newEngine;
    let engine: Engine;

    beforeEach(() => {
      engine = newEngine();
    });

    it('wraps a purchase and a GetKey each in an execute span naming the command, its stream, its retries and its outcome', async () => {
      const purchase = aPurchase();
      const getKey = aGetKey();
      right(await executeAsActor(engine, purchase));
      right(await executeAsActor(engine, getKey));

      for (const [command, type] of [[purchase, 'PurchaseSoftware'], [getKey, 'GetKey']] as const) {
        const span = executeSpanOf(fixture.recorder, command.commandId);
        expect(span.attributes).to.include({
          [AttributeNames.commandType]: type,
          [AttributeNames.streamId]: stream,
          [AttributeNames.retries]: 0,
          [AttributeNames.outcome]: 'ok',
        });
        expect(span.status.code).to.equal(SpanStatusCode.UNSET);
      }
    });

    it("makes the store's append and stream read children of the command's span", async () => {
      const purchase = aPurchase();
      right(await executeAsActor(engine, purchase));
      const bought = childrenOf(executeSpanOf(fixture.recorder, purchase.commandId), fixture.recorder.spans());
      expect(namesOf(bought)).to.include.members([SpanNames.readStream, SpanNames.append]);
      const append = bought.find((span) => span.name === SpanNames.append);
      expect(append?.attributes).to.include({ [AttributeNames.streamId]: stream, [AttributeNames.expectedVersion]: 0, [AttributeNames.events]: 1, [AttributeNames.outcome]: 'ok' });
      expect(append?.attributes[AttributeNames.storeName]).to.be.a('string').and.not.equal('');

      // A second engine has not seen the purchase: its GetKey reads the stream, then appends.
      const restarted = newEngine();
      try {
        const getKey = aGetKey();
        right(await executeAsActor(restarted, getKey));
        const children = childrenOf(executeSpanOf(fixture.recorder, getKey.commandId), fixture.recorder.spans());
        expect(namesOf(children)).to.include.members([SpanNames.readStream, SpanNames.append]);
        expect(children.find((span) => span.name === SpanNames.readStream)?.attributes).to.include({ [AttributeNames.streamId]: stream, [AttributeNames.events]: 1 });
      } finally {
        await restarted.close();
      }
    });

    it('gives a refused command its error code as the outcome, without marking the span as an error', async () => {
      const getKey = aGetKey({ subscriptionId: 'SUB-NOBODY-BOUGHT' });
      const refused = await executeAsActor(engine, getKey);
      expect(E.isLeft(refused) && refused.left.code).to.equal('UnknownPurchase');
      const span = executeSpanOf(fixture.recorder, getKey.commandId);
      expect(span.attributes).to.include({ [AttributeNames.commandType]: 'GetKey', [AttributeNames.outcome]: 'UnknownPurchase' });
      expect(span.status.code).to.equal(SpanStatusCode.UNSET);
    });

    it('answers input that is no command with an execute span whose outcome is InvalidCommand and that names no type', async () => {
      const refused = await engine.as({ nonsense: true }).execute({ type: 'GetKey' });
      expect(E.isLeft(refused) && refused.left.code).to.equal('InvalidCommand');
      const [span] = fixture.recorder.spansNamed(SpanNames.execute);
      expect(span?.attributes[AttributeNames.outcome]).to.equal('InvalidCommand');
      expect(span?.attributes).not.to.have.property(AttributeNames.commandType);
    });

    it('calls a repeated command id replayed', async () => {
      const purchase = aPurchase();
      right(await executeAsActor(engine, purchase));
      expect(right(await executeAsActor(engine, purchase)).replayed).to.equal(true);
      const spans = fixture.recorder.spansNamed(SpanNames.execute).map((span) => span.attributes[AttributeNames.outcome]);
      expect(spans).to.deep.equal(['ok', 'replayed']);
    });

    it('counts commands by type and outcome and times every one of them', async () => {
      right(await executeAsActor(engine, aPurchase()));
      right(await executeAsActor(engine, aGetKey()));
      right(await executeAsActor(engine, aGetKey()));
      await executeAsActor(engine, aGetKey({ subscriptionId: 'SUB-NOBODY-BOUGHT' }));

      const counted = await fixture.recorder.points(MetricNames.commands);
      const type = AttributeNames.commandType;
      const outcome = AttributeNames.outcome;
      expect(total(counted, { [type]: 'PurchaseSoftware', [outcome]: 'ok' })).to.equal(1);
      expect(total(counted, { [type]: 'GetKey', [outcome]: 'ok' })).to.equal(2);
      expect(total(counted, { [type]: 'GetKey', [outcome]: 'UnknownPurchase' })).to.equal(1);
      const timed = await fixture.recorder.points(MetricNames.commandDuration);
      expect(total(timed)).to.equal(4);
      expect(total(timed, { [type]: 'GetKey', [outcome]: 'ok' })).to.equal(2);
      // Metrics carry no per-command ids: one series per type and outcome.
      for (const point of [...counted, ...timed]) expect(Object.keys(point.attributes).sort()).to.deep.equal([type, outcome].sort());
    });
  });
}
