import { expect } from 'chai';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { canonicalRecord, recordJson } from '../src/store/canonical-record.js';
import { GENESIS_HASH, recordHash, storedJsonOf } from '../src/store/hashing.js';
import { inMemoryStore } from '../src/store/memory-store.js';
import type { EventRecord } from '../src/store/records.js';
import { eventFromRow, recordTexts } from '../src/store/sql-rows.js';

const fields = {
  eventId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  streamId: 'csp-software-s1',
  version: 1,
  type: 'Downloaded',
  data: { variant: { bitness: '64-bit', language: 'en-us', version: '2019' } },
  meta: { commandId: 'c1', occurredAt: '2026-01-01T00:00:00.000Z' },
  prevHash: GENESIS_HASH,
};

describe('records the engine builds with their canonical text', () => {
  it('carry the hash recordHash gives for the same fields', () => {
    expect(canonicalRecord(fields).hash).to.equal(recordHash(fields));
  });

  it('look like plain records to equality, spreading and JSON, and a copy carries no text', () => {
    const record = canonicalRecord(fields);
    const plain: EventRecord = { ...fields, hash: recordHash(fields) };
    expect(record).to.deep.equal(plain);
    expect(JSON.stringify(record)).to.equal(JSON.stringify(plain));
    expect(storedJsonOf(record)).to.deep.equal({ data: JSON.stringify(fields.data), meta: JSON.stringify(fields.meta) });
    expect(storedJsonOf({ ...record })).to.equal(undefined);
  });

  it('offer no text through a Proxy instead of failing', () => {
    expect(storedJsonOf(new Proxy(canonicalRecord(fields), {}))).to.equal(undefined);
  });

  it('use the text the caller already has', () => {
    const record = canonicalRecord(fields, { meta: JSON.stringify(fields.meta), data: JSON.stringify(fields.data) });
    expect(record.hash).to.equal(recordHash(fields));
  });

  it('serialise data and metadata with sorted keys whatever order they arrive in', () => {
    const record = canonicalRecord({ ...fields, data: { b: 1, a: { d: 2, c: 3 } } });
    expect(storedJsonOf(record)?.data).to.equal('{"a":{"c":3,"d":2},"b":1}');
  });

  it('refuse data JSON cannot hold', () => {
    expect(() => canonicalRecord({ ...fields, data: { amount: Number.NaN } })).to.throw(TypeError);
  });
});

describe('a whole record as JSON text', () => {
  it('is composed from the kept text and parses back to the record, strings that need escaping included', () => {
    const odd = { ...fields, streamId: 'csp-software-"quoted"\\\n\u00e9\ud83d\ude00', type: 'Key\tIssued' };
    const record = canonicalRecord(odd);
    const parsed = JSON.parse(recordJson(record)) as EventRecord;
    expect(parsed).to.deep.equal({ ...odd, hash: record.hash });
    expect(recordHash(parsed)).to.equal(record.hash);
  });

  it('serialises a row read back from a store, whose kept text may not even parse', () => {
    const damaged = eventFromRow([7, fields.eventId, fields.streamId, 1, fields.type, '{"variant":', '{}', GENESIS_HASH, 'h']);
    const parsed = JSON.parse(recordJson(damaged)) as EventRecord;
    expect(parsed.data).to.equal('{"variant":');
  });

  it('is serialised for a Proxy around an engine-built record, which cannot reach its text', () => {
    const record = canonicalRecord(fields);
    expect(JSON.parse(recordJson(new Proxy(record, {})))).to.deep.equal({ ...fields, hash: record.hash });
  });

  it('is JSON.stringify of a record that carries no text', () => {
    const plain = { ...fields, hash: recordHash(fields) };
    expect(recordJson(plain)).to.equal(JSON.stringify(plain));
  });

  it('keeps the hash of any JSON data and metadata through a parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (data, meta) => {
        const record = canonicalRecord({ ...fields, data, meta });
        const parsed = JSON.parse(recordJson(record)) as EventRecord;
        expect(recordHash(parsed)).to.equal(record.hash);
        expect(recordHash({ ...fields, data, meta })).to.equal(record.hash);
      }),
      { numRuns: 300 },
    );
  });

  it('is what the in-memory store keeps: the record reads back equal', async () => {
    const store = inMemoryStore();
    const record = canonicalRecord(fields);
    expect(E.isRight(await store.appendToStream(fields.streamId, 0, [record]))).to.equal(true);
    const read = await store.readStream(fields.streamId);
    expect(E.isRight(read) && read.right).to.deep.equal([{ ...fields, hash: record.hash, position: 1 }]);
  });
});

describe('the text of a record for TEXT columns', () => {
  it('is the text the record carries, or its data and metadata serialised', () => {
    const plain = { ...fields, hash: recordHash(fields) };
    expect(recordTexts(canonicalRecord(fields))).to.deep.equal(recordTexts(plain));
  });

  it('names the event and the field when a value is not JSON', () => {
    const broken = { ...fields, data: undefined, hash: 'h' };
    expect(() => recordTexts(broken)).to.throw(TypeError, `event ${fields.eventId}: data is not a JSON value`);
  });
});
