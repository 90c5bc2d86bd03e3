import { expect } from 'chai';
import { deriveEventId, eventIdMillis } from '../src/event-ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  const at = new Date('2026-03-01T10:00:00.000Z');

  it('are UUIDs in the version 7 layout whose first 48 bits are the milliseconds of the instant', () => {
    const id = deriveEventId('purchase-1', 'cmd-1', 0, at);
    expect(id).to.match(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).to.equal(at.getTime());
  });

  it('are the same for the same stream, command, index, instant and content', () => {
    expect(deriveEventId('purchase-1', 'cmd-1', 0, at, '{"a":1}')).to.equal(deriveEventId('purchase-1', 'cmd-1', 0, new Date(at.getTime()), '{"a":1}'));
  });

  it('differ between the events of one command, between commands, between streams and between contents', () => {
    const ids = new Set([
      deriveEventId('purchase-1', 'cmd-1', 0, at, '{"a":1}'),
      deriveEventId('purchase-1', 'cmd-1', 1, at, '{"a":1}'),
      deriveEventId('purchase-1', 'cmd-2', 0, at, '{"a":1}'),
      deriveEventId('purchase-2', 'cmd-1', 0, at, '{"a":1}'),
      deriveEventId('purchase-1', 'cmd-1', 0, at, '{"a":2}'),
    ]);
    expect(ids.size).to.equal(5);
  });

  it('sort in the order of the instants they were recorded at, whatever the stream or command', () => {
    const instants = [0, 1, 999, 1000, 86_400_000, at.getTime(), at.getTime() + 1, Date.parse('9999-12-31T23:59:59.999Z')];
    const ids = instants.map((millis, index) => deriveEventId(`purchase-${instants.length - index}`, `cmd-${index}`, 0, new Date(millis)));
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('sort the events of one command in their order, at one instant', () => {
    const ids = Array.from({ length: 20 }, (_, index) => deriveEventId('purchase-1', 'cmd-1', index, at, `{"n":${index}}`));
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('hold instants and indexes outside their fields at the fields’ ends instead of failing', () => {
    expect(deriveEventId('s', 'c', 0, new Date(-1)).slice(0, 13)).to.equal('00000000-0000');
    expect(deriveEventId('s', 'c', 0, new Date(2 ** 50)).slice(0, 13)).to.equal('ffffffff-ffff');
    expect(deriveEventId('s', 'c', 0, new Date(Number.NaN))).to.match(UUID_V7);
    expect(deriveEventId('s', 'c', 5000, at).slice(14, 18)).to.equal('7fff');
  });

  it('reads back the milliseconds an id carries, and nothing from an id of another layout', () => {
    const at = new Date('2026-12-07T08:00:00.123Z');
    expect(eventIdMillis(deriveEventId('purchase-1', 'cmd-1', 2, at))).to.equal(at.getTime());
    expect(eventIdMillis('0f8fad5b-d9cb-469f-a165-70867728950e'), 'a random (version 4) id').to.equal(undefined);
  });
});
