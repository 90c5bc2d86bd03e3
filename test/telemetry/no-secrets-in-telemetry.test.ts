import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { localKeyEncryptionKey } from '@csp-onprem/engine';
import { aGetKey, aLinkCopy, aPurchase, executeAsActor } from '@csp-onprem/testing';
import { KEK_SECRET, PLACES } from './places.js';
import type { TelemetryRecorder } from './recorder.js';
import { useTelemetryFixture } from './telemetry-fixture.js';
import { right } from '../support/outcomes.js';

/** Every form a secret could take in text. */
function formsOf(secret: string | Buffer): string[] {
  if (typeof secret !== 'string') return [secret.toString('base64'), secret.toString('base64url'), secret.toString('hex')];
  return [secret, secret.replace(/-/g, ''), encodeURIComponent(secret)];
}

/** Everything the SDK received: each span's name, attributes, events, status and links, and each metric with its points. */
async function everythingExported(recorder: TelemetryRecorder): Promise<string> {
  const spans = recorder.spans().map((span) => ({
    name: span.name,
    attributes: span.attributes,
    events: span.events,
    status: span.status,
    links: span.links,
  }));
  return JSON.stringify({ spans, metrics: await recorder.metrics() });
}

for (const place of PLACES) {
  describe(`telemetry on ${place.label} never carries a secret`, () => {
    const fixture = useTelemetryFixture(place);

    it('holds no product key, download link or its token, key-encryption key or store password in any span or metric', async () => {
      const { log, recorder } = fixture;
      const engine = fixture.newEngine();
      right(await executeAsActor(engine, aPurchase()));
      const shown = right(await executeAsActor(engine, aGetKey()));
      const copied = right(await executeAsActor(engine, aLinkCopy()));
      await executeAsActor(engine, aGetKey({ subscriptionId: 'SUB-NOBODY-BOUGHT' }));
      expect(E.isRight(await engine.catchUp())).to.equal(true);
      expect(E.isRight(await engine.verify())).to.equal(true);
      if (log.engineOptions.keyEncryptionKey !== undefined) {
        // Another process with the wrong key-encryption key fails to show the key: a fault, with its code alone.
        const wrongKek = fixture.newEngine({ keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
        const refused = await executeAsActor(wrongKek, aGetKey());
        expect(E.isLeft(refused) && refused.left.code).to.equal('KeyEncryptionKeyMismatch');
      }

      const productKey = shown.productKey ?? '';
      const link = copied.downloadLink?.url ?? '';
      const token = new URL(link).searchParams.get('token') ?? '';
      expect(productKey).to.not.equal('');
      expect(token).to.not.equal('');
      const secrets = [...formsOf(productKey), link, token, ...formsOf(KEK_SECRET), ...(log.password === undefined ? [] : formsOf(log.password))];

      const exported = await everythingExported(recorder);
      expect(exported).to.include('csp_onprem.execute').and.include('csp_onprem.store.name');
      if (log.engineOptions.keyEncryptionKey !== undefined) expect(exported).to.include('KeyEncryptionKeyMismatch');
      for (const secret of secrets) expect(exported.includes(secret), `a secret (${secret.slice(0, 4)}…) appears in the telemetry`).to.equal(false);
    });
  });
}
