import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import pg from 'pg';
import type { CustodyResult, CustodyStore } from './custody-job.js';
import { runCustodyWorker, startCustodyWorker } from './run-custody-worker.js';

const PGURL = process.env['PGURL'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const CUSTOMER = 'c0c0c0c0-0000-4000-8000-00000000000a';
const OTHER_CUSTOMER = 'c1c1c1c1-1111-4000-8000-00000000000b';

const newKek = (): string => randomBytes(32).toString('base64');

function shown(result: CustodyResult | undefined): string {
  if (result === undefined || !result.ok || result.productKey === undefined) throw new Error(`expected a key shown, got ${JSON.stringify(result)}`);
  return result.productKey;
}

function refusal(result: CustodyResult | undefined): string {
  if (result === undefined || result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result.code;
}

/** A store for one test, a way to read its wrapped data keys, and every byte it keeps on disk (or in a dump). */
interface CustodyWorld {
  readonly store: CustodyStore;
  wrappedKeys(): Promise<Map<string, Buffer>>;
  holds(bytes: Buffer): Promise<boolean>;
  dispose(): Promise<void>;
}

function sqliteWorld(): CustodyWorld {
  const dir = mkdtempSync(join(tmpdir(), 'csp-custody-'));
  const path = join(dir, 'custody.db');
  const files = () => [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file));
  return {
    store: { kind: 'sqlite', path },
    async wrappedKeys() {
      const db = new Database(path, { readonly: true });
      try {
        return new Map((db.prepare('SELECT tenant_id, wrapped FROM data_keys').all() as { tenant_id: string; wrapped: Buffer }[]).map((row) => [row.tenant_id, row.wrapped]));
      } finally {
        db.close();
      }
    },
    async holds(bytes) {
      return files().some((file) => readFileSync(file).includes(bytes));
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresWorld(): CustodyWorld {
  const schema = `csp_custody_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const query = async <R extends pg.QueryResultRow>(text: string): Promise<R[]> => {
    const client = new pg.Client({ connectionString: PGURL });
    await client.connect();
    try {
      return (await client.query<R>(text)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    store: { kind: 'postgres', url: PGURL, schema },
    async wrappedKeys() {
      const rows = await query<{ tenant_id: string; wrapped: Buffer }>(`SELECT tenant_id, wrapped FROM "${schema}".data_keys`);
      return new Map(rows.map((row) => [row.tenant_id, row.wrapped]));
    },
    async holds(bytes) {
      // Every row of every table of the schema as PostgreSQL writes it out: bytea as \x hex, text as it is.
      const tables = await query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = '${schema}' AND table_type = 'BASE TABLE'`);
      const rows = await Promise.all(tables.map(({ name }) => query<{ row: string }>(`SELECT t::text AS row FROM "${schema}"."${name}" t`)));
      expect(rows.flat(), 'the schema holds rows to search').to.not.be.empty;
      const dump = rows.flat().map(({ row }) => row).join('\n');
      return dump.includes(bytes.toString('hex')) || dump.includes(bytes.toString('utf8')) || dump.includes(bytes.toString('base64'));
    },
    async dispose() {
      await query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

for (const [name, makeWorld] of [
  ['a SQLite file', sqliteWorld],
  ['a PostgreSQL schema', postgresWorld],
] as const) {
  describe(`key custody across OS processes on ${name}`, function () {
    this.timeout(120_000);
    let world: CustodyWorld;

    beforeEach(() => {
      world = makeWorld();
    });
    afterEach(async () => {
      await world.dispose();
    });

    it('shows a key issued in one process, identical, in a second process', async () => {
      const kek = newKek();
      const [, issued] = await runCustodyWorker({ store: world.store, actions: [{ kind: 'buy', subscriptionId: 'SUB-1', customer: CUSTOMER }, { kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-1' }] }, { kek });
      const [again] = await runCustodyWorker({ store: world.store, actions: [{ kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-2' }] }, { kek });
      expect(shown(again)).to.equal(shown(issued));
      const wrapped = (await world.wrappedKeys()).get(CUSTOMER);
      expect(wrapped, 'one wrapped data key for the tenant').to.be.instanceOf(Buffer);
      expect(await world.holds(Buffer.from(shown(issued), 'utf8')), 'the plain key is nowhere in the store').to.equal(false);
    });

    it('answers another key-encryption key with KeyEncryptionKeyMismatch in a second process, and writes nothing', async () => {
      const kek = newKek();
      await runCustodyWorker({ store: world.store, actions: [{ kind: 'buy', subscriptionId: 'SUB-1', customer: CUSTOMER }, { kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-1' }] }, { kek });
      const [wrong, again] = await runCustodyWorker(
        { store: world.store, actions: [{ kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-2' }, { kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-2' }] },
        { kek: newKek() },
      );
      expect(refusal(wrong)).to.equal('KeyEncryptionKeyMismatch');
      expect(refusal(again), 'nothing was written: the same command id is refused again, not replayed').to.equal('KeyEncryptionKeyMismatch');
      const [right] = await runCustodyWorker({ store: world.store, actions: [{ kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-2' }] }, { kek });
      expect(right?.ok).to.equal(true);
    });

    it('shows every key after a rotation and a restart with only the next key-encryption key', async () => {
      const [kek, next] = [newKek(), newKek()];
      const issued = await runCustodyWorker(
        {
          store: world.store,
          actions: [
            { kind: 'buy', subscriptionId: 'SUB-1', customer: CUSTOMER },
            { kind: 'buy', subscriptionId: 'SUB-2', customer: OTHER_CUSTOMER },
            { kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-1' },
            { kind: 'key', subscriptionId: 'SUB-2', commandId: 'key-2' },
            { kind: 'rotate' },
          ],
        },
        { kek, nextKek: next },
      );
      const after = await runCustodyWorker({ store: world.store, actions: [{ kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-3' }, { kind: 'key', subscriptionId: 'SUB-2', commandId: 'key-4' }] }, { kek: next });
      expect(after.map(shown)).to.deep.equal([shown(issued[2]), shown(issued[3])]);
      const [old] = await runCustodyWorker({ store: world.store, actions: [{ kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-5' }] }, { kek });
      expect(refusal(old), 'the old KEK opens nothing any more').to.equal('KeyEncryptionKeyMismatch');
    });

    it("ends two processes racing for a tenant's first data key with one data key both used: a third process shows every key", async () => {
      const kek = newKek();
      const racers = ['A', 'B'].map((racer) =>
        startCustodyWorker(
          { store: world.store, waitForGo: true, actions: [{ kind: 'buy', subscriptionId: `SUB-${racer}`, customer: CUSTOMER }, { kind: 'key', subscriptionId: `SUB-${racer}`, commandId: `key-${racer}` }] },
          { kek },
        ),
      );
      await Promise.all(racers.map((racer) => racer.ready));
      for (const racer of racers) racer.go();
      const ends = await Promise.all(racers.map((racer) => racer.ended));
      const keys = ends.map((end) => (end.kind === 'done' ? shown(end.results[1]) : expect.fail(JSON.stringify(end))));
      expect([...(await world.wrappedKeys()).keys()]).to.deep.equal([CUSTOMER]);
      const third = await runCustodyWorker({ store: world.store, actions: [{ kind: 'key', subscriptionId: 'SUB-A', commandId: 'key-A2' }, { kind: 'key', subscriptionId: 'SUB-B', commandId: 'key-B2' }] }, { kek });
      expect(third.map(shown)).to.deep.equal(keys);
    });

    it('leaves every key readable by one of the two KEKs when a rotation is killed mid-way, and finishes when run again', async () => {
      const [kek, next] = [newKek(), newKek()];
      const tenants = Array.from({ length: 12 }, (_, i) => `c2c2c2c2-2222-4000-8000-${String(i).padStart(12, '0')}`);
      const setup = tenants.flatMap((customer, i) => [
        { kind: 'buy' as const, subscriptionId: `SUB-${i}`, customer },
        { kind: 'key' as const, subscriptionId: `SUB-${i}`, commandId: `key-${i}` },
      ]);
      const issued = (await runCustodyWorker({ store: world.store, actions: setup }, { kek })).filter((result) => result.ok && result.productKey !== undefined).map(shown);
      // Killed (SIGKILL) once 5 of the 12 data keys are rewrapped: no cleanup runs.
      const killed = await startCustodyWorker({ store: world.store, waitForGo: false, actions: [{ kind: 'rotate', killAfter: 5 }] }, { kek, nextKek: next }).ended;
      expect(killed.kind).to.equal('killed');
      expect((await world.wrappedKeys()).size, 'no data key lost by the kill').to.equal(12);
      const views = tenants.map((_, i) => ({ kind: 'key' as const, subscriptionId: `SUB-${i}`, commandId: `view-${i}` }));
      const underEither = await Promise.all([runCustodyWorker({ store: world.store, actions: views }, { kek }), runCustodyWorker({ store: world.store, actions: views.map((view) => ({ ...view, commandId: `${view.commandId}-n` })) }, { kek: next })]);
      const readable = tenants.map((_, i) => [underEither[0][i], underEither[1][i]].find((result) => result?.ok === true));
      expect(readable.map(shown), 'every key opens under the old or the new KEK').to.deep.equal(issued);
      expect(underEither[0].filter((result) => result.ok).length, 'the kill left some keys under each KEK').to.be.within(1, 11);
      await runCustodyWorker({ store: world.store, actions: [{ kind: 'rotate' }] }, { kek, nextKek: next });
      const finished = await runCustodyWorker({ store: world.store, actions: views.map((view) => ({ ...view, commandId: `${view.commandId}-done` })) }, { kek: next });
      expect(finished.map(shown)).to.deep.equal(issued);
    });

    it("shreds a forgotten tenant's keys for every later process, leaving another tenant's shown, with neither the plain key nor the wrapped data key left in the store", async () => {
      const kek = newKek();
      const results = await runCustodyWorker(
        {
          store: world.store,
          actions: [
            { kind: 'buy', subscriptionId: 'SUB-1', customer: CUSTOMER },
            { kind: 'buy', subscriptionId: 'SUB-2', customer: OTHER_CUSTOMER },
            { kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-1' },
            { kind: 'key', subscriptionId: 'SUB-2', commandId: 'key-2' },
          ],
        },
        { kek },
      );
      const [forgottenKey, keptKey] = [shown(results[2]), shown(results[3])];
      const wrapped = (await world.wrappedKeys()).get(CUSTOMER);
      if (wrapped === undefined) return expect.fail('no wrapped data key was kept for the customer');
      expect(await world.holds(wrapped), 'the wrapped key is in the store before').to.equal(true);
      await runCustodyWorker({ store: world.store, actions: [{ kind: 'forget', tenant: CUSTOMER }] }, { kek });
      const after = await runCustodyWorker({ store: world.store, actions: [{ kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-3' }, { kind: 'key', subscriptionId: 'SUB-2', commandId: 'key-4' }] }, { kek });
      expect(refusal(after[0])).to.equal('KeyShredded');
      expect(shown(after[1])).to.equal(keptKey);
      expect(await world.holds(wrapped), 'the wrapped data key is gone from the store').to.equal(false);
      for (const key of [forgottenKey, keptKey]) expect(await world.holds(Buffer.from(key, 'utf8')), 'no plain key in the store').to.equal(false);
    });

    it('refuses to start without a key-encryption key, naming the option and the variable, and writes nothing', async () => {
      const end = await startCustodyWorker({ store: world.store, waitForGo: false, actions: [{ kind: 'buy', subscriptionId: 'SUB-1', customer: CUSTOMER }] }, {}).ended;
      expect(end.kind).to.equal('refused');
      expect(end.kind === 'refused' && end.message).to.include('keyEncryptionKey').and.include('CSP_ONPREM_KEY_ENCRYPTION_KEY');
      const kek = newKek();
      const [none] = await runCustodyWorker({ store: world.store, actions: [{ kind: 'key', subscriptionId: 'SUB-1', commandId: 'key-1' }] }, { kek });
      expect(refusal(none), 'no purchase was written').to.equal('UnknownPurchase');
    });
  });
}
