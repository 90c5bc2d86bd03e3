// A whole purchase lifecycle on the in-memory store: buy, get a key, view it again, download,
// copy a link, try things that are refused, cancel inside the window, and read the results.
// Run after `npm run build`: node examples/embed-in-memory.mjs
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, inMemoryStore, manualClock } from '@csp-onprem/engine';
import { DAY_MS, formatMoney } from '@csp-onprem/domain';

const PARTNER = '11111111-1111-4111-8111-111111111111';
const CUSTOMER = '22222222-2222-4222-8222-222222222222';
const SUPPORT_TENANT = '33333333-3333-4333-8333-333333333333';

const adminAgent = { userId: 'alice@partner.example', tenantId: PARTNER, roles: ['AdminAgent'] };
const salesAgent = { userId: 'sam@partner.example', tenantId: PARTNER, roles: ['SalesAgent'] };
const globalAdmin = { userId: 'gina@contoso.example', tenantId: CUSTOMER, roles: ['GlobalAdmin'] };
const support = { userId: 'desk@support.example', tenantId: SUPPORT_TENANT, roles: ['Support'] };

const variant = { version: '2022', language: 'en-us', bitness: '64-bit' };

/** Unwraps a Right or stops the program: an example that silently goes wrong is worse than none. */
function ok(result, what) {
  if (E.isLeft(result)) throw new Error(`${what} failed: ${result.left.code}: ${result.left.message}`);
  return result.right;
}

/** Returns the error of a Left with the expected code, or stops the program. */
function refused(result, code, what) {
  if (E.isRight(result)) throw new Error(`${what} should have been refused with ${code}, but it succeeded`);
  if (result.left.code !== code) throw new Error(`${what} should fail with ${code}, got ${result.left.code}: ${result.left.message}`);
  return result.left;
}

/** Shows that a key came back without printing it: product keys never reach a log. */
function masked(productKey) {
  return `${productKey.slice(0, 4)}-****** (${productKey.length} characters)`;
}

const clock = manualClock(new Date('2025-03-03T09:00:00.000Z'));
// The in-memory store dies with the process, so its data keys may too: an in-process vault.
const engine = createEngine({ store: inMemoryStore(), clock: clock.now });
// Who acts comes from the platform's own authentication (its signed-in session), never from a
// request's body: each user gets a session of the engine, and commands carry no actor.

