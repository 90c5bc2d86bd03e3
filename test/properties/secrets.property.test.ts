import { expect } from 'chai';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sqliteStore } from '@csp-onprem/store-sqlite';
import { scenarioArb } from './arbitraries.js';
import { propertyRuns } from './fast-check-options.js';
import { runScenario, type ScenarioOutcome } from './run-scenario.js';
import { readAllRecords } from './store-records.js';
import { actorFor, CUSTOMERS, SCENARIO_START, supportActor } from './world.js';

/** The forms a leaked key could take in text: as returned, and without its dashes. */
function formsOf(key: string): string[] {
  return [key, key.replace(/-/g, '')];
}

function expectNoKeyIn(text: string, keys: readonly string[], where: string): void {
  for (const key of keys) {
    for (const form of formsOf(key)) expect(text.includes(form), `a plain product key appears in ${where}`).to.equal(false);
  }
}

/** Runs `body` with console output captured, so that a key written to a log is caught too. */
async function capturingConsole<T>(body: () => Promise<T>): Promise<{ value: T; logged: string }> {
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const originals = methods.map((m) => console[m]);
  const lines: string[] = [];
  for (const m of methods) console[m] = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    return { value: await body(), logged: lines.join('\n') };
  } finally {
    methods.forEach((m, i) => (console[m] = originals[i] as (typeof console)[typeof m]));
  }
}

/** Everything the engine hands out or keeps, except the `productKey` field GetKey exists to return. */
async function everythingVisible(outcome: ScenarioOutcome): Promise<Record<string, string>> {
  const { engine, model } = outcome;
  const texts: Record<string, string> = {
    'a stored record': JSON.stringify(await readAllRecords(outcome.store)),
    'an error': JSON.stringify(outcome.errors),
    'an error message': outcome.errors.map((e) => e.message).join('\n'),
    'a command result': JSON.stringify(outcome.executed.map(({ productKey: _shown, ...rest }) => rest)),
    'the audit trail': JSON.stringify(await engine.as(supportActor).auditTrail()),
    'the verify report': JSON.stringify(await engine.verify()),
  };
  const at = [SCENARIO_START, outcome.clock.now()];
  for (const customer of CUSTOMERS) {
    texts[`the software list of ${customer.domain}`] = JSON.stringify(await engine.as(supportActor).softwareList(customer.tenantId));
    texts[`the software list of ${customer.domain} as of its start`] = JSON.stringify(await engine.as(supportActor).softwareList(customer.tenantId, { asOf: SCENARIO_START }));
  }
  for (const [index, spec] of model.world.purchases.entries()) {
    texts[`the customer's view of ${spec.subscriptionId}`] = JSON.stringify(
      await engine.as(actorFor(model.world, index, 'customerGlobalAdmin')).softwareList(model.parties(index).customer.tenantId),
    );
    for (const instant of at) {
      texts[`refund eligibility of ${spec.subscriptionId} at ${instant.toISOString()}`] = JSON.stringify(await engine.as(supportActor).refundEligibility(spec.subscriptionId, instant));
    }
  }
  return texts;
}

describe('secrets: a plain product key never appears anywhere but in the GetKey result', function () {
  this.timeout(120_000);

  it('keeps every key GetKey returned out of stored records, errors, results, read models, audit trail and console output', async () => {
    let keysSeen = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArb(), async (scenario) => {
        const { value: outcome, logged } = await capturingConsole(() => runScenario(scenario));
        keysSeen += outcome.productKeys.length;
        for (const [where, text] of Object.entries(await everythingVisible(outcome))) expectNoKeyIn(text, outcome.productKeys, where);
        expectNoKeyIn(logged, outcome.productKeys, 'console output');
      }),
      propertyRuns(100),
    );
    expect(keysSeen, 'the generated scenarios get keys').to.be.greaterThan(0);
  });

  describe('in a real SQLite file', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'csp-secrets-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    let files = 0;
    it('keeps every key GetKey returned out of the bytes of the database file and its write-ahead log', async () => {
      let keysSeen = 0;
      await fc.assert(
        fc.asyncProperty(scenarioArb(25), async (scenario) => {
          files += 1;
          const path = join(dir, `secrets-${files}.db`);
          const store = sqliteStore({ path });
          try {
            const outcome = await runScenario(scenario, { store });
            keysSeen += outcome.productKeys.length;
            const check = (file: string, when: string) => {
              if (!existsSync(file)) return;
              const bytes = readFileSync(file);
              for (const key of outcome.productKeys) {
                for (const form of formsOf(key)) expect(bytes.includes(Buffer.from(form, 'utf8')), `a plain product key in ${file} ${when}`).to.equal(false);
              }
            };
            check(path, 'while open');
            check(`${path}-wal`, 'while open');
            const onDisk = Buffer.concat([path, `${path}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)));
            if ((await readAllRecords(store)).length > 0) expect(onDisk.includes(Buffer.from('csp-software-')), 'the files hold the events that were checked').to.equal(true);
            await store.close();
            check(path, 'after close');
            check(`${path}-wal`, 'after close');
            const verified = await outcome.engine.verify();
            expect(E.isLeft(verified), 'a closed store answers StoreUnavailable, it does not throw').to.equal(true);
          } finally {
            await store.close();
            for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
          }
        }),
        propertyRuns(30),
      );
      expect(keysSeen, 'the generated scenarios get keys').to.be.greaterThan(0);
    });
  });
});
