import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { errorCodes, variantKey, type Variant } from '@csp-onprem/domain';
import {
  createEngine,
  inMemoryStore,
  inProcessVault,
  keyFingerprint,
  manualClock,
  purchaseStreamId,
  type Engine,
  type EngineError,
  type EventStore,
  type Executed,
  type KeyVault,
  type ManualClock,
} from '@csp-onprem/engine';
import type { Scenario, Step } from './arbitraries.js';
import { commandJson } from './commands.js';
import { LifecycleModel, type Expectation, type Intent } from './lifecycle-model.js';
import { readAllRecords } from './store-records.js';
import { partiesOf, SCENARIO_START } from './world.js';
import { executeAsActor } from '@csp-onprem/testing';

/** A command sent during a scenario, kept so that a later step can send it again verbatim. */
export interface SentCommand {
  readonly intent: Intent;
  readonly input: Record<string, unknown>;
  readonly commandId: string;
}

/** What a scenario left behind, for the properties to inspect. */
export interface ScenarioOutcome {
  readonly engine: Engine;
  readonly store: EventStore;
  readonly clock: ManualClock;
  /** The vault holding the customers' data keys; an engine replaying the log needs it to show keys. */
  readonly vault: KeyVault;
  readonly model: LifecycleModel;
  /** Every plain product key any command returned. */
  readonly productKeys: string[];
  /** Every error any command returned. */
  readonly errors: EngineError[];
  /** Every result of an accepted command (replays included). */
  readonly executed: Executed[];
  /** Every command sent, in order (retries included once per send). */
  readonly sent: SentCommand[];
  /** Sends a command and checks its outcome against the model, as a step would. */
  send(intent: Intent, input: Record<string, unknown>, commandId: string): Promise<E.Either<EngineError, Executed>>;
}

/** Options of {@link runScenario}. */
export interface RunOptions {
  /** The store to run against; a fresh in-memory store by default. */
  readonly store?: EventStore;
  /**
   * Whether retry steps may re-send a GetKey / download / link command of a purchase cancelled since.
   * Off by default so that only the property about revoked keys fails if the engine serves one.
   */
  readonly retryServedAfterCancellation?: boolean;
  /**
   * Whether retry steps may re-send a cancellation request that named only the order id.
   * Off by default so that only the idempotency property fails if such a retry is not replayed.
   */
  readonly retryRequestsByOrder?: boolean;
}

function describe(intent: Intent): string {
  return JSON.stringify(intent);
}

/**
 * Runs a scenario through a fresh engine, checking after every command that its outcome is
 * the one DOMAIN.md prescribes (as the model predicts it), that a refusal is an error value
 * with a known code and wrote nothing, and that an acceptance wrote exactly the expected events.
 */