try {
  const purchased = ok(
    await engine.as(adminAgent).execute({
      type: 'PurchaseSoftware',
      commandId: 'cmd-buy-1',
      partnerId: PARTNER,
      customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
      orderId: 'ORD-1001',
      subscriptionId: 'SUB-1001-1',
      product: {
        productId: 'DG7GMGF0FKZV',
        skuId: '0001',
        title: 'SQL Server 2022 Standard',
        versions: ['2019', '2022'],
        languages: ['en-us', 'fr-fr'],
        bitness: ['64-bit'],
      },
      quantity: 3,
      unitPrice: { amount: 89900, currency: 'USD' },
    }),
    'PurchaseSoftware',
  );
  const paid = purchased.events[0].data.paid;
  console.log(`1. bought: ${purchased.events.map((e) => e.type).join(', ')} in ${purchased.streamId}, paid ${formatMoney(paid)}`);

  clock.advance(60_000);
  const getKey = { type: 'GetKey', commandId: 'cmd-key-1', subscriptionId: 'SUB-1001-1', variant };
  const issued = ok(await engine.as(adminAgent).execute(getKey), 'GetKey');
  if (issued.productKey === undefined) throw new Error('GetKey returned no product key');
  console.log(`2. key issued: ${issued.events[0].type}, fingerprint ${issued.events[0].data.fingerprint}, key ${masked(issued.productKey)}`);

  const retried = ok(await engine.as(adminAgent).execute(getKey), 'GetKey retried');
  if (!retried.replayed || retried.productKey !== undefined) throw new Error('a retried GetKey should replay without showing the key again');
  console.log(`3. same commandId again: replayed=${retried.replayed}, nothing written, no key shown (every showing is recorded)`);

  const smuggled = refused(await engine.as(adminAgent).execute({ ...getKey, commandId: 'cmd-key-1b', actor: globalAdmin }), 'InvalidCommand', 'a body naming an actor');
  console.log(`   a body that names its own actor is refused: ${smuggled.code} at ${smuggled.errors.map((e) => e.path).join(', ')}`);

  clock.advance(60_000);
  const viewed = ok(
    await engine.as(globalAdmin).execute({ type: 'GetKey', commandId: 'cmd-key-2', subscriptionId: 'SUB-1001-1', variant }),
    'GetKey by the GlobalAdmin',
  );
  if (viewed.productKey !== issued.productKey) throw new Error('the GlobalAdmin should see the key the partner got');
  console.log(`4. customer GlobalAdmin sees the key again: ${viewed.events[0].type} by ${viewed.events[0].data.viewer.role}`);

  ok(
    await engine.as(adminAgent).execute({ type: 'DownloadSoftware', commandId: 'cmd-dl-1', subscriptionId: 'SUB-1001-1', variant }),
    'DownloadSoftware',
  );
  const link = ok(
    await engine.as(adminAgent).execute({ type: 'CopyDownloadLink', commandId: 'cmd-link-1', subscriptionId: 'SUB-1001-1', variant }),
    'CopyDownloadLink',
  );
  if (link.downloadLink === undefined || link.events[0].data.link !== undefined) throw new Error('the link goes to whoever copied it, never into the log');
  console.log(`5. downloaded, and copied a link to ${link.events[0].data.linkHost} that expires ${link.events[0].data.expiresAt} (the log keeps its fingerprint ${link.events[0].data.linkFingerprint}, not its token)`);

  const forbidden = refused(
    await engine.as(salesAgent).execute({ type: 'GetKey', commandId: 'cmd-key-3', subscriptionId: 'SUB-1001-1', variant }),
    'Forbidden',
    'GetKey by a SalesAgent',
  );
  console.log(`6. a SalesAgent asking for keys: ${forbidden.code} (${forbidden.message})`);

  const notOffered = refused(
    await engine.as(adminAgent).execute({
      type: 'GetKey',
      commandId: 'cmd-key-4',
      subscriptionId: 'SUB-1001-1',
      variant: { ...variant, bitness: '32-bit' },
    }),
    'VariantNotOffered',
    'GetKey for a 32-bit variant',
  );
  console.log(`7. a variant the product does not offer: ${notOffered.code}`);

  const invalid = refused(
    await engine.as(adminAgent).execute({ type: 'GetKey', commandId: 'cmd-key-5', subscriptionId: 'SUB-1001-1', variant: { version: '2022' } }),
    'InvalidCommand',
    'a GetKey without language and bitness',
  );
  console.log(`8. bad input: ${invalid.code} at ${invalid.errors.map((e) => e.path).join(', ')}`);

  clock.advance(30 * DAY_MS);
  const eligibility = ok(await engine.as(adminAgent).refundEligibility('SUB-1001-1', clock.now()), 'refundEligibility');
  console.log(
    `9. on day 30: eligible=${eligibility.eligible} (${eligibility.reason}), ${eligibility.daysLeft} days left, up to ${formatMoney(eligibility.refundableAmount)}`,
  );

  const requested = ok(
    await engine.as(adminAgent).execute({
      type: 'RequestCancellation',
      commandId: 'cmd-cancel-1',
      customer: { domain: 'contoso.onmicrosoft.com' },
      orderId: 'ORD-1001',
      refundReason: 'Customer bought the wrong edition',
      requestedAmount: paid,
      impact: 'Moderate',
      title: 'Refund SQL Server 2022 Standard',
      contact: { name: 'Alice Agent', email: 'alice@partner.example', phone: '+1 425 555 0100' },
    }),
    'RequestCancellation',
  );
  const ticketId = requested.events[0].data.ticketId;
  const [queued] = ok(await engine.as(support).tickets({ status: 'open' }), 'tickets');
  if (queued?.ticketId !== ticketId) throw new Error('the support desk should find the open ticket in its queue');
  console.log(`10. cancellation requested by order id: ticket ${ticketId}, first in the support desk's queue (${queued.title})`);

  const twice = refused(
    await engine.as(adminAgent).execute({
      type: 'RequestCancellation',
      commandId: 'cmd-cancel-2',
      customer: { tenantId: CUSTOMER },
      subscriptionId: 'SUB-1001-1',
      refundReason: 'Asking again',
      requestedAmount: paid,
      impact: 'Moderate',
      title: 'Refund again',
      contact: { name: 'Alice Agent', email: 'alice@partner.example', phone: '+1 425 555 0100' },
    }),
    'CancellationPending',
    'a second cancellation request',
  );
  console.log(`11. a second request while one is open: ${twice.code}`);

  clock.advance(45 * DAY_MS); // support may complete after day 60: the request date decides
  const completed = ok(
    await engine.as(support).execute({ type: 'CompleteCancellation', commandId: 'cmd-complete-1', ticketId }),
    'CompleteCancellation',
  );
  const credit = completed.events[0].data.credit;
  console.log(`12. support completed it on day 75: ${completed.events.map((e) => e.type).join(', ')}, credit ${formatMoney(credit)}`);
  if (credit.amount !== paid.amount) throw new Error('credit should be 100% of the requested amount');

  const afterCancel = refused(
    await engine.as(adminAgent).execute({ type: 'DownloadSoftware', commandId: 'cmd-dl-2', subscriptionId: 'SUB-1001-1', variant }),
    'AlreadyCancelled',
    'a download after cancellation',
  );
  console.log(`13. downloading a cancelled purchase: ${afterCancel.code}`);

  const late = ok(
    await engine.as(adminAgent).execute({
      type: 'PurchaseSoftware',
      commandId: 'cmd-buy-2',
      partnerId: PARTNER,
      customer: { tenantId: CUSTOMER, domain: 'contoso.onmicrosoft.com' },
      orderId: 'ORD-1002',
      subscriptionId: 'SUB-1002-1',
      product: { productId: 'DG7GMGF0D7FV', skuId: '0002', title: 'Windows Server 2022 Datacenter', versions: ['2022'], languages: ['en-us'], bitness: ['64-bit'] },
      quantity: 1,
      unitPrice: { amount: 615500, currency: 'USD' },
    }),
    'a second PurchaseSoftware',
  );
  clock.advance(60 * DAY_MS); // exactly purchasedAt + 60 days: the first instant that is refused
  const elapsed = refused(
    await engine.as(adminAgent).execute({
      type: 'RequestCancellation',
      commandId: 'cmd-cancel-3',
      customer: { tenantId: CUSTOMER },
      subscriptionId: 'SUB-1002-1',
      refundReason: 'Too late',
      requestedAmount: late.events[0].data.paid,
      impact: 'Low',
      title: 'Refund Windows Server',
      contact: { name: 'Alice Agent', email: 'alice@partner.example', phone: '+1 425 555 0100' },
    }),
    'CancellationWindowElapsed',
    'a request at purchasedAt + 60 days',
  );
  console.log(`14. a request exactly 60 days after the purchase: ${elapsed.code} (${elapsed.message})`);

  const [item] = ok(await engine.as(globalAdmin).softwareList(CUSTOMER), 'softwareList');
  if (item === undefined || item.status !== 'cancelled') throw new Error('the cancelled purchase should stay in the list as cancelled');
  console.log(
    `15. software list: ${item.product.title} status=${item.status}, keys revoked=${item.keys.every((k) => k.revoked)}, downloads=${item.downloads}, link copies=${item.linkCopies}, links offered=${item.downloadLinksOffered}`,
  );

  const [before] = ok(await engine.as(globalAdmin).softwareList(CUSTOMER, { asOf: new Date('2025-03-10T00:00:00.000Z') }), 'softwareList asOf');
  console.log(`16. the same list as of 2025-03-10: status=${before.status}, keys=${before.keys.length}`);

  const trail = ok(await engine.as(support).auditTrail({ customerTenantId: CUSTOMER }), 'auditTrail');
  const sensitive = trail.filter((e) => ['KeyIssued', 'KeyViewed', 'Downloaded', 'LinkCopied'].includes(e.type));
  console.log('17. who looked at keys, downloaded or copied links:');
  for (const entry of sensitive) console.log(`    ${entry.occurredAt} ${entry.userId} as ${entry.actingRole}: ${entry.summary}`);

  const report = ok(await engine.verify(), 'verify');
  if (!report.ok) throw new Error(`verify found a problem: ${JSON.stringify(report.firstFailure)}`);
  console.log(`18. verify: ok=${report.ok}, ${report.events} events in ${report.streams} stream(s)`);
} finally {
  await engine.close();
}
