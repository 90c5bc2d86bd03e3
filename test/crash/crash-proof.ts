import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, type RecordedEvent } from '@csp-onprem/engine';
import { deterministicVault, TEST_VAULT_SECRET } from '../concurrency/deterministic-vault.js';
import { streamVersionProblems } from '../concurrency/log-checks.js';
import { openTarget, type StoreTarget } from '../concurrency/store-target.js';
import { decodeAll, readWholeLog } from '../concurrency/whole-log.js';
import { readAcknowledgements, type Acknowledgement } from './acknowledgements.js';
import { halfWrittenCommands } from './command-completeness.js';
import { runAndKill } from './kill-child.js';
import { buySharedPurchase, SHARED } from './lifecycle.js';

/** How many times the child is killed, and the window after "ready" in which it is. */
export const CRASHES = { kills: 20, minDelayMs: 50, maxDelayMs: 400 } as const;

/** Where a crash run writes and how its raw rows are counted, per store. */
export interface CrashStore {
  /** Creates the store's place (a temp dir, a schema) and names the target; `dir` holds the side file. */
  setUp(): Promise<{ target: StoreTarget; dir: string }>;
  /** Events rows counted by SQL on the database itself, bypassing the store. */
  countRows(): Promise<number>;
  tearDown(): Promise<void>;
}

/** Acknowledged commands whose events are not in the log exactly as acknowledged. */
function missingAcknowledged(acks: readonly Acknowledgement[], events: readonly RecordedEvent[]): string[] {
  const byCommand = new Map<string, string[]>();
  for (const event of events) {
    const ids = byCommand.get(event.meta.commandId) ?? [];
    ids.push(event.eventId);
    byCommand.set(event.meta.commandId, ids);
  }
  return acks
    .filter((ack) => JSON.stringify(byCommand.get(ack.commandId) ?? []) !== JSON.stringify(ack.eventIds))
    .map((ack) => `${ack.commandId} (${ack.type}, run ${ack.run}) acknowledged [${ack.eventIds.join(', ')}], log holds [${(byCommand.get(ack.commandId) ?? []).join(', ')}]`);
}

/**
 * Registers the crash proof for one store: a child appending commands in a loop is SIGKILLed
 * at a random moment 20 times; after each kill a fresh engine checks the log and the next
 * child carries on on the same store.
 */
export function crashProof(label: string, crashStore: CrashStore): void {
  let place: { target: StoreTarget; dir: string } | undefined;

  before(async function () {
    this.timeout(30_000);
    place = await crashStore.setUp();
  });

  after(async function () {
    this.timeout(30_000);
    await crashStore.tearDown();
  });

  it(`keeps a verifying log holding every acknowledged command and no half-written one across ${CRASHES.kills} SIGKILLs`, async function () {
    this.timeout(240_000);
    if (place === undefined) throw new Error('the store was not set up');
    const { target, dir } = place;
    const ackFile = `${dir}/acknowledgements.jsonl`;
    const started = performance.now();
    let events: RecordedEvent[] = [];
    for (let run = 1; run <= CRASHES.kills; run += 1) {
      const delayMs = CRASHES.minDelayMs + Math.floor(Math.random() * (CRASHES.maxDelayMs - CRASHES.minDelayMs + 1));
      await runAndKill({ target, run, ackFile }, delayMs);

      const engine = createEngine({ store: openTarget(target), vault: deterministicVault(TEST_VAULT_SECRET) });
      try {
        const report = await engine.verify();
        if (E.isLeft(report)) throw new Error(`after kill ${run}: ${report.left.message}`);
        expect(report.right, `after kill ${run} (at +${delayMs} ms)`).to.include({ ok: true });
      } finally {
        await engine.close();
      }
      const reader = openTarget(target);
      try {
        events = decodeAll(await readWholeLog(reader));
      } finally {
        await reader.close();
      }
      const { acks } = readAcknowledgements(ackFile);
      const context = `after kill ${run} (at +${delayMs} ms)`;
      expect(missingAcknowledged(acks, events), context).to.deep.equal([]);
      expect(halfWrittenCommands(events), context).to.deep.equal([]);
      expect(streamVersionProblems(events), context).to.deep.equal([]);
      expect(await crashStore.countRows(), `${context}: rows counted by SQL`).to.equal(events.length);
    }

    const { acks, cutShort } = readAcknowledgements(ackFile);
    const acknowledged = new Set(acks.map((ack) => ack.commandId));
    const commands = new Set(events.map((event) => event.meta.commandId));
    const unacknowledged = [...commands].filter((commandId) => !acknowledged.has(commandId)).length;
    const working = new Set(acks.filter((ack) => ack.commandId !== buySharedPurchase.commandId).map((ack) => ack.run));
    const sharedWriters = new Set(
      events.filter((event) => event.streamId.endsWith(SHARED.subscriptionId) && event.type === 'Downloaded').map((event) => event.meta.commandId.split('-')[1]),
    );
    const completions = events.filter((event) => event.type === 'CancelCompleted').length;
    console.log(
      `      [${label}] ${CRASHES.kills} kills in ${((performance.now() - started) / 1000).toFixed(1)} s; ${events.length} events of ${commands.size} commands; ` +
        `${acknowledged.size} acknowledged; ${unacknowledged} committed but killed before acknowledging; ` +
        `${cutShort ? 1 : 0} acknowledgement cut short; ${completions} cancellations completed; shared stream continued by ${sharedWriters.size} runs`,
    );
    expect(working.size, 'runs that appended after getting ready').to.be.at.least(CRASHES.kills / 2);
    expect(sharedWriters.size, 'runs that continued the shared stream').to.be.at.least(2);
    expect(completions, 'multi-event commands written').to.be.greaterThan(0);
  });
}