export async function runScenario(scenario: Scenario, options: RunOptions = {}): Promise<ScenarioOutcome> {
  const store = options.store ?? inMemoryStore();
  const clock = manualClock(SCENARIO_START);
  const vault = inProcessVault();
  const engine = createEngine({ store, clock: clock.now, vault });
  const model = new LifecycleModel(scenario.world);
  const productKeys: string[] = [];
  const keysByVariant = new Map<string, string>();
  const errors: EngineError[] = [];
  const executedResults: Executed[] = [];
  const sent: SentCommand[] = [];
  /** Streams and events of the commands the engine accepted, by command id. */
  const accepted = new Map<string, { streamId: string; eventIds: string[]; target: number }>();
  let counter = 0;
  let stored = (await readAllRecords(store)).length;

  const streamOf = (purchase: number) => purchaseStreamId(partiesOf(scenario.world, purchase).partnerId, scenario.world.purchases[purchase]?.subscriptionId ?? '');

  async function send(intent: Intent, input: Record<string, unknown>, commandId: string): Promise<E.Either<EngineError, Executed>> {
    const earlier = accepted.get(commandId);
    const now = clock.now().getTime();
    let expectation: Expectation | { kind: 'replayed'; streamId: string; eventIds: string[] };
    if (earlier === undefined) {
      expectation = model.expect(intent, now);
    } else if ('variant' in intent && model.purchases[earlier.target]?.status === 'cancelled') {
      // A retry is still a GetKey / download / link: a cancelled purchase never serves one again.
      expectation = { kind: 'refused', codes: ['AlreadyCancelled'] };
    } else {
      expectation = { kind: 'replayed', streamId: earlier.streamId, eventIds: earlier.eventIds };
    }
    sent.push({ intent, input, commandId });
    const context = `${describe(intent)} at ${new Date(now).toISOString()}`;

    let result: E.Either<EngineError, Executed>;
    try {
      result = await executeAsActor(engine, input);
    } catch (cause) {
      throw new Error(`execute threw instead of returning a value for ${context}: ${String(cause)}`);
    }
    const after = (await readAllRecords(store)).length;

    if (E.isLeft(result)) {
      errors.push(result.left);
      expect(errorCodes, `unknown error code for ${context}`).to.include(result.left.code);
      expect(result.left.message, `error message for ${context}`).to.be.a('string').and.not.equal('');
      expect(after, `a refused command wrote events: ${context} -> ${result.left.code}`).to.equal(stored);
      if (expectation.kind === 'refused') {
        expect(expectation.codes, `${context} was refused with ${result.left.code}: ${result.left.message}`).to.include(result.left.code);
      } else {
        expect.fail(`${context} should have been ${expectation.kind}, but was refused with ${result.left.code}: ${result.left.message}`);
      }
      return result;
    }

    const executed = result.right;
    executedResults.push(executed);
    const written = executed.replayed ? [] : executed.events;
    expect(after, `events appended for ${context}`).to.equal(stored + written.length);
    stored = after;
    if (expectation.kind === 'refused') {
      expect.fail(`${context} should have been refused with ${expectation.codes.join(' or ')}, but ${executed.replayed ? 'was replayed' : `wrote ${executed.events.map((e) => e.type).join(', ')}`}`);
    }
    if (expectation.kind === 'replayed') {
      expect(executed.replayed, `a retry of ${context} should replay the earlier result`).to.equal(true);
      expect(executed.streamId).to.equal(expectation.streamId);
      expect(executed.events.map((e) => e.eventId), `a retry of ${context} returns the earlier events`).to.deep.equal(expectation.eventIds);
    } else {
      expect(executed.replayed, `${context} is new`).to.equal(false);
      expect(executed.streamId).to.equal(streamOf(expectation.target));
      expect(written.map((e) => e.type), `events of ${context}`).to.deep.equal(expectation.types);
      model.apply(intent, expectation.target, now, written);
      accepted.set(commandId, { streamId: executed.streamId, eventIds: written.map((e) => e.eventId), target: expectation.target });
    }
    if (intent.type === 'GetKey' && executed.replayed) {
      expect(executed.productKey, `a retried GetKey shows no key, since its showing was recorded once: ${context}`).to.equal(undefined);
    } else if (intent.type === 'GetKey') {
      const key = executed.productKey;
      expect(key, `GetKey returns the plain key: ${context}`).to.be.a('string').and.not.equal('');
      if (key === undefined) return result;
      productKeys.push(key);
      const at = `${executed.streamId}|${variantKey(intent.variant as Variant)}`;
      const first = keysByVariant.get(at);
      if (first === undefined) keysByVariant.set(at, key);
      else expect(key, `a variant keeps its key: ${context}`).to.equal(first);
      const event = executed.events[0];
      if (event !== undefined) expect((event.data as { fingerprint: string }).fingerprint).to.equal(keyFingerprint(key));
    } else {
      expect(executed.productKey, `only GetKey returns a key: ${context}`).to.equal(undefined);
    }
    return result;
  }

  function mayRetry({ intent }: SentCommand): boolean {
    if (intent.type === 'RequestCancellation' && intent.by === 'order') return options.retryRequestsByOrder === true;
    if ('variant' in intent && model.purchases[intent.purchase]?.status === 'cancelled') return options.retryServedAfterCancellation === true;
    return true;
  }

  async function step(s: Step): Promise<void> {
    switch (s.kind) {
      case 'advance':
        clock.advance(s.ms);
        return;
      case 'toDeadline': {
        const index = model.indexOf(s);
        if (!model.purchases[index]?.bought) return;
        const target = model.deadline(index) + s.offsetMs;
        if (target > clock.now().getTime()) clock.set(new Date(target));
        return;
      }
      case 'retry': {
        const earlier = sent[sent.length - 1 - (s.back % Math.max(1, sent.length))];
        if (earlier === undefined || !mayRetry(earlier)) return;
        await send(earlier.intent, earlier.input, earlier.commandId);
        return;
      }
      default: {
        const intent = model.intentOf(s);
        counter += 1;
        const commandId = `cmd-${counter}-${intent.type}`;
        await send(intent, commandJson(model, intent, commandId), commandId);
      }
    }
  }

  for (const purchase of new Set(scenario.opening.map((i) => i % scenario.world.purchases.length))) await step({ kind: 'buy', purchase, actor: 'sellerAdmin' });
  for (const s of scenario.steps) await step(s);
  return { engine, store, clock, vault, model, productKeys, errors, executed: executedResults, sent, send };
}
