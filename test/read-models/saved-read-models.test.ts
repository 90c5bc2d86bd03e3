import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import type { Actor } from '@csp-onprem/domain';
import { AttributeNames, createEngine, localKeyEncryptionKey, manualClock, purchaseStreamId, SpanNames, type Engine } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { executeAsActor } from '@csp-onprem/testing';
import { telemetryRecorder } from '../telemetry/recorder.js';
import { left, right } from '../support/outcomes.js';

const PARTNER = '11111111-1111-4111-8111-111111111111';
const OTHER_PARTNER = '55555555-5555-4555-8555-555555555555';
const CUSTOMER = '22222222-2222-4222-8222-222222222222';
const KEK = localKeyEncryptionKey(Buffer.alloc(32, 9));
const partnerAdmin: Actor = { userId: 'megan@northwind.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const otherAdmin: Actor = { userId: 'eve@elsewhere.example', tenantId: OTHER_PARTNER, roles: ['AdminAgent'] };
const auditor: Actor = { userId: 'auditor@test', tenantId: '44444444-4444-4444-8444-444444444444', roles: ['Auditor'] };
const product = { productId: 'SQL-2019', skuId: 'STD', title: 'SQL Server 2019 Standard', versions: ['2019'], languages: ['en-us'], bitness: ['64-bit'] };

describe('read models saved in a SQLite file the engine wrote, edited in the database', function () {
  this.timeout(60_000);
  let dir: string;
  let count = 0;
  const sub1 = purchaseStreamId(PARTNER, 'SUB-1');
  const sub2 = purchaseStreamId(PARTNER, 'SUB-2');

  /** A file where the partner bought SUB-1 and SUB-2 for the customer and got a key, with every read model saved. */
  async function savedLog(): Promise<string> {
    count += 1;
    const path = join(dir, `log-${count}.db`);
    const clock = manualClock(new Date('2026-11-20T09:00:00.000Z'));
    const engine = createEngine({ store: sqliteStore({ path }), clock: clock.now, keyEncryptionKey: KEK });
    for (const subscriptionId of ['SUB-1', 'SUB-2']) {
      right(
        await executeAsActor(engine, {
          type: 'PurchaseSoftware',
          actor: partnerAdmin,
          commandId: `buy-${subscriptionId}`,
          partnerId: PARTNER,
          customer: { tenantId: CUSTOMER, domain: 'contoso.example' },
          orderId: 'ORD-1',
          subscriptionId,
          product,
          quantity: 1,
          unitPrice: { amount: 1_231_000, currency: 'USD' },
        }),
      );
    }
    right(await executeAsActor(engine, { type: 'GetKey', actor: partnerAdmin, commandId: 'key-1', subscriptionId: 'SUB-1', variant: { version: '2019', language: 'en-us', bitness: '64-bit' } }));
    right(await engine.catchUp());
    await engine.close();
    return path;
  }

  function edit(path: string, sql: string, ...params: unknown[]): void {
    const db = new Database(path);
    try {
      expect(db.prepare(sql).run(...params).changes, sql).to.be.greaterThan(0);
    } finally {
      db.close();
    }
  }

  function savedDocument(path: string, name: string, key: string): unknown {
    const db = new Database(path, { readonly: true });
    try {
      const row = db.prepare('SELECT doc FROM projection_documents WHERE name = ? AND key = ?').get(name, key) as { doc: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.doc) as unknown);
    } finally {
      db.close();
    }
  }

  const engineOn = (path: string): Engine => createEngine({ store: sqliteStore({ path }), keyEncryptionKey: KEK });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'csp-onprem-read-models-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('match a fold of the log as the engine saved them, and engine.verify says so', async () => {
    const engine = engineOn(await savedLog());
    const report = right(await engine.verify());
    expect(report).to.deep.include({ ok: true, events: 3 });
    expect(report.readModels).to.deep.include({ ok: true, differences: [] });
    expect(report.readModels?.checked.map((c) => [c.readModel, c.position])).to.have.deep.members([
      ['software-list', 3],
      ['purchase-index', 3],
      ['tickets', 3],
    ]);
    await engine.close();
  });

  it('rebuilds the software list from the log when a saved document does not decode, and saves it right again', async () => {
    const path = await savedLog();
    const before = savedDocument(path, 'software-list', sub1);
    edit(path, "UPDATE projection_documents SET doc = '{\"subscriptionId\":7,\"partnerId\":\"nobody\"}' WHERE name = 'software-list' AND key = ?", sub1);
    const engine = engineOn(path);
    const list = right(await engine.as(partnerAdmin).softwareList(CUSTOMER));
    expect(list.map((item) => [item.subscriptionId, item.partnerId, item.keys.length])).to.deep.equal([
      ['SUB-1', PARTNER, 1],
      ['SUB-2', PARTNER, 0],
    ]);
    await engine.close();
    expect(savedDocument(path, 'software-list', sub1)).to.deep.equal(before);
  });

  it('never lets a document that names another partner decide who sees the purchase: the list answers ReadModelMismatch, the audit trail takes the parties from the log', async () => {
    const path = await savedLog();
    edit(path, "UPDATE projection_documents SET doc = json_set(doc, '$.partnerId', ?) WHERE name = 'software-list' AND key = ?", OTHER_PARTNER, sub1);
    const engine = engineOn(path);
    for (const actor of [otherAdmin, partnerAdmin]) {
      const error = left(await engine.as(actor).softwareList(CUSTOMER));
      expect(error.code, actor.userId).to.equal('ReadModelMismatch');
      expect(error.message).to.include(sub1).and.include('partnerId').and.not.include(OTHER_PARTNER);
    }
    expect(right(await engine.as(otherAdmin).auditTrail())).to.deep.equal([]);
    const trail = right(await engine.as(partnerAdmin).auditTrail());
    expect(trail.map((entry) => [entry.subscriptionId, entry.partnerId])).to.deep.equal([
      ['SUB-1', PARTNER],
      ['SUB-2', PARTNER],
      ['SUB-1', PARTNER],
    ]);
    const report = right(await engine.verify());
    expect(report.ok).to.equal(false);
    expect(report.readModels?.differences).to.deep.equal([
      {
        readModel: 'software-list',
        key: sub1,
        streamId: sub1,
        problem: 'differs',
        fields: ['partnerId'],
        message: `software-list document ${sub1} differs from a fold of the log in partnerId`,
      },
    ]);
    await engine.close();
  });

  it('keeps a purchase in the audit trail when its saved document was deleted, and verify names the missing document', async () => {
    const path = await savedLog();
    edit(path, "DELETE FROM projection_documents WHERE name = 'software-list' AND key = ?", sub2);
    const engine = engineOn(path);
    const trail = right(await engine.as(auditor).auditTrail({ customerTenantId: CUSTOMER }));
    expect(trail.map((entry) => entry.subscriptionId)).to.deep.equal(['SUB-1', 'SUB-2', 'SUB-1']);
    const report = right(await engine.verify());
    expect(report.readModels?.differences.map((d) => [d.readModel, d.streamId, d.problem])).to.deep.equal([['software-list', sub2, 'missing']]);
    await engine.close();
  });

  it('answers ReadModelMismatch for refund eligibility when the saved purchase index names another partner', async () => {
    const path = await savedLog();
    edit(path, "UPDATE projection_documents SET doc = json_set(doc, '$.partnerId', ?) WHERE name = 'purchase-index' AND key = ?", OTHER_PARTNER, `purchase:${sub1}`);
    const engine = engineOn(path);
    const error = left(await engine.as(otherAdmin).refundEligibility('SUB-1', new Date('2026-11-21T00:00:00.000Z')));
    expect(error).to.deep.include({ code: 'ReadModelMismatch', readModel: 'purchase-index', streamId: sub1 });
    const report = right(await engine.verify());
    expect(report.readModels?.differences.map((d) => [d.readModel, d.key, d.fields])).to.deep.equal([['purchase-index', `purchase:${sub1}`, ['partnerId']]]);
    await engine.close();
  });

  it('never lets a saved ticket that names another partner show it to that partner', async () => {
    const path = await savedLog();
    const engine = engineOn(path);
    right(
      await engine.as(partnerAdmin).execute({
        type: 'RequestCancellation',
        commandId: 'cancel-1',
        customer: { tenantId: CUSTOMER },
        subscriptionId: 'SUB-1',
        refundReason: 'Ordered by mistake',
        requestedAmount: { amount: 1_231_000, currency: 'USD' },
        impact: 'Low',
        title: 'Cancel SUB-1',
        contact: { name: 'Megan Bowen', email: 'megan@northwind.example', phone: '+1 425 555 0100' },
      }),
    );
    const [ticket] = right(await engine.as(partnerAdmin).tickets());
    right(await engine.catchUp());
    await engine.close();
    if (ticket === undefined) throw new Error('the partner sees its ticket');
    edit(path, "UPDATE projection_documents SET doc = json_set(doc, '$.partnerId', ?) WHERE name = 'tickets' AND key = ?", OTHER_PARTNER, `ticket:${ticket.ticketId}`);
    const restarted = engineOn(path);
    const error = left(await restarted.as(otherAdmin).tickets());
    expect(error).to.deep.include({ code: 'ReadModelMismatch', readModel: 'tickets', streamId: sub1 });
    expect(error.message).to.include(ticket.ticketId).and.include('partnerId');
    expect(right(await restarted.as(auditor).tickets()).map((t) => t.ticketId)).to.deep.equal([ticket.ticketId]);
    await restarted.close();
  });

  it('reports a log whose chain breaks without comparing read models folded only up to the break', async () => {
    const path = await savedLog();
    edit(path, "UPDATE events SET data = json_set(data, '$.quantity', 2) WHERE stream_id = ? AND version = 1", sub1);
    const engine = engineOn(path);
    const report = right(await engine.verify());
    expect(report.ok).to.equal(false);
    expect(report.firstFailure?.problem).to.equal('hash');
    expect(report.readModels, 'no document reported as differing from a partial fold').to.equal(undefined);
    await engine.close();
  });

  it('ends the verify span with a read-model-mismatch outcome and an ok chain when only a saved document differs', async () => {
    const path = await savedLog();
    edit(path, "UPDATE projection_documents SET doc = json_set(doc, '$.quantity', 5) WHERE name = 'software-list' AND key = ?", sub1);
    const recorder = telemetryRecorder();
    const engine = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: KEK, telemetry: recorder.telemetry });
    try {
      const report = right(await engine.verify());
      expect([report.ok, report.firstFailure]).to.deep.equal([false, undefined]);
      const [span] = recorder.spansNamed(SpanNames.verify);
      expect(span?.attributes[AttributeNames.outcome]).to.equal('read-model-mismatch');
    } finally {
      await engine.close();
      await recorder.shutdown();
    }
  });

  it('names a document no event accounts for', async () => {
    const path = await savedLog();
    const forged = { ...(savedDocument(path, 'software-list', sub2) as Record<string, unknown>), subscriptionId: 'SUB-9' };
    edit(path, "INSERT INTO projection_documents (name, key, doc) VALUES ('software-list', ?, ?)", purchaseStreamId(PARTNER, 'SUB-9'), JSON.stringify(forged));
    const engine = engineOn(path);
    const report = right(await engine.verify());
    expect(report.readModels?.differences.map((d) => [d.key, d.problem])).to.deep.equal([[purchaseStreamId(PARTNER, 'SUB-9'), 'unexpected']]);
    await engine.close();
  });
});
