import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, type RecordedEvent, type StoredEvent } from '@csp-onprem/engine';
import { purchaseSpecs } from './catalog.js';
import { deterministicVault, TEST_VAULT_SECRET } from './deterministic-vault.js';
import { acknowledgementProblems, conflictFigures, streamVersionProblems, type ConflictFigures } from './log-checks.js';
import type { CommandOutcome } from './outcomes.js';
import { readModels, serialReplay } from './serial-replay.js';
import { runWriterProcesses } from './spawn-writers.js';
import { openTarget, type StoreTarget } from './store-target.js';
import { decodeAll, readWholeLog } from './whole-log.js';
import type { WriterJob } from './writer-job.js';

/**
 * The shape of a concurrency run: the issue asks for 8 writers and 10k commands on a small set
 * of purchases. Retries are capped at 3 (the engine's default is 8) so that some commands do
 * run out of retries and the `VersionConflict` answer is exercised too.
 */
export const PROOF = { writers: 8, commands: 10_000, purchases: 20, completable: 2, maxRetries: 3, catchUpEvery: 250 } as const;

/** Where the run writes and how its raw rows are counted, per store. */
export interface ProofStore {
  /** Creates the store's place (a temp dir, a schema) and names the target every writer opens. */
  setUp(): Promise<{ target: StoreTarget; outcomesDir: string }>;
  /** Events rows counted by SQL on the database itself, bypassing the store. */
  countRows(): Promise<number>;
  tearDown(): Promise<void>;
}

/**
 * Registers the concurrency proof for one store: 8 writer processes issue 10,000 commands
 * in all on 20 purchases, then the log and the writers' logs are checked against each other
 * and the read models against a serial replay.
 */
export function concurrencyProof(label: string, proofStore: ProofStore): void {
  const seed = Number(process.env['CSP_PROOF_SEED'] ?? Date.now() % 1_000_000);
  let outcomes: CommandOutcome[] = [];
  let records: StoredEvent[] = [];
  let events: RecordedEvent[] = [];
  let target: StoreTarget;
  let wallMs = 0;
  let figures: ConflictFigures | undefined;
  const specs = purchaseSpecs(PROOF.purchases, 'CONC');

  before(async function () {
    this.timeout(240_000);
    const place = await proofStore.setUp();
    target = place.target;
    const perWriter = PROOF.commands / PROOF.writers;
    const jobs: WriterJob[] = Array.from({ length: PROOF.writers }, (_, writer) => ({
      target,
      maxRetries: PROOF.maxRetries,
      outcomesFile: `${place.outcomesDir}/writer-${writer}.jsonl`,
      plan: { writer, seed: seed + writer, commands: perWriter, specs, completable: PROOF.completable, catchUpEvery: PROOF.catchUpEvery },
    }));
    const run = await runWriterProcesses(jobs);
    outcomes = run.outcomes;
    wallMs = run.wallMs;
    const reader = openTarget(target);
    try {
      records = await readWholeLog(reader);
    } finally {
      await reader.close();
    }
    events = decodeAll(records);
  });

  after(async function () {
    this.timeout(30_000);
    await proofStore.tearDown();
  });

  it(`issues ${PROOF.commands} commands from ${PROOF.writers} concurrent writers and logs an outcome for each`, function () {
    expect(outcomes).to.have.length(PROOF.commands);
    expect(new Set(outcomes.map((outcome) => outcome.writer)).size).to.equal(PROOF.writers);
    const acknowledged = outcomes.filter((outcome) => outcome.result.ok).length;
    console.log(
      `      [${label}] seed ${seed}: ${PROOF.commands} commands in ${(wallMs / 1000).toFixed(1)} s = ${Math.round((PROOF.commands * 1000) / wallMs)} commands/s; ` +
        `${acknowledged} acknowledged, ${records.length} events in ${new Set(records.map((r) => r.streamId)).size} streams`,
    );
    expect(acknowledged).to.be.greaterThan(PROOF.commands / 2);
  });

  it('loses and duplicates no stream version and no event id', async function () {
    expect(streamVersionProblems(records)).to.deep.equal([]);
    expect(await proofStore.countRows()).to.equal(records.length);
  });

  it("has every acknowledged command's events exactly once, and nothing from a refused command", function () {
    expect(acknowledgementProblems(events, outcomes)).to.deep.equal([]);
  });

  it('retried every version conflict to an answer, or returned it as VersionConflict having written nothing', function () {
    figures = conflictFigures(outcomes, PROOF.maxRetries);
    const codes = new Map<string, number>();
    for (const outcome of outcomes) if (!outcome.result.ok) codes.set(outcome.result.code, (codes.get(outcome.result.code) ?? 0) + 1);
    console.log(
      `      [${label}] conflicts met ${figures.conflictsMet}; retried to success ${figures.retriedToSuccess}; ` +
        `retried to a rule's refusal ${figures.retriedToRefusal}; returned VersionConflict ${figures.returnedVersionConflict}; ` +
        `refusals ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(figures.conflictsMet, 'writers on 20 purchases must actually collide').to.be.greaterThan(0);
    expect(figures.retriedToSuccess).to.be.greaterThan(0);
    expect(codes.get('StoreUnavailable') ?? 0).to.equal(0);
    // Only the purchase race may end in DuplicatePurchase: one writer wins each purchase.
    const purchases = outcomes.filter((outcome) => outcome.type === 'PurchaseSoftware');
    expect(purchases.filter((outcome) => outcome.result.ok)).to.have.length(PROOF.purchases);
  });

  it('verifies: every stream hash chain is intact', async function () {
    this.timeout(60_000);
    const engine = createEngine({ store: openTarget(target), vault: deterministicVault(TEST_VAULT_SECRET) });
    try {
      const report = await engine.verify();
      if (E.isLeft(report)) throw new Error(report.left.message);
      expect(report.right).to.deep.include({ ok: true, events: records.length, streams: PROOF.purchases });
    } finally {
      await engine.close();
    }
  });

  it('has read models equal to a fresh serial replay of the log', async function () {
    this.timeout(60_000);
    const last = records[records.length - 1];
    const lastAt = Date.parse((last?.meta as { occurredAt: string }).occurredAt);
    const instants = [new Date(lastAt + 1), new Date(lastAt + 61 * 24 * 3600 * 1000)];
    const live = createEngine({ store: openTarget(target), vault: deterministicVault(TEST_VAULT_SECRET) });
    const replay = await serialReplay(records);
    try {
      const [fromStore, fromReplay] = [await readModels(live, specs, instants), await readModels(replay, specs, instants)];
      expect(Object.values(fromStore.softwareLists).flat()).to.have.length(PROOF.purchases);
      expect(fromStore.auditTrail).to.have.length(records.length);
      expect(fromStore).to.deep.equal(fromReplay);
    } finally {
      await Promise.all([live.close(), replay.close()]);
    }
  });
}
