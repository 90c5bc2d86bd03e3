import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { AttributeNames, MetricNames, SpanNames } from '@csp-onprem/engine';
import { aDownload, aGetKey, aPurchase, executeAsActor } from '@csp-onprem/testing';
import { PLACES } from './places.js';
import { childrenOf, total } from './recorder.js';
import { useTelemetryFixture } from './telemetry-fixture.js';

for (const place of PLACES) {
  describe(`telemetry of a version conflict on ${place.label}`, () => {
    const fixture = useTelemetryFixture(place);
    const newEngine = fixture.newEngine;

    it('counts each conflict by command type, and a command decided again says it retried once', async () => {
      const first = newEngine();
      const second = newEngine();
      expect(E.isRight(await executeAsActor(first, aPurchase()))).to.equal(true);
      // Each engine caches the purchase, then the other moves it on behind its back.
      const getKey = aGetKey();
      expect(E.isRight(await executeAsActor(second, getKey))).to.equal(true);
      const download = aDownload();
      expect(E.isRight(await executeAsActor(first, download))).to.equal(true);

      for (const command of [getKey, download]) {
        const span = fixture.recorder.spansNamed(SpanNames.execute).find((each) => each.attributes[AttributeNames.commandId] === command.commandId) as ReadableSpan;
        expect(span.attributes, command.type).to.include({ [AttributeNames.outcome]: 'ok' });
        const appends = childrenOf(span, fixture.recorder.spans()).filter((child) => child.name === SpanNames.append);
        expect(appends.map((append) => append.attributes[AttributeNames.outcome]), command.type).to.deep.equal(
          command === download ? ['VersionConflict', 'ok'] : ['ok'],
        );
        expect(span.attributes[AttributeNames.retries], command.type).to.equal(command === download ? 1 : 0);
      }
      const conflicts = await fixture.recorder.points(MetricNames.versionConflicts);
      expect(total(conflicts)).to.equal(1);
      expect(total(conflicts, { [AttributeNames.commandType]: 'DownloadSoftware' })).to.equal(1);
    });
  });
}
