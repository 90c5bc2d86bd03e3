import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { CURRENT_SCHEMA_VERSION } from '@csp-onprem/domain';
import {
  createEngine,
  decodeStoredEvent,
  defaultUpcasters,
  upcasterRegistry,
} from '@csp-onprem/engine';
import { executeAsActor } from '@csp-onprem/testing';
import { storeWithV1Log, v1Records } from './fixtures/v1-log.js';

const partnerAdmin = { userId: 'auditor-check', tenantId: '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', roles: ['AdminAgent'] };
const customer = '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d';

describe('a log written by schema version 1', () => {
  it('is what the fixture holds: version-1 metadata without commandType', () => {
    expect(v1Records).to.have.length(9);
    for (const record of v1Records) {
      expect(record.meta).to.include({ schemaVersion: 1 });
      expect(record.meta).not.to.have.property('commandType');
    }
  });

  it('still verifies, because the chain covers the bytes as they were written', async () => {
    const engine = createEngine({ store: await storeWithV1Log() });
    const report = await engine.verify();
    expect(E.isRight(report) && report.right).to.include({ ok: true, events: 9, streams: 2 });
  });

  it('replays into the expected software list with today\'s code', async () => {
    const engine = createEngine({ store: await storeWithV1Log() });
    const list = await engine.as(partnerAdmin).softwareList(customer);
    if (E.isLeft(list)) throw new Error(list.left.message);
    expect(list.right.map((item) => [item.subscriptionId, item.status, item.paid.amount, item.keys.map((k) => k.revoked), item.downloads, item.linkCopies])).to.deep.equal([
      ['v1-sub-1', 'active', 291600, [false], 1, 1],
      ['v1-sub-2', 'cancelled', 97200, [true], 0, 0],
    ]);
    const completed = list.right[1]?.cancellations[0];
    expect(completed).to.include({ outcome: 'completed', ticketId: 'TKT-v1-sub-2-3' });
    expect(completed?.credit).to.deep.equal({ amount: 97200, currency: 'USD' });
    expect(list.right[0]?.purchasedAt).to.equal('2021-03-09T09:00:00.000Z');
  });

  it('replays into the expected refund eligibility and audit trail', async () => {
    const engine = createEngine({ store: await storeWithV1Log() });
    const atDay30 = new Date('2021-04-08T09:00:00.000Z');
    const eligibility = await engine.as(partnerAdmin).refundEligibility('v1-sub-1', atDay30);
    expect(E.isRight(eligibility) && eligibility.right).to.include({ eligible: true, reason: 'within-window', deadline: '2021-05-08T09:00:00.000Z', daysLeft: 30 });
    const trail = await engine.as(partnerAdmin).auditTrail({ customerTenantId: customer });
    expect(E.isRight(trail) && trail.right.map((entry) => entry.type)).to.deep.equal([
      'Purchased', 'Purchased', 'KeyIssued', 'Downloaded', 'LinkCopied', 'KeyIssued', 'CancelRequested', 'CancelCompleted', 'KeyRevoked',
    ]);
  });

  it('gains the commandType each event type implies, so that repeated command ids are still recognised', async () => {
    const store = await storeWithV1Log();
    const engine = createEngine({ store });
    const originalAdmin = { ...partnerAdmin, userId: 'old-admin@partner.example' };
    const replay = await executeAsActor(engine, { type: 'DownloadSoftware', commandId: 'v1-dl-1', actor: originalAdmin, subscriptionId: 'v1-sub-1', variant: { version: '2016', language: 'en-us', bitness: '64-bit' } });
    expect(E.isRight(replay) && replay.right.replayed).to.equal(true);
    const upcast = decodeStoredEvent({ ...v1Records[2]!, position: 3 });
    expect(E.isRight(upcast) && upcast.right.meta).to.include({ commandType: 'GetKey', schemaVersion: CURRENT_SCHEMA_VERSION });
  });

  it('is appended to by today\'s code at the current schema version, and the mixed log verifies', async () => {
    const store = await storeWithV1Log();
    const engine = createEngine({ store });
    const download = await executeAsActor(engine, { type: 'DownloadSoftware', commandId: 'v2-dl-1', actor: partnerAdmin, subscriptionId: 'v1-sub-1', variant: { version: '2016', language: 'en-us', bitness: '64-bit' } });
    expect(E.isRight(download)).to.equal(true);
    const last = await store.readAll({ after: 9, limit: 10 });
    expect(E.isRight(last) && last.right[0]?.meta).to.include({ schemaVersion: CURRENT_SCHEMA_VERSION, commandType: 'DownloadSoftware' });
    const report = await engine.verify();
    expect(E.isRight(report) && report.right.ok).to.equal(true);
  });
});

describe('the upcaster registry', () => {
  it('refuses an event from a newer schema than the code knows', () => {
    const result = defaultUpcasters.upcast({ type: 'Downloaded', data: {}, meta: { schemaVersion: CURRENT_SCHEMA_VERSION + 1 } });
    expect(E.isLeft(result) && result.left).to.include('newer');
  });

  it('refuses an event with no schema version, and a version it has no upcaster from', () => {
    expect(E.isLeft(defaultUpcasters.upcast({ type: 'Downloaded', data: {}, meta: {} }))).to.equal(true);
    const gappy = upcasterRegistry({}, 3);
    const result = gappy.upcast({ type: 'Downloaded', data: {}, meta: { schemaVersion: 2 } });
    expect(E.isLeft(result) && result.left).to.include('no upcaster from schema version 2');
  });

  it('applies upcasters step by step up to the current version', () => {
    const registry = upcasterRegistry(
      {
        1: (event) => ({ ...event, data: { steps: ['1->2'] }, meta: { schemaVersion: 2 } }),
        2: (event) => ({ ...event, data: { steps: [...(event.data as { steps: string[] }).steps, '2->3'] }, meta: { schemaVersion: 3 } }),
      },
      3,
    );
    const result = registry.upcast({ type: 'X', data: {}, meta: { schemaVersion: 1 } });
    expect(E.isRight(result) && result.right.data).to.deep.equal({ steps: ['1->2', '2->3'] });
  });
});
