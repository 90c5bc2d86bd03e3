// The embedded durable store: write to a SQLite file, close, reopen it with a new engine, show a
// key again after the restart (the file keeps the data keys, wrapped under a key-encryption key),
// read the software list as of an earlier instant and an earlier global position, see what a
// wrong key-encryption key and a rotation do, then tamper with the file behind the engine's back
// and watch `verify` name the first bad event.
// Run after `npm run build`: node examples/sqlite-durable.mjs
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { randomBytes } from 'node:crypto';
import { createEngine, localKeyEncryptionKey, manualClock } from '@csp-onprem/engine';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { DAY_MS, formatMoney } from '@csp-onprem/domain';

const PARTNER = '0a0a0a0a-1111-4111-8111-111111111111';
const CUSTOMER = '0c0c0c0c-2222-4222-8222-222222222222';
const adminAgent = { userId: 'pat@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const globalAdmin = { userId: 'kim@northwind.example', tenantId: CUSTOMER, roles: ['GlobalAdmin'] };
const auditor = { userId: 'audit@firm.example', tenantId: '0e0e0e0e-3333-4333-8333-333333333333', roles: ['Auditor'] };
const support = { userId: 'desk@support.example', tenantId: '0d0d0d0d-4444-4444-8444-444444444444', roles: ['Support'] };
const variant = { version: '2019', language: 'en-us', bitness: '64-bit' };
const contact = { name: 'Pat Partner', email: 'pat@partner.example', phone: '+44 20 7946 0000' };

function ok(result, what) {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.code}: ${result.left.message}`);
  return result.right;
}

function refused(result, code, what) {
  if (E.isRight(result) || result.left.code !== code) {
    throw new Error(`${what} should fail with ${code}, got ${E.isRight(result) ? 'success' : result.left.code}`);
  }
  return result.left;
}

function purchase(commandId, subscriptionId, title, unitPrice) {
  return {
    type: 'PurchaseSoftware',
    commandId,
    partnerId: PARTNER,
    customer: { tenantId: CUSTOMER, domain: 'northwind.onmicrosoft.com' },
    orderId: 'ORD-2001',
    subscriptionId,
    product: { productId: 'DG7GMGF0FLR2', skuId: '0001', title, versions: ['2019'], languages: ['en-us'], bitness: ['64-bit'] },
    quantity: 2,
    unitPrice: { amount: unitPrice, currency: 'USD' },
  };
}

const dir = await mkdtemp(join(tmpdir(), 'csp-onprem-example-'));
const path = join(dir, 'csp.db');
// The key-encryption key: in production from your KMS or a secret store (CSP_ONPREM_KEY_ENCRYPTION_KEY);
// here 32 random bytes. The SQLite file keeps each tenant's data key wrapped under it, never raw.
const kek = localKeyEncryptionKey(randomBytes(32));
const clock = manualClock(new Date('2025-01-06T10:00:00.000Z'));

try {
  // --- First engine: write, then close.
  const first = createEngine({ store: sqliteStore({ path }), clock: clock.now, keyEncryptionKey: kek });
  let purchasedAt;
  let afterPurchases;
  let partnerKey;
  try {
    const bought = ok(await first.as(adminAgent).execute(purchase('buy-a', 'SUB-2001-1', 'Exchange Server 2019 Standard', 70000)), 'first purchase');
    ok(await first.as(adminAgent).execute(purchase('buy-b', 'SUB-2001-2', 'SharePoint Server 2019', 650000)), 'second purchase');
    purchasedAt = new Date(bought.events[0].occurredAt);
    afterPurchases = ok(await first.as(auditor).auditTrail(), 'auditTrail').at(-1).position;
    clock.advance(DAY_MS);
    ok(await first.as(adminAgent).execute({ type: 'GetKey', commandId: 'key-a', subscriptionId: 'SUB-2001-1', variant }), 'GetKey SUB-2001-1');
    partnerKey = ok(await first.as(adminAgent).execute({ type: 'GetKey', commandId: 'key-b', subscriptionId: 'SUB-2001-2', variant }), 'GetKey SUB-2001-2').productKey;

    // Both lines share order ORD-2001: asking to cancel by order id alone is ambiguous.
    const cancelByOrder = {
      type: 'RequestCancellation',
      commandId: 'cancel-a',
      customer: { tenantId: CUSTOMER },
      orderId: 'ORD-2001',
      refundReason: 'Ordered twice by mistake',
      requestedAmount: { amount: 140000, currency: 'USD' },
      impact: 'Low',
      title: 'Refund Exchange Server 2019',
      contact,
    };
    const ambiguous = refused(await first.as(adminAgent).execute(cancelByOrder), 'AmbiguousOrder', 'cancelling by a shared order id');
    console.log(`cancel by order id alone: ${ambiguous.code} (${ambiguous.message})`);

    clock.advance(10 * DAY_MS);
    const requested = ok(await first.as(adminAgent).execute({ ...cancelByOrder, subscriptionId: 'SUB-2001-1' }), 'RequestCancellation');
    clock.advance(2 * DAY_MS);
    ok(
      await first.as(support).execute({
        type: 'CompleteCancellation',
        commandId: 'complete-a',
        subscriptionId: 'SUB-2001-1',
        ticketId: requested.events[0].data.ticketId,
      }),
      'CompleteCancellation',
    );
    console.log(`wrote two purchases, two keys, a cancellation and its completion to ${path}`);
  } finally {
    await first.close();
  }

  // --- Second engine over the same file: everything is read back from disk.
  const second = createEngine({ store: sqliteStore({ path }), clock: clock.now, keyEncryptionKey: kek });
  try {
    const now = ok(await second.as(globalAdmin).softwareList(CUSTOMER), 'softwareList now');
    console.log(`reopened: ${now.map((item) => `${item.subscriptionId} ${item.status}`).join(', ')}`);
    if (now.length !== 2 || now[0].status !== 'cancelled' || now[0].keys[0]?.revoked !== true) throw new Error('the reopened list should show the cancellation');

    const earlier = new Date(purchasedAt.getTime() + 5 * DAY_MS);
    const then = ok(await second.as(globalAdmin).softwareList(CUSTOMER, { asOf: earlier }), 'softwareList asOf an instant');
    console.log(`as of ${earlier.toISOString()}: ${then.map((item) => `${item.subscriptionId} ${item.status}, ${item.keys.length} key(s)`).join('; ')}`);
    if (then[0].status !== 'active') throw new Error('five days after the purchase it was still active');

    const atPosition = ok(await second.as(auditor).softwareList(CUSTOMER, { asOf: afterPurchases }), 'softwareList asOf a position');
    console.log(`as of global position ${afterPurchases}: ${atPosition.map((item) => `${item.subscriptionId} v${item.version}`).join(', ')}`);

    const eligibility = ok(await second.as(adminAgent).refundEligibility('SUB-2001-2', earlier), 'refundEligibility');
    console.log(`SUB-2001-2 on ${earlier.toISOString()}: ${eligibility.reason}, refundable ${formatMoney(eligibility.refundableAmount)} until ${eligibility.deadline}`);

    const shown = ok(await second.as(globalAdmin).execute({ type: 'GetKey', commandId: 'view-b', subscriptionId: 'SUB-2001-2', variant }), 'GetKey view');
    if (shown.productKey === undefined || shown.productKey !== partnerKey) throw new Error('the customer should see the key the partner got before the restart');
    console.log(`the customer's GlobalAdmin sees the SUB-2001-2 key after the restart: ${shown.events[0].type} at version ${shown.events[0].version}`);

    const report = ok(await second.verify(), 'verify');
    if (!report.ok) throw new Error(`verify found a problem: ${JSON.stringify(report.firstFailure)}`);
    console.log(`verify: ok, ${report.events} events in ${report.streams} streams up to position ${report.position}`);
  } finally {
    await second.close();
  }

  // --- Another key-encryption key opens nothing, and says so: the keys are not shredded.
  const stranger = createEngine({ store: sqliteStore({ path }), clock: clock.now, keyEncryptionKey: localKeyEncryptionKey(randomBytes(32)) });
  try {
    const wrong = refused(
      await stranger.as(globalAdmin).execute({ type: 'GetKey', commandId: 'view-b2', subscriptionId: 'SUB-2001-2', variant }),
      'KeyEncryptionKeyMismatch',
      'showing a key under another key-encryption key',
    );
    console.log(`under another key-encryption key: ${wrong.code} (the data key exists; the right KEK still opens it)`);
  } finally {
    await stranger.close();
  }

  // --- Rotate the key-encryption key, then restart with the new one alone: every key still shows.
  const next = localKeyEncryptionKey(randomBytes(32));
  const rotator = createEngine({ store: sqliteStore({ path }), clock: clock.now, keyEncryptionKey: kek });
  try {
    const rotated = ok(await rotator.rotateKeyEncryptionKey(next), 'rotateKeyEncryptionKey');
    console.log(`rotated: ${rotated.rewrapped} data key(s) rewrapped under ${rotated.keyEncryptionKeyId}`);
  } finally {
    await rotator.close();
  }
  const afterRotation = createEngine({ store: sqliteStore({ path }), clock: clock.now, keyEncryptionKey: next });
  try {
    const shownAgain = ok(await afterRotation.as(globalAdmin).execute({ type: 'GetKey', commandId: 'view-b3', subscriptionId: 'SUB-2001-2', variant }), 'GetKey after rotation');
    if (shownAgain.productKey !== partnerKey) throw new Error('the key should be the same after a rotation');
    console.log('after the rotation, an engine with only the new key-encryption key shows the same key');
  } finally {
    await afterRotation.close();
  }

  // --- Tamper with the file directly, as an attacker with disk access could.
  const db = new Database(path);
  const row = db.prepare("SELECT position, data FROM events WHERE type = 'Purchased' ORDER BY position LIMIT 1").get();
  const data = JSON.parse(row.data);
  data.quantity = 20;
  db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(data), row.position);
  db.close();

  const checker = createEngine({ store: sqliteStore({ path }), keyEncryptionKey: next });
  try {
    const report = ok(await checker.verify(), 'verify after tampering');
    if (report.ok || report.firstFailure?.problem !== 'hash') throw new Error('verify should catch the edited quantity');
    const f = report.firstFailure;
    console.log(`after editing a row by hand, verify says: ${f.problem} at ${f.streamId} v${f.version} (position ${f.position}): ${f.detail}`);
  } finally {
    await checker.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
