// The child the crash proof kills: appends commands in a loop until it is SIGKILLed.
// node --import tsx test/crash/workers/crash-appender.ts '<AppenderJob as JSON>'
import * as E from 'fp-ts/lib/Either.js';
import type { Command } from '@csp-onprem/domain';
import { createEngine, type ExecutedEvent } from '@csp-onprem/engine';
import { deterministicVault, TEST_VAULT_SECRET } from '../../concurrency/deterministic-vault.js';
import { openTarget } from '../../concurrency/store-target.js';
import { acknowledge } from '../acknowledgements.js';
import type { AppenderJob } from '../appender-job.js';
import { buySharedPurchase, lifecycleCommands, type LifecycleMemory } from '../lifecycle.js';
import { executeAsActor } from '@csp-onprem/testing';

const job = JSON.parse(process.argv[2] ?? '') as AppenderJob;
const engine = createEngine({ store: openTarget(job.target), vault: deterministicVault(TEST_VAULT_SECRET) });

async function run(command: Command): Promise<E.Either<string, readonly ExecutedEvent[]>> {
  const result = await executeAsActor(engine, command);
  if (E.isLeft(result)) return E.left(`${command.commandId} (${command.type}) failed: ${result.left.code}: ${result.left.message}`);
  acknowledge(job.ackFile, { run: job.run, commandId: command.commandId, type: command.type, eventIds: result.right.events.map((event) => event.eventId) });
  return E.right(result.right.events);
}

// Buying the shared purchase opens the store; later runs get the first run's result back.
const bought = await run(buySharedPurchase);
if (E.isLeft(bought)) throw new Error(bought.left);
process.send?.({ type: 'ready' });

const memory: LifecycleMemory = {};
for (const command of lifecycleCommands(job.run, memory)) {
  const events = await run(command);
  if (E.isLeft(events)) throw new Error(events.left);
  for (const event of events.right) if (event.type === 'CancelRequested') memory.ticketId = event.data.ticketId;
}
