/// <reference types="mocha" />
import { expect } from 'chai';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { decodeCommand, type Command } from '@csp-onprem/domain';
import { createEngine, localKeyEncryptionKey, manualClock, type Engine, type EngineError, type EventStore, type Executed } from '@csp-onprem/engine';
import { executeAsActor } from './execute-as-actor.js';
import { checkExports, type LogExports } from './export-checks.js';
import { checkReadBack, type Accepted } from './read-back-checks.js';
import { Story, storyExamples, storyInputArb, type StoryContext, type StoryInput } from './untrusted-story.js';

/** Options of {@link describeUntrustedInputContract}. */
export interface UntrustedInputContractOptions {
  /**
   * Exports the whole log as an auditor would (the CLI's `collectTrail` with `auditJson`,
   * `auditCsv` and `auditHtml`); each file is checked to parse back whole after every run.
   */
  readonly exportLog?: (store: EventStore) => Promise<LogExports>;
  /**
   * Random stories to run, each sending every command type (default 20; scaled by
   * `FC_RUNS_SCALE`), after the fixed examples (`storyExamples`: every field with a character
   * that must never slip through, every list a million items long).
   */
  readonly runs?: number;
  /** fast-check's seed, to replay a failure it printed (`FC_SEED` also works). */
  readonly seed?: number;
}

/** The engine calls this suite makes, in one place. */
const call = {
  // A fixed test KEK: durable stores keep the data keys wrapped under it.
  engine: (store: EventStore): Engine => createEngine({ store, clock: manualClock(new Date('2024-03-01T09:00:00.000Z')).now, keyEncryptionKey: localKeyEncryptionKey(Buffer.alloc(32, 5)) }),
  // Untrusted JSON with its actor inside, run as a platform would: the actor to the session, the body without it.
  execute: (engine: Engine, command: unknown) => executeAsActor(engine, command),
  verify: (engine: Engine) => engine.verify(),
};

/** How many commands one story sends. */
const STORY_COMMANDS = 8;

/** What decoding one command may take at most, on a loaded machine; a million-item list took 3 s before limits came first. */
const DECODE_BOUND_MS = 500;

/**
 * What the suite knows of the log: the position it has read up to, and the ids of the events
 * the engine said it wrote. A store may show a committed event in its global order a little
 * later (PostgreSQL stamps positions after commit), so an event is never counted by position:
 * every event that appears must be one an accepted command wrote.
 */
interface LogWatch {
  end: number;
  readonly written: Set<string>;
  readonly seen: Set<string>;
}

/** Reads the events that appeared since the watch last looked; answers the ids of those nobody accepted. */
async function strangers(store: EventStore, log: LogWatch): Promise<string[]> {
  const unexpected: string[] = [];
  for (;;) {
    const page = await store.readAll({ after: log.end, limit: 1000 });
    if (E.isLeft(page)) throw new Error(`${page.left.code}: ${page.left.message}`);
    for (const event of page.right) {
      if (!log.written.has(event.eventId)) unexpected.push(`${event.type} ${event.eventId} of ${JSON.stringify(event.streamId)}`);
      log.seen.add(event.eventId);
      log.end = event.position;
    }
    if (page.right.length < 1000) return unexpected;
  }
}

/** How long an accepted event may take to appear in the store's global order. */
const SETTLE_MS = 5_000;

/**
 * Waits until every event an accepted command wrote shows in the global order (read models and
 * exports read it), failing if one never does or if one nobody wrote appears.
 */
