import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'chai';
import fc from 'fast-check';
import type { JSONEventData } from '@kurrent/kurrentdb-client';
import { convertRustRecord } from '@kurrent/kurrentdb-client/dist/utils/convertRustEvent.js';
import { createEngine, GENESIS_HASH, inMemoryStore, recordHash, type EventRecord, type EventStore, type StoredEvent } from '@csp-onprem/engine';
import { fromKurrentEvent, isSystemEvent, toKurrentEvent, type KurrentRecordedEvent } from '@csp-onprem/store-kurrentdb/mapping';
import { aPurchase, chainedRecords, executeAsActor } from '@csp-onprem/testing';

function encoded(record: EventRecord): JSONEventData {
  const event = toKurrentEvent(record);
  if (E.isLeft(event)) throw new Error(event.left);
  return event.right;
}

/**
 * What the server gives back for an appended event: the bytes the client writes (it
 * JSON-encodes data and metadata when appending) decoded by the client's own reader.
 */
function overTheWire(event: JSONEventData, streamId: string, revision: bigint): KurrentRecordedEvent {
  return convertRustRecord({
    streamId,
    id: event.id,
    type: event.type,
    isJson: true,
    revision,
    created: Date.now(),
    data: new Uint8Array(Buffer.from(JSON.stringify(event.data), 'utf8')),
    metadata: new Uint8Array(Buffer.from(JSON.stringify(event.metadata), 'utf8')),
    position: { commit: 1000n + revision, prepare: 1000n + revision },
  });
}

function roundTrip(record: EventRecord, position = 77): StoredEvent {
  const decoded = fromKurrentEvent(overTheWire(encoded(record), record.streamId, BigInt(record.version - 1)), position);
  if (E.isLeft(decoded)) throw new Error(decoded.left);
  return decoded.right;
}

function rejection(event: KurrentRecordedEvent): string {
  const decoded = fromKurrentEvent(event, 1);
  if (E.isRight(decoded)) throw new Error('expected the event to be refused');
  return decoded.left;
}

function recordWith(data: unknown, meta: unknown): EventRecord {
  const unhashed = { eventId: randomUUID(), streamId: 'csp-software-prop', version: 1, type: 'Purchased', data, meta, prevHash: GENESIS_HASH };
  return { ...unhashed, hash: recordHash(unhashed) };
}

describe('mapping records to KurrentDB events and back', () => {
  it('carries the records the engine builds, which keep their JSON text, with their hashes intact', async () => {
    const inner = inMemoryStore();
    const appended: EventRecord[] = [];
    const store: EventStore = {
      ...inner,
      appendToStream: (streamId, expectedVersion, records) => {
        appended.push(...records);
        return inner.appendToStream(streamId, expectedVersion, records);
      },
    };
    const executed = await executeAsActor(createEngine({ store }), aPurchase());
    expect(E.isRight(executed)).to.equal(true);
    expect(appended).to.have.length(1);
    for (const record of appended) {
      const back = roundTrip(record);
      expect(back.eventId).to.equal(record.eventId);
      expect(recordHash(back)).to.equal(record.hash);
    }
  });

  it('appends a record as a JSON event whose id, type and data are the record’s own', () => {
    const [record] = chainedRecords('csp-software-map', 1) as [EventRecord];
    const event = encoded(record);
    expect(event.id).to.equal(record.eventId);
    expect(event.type).to.equal(record.type);
    expect(event.contentType).to.equal('application/json');
    expect(event.data).to.deep.equal(record.data);
  });

  it('keeps the metadata, version and hash chain link in the event metadata', () => {
    const [record] = chainedRecords('csp-software-map', 1) as [EventRecord];
    expect(encoded(record).metadata).to.deep.equal({ meta: record.meta, version: 1, prevHash: record.prevHash, hash: record.hash });
  });

  it('gives back every record exactly, with the position it was read at and a hash that still verifies', () => {
    const records = chainedRecords('csp-software-round-trip', 5);
    for (const [index, record] of records.entries()) {
      const stored = roundTrip(record, 500 + index);
      const { position, ...rebuilt } = stored;
      expect(rebuilt).to.deep.equal(record);
      expect(position).to.equal(500 + index);
      expect(recordHash(rebuilt)).to.equal(stored.hash);
    }
  });

  it('keeps the chain whole across a round trip: each record links to the hash of the one before', () => {
    const stored = chainedRecords('csp-software-chain', 4).map((record) => roundTrip(record));
    expect(stored[0]?.prevHash).to.equal(GENESIS_HASH);
    for (let index = 1; index < stored.length; index += 1) expect(stored[index]?.prevHash).to.equal(stored[index - 1]?.hash);
  });

  it('gives back any JSON data and metadata exactly, so its hash verifies', () => {
    fc.assert(
      fc.property(fc.json(), fc.json(), (dataJson, metaJson) => {
        const record = recordWith(JSON.parse(dataJson), JSON.parse(metaJson));
        const { position, ...rebuilt } = roundTrip(record);
        expect(rebuilt).to.deep.equal(record);
        expect(recordHash(rebuilt)).to.equal(record.hash);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses to encode an event id that is not a lowercase UUID, since KurrentDB would not give it back as is', () => {
    const [record] = chainedRecords('csp-software-ids', 1) as [EventRecord];
    for (const eventId of [record.eventId.toUpperCase(), 'evt-1', '']) {
      const event = toKurrentEvent({ ...record, eventId });
      expect(E.isLeft(event), eventId).to.equal(true);
      if (E.isLeft(event)) expect(event.left).to.contain('UUID');
    }
  });

  it('refuses to encode data that JSON cannot represent', () => {
    const [record] = chainedRecords('csp-software-bad-data', 1) as [EventRecord];
    expect(E.isLeft(toKurrentEvent({ ...record, data: undefined }))).to.equal(true);
    expect(E.isLeft(toKurrentEvent({ ...record, meta: { big: 1n } }))).to.equal(true);
  });

  it('refuses an event whose stored version disagrees with its revision', () => {
    const [record] = chainedRecords('csp-software-moved', 1) as [EventRecord];
    const moved = overTheWire(encoded(record), record.streamId, 3n);
    expect(rejection(moved)).to.contain('version 1').and.contain('version 4');
  });

  it('refuses events this store did not write: binary data, missing or foreign metadata', () => {
    const [record] = chainedRecords('csp-software-foreign', 1) as [EventRecord];
    const wire = overTheWire(encoded(record), record.streamId, 0n);
    expect(rejection({ ...wire, isJson: false })).to.contain('not JSON');
    expect(rejection({ ...wire, metadata: undefined })).to.contain('record metadata');
    expect(rejection({ ...wire, metadata: { $correlationId: 'x' } })).to.contain('record metadata');
    expect(rejection({ ...wire, metadata: { meta: {}, version: '1', prevHash: GENESIS_HASH, hash: record.hash } })).to.contain('record metadata');
    expect(rejection({ ...wire, metadata: new Uint8Array([1, 2, 3]) })).to.contain('record metadata');
  });

  it('tells KurrentDB’s own events (system streams, link and other $ types) from the store’s', () => {
    expect(isSystemEvent({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' })).to.equal(true);
    expect(isSystemEvent({ streamId: '$ce-csp', type: '$>' })).to.equal(true);
    expect(isSystemEvent({ streamId: 'csp-software-1', type: '$>' })).to.equal(true);
    expect(isSystemEvent({ streamId: 'csp-software-1', type: 'Purchased' })).to.equal(false);
  });
});
