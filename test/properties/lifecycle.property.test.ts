import { expect } from 'chai';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { DAY_MS, variantKey, type Money, type SoftwareItem } from '@csp-onprem/domain';
import { createEngine, purchaseStreamId, type Engine } from '@csp-onprem/engine';
import { scenarioArb } from './arbitraries.js';
import { commandJson } from './commands.js';
import { propertyRuns } from './fast-check-options.js';
import { offeredVariants, type Intent } from './lifecycle-model.js';
import { runScenario, type ScenarioOutcome } from './run-scenario.js';
import { readAllRecords, recordOf, storeHolding } from './store-records.js';
import { CUSTOMERS, partiesOf, supportActor } from './world.js';

function right<A>(either: E.Either<{ code: string; message: string }, A>, what: string): A {
  if (E.isLeft(either)) expect.fail(`${what} failed with ${either.left.code}: ${either.left.message}`);
  return either.right;
}

async function softwareLists(engine: Engine, asOf?: number | Date): Promise<SoftwareItem[][]> {
  const lists: SoftwareItem[][] = [];
  for (const customer of CUSTOMERS) {
    lists.push(right(await engine.as(supportActor).softwareList(customer.tenantId, asOf === undefined ? {} : { asOf }), `softwareList of ${customer.domain}`));
  }
  return lists;
}

/** Instants at which eligibility is compared: the purchase, the last ms of its window, the deadline, now, and a year on. */
function instantsOf(outcome: ScenarioOutcome, index: number): Date[] {
  const p = outcome.model.purchases[index];
  if (p === undefined || !p.bought) return [];
  const deadline = outcome.model.deadline(index);
  const now = outcome.clock.now().getTime();
  return [p.purchasedAt, deadline - 1, deadline, now, now + 400 * DAY_MS].map((ms) => new Date(ms));
}

let probeCounter = 0;
async function probe(outcome: ScenarioOutcome, intent: Intent): Promise<void> {
  probeCounter += 1;
  const commandId = `probe-${probeCounter}`;
  await outcome.send(intent, commandJson(outcome.model, intent, commandId), commandId);
}