async function settle(store: EventStore, log: LogWatch): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  for (;;) {
    expect(await strangers(store, log), 'only accepted commands wrote').to.deep.equal([]);
    const missing = [...log.written].filter((id) => !log.seen.has(id));
    if (missing.length === 0) return;
    if (Date.now() > deadline) return expect.fail(`accepted events never appeared in the global order: ${missing.join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends one untrusted command and checks its outcome: refused with nothing written, or accepted. */
async function send(engine: Engine, store: EventStore, input: Record<string, unknown>, log: LogWatch, accepted: Accepted[]): Promise<Executed | undefined> {
  let result: E.Either<EngineError, Executed>;
  try {
    result = await call.execute(engine, input);
  } catch (cause) {
    return expect.fail(`execute threw instead of answering a value: ${String(cause)}`);
  }
  if (E.isRight(result) && !result.right.replayed) for (const event of result.right.events) log.written.add(event.eventId);
  const unexpected = await strangers(store, log);
  const started = performance.now();
  const decoded = decodeCommand(input);
  const decodeMs = performance.now() - started;
  // Limits come before work: no input, however large, keeps the event loop (it took 3 s for a million-item list).
  expect(decodeMs, `decoding a ${String(input['type'])} took ${decodeMs.toFixed(0)} ms`).to.be.below(DECODE_BOUND_MS);
  if (E.isLeft(result)) {
    const error = result.left;
    expect(error.code, `bad input is never an outage: ${error.message}`).to.not.equal('StoreUnavailable');
    if (E.isLeft(decoded)) expect(error.code, error.message).to.equal('InvalidCommand');
    expect(unexpected, `a refused ${String(input['type'])} (${error.code}) wrote nothing`).to.deep.equal([]);
    expect(JSON.stringify(error).length, 'the error value stays small').to.be.below(10_000);
    return undefined;
  }
  if (E.isLeft(decoded)) return expect.fail(`accepted a ${String(input['type'])} that does not decode: ${decoded.left.message}`);
  const executed = result.right;
  expect(unexpected, `a ${String(input['type'])} wrote only the events it answered`).to.deep.equal([]);
  accepted.push({ command: decoded.right as Command, executed });
  return executed;
}

/** Plays one story: every command type once (requests twice), each with the run's untrusted fields. */
async function playStory(engine: Engine, store: EventStore, input: StoryInput, run: string, log: LogWatch): Promise<Accepted[]> {
  const story = new Story(input);
  const accepted: Accepted[] = [];
  const purchase = story.purchase(run);
  await send(engine, store, purchase, log, accepted);
  const product = purchase['product'] as { versions: string[]; languages: string[] };
  let context: StoryContext = { run, subscriptionId: purchase['subscriptionId'] as string, version: product.versions[0] ?? '', language: product.languages[0] ?? '' };
  for (const kind of ['getKey', 'download', 'link'] as const) await send(engine, store, story.onVariant(kind, context), log, accepted);
  const ticketOf = (executed: Executed | undefined): string | undefined => {
    const requested = executed?.events.find((event) => event.type === 'CancelRequested');
    return requested?.type === 'CancelRequested' ? requested.data.ticketId : undefined;
  };
  const firstTicket = ticketOf(await send(engine, store, story.request(context, 1), log, accepted));
  context = firstTicket === undefined ? context : { ...context, ticketId: firstTicket };
  await send(engine, store, story.decision('reject', context), log, accepted);
  const secondTicket = ticketOf(await send(engine, store, story.request(context, 2), log, accepted));
  context = secondTicket === undefined ? context : { ...context, ticketId: secondTicket };
  await send(engine, store, story.decision('complete', context), log, accepted);
  return accepted;
}

/**
 * Registers a fast-check property proving that untrusted input never corrupts a store's log:
 * for every command type, strings drawn from the whole of UTF-16 (lone surrogates, controls,
 * invisibles, oversized) in every string field, and lists longer than allowed. Each command is
 * either refused (never as `StoreUnavailable`) with nothing written, or accepted and then read
 * back identical through the software list, the audit trail and the stored events; the whole
 * log exports to files that parse back whole (with `exportLog`) and verifies after every run.
 * `open` is called once; the suite closes the store at the end.
 */
export function describeUntrustedInputContract(name: string, open: () => Promise<EventStore>, options: UntrustedInputContractOptions = {}): void {
  describe(`untrusted input never corrupts the log: ${name}`, function () {
    this.timeout(600_000);
    let store: EventStore;
    let engine: Engine;

    before(async () => {
      store = await open();
      engine = call.engine(store);
    });

    after(async () => {
      await store.close();
    });

    it('refuses each bad command with nothing written, reads back each accepted one identical, exports whole and verifies', async () => {
      const log: LogWatch = { end: 0, written: new Set(), seen: new Set() };
      expect(await strangers(store, log), 'the suite starts on an empty store').to.deep.equal([]);
      const scale = Number(process.env['FC_RUNS_SCALE'] ?? '1');
      const seed = options.seed ?? (process.env['FC_SEED'] === undefined || process.env['FC_SEED'] === '' ? undefined : Number(process.env['FC_SEED']));
      const examples = storyExamples();
      let runs = 0;
      const outcomes = { accepted: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(storyInputArb(), async (input) => {
          runs += 1;
          const run = `${process.pid}-${Date.now().toString(36)}-${runs}`;
          const accepted = await playStory(engine, store, input, run, log);
          outcomes.accepted += accepted.length;
          outcomes.refused += STORY_COMMANDS - accepted.length;
          await settle(store, log);
          const trail = await checkReadBack(engine, store, accepted);
          const verified = await call.verify(engine);
          if (E.isLeft(verified)) return expect.fail(`verify failed: ${verified.left.message}`);
          expect(verified.right.ok, `the log verifies: ${JSON.stringify(verified.right.firstFailure)}`).to.equal(true);
          if (options.exportLog !== undefined) checkExports(await options.exportLog(store), trail);
        }),
        {
          // fast-check counts the examples among the runs.
          numRuns: examples.length + Math.max(1, Math.round((options.runs ?? 20) * (Number.isFinite(scale) && scale > 0 ? scale : 1))),
          examples: examples.map((example) => [example]),
          ...(seed === undefined ? {} : { seed }),
        },
      );
      expect(outcomes.accepted, `some commands were accepted (${JSON.stringify(outcomes)})`).to.be.greaterThan(0);
      expect(outcomes.refused, `some commands were refused (${JSON.stringify(outcomes)})`).to.be.greaterThan(0);
    });
  });
}
