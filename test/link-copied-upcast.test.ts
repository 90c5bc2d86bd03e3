import { createHash } from 'node:crypto';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { CURRENT_SCHEMA_VERSION } from '@csp-onprem/domain';
import { createEngine, decodeStoredEvent, defaultUpcasters, type EventRecord, type StoredEvent } from '@csp-onprem/engine';
import { auditCsv, auditHtml, auditJson, collectTrail } from '@csp-onprem/cli';
import { executeAsActor } from '@csp-onprem/testing';
import { storeWithV1Log, v1Records } from './fixtures/v1-log.js';

const partnerAdmin = { userId: 'auditor-check', tenantId: '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', roles: ['AdminAgent'] };
const originalAdmin = { ...partnerAdmin, userId: 'old-admin@partner.example' };
const customer = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

/** The fixture's LinkCopied, as written: its data keeps the link, whose query carries a bearer token. */
const storedLinkCopied = v1Records.find((record) => record.type === 'LinkCopied') as EventRecord;
const storedLink = (storedLinkCopied.data as { link: string }).link;
const token = new URL(storedLink).searchParams.get('token') as string;

/** What the link becomes when read: the engine's fingerprint (`sha256:` and 16 hex digits of its SHA-256) and its host. */
const linkFacts = {
  linkFingerprint: `sha256:${createHash('sha256').update(storedLink, 'utf8').digest('hex').slice(0, 16)}`,
  linkHost: 'downloads.csp-onprem-test.invalid',
};
const upcastData = { variant: { version: '2016', language: 'en-us', bitness: '64-bit' }, ...linkFacts, expiresAt: '2021-03-27T09:00:00.000Z' };

function right<L extends { message: string } | string, A>(result: E.Either<L, A>): A {
  if (E.isLeft(result)) return expect.fail(`expected success, got ${typeof result.left === 'string' ? result.left : result.left.message}`);
  return result.right;
}

describe('a LinkCopied event written before schema version 3, which kept the download link', () => {
  it('is what the fixture holds: a link whose query carries a token', () => {
    expect(storedLink).to.match(/^https:\/\/downloads\.csp-onprem-test\.invalid\/.+\?token=/);
    expect(token).to.be.a('string').with.length.greaterThan(0);
  });

  it('decodes without the link, with its fingerprint and host instead, at the current schema version', () => {
    const decoded = right(decodeStoredEvent({ ...(storedLinkCopied as StoredEvent), position: 5 }));
    expect(decoded.data).to.deep.equal(upcastData);
    expect(decoded.data).to.not.have.property('link');
    expect(decoded.meta).to.include({ schemaVersion: CURRENT_SCHEMA_VERSION, commandType: 'CopyDownloadLink' });
  });

  it('is upcast the same way from schema version 2, where metadata already had commandType', () => {
    const v2 = { type: 'LinkCopied', data: storedLinkCopied.data, meta: { ...(storedLinkCopied.meta as object), commandType: 'CopyDownloadLink', schemaVersion: 2 } };
    const upcast = right(defaultUpcasters.upcast(v2));
    expect(upcast.data).to.deep.equal(upcastData);
    expect(upcast.meta).to.include({ schemaVersion: 3, commandType: 'CopyDownloadLink' });
  });

  it('keeps the stored bytes as written, so the chain still verifies', async () => {
    const store = await storeWithV1Log();
    const stored = right(await store.readStream(storedLinkCopied.streamId)).find((record) => record.type === 'LinkCopied');
    expect(stored?.data).to.deep.include({ link: storedLink });
    const report = right(await createEngine({ store }).verify());
    expect(report.ok).to.equal(true);
  });

  it('shows no link or token in its audit-trail entry, only the fingerprint and host', async () => {
    const engine = createEngine({ store: await storeWithV1Log() });
    const trail = right(await engine.as(partnerAdmin).auditTrail({ customerTenantId: customer }));
    const entry = trail.find((each) => each.type === 'LinkCopied');
    expect(entry?.summary).to.equal(`download link copied for 2016 en-us 64-bit (${linkFacts.linkHost}, ${linkFacts.linkFingerprint}), expires 2021-03-27T09:00:00.000Z`);
    const text = JSON.stringify(trail);
    expect(text).to.not.include(token);
    expect(text).to.not.include('token=');
  });

  it('answers a replay of the command that copied it without the link', async () => {
    const engine = createEngine({ store: await storeWithV1Log() });
    const replay = right(
      await executeAsActor(engine, { type: 'CopyDownloadLink', commandId: 'v1-link-1', actor: originalAdmin, subscriptionId: 'v1-sub-1', variant: upcastData.variant }),
    );
    expect(replay.replayed).to.equal(true);
    expect(replay.downloadLink).to.equal(undefined);
    expect(replay.events.map((event) => [event.type, event.data])).to.deep.equal([['LinkCopied', upcastData]]);
  });

  it('leaves the link and its token out of the JSON, CSV and HTML exports, which carry the fingerprint and host', async () => {
    const trail = right(await collectTrail(await storeWithV1Log()));
    const json = auditJson(trail);
    const entry = (JSON.parse(json) as { entries: { type: string; summary: string }[] }).entries.find((each) => each.type === 'LinkCopied');
    expect(entry?.summary).to.include(linkFacts.linkFingerprint).and.to.include(linkFacts.linkHost);
    for (const [format, text] of [
      ['JSON', json],
      ['CSV', auditCsv(trail.entries)],
      ['HTML', auditHtml(trail)],
    ] as const) {
      expect(text, `${format} export`).to.not.include(token);
      expect(text, `${format} export`).to.not.include('token=');
      expect(text, `${format} export`).to.include(linkFacts.linkFingerprint);
    }
  });
});