describe('lifecycle properties (random valid command sequences through the engine)', function () {
  this.timeout(120_000);

  it('never lets a revoked key be used: a cancelled purchase refuses keys, downloads and links, and lists every key revoked', async () => {
    let cancelledSeen = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb(), async (scenario) => {
        const outcome = await runScenario(scenario, { retryServedAfterCancellation: true });
        const { model, world } = { model: outcome.model, world: scenario.world };
        // Then use and cancel whatever is still active and inside its window, so that most runs end with cancelled purchases.
        for (const [index, p] of model.purchases.entries()) {
          const variant = offeredVariants(world, index)[0];
          if (!p.bought || p.status === 'cancelled' || variant === undefined) continue;
          for (const type of ['GetKey', 'DownloadSoftware', 'CopyDownloadLink'] as const) await probe(outcome, { type, purchase: index, variant, actor: 'sellerAdmin' });
          if (p.status === 'active') {
            await probe(outcome, { type: 'RequestCancellation', purchase: index, by: 'subscription', wrongOrder: false, customerRef: 'both', amount: Math.max(1, p.paid), currency: 'USD', actor: 'sellerAdmin' });
          }
          const ticketId = p.openTicket?.ticketId;
          if (ticketId !== undefined) await probe(outcome, { type: 'CompleteCancellation', purchase: index, ticketId, actor: 'support' });
        }
        const records = await readAllRecords(outcome.store);
        for (const [index, p] of model.purchases.entries()) {
          if (p.status !== 'cancelled') continue;
          cancelledSeen += 1;
          const issued = [...p.keys.values()];
          for (const variant of [...issued, ...offeredVariants(world, index).slice(0, 2)]) {
            await probe(outcome, { type: 'GetKey', purchase: index, variant, actor: 'sellerAdmin' });
            await probe(outcome, { type: 'GetKey', purchase: index, variant, actor: 'customerGlobalAdmin' });
            await probe(outcome, { type: 'DownloadSoftware', purchase: index, variant, actor: 'sellerAdmin' });
            await probe(outcome, { type: 'DownloadSoftware', purchase: index, variant, actor: 'customerGlobalAdmin' });
            await probe(outcome, { type: 'CopyDownloadLink', purchase: index, variant, actor: 'sellerAdmin' });
          }
          // Re-sending an earlier, accepted GetKey / download / link of the purchase must not serve it either.
          for (const earlier of outcome.sent.filter((s) => s.intent.purchase === index && 'variant' in s.intent)) {
            await outcome.send(earlier.intent, earlier.input, earlier.commandId);
          }
          const streamId = purchaseStreamId(partiesOf(world, index).partnerId, world.purchases[index]?.subscriptionId ?? '');
          const issuedFingerprints = records.filter((r) => r.streamId === streamId && r.type === 'KeyIssued').map((r) => (r.data as { fingerprint: string }).fingerprint);
          const revokedFingerprints = records.filter((r) => r.streamId === streamId && r.type === 'KeyRevoked').map((r) => (r.data as { fingerprint: string }).fingerprint);
          expect(revokedFingerprints.sort(), `one KeyRevoked per issued key of ${streamId}`).to.deep.equal(issuedFingerprints.sort());
          const customer = outcome.model.parties(index).customer.tenantId;
          const list = right(await outcome.engine.as(supportActor).softwareList(customer), 'softwareList');
          const item = list.find((i) => i.subscriptionId === world.purchases[index]?.subscriptionId);
          expect(item, `a cancelled purchase stays in the software list: ${streamId}`).to.not.equal(undefined);
          expect(item?.status).to.equal('cancelled');
          expect(item?.downloadLinksOffered, 'download links stop being offered').to.equal(false);
          expect(item?.keys.map((k) => variantKey(k.variant)).sort()).to.deep.equal(issued.map(variantKey).sort());
          for (const key of item?.keys ?? []) {
            expect(key.revoked, `key ${key.fingerprint} of ${streamId} shows revoked`).to.equal(true);
            expect(key.revokedAt, `key ${key.fingerprint} of ${streamId} has a revocation time`).to.be.a('string');
          }
        }
      }),
      propertyRuns(200),
    );
    expect(cancelledSeen, 'the generated scenarios cancel some purchases').to.be.greaterThan(0);
  });

  it('never credits more than was paid, in the paid currency, and completes a purchase at most once', async () => {
    let completions = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb(), async (scenario) => {
        const outcome = await runScenario(scenario);
        const records = await readAllRecords(outcome.store);
        const paid = new Map<string, Money>();
        const credited = new Map<string, { total: number; count: number }>();
        for (const record of records) {
          if (record.type === 'Purchased') paid.set(record.streamId, (record.data as { paid: Money }).paid);
          if (record.type !== 'CancelCompleted') continue;
          completions += 1;
          const credit = (record.data as { credit: Money }).credit;
          const owed = paid.get(record.streamId);
          expect(owed, `a completion follows a purchase in ${record.streamId}`).to.not.equal(undefined);
          expect(credit.currency, `credit currency of ${record.streamId}`).to.equal(owed?.currency);
          expect(Number.isSafeInteger(credit.amount) && credit.amount >= 0, `credit is whole minor units: ${credit.amount}`).to.equal(true);
          const sum = credited.get(record.streamId) ?? { total: 0, count: 0 };
          credited.set(record.streamId, { total: sum.total + credit.amount, count: sum.count + 1 });
        }
        for (const [streamId, { total, count }] of credited) {
          expect(count, `completions of ${streamId}`).to.equal(1);
          expect(total, `credit of ${streamId} against ${paid.get(streamId)?.amount} paid`).to.be.at.most(paid.get(streamId)?.amount ?? 0);
        }
        for (const [index, p] of outcome.model.purchases.entries()) {
          const streamId = purchaseStreamId(partiesOf(scenario.world, index).partnerId, scenario.world.purchases[index]?.subscriptionId ?? '');
          expect(credited.get(streamId)?.total ?? 0, `credit of ${streamId} is the requested amount times the policy's percent`).to.equal(p.credited);
        }
      }),
      propertyRuns(150),
    );
    expect(completions, 'the generated scenarios complete some cancellations').to.be.greaterThan(0);
  });

  it('rebuilds the same read models when the log is replayed into a new store, and the log verifies', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(), fc.double({ min: 0, max: 1, noNaN: true }), async (scenario, cut) => {
        const outcome = await runScenario(scenario);
        const records = await readAllRecords(outcome.store);
        // The replica shares the vault (a platform's KMS outlives the process); the read models come from the log alone.
        const replica = createEngine({ store: await storeHolding(records.map(recordOf)), clock: outcome.clock.now, vault: outcome.vault });
        const first = outcome.engine;

        expect(await softwareLists(replica)).to.deep.equal(await softwareLists(first));
        const middle = Math.floor(records.length * cut);
        expect(await softwareLists(replica, middle), `software lists as of position ${middle}`).to.deep.equal(await softwareLists(first, middle));
        const instant = new Date(records[middle]?.meta ? (records[middle]?.meta as { occurredAt: string }).occurredAt : outcome.clock.now());
        expect(await softwareLists(replica, instant), `software lists as of ${instant.toISOString()}`).to.deep.equal(await softwareLists(first, instant));
        for (const [index, spec] of scenario.world.purchases.entries()) {
          for (const at of instantsOf(outcome, index)) {
            const original = right(await first.as(supportActor).refundEligibility(spec.subscriptionId, at), 'refundEligibility');
            expect(await replica.as(supportActor).refundEligibility(spec.subscriptionId, at), `eligibility of ${spec.subscriptionId} at ${at.toISOString()}`).to.deep.equal(E.right(original));
          }
        }
        expect(await replica.as(supportActor).auditTrail()).to.deep.equal(await first.as(supportActor).auditTrail());
        const audit = right(await first.as(supportActor).auditTrail(), 'auditTrail');
        expect(audit.map((entry) => entry.eventId), 'the audit trail holds every event in order').to.deep.equal(records.map((r) => r.eventId));

        for (const engine of [first, replica]) {
          const report = right(await engine.verify(), 'verify');
          expect(report, 'verify').to.deep.include({ ok: true, events: records.length });
        }
      }),
      propertyRuns(100),
    );
  });

  it('lists every purchase as the rules say: status, keys, downloads, link copies and refund eligibility now', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(), async (scenario) => {
        const outcome = await runScenario(scenario);
        const now = outcome.clock.now();
        const lists = (await softwareLists(outcome.engine)).flat();
        for (const [index, p] of outcome.model.purchases.entries()) {
          const spec = scenario.world.purchases[index];
          const item = lists.find((i) => i.subscriptionId === spec?.subscriptionId);
          if (!p.bought) {
            expect(item, `${spec?.subscriptionId} was never bought`).to.equal(undefined);
            continue;
          }
          expect(item, `${spec?.subscriptionId} is listed`).to.not.equal(undefined);
          expect({ status: item?.status, keys: item?.keys.length, downloads: item?.downloads, linkCopies: item?.linkCopies, paid: item?.paid }).to.deep.equal({
            status: p.status,
            keys: p.keys.size,
            downloads: p.downloads,
            linkCopies: p.linkCopies,
            paid: { amount: p.paid, currency: 'USD' },
          });
          expect(item?.cancellableUntil).to.equal(new Date(outcome.model.deadline(index)).toISOString());
          const eligibility = right(await outcome.engine.as(supportActor).refundEligibility(spec?.subscriptionId, now), 'refundEligibility');
          const within = now.getTime() < outcome.model.deadline(index);
          const reason = p.status === 'cancelled' ? 'already-cancelled' : p.status === 'cancellation-pending' ? 'cancellation-pending' : within ? 'within-window' : 'window-elapsed';
          expect(eligibility).to.deep.include({ eligible: reason === 'within-window', reason });
          const percent = outcome.model.creditPercent(index);
          expect(eligibility.refundableAmount).to.deep.equal({ amount: reason === 'within-window' ? Math.floor((p.paid * percent) / 100) : 0, currency: 'USD' });
        }
      }),
      propertyRuns(100),
    );
  });

  it('answers a repeated command id with the earlier result and writes nothing', async () => {
    let replays = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb(), async (scenario) => {
        // runScenario checks each retry of an accepted command: replayed, the same event ids, nothing written.
        const outcome = await runScenario(scenario, { retryRequestsByOrder: true });
        replays += outcome.executed.filter((executed) => executed.replayed).length;
        // Then the remaining order lines are bought (orders grow), and every command is sent once more, in its first order.
        for (const [index, p] of outcome.model.purchases.entries()) if (!p.bought) await probe(outcome, { type: 'PurchaseSoftware', purchase: index, actor: 'sellerAdmin' });
        const firsts = outcome.sent.filter((s, i) => outcome.sent.findIndex((t) => t.commandId === s.commandId) === i);
        for (const earlier of firsts) {
          const served = 'variant' in earlier.intent && outcome.model.purchases[earlier.intent.purchase]?.status === 'cancelled';
          if (served) continue; // whether a cancelled purchase still serves a retry is the revoked-key property's concern
          const again = await outcome.send(earlier.intent, earlier.input, earlier.commandId);
          if (E.isRight(again) && again.right.replayed) replays += 1;
        }
      }),
      propertyRuns(200),
    );
    expect(replays, 'the generated scenarios replay accepted commands').to.be.greaterThan(0);
  });

  it('answers every refused command with an error value of a known code and writes nothing', async () => {
    let refusals = 0;
    const codes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(scenarioArb(), async (scenario) => {
        // runScenario checks each refusal: a known code, a message, the code the rules call for, no events written.
        const outcome = await runScenario(scenario);
        refusals += outcome.errors.length;
        for (const error of outcome.errors) codes.add(error.code);
      }),
      propertyRuns(100),
    );
    expect(refusals, 'the generated scenarios include refused commands').to.be.greaterThan(0);
    expect([...codes], 'refusals cover many rules').to.include.members(['Forbidden', 'UnknownPurchase', 'AlreadyCancelled', 'CancellationWindowElapsed', 'AmountExceedsPaid']);
  });
});
