/// <reference types="mocha" />
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'chai';
import { GENESIS_HASH, recordHash, withStoredJson, type EventRecord, type EventStore, type StoreError } from '@csp-onprem/engine';
import { endOfLog, right, withoutPosition } from './contract-helpers.js';

/** What text may hold that not every store could keep as text: NUL, lone surrogates, and controls and invisibles besides. */
export const HOSTILE_TEXT = 'a\u0000b \ud800 \udfff\ud83d \u001b[2J \u0007 \u007f \u009b \u202e \u200b \u2028 \ufeff "\\ \t\r\n end';

function record(streamId: string, version: number, prevHash: string, type: string, note: string): EventRecord {
  const unhashed = {
    eventId: randomUUID(),
    streamId,
    version,
    type,
    data: { note, list: [note, { nested: note }] },
    meta: { actor: { userId: note, roles: [note] }, commandId: `cmd-${randomUUID()}`, occurredAt: new Date(Date.UTC(2024, 2, 1)).toISOString() },
    prevHash,
  };
  return { ...unhashed, hash: recordHash(unhashed) };
}

function chain(streamId: string, notes: readonly string[], types: readonly string[] = []): EventRecord[] {
  const records: EventRecord[] = [];
  for (const [index, note] of notes.entries()) {
    records.push(record(streamId, index + 1, records[index - 1]?.hash ?? GENESIS_HASH, types[index] ?? 'Downloaded', note));
  }
  return records;
}

function expectRefused(result: E.Either<StoreError, unknown>, store: EventStore, path: string): void {
  if (E.isRight(result)) return expect.fail(`expected the append to be refused at ${path}`);
  const error = result.left;
  expect(error.code, error.message).to.equal('InvalidCommand');
  if (error.code !== 'InvalidCommand') return;
  expect(error.errors.map((e) => e.path)).to.deep.equal([path]);
  expect('refusedBy' in error && error.refusedBy).to.equal(store.name);
  expect(error.message).to.include('nothing was written').and.not.include('\u0000');
}

/**
 * Registers the contract's tests of text: a store keeps any text in data and metadata exactly
 * (NUL and lone surrogates included, hashed as written), refuses, as `InvalidCommand` naming
 * the field and writing nothing, a stream id, event id or type it could not keep as text, and
 * reads such a stream id as empty. `store` answers the store the current test opened.
 */
export function describeTextContract(store: () => EventStore, newStreamId: (label: string) => string): void {
  describe('text', () => {
    it('keeps data and metadata holding NUL, lone surrogates, controls and invisibles exactly, and they still hash to what was chained', async () => {
      const streamId = newStreamId('hostile-data');
      const records = chain(streamId, [HOSTILE_TEXT, `${HOSTILE_TEXT} again`]);
      right(await store().appendToStream(streamId, 0, records));
      const stored = right(await store().readStream(streamId));
      expect(stored.map(withoutPosition)).to.deep.equal(records);
      for (const event of stored) expect(recordHash(withoutPosition(event))).to.equal(event.hash);
    });

    for (const [what, char] of [
      ['a NUL', '\u0000'],
      ['a lone surrogate', '\ud800'],
    ] as const) {
      it(`refuses a stream id holding ${what} as InvalidCommand naming streamId, not as an outage, and writes nothing`, async () => {
        const end = await endOfLog(store());
        const streamId = `${newStreamId('bad-stream')}${char}x`;
        expectRefused(await store().appendToStream(streamId, 0, chain(streamId, ['one'])), store(), 'streamId');
        expect(right(await store().readAll({ after: end, limit: 10 }))).to.deep.equal([]);
      });

      it(`refuses an append whose second event has an id or a type holding ${what}, writing none of it`, async () => {
        const end = await endOfLog(store());
        const streamId = newStreamId('bad-field');
        const badType = chain(streamId, ['one', 'two'], ['Downloaded', `Down${char}loaded`]);
        expectRefused(await store().appendToStream(streamId, 0, badType), store(), 'events.1.type');
        const [first, second] = chain(streamId, ['one', 'two']);
        const badId = [first as EventRecord, { ...(second as EventRecord), eventId: `id${char}` }];
        expectRefused(await store().appendToStream(streamId, 0, badId), store(), 'events.1.eventId');
        expect(right(await store().readAll({ after: end, limit: 10 }))).to.deep.equal([]);
      });

      it(`reads a stream id holding ${what} as an empty stream, never another stream's events`, async () => {
        const base = newStreamId('lookalike');
        // SQL stores would turn a lone surrogate into U+FFFD: the stream that holds one must stay apart.
        right(await store().appendToStream(`${base}\ufffd`, 0, chain(`${base}\ufffd`, ['one'])));
        expect(right(await store().readStream(`${base}${char}`))).to.deep.equal([]);
      });
    }

    it('refuses data whose JSON text, as given, holds a raw NUL: the text is what a store would write', async () => {
      const end = await endOfLog(store());
      const streamId = newStreamId('raw-text');
      const [plain] = chain(streamId, ['one']);
      const given = withStoredJson({ ...(plain as EventRecord) }, { data: '{"note":"a\u0000b"}', meta: JSON.stringify(plain?.meta) });
      expectRefused(await store().appendToStream(streamId, 0, [given]), store(), 'events.0.data');
      expect(right(await store().readAll({ after: end, limit: 10 }))).to.deep.equal([]);
    });
  });
}
