import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import pg from 'pg';
import type { ProjectionStateStore } from '@csp-onprem/engine';
import { postgresStore } from '@csp-onprem/store-postgres';
import { DATABASE_URL, left, right, useTestDatabase } from './test-database.js';

describe('the PostgreSQL projection state store', () => {
  const db = useTestDatabase();
  let state: ProjectionStateStore;

  before(() => {
    state = db.open('projections').projections;
  });

  const item = (version: number) => ({ subscriptionId: 'SUB-1', version, status: 'Active', price: { amount: 89_900, currency: 'USD' }, note: 'ünïcødé 🔑 "q"\n' });

  it('loads a projection never saved as position 0 with no documents', async () => {
    const saved = right(await state.load('never-saved'));
    expect(saved.position).to.equal(0);
    expect([...saved.documents]).to.deep.equal([]);
  });

  it('saves documents and the checkpoint together and loads them back exactly', async () => {
    expect(right(await state.save('round-trip', 0, 4, new Map([['a', item(1)], ['b', item(2)]])))).to.equal(true);
    expect(right(await state.save('round-trip', 4, 9, new Map<string, unknown>([['b', item(3)], ['c', [1, null, 'x']]])))).to.equal(true);
    const saved = right(await state.load('round-trip'));
    expect(saved.position).to.equal(9);
    expect(Object.fromEntries(saved.documents)).to.deep.equal({ a: item(1), b: item(3), c: [1, null, 'x'] });
  });

  it('refuses a save from a checkpoint that another runner has moved, and writes nothing', async () => {
    right(await state.save('cas', 0, 5, new Map([['a', item(1)]])));
    expect(right(await state.save('cas', 3, 8, new Map([['a', item(9)], ['z', item(9)]]))), 'stale from-position').to.equal(false);
    expect(right(await state.save('cas', 0, 8, new Map([['a', item(9)]]))), 'a second first save').to.equal(false);
    const saved = right(await state.load('cas'));
    expect(saved.position).to.equal(5);
    expect(Object.fromEntries(saved.documents)).to.deep.equal({ a: item(1) });
  });

  it('lets exactly one of several concurrent saves from the same checkpoint win', async () => {
    right(await state.save('race', 0, 2, new Map([['a', item(1)]])));
    const results = await Promise.all([10, 20, 30, 40].map((to) => state.save('race', 2, to, new Map([['a', item(to)]]))));
    const won = results.map((result) => right(result));
    expect(won.filter((winner) => winner)).to.have.length(1);
    const winner = [10, 20, 30, 40][won.indexOf(true)] as number;
    const saved = right(await state.load('race'));
    expect(saved.position).to.equal(winner);
    expect(saved.documents.get('a')).to.deep.equal(item(winner));
  });

  it('rolls back the checkpoint when a document cannot be written', async () => {
    right(await state.save('atomic', 0, 3, new Map([['a', item(1)]])));
    // PostgreSQL text cannot hold a NUL character: the document upsert fails after the
    // checkpoint was moved in the same transaction.
    const failed = await state.save('atomic', 3, 7, new Map([['a', item(2)], ['bad\u0000key', item(2)]]));
    expect(E.isLeft(failed) && left(failed).code).to.equal('StoreUnavailable');
    const saved = right(await state.load('atomic'));
    expect(saved.position, 'the checkpoint did not move').to.equal(3);
    expect(Object.fromEntries(saved.documents)).to.deep.equal({ a: item(1) });
    expect(right(await state.save('atomic', 3, 7, new Map([['a', item(2)]]))), 'the next save starts from the old checkpoint').to.equal(true);
  });

  it('deletes a document saved as undefined', async () => {
    right(await state.save('removal', 0, 1, new Map([['a', item(1)], ['b', item(1)]])));
    right(await state.save('removal', 1, 2, new Map([['a', undefined]])));
    expect([...right(await state.load('removal')).documents.keys()]).to.deep.equal(['b']);
  });

  it('forgets one projection on reset and leaves the others alone', async () => {
    right(await state.save('reset-me', 0, 6, new Map([['a', item(1)]])));
    right(await state.save('keep-me', 0, 6, new Map([['a', item(1)]])));
    right(await state.reset('reset-me'));
    const reset = right(await state.load('reset-me'));
    expect({ position: reset.position, documents: reset.documents.size }).to.deep.equal({ position: 0, documents: 0 });
    expect(right(await state.load('keep-me')).position).to.equal(6);
    expect(right(await state.save('reset-me', 0, 2, new Map())), 'it starts again from 0').to.equal(true);
  });

  it('loads what one save wrote even when another save commits between the pages of the load', async () => {
    // The documents span three pages of a load; every one of them changes in the second save.
    const generation = (name: string) => new Map(Array.from({ length: 4500 }, (_, i) => [`doc-${String(i).padStart(4, '0')}`, { generation: name, i }]));
    const schema = db.schema('snapshot');
    const writer = db.open('snapshot').projections;
    right(await writer.save('paged', 0, 10, generation('first')));

    // A pool of our own, whose clients run a hook just before the load asks for its second page.
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    let beforeSecondPage: (() => Promise<void>) | undefined;
    let secondPages = 0;
    pool.on('connect', (client) => {
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      Object.assign(client, {
        query: async (...args: unknown[]) => {
          const hook = beforeSecondPage;
          if (typeof args[0] === 'string' && args[0].includes('AND key > $2')) {
            secondPages += 1;
            if (hook !== undefined) {
              beforeSecondPage = undefined;
              await hook();
            }
          }
          return query(...args);
        },
      });
    });
    const reader = postgresStore({ pool }, { schema });
    try {
      beforeSecondPage = async () => {
        expect(right(await writer.save('paged', 10, 20, generation('second'))), 'the save in between committed').to.equal(true);
      };
      const during = right(await reader.projections.load('paged'));
      expect(secondPages, 'the load read more than one page').to.be.greaterThan(0);
      expect(beforeSecondPage, 'the save ran before the second page').to.equal(undefined);
      expect(during.position).to.equal(10);
      expect(during.documents.size).to.equal(4500);
      expect(new Set([...during.documents.values()].map((doc) => (doc as { generation: string }).generation))).to.deep.equal(new Set(['first']));

      const after = right(await reader.projections.load('paged'));
      expect(after.position).to.equal(20);
      expect(new Set([...after.documents.values()].map((doc) => (doc as { generation: string }).generation))).to.deep.equal(new Set(['second']));
    } finally {
      await reader.close();
      await pool.end();
    }
  });

  it('keeps saved state for a new store on the same schema', async () => {
    right(await state.save('durable', 0, 11, new Map([['k', item(4)]])));
    const reopened = db.open('projections').projections;
    const saved = right(await reopened.load('durable'));
    expect(saved.position).to.equal(11);
    expect(saved.documents.get('k')).to.deep.equal(item(4));
  });
});
