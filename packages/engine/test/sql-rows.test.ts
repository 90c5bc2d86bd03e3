import { expect } from 'chai';
import {
  canonicalJson,
  eventFromRow,
  GENESIS_HASH,
  inMemoryStore,
  recordHash,
  storedTextHash,
  verifyStore,
  type EventRecord,
  type EventValues,
  type StoredEvent,
} from '@csp-onprem/engine';
import { right } from './support.js';

const data = { variant: { version: '2019', language: 'en-us', bitness: '64-bit' }, note: 'line\nbreak "quoted" é' };
const meta = { occurredAt: '2026-01-01T00:00:00.000Z', commandId: 'c1' };

function recordWith(ids: { eventId: string; streamId: string; type: string }): EventRecord {
  const unhashed = { ...ids, version: 1, data, meta, prevHash: GENESIS_HASH };
  return { ...unhashed, hash: recordHash(unhashed) };
}

/** The raw row an SQL store keeps for a record, its JSON written as the engine writes it. */
function valuesOf(record: EventRecord, position = 1): EventValues {
  const { eventId, streamId, version, type, prevHash, hash } = record;
  return [position, eventId, streamId, version, type, canonicalJson(record.data), canonicalJson(record.meta), prevHash, hash];
}

describe('events read back from SQL rows', () => {
  it('are the record that was appended, with its position, from a named or a raw row', () => {
    const record = recordWith({ eventId: 'e-1', streamId: 'csp-software-s1', type: 'Downloaded' });
    const [position, eventId, streamId, version, type, dataText, metaText, prevHash, hash] = valuesOf(record, 7);
    const named = eventFromRow({ position: String(position), event_id: eventId, stream_id: streamId, version, type, data: dataText, meta: metaText, prev_hash: prevHash, hash });
    const raw = eventFromRow(valuesOf(record, 7));
    expect(raw).to.deep.equal({ ...record, position: 7 });
    expect(named).to.deep.equal(raw);
    expect(JSON.parse(JSON.stringify(raw))).to.deep.equal({ ...record, position: 7 });
  });

  it('hash their stored text to the record hash whatever characters the ids hold', () => {
    const odd = ['e-"quoted"', 'back\\slash', 'tab\there', 'é and 😀', 'lone \ud800 surrogate', '\u0000', ''];
    for (const text of odd) {
      const record = recordWith({ eventId: text, streamId: `csp-software-${text}`, type: text });
      expect(storedTextHash(eventFromRow(valuesOf(record))), JSON.stringify(text)).to.equal(record.hash);
    }
  });

  it('leave their stored text behind when copied, so an edited copy is hashed from its values', async () => {
    const record = recordWith({ eventId: 'e-1', streamId: 'csp-software-s1', type: 'Downloaded' });
    const read = eventFromRow(valuesOf(record));
    const copy: StoredEvent = { ...read, data: { ...data, note: 'edited' } };
    expect(storedTextHash(read)).to.equal(record.hash);
    expect(storedTextHash(copy)).to.equal(undefined);
    const report = right(await verifyStore({ ...inMemoryStore(), readAll: async () => ({ _tag: 'Right', right: [copy] }) }));
    expect(report.firstFailure).to.include({ position: 1, problem: 'hash' });
  });
});
