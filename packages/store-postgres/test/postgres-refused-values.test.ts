import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { GENESIS_HASH, type StoreError } from '@csp-onprem/engine';
import { chainedRecords } from '@csp-onprem/testing';
import { right, useTestDatabase } from './test-database.js';

function refusal(result: E.Either<StoreError, unknown>): StoreError {
  if (E.isRight(result)) return expect.fail('expected PostgreSQL to refuse the append');
  return result.left;
}

async function rowsIn(db: ReturnType<typeof useTestDatabase>, schema: string): Promise<number> {
  const result = await db.admin.query<{ rows: number }>(`SELECT count(*)::int AS rows FROM "${schema}".events`);
  return result.rows[0]?.rows ?? 0;
}

describe('the PostgreSQL store when the database refuses a value', () => {
  const db = useTestDatabase();

  it('answers a number out of range for its column (SQLSTATE 22003) as a refused value, not an outage, writing nothing', async () => {
    const store = db.open('out_of_range');
    const streamId = `csp-software-${randomUUID()}`;
    right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 1)));
    const beyond = 2 ** 31 - 1;
    const error = refusal(await store.appendToStream(streamId, beyond, chainedRecords(streamId, 1, { version: beyond, hash: GENESIS_HASH })));
    expect(error).to.deep.include({ code: 'InvalidCommand', refusedBy: store.name });
    expect(error.code === 'InvalidCommand' && error.errors).to.deep.equal([
      { path: 'events', expected: 'values PostgreSQL can store', found: 'a number out of range for its column (SQLSTATE 22003)' },
    ]);
    expect(await rowsIn(db, db.schema('out_of_range'))).to.equal(1);
  });

  it('answers an event id too large for its index (SQLSTATE 54000) as a refused value, not an outage, writing nothing', async () => {
    const store = db.open('too_large');
    const streamId = `csp-software-${randomUUID()}`;
    // Random, so that PostgreSQL cannot compress the index row under its limit.
    const [record] = chainedRecords(streamId, 1);
    const huge = { ...(record as NonNullable<typeof record>), eventId: randomBytes(6000).toString('base64') };
    const error = refusal(await store.appendToStream(streamId, 0, [huge]));
    expect(error.code).to.equal('InvalidCommand');
    expect(error.code === 'InvalidCommand' && error.errors[0]?.found).to.equal("a value beyond the database's limits (such as an index row too large) (SQLSTATE 54000)");
    expect(error.message).to.not.include(huge.eventId.slice(0, 40));
    expect(await rowsIn(db, db.schema('too_large'))).to.equal(0);
    // The store is not broken: the next append goes through.
    right(await store.appendToStream(streamId, 0, chainedRecords(streamId, 1)));
  });
});
