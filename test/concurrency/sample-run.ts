import { ticketIdFor, type Command, type Variant } from '@csp-onprem/domain';
import { createEngine, inMemoryStore, manualClock, type StoredEvent } from '@csp-onprem/engine';
import { partner, purchaseCommand, support, VARIANTS, type PurchaseSpec } from './catalog.js';
import { countingConflicts } from './counting-store.js';
import { deterministicVault, TEST_VAULT_SECRET } from './deterministic-vault.js';
import { outcomeOf, type CommandOutcome } from './outcomes.js';
import { readWholeLog } from './whole-log.js';
import { executeAsActor } from '@csp-onprem/testing';

function variant(index: number): Variant {
  const found = VARIANTS[index];
  if (found === undefined) throw new RangeError(`the product offers no variant ${index}`);
  return found;
}

/** A small, serial, real run (buy, two keys, a download, a cancellation completed) to try the checks on. */
export async function sampleRun(spec: PurchaseSpec): Promise<{ records: StoredEvent[]; outcomes: CommandOutcome[] }> {
  const store = countingConflicts(inMemoryStore());
  const clock = manualClock(new Date('2024-05-01T10:00:00.000Z'));
  const engine = createEngine({ store, clock: clock.now, vault: deterministicVault(TEST_VAULT_SECRET) });
  const subscriptionId = spec.subscriptionId;
  const outcomes: CommandOutcome[] = [];
  const run = async (command: Command & { subscriptionId: string }): Promise<void> => {
    clock.advance(1000);
    outcomes.push(outcomeOf(command, 0, 0, await executeAsActor(engine, command)));
  };
  await run(purchaseCommand(spec, 'sample-purchase'));
  await run({ type: 'GetKey', commandId: 'sample-key-1', actor: partner, subscriptionId, variant: variant(0) });
  await run({ type: 'GetKey', commandId: 'sample-key-2', actor: partner, subscriptionId, variant: variant(1) });
  await run({ type: 'DownloadSoftware', commandId: 'sample-download', actor: partner, subscriptionId, variant: variant(0) });
  await run({
    type: 'RequestCancellation',
    commandId: 'sample-request',
    actor: partner,
    customer: { tenantId: spec.customer.tenantId },
    subscriptionId,
    refundReason: 'Wrong edition',
    requestedAmount: { amount: 100, currency: 'USD' },
    impact: 'Low',
    title: 'Cancel',
    contact: { name: 'Adele Admin', email: 'adele.admin@partner.example', phone: '+1 425 555 0100' },
  });
  await run({ type: 'CompleteCancellation', commandId: 'sample-complete', actor: support, subscriptionId, ticketId: ticketIdFor(partner.tenantId, subscriptionId, 5) });
  await run({ type: 'DownloadSoftware', commandId: 'sample-refused', actor: partner, subscriptionId, variant: variant(0) });
  const failed = outcomes.slice(0, -1).find((outcome) => !outcome.result.ok);
  if (failed !== undefined) throw new Error(`the sample run failed at ${failed.commandId}: ${JSON.stringify(failed.result)}`);
  const records = await readWholeLog(store);
  await engine.close();
  return { records, outcomes };
}
