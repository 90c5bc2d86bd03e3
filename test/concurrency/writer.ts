import * as E from 'fp-ts/lib/Either.js';
import type { Engine } from '@csp-onprem/engine';
import { purchaseCommand, type PurchaseSpec } from './catalog.js';
import { nextMixedCommand } from './command-mix.js';
import type { CountingStore } from './counting-store.js';
import { outcomeOf, type CommandOutcome } from './outcomes.js';
import { seededRandom } from './random.js';
import { executeAsActor } from '@csp-onprem/testing';

/** What one writer does. */
export interface WriterPlan {
  /** The writer's number, part of its command ids. */
  readonly writer: number;
  readonly seed: number;
  /** Commands to issue in all, the purchases included. */
  readonly commands: number;
  readonly specs: readonly PurchaseSpec[];
  /** Purchases (by index) whose cancellations are completed rather than rejected. */
  readonly completable: number;
  /** Bring the engine's persisted read models up to date every this many commands (0: never). */
  readonly catchUpEvery: number;
}

/**
 * Issues the plan's commands one after the other: first a `PurchaseSoftware` for every
 * purchase (all writers race to create the same streams), then a random mix. Logs every
 * command with its outcome and the version conflicts the engine met on the way.
 */
export async function runWriter(engine: Engine, store: CountingStore, plan: WriterPlan): Promise<CommandOutcome[]> {
  const random = seededRandom(plan.seed);
  const tickets = new Map<string, string>();
  const outcomes: CommandOutcome[] = [];
  const purchaseOrder = random.shuffle(plan.specs);
  for (let n = 0; n < plan.commands; n += 1) {
    const commandId = `w${plan.writer}-c${n}`;
    const spec = purchaseOrder[n];
    const command = spec !== undefined ? purchaseCommand(spec, commandId) : nextMixedCommand({ random, specs: plan.specs, completable: plan.completable, tickets }, commandId);
    const conflictsBefore = store.conflicts;
    const result = await executeAsActor(engine, command);
    const outcome = outcomeOf(command, plan.writer, store.conflicts - conflictsBefore, result);
    outcomes.push(outcome);
    if (command.type === 'RequestCancellation' && E.isRight(result)) {
      const requested = result.right.events[0];
      if (requested?.type === 'CancelRequested') tickets.set(command.subscriptionId, requested.data.ticketId);
    }
    // A settled ticket is gone, and so is one another command closed; after a returned
    // VersionConflict the ticket may still be open, so the writer tries it again later.
    const settles = command.type === 'CompleteCancellation' || command.type === 'RejectCancellation';
    if (settles && (outcome.result.ok || outcome.result.code !== 'VersionConflict')) tickets.delete(command.subscriptionId);
    if (plan.catchUpEvery > 0 && (n + 1) % plan.catchUpEvery === 0) {
      const caughtUp = await engine.catchUp();
      if (E.isLeft(caughtUp)) throw new Error(`writer ${plan.writer} could not catch up: ${caughtUp.left.message}`);
    }
  }
  return outcomes;
}
