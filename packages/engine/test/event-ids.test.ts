import { expect } from 'chai';
import { deriveEventId } from '../src/event-ids.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('event ids', () => {
  const at = new Date('2026-03-01T10:00:00.000Z');

  it('are UUIDs in the version 7 layout whose first 48 bits are the milliseconds of the instant', () => {
    const id = deriveEventId(at, 'purchase-1', 'cmd-1', 0);
    expect(id).to.match(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).to.equal(at.getTime());
  });

  it('are the same for the same stream, command, index and instant', () => {
    expect(deriveEventId(at, 'purchase-1', 'cmd-1', 0)).to.equal(deriveEventId(new Date(at.getTime()), 'purchase-1', 'cmd-1', 0));
  });

  it('differ between the events of one command, between commands and between streams', () => {
    const ids = new Set([
      deriveEventId(at, 'purchase-1', 'cmd-1', 0),
      deriveEventId(at, 'purchase-1', 'cmd-1', 1),
      deriveEventId(at, 'purchase-1', 'cmd-2', 0),
      deriveEventId(at, 'purchase-2', 'cmd-1', 0),
    ]);
    expect(ids.size).to.equal(4);
  });

  it('sort in the order of the instants they were recorded at, whatever the stream or command', () => {
    const instants = [0, 1, 999, 1000, 86_400_000, at.getTime(), at.getTime() + 1, Date.parse('9999-12-31T23:59:59.999Z')];
    const ids = instants.map((millis, index) => deriveEventId(new Date(millis), `purchase-${instants.length - index}`, `cmd-${index}`, 0));
    expect([...ids].sort()).to.deep.equal(ids);
  });

  it('hold instants outside the 48-bit range at its ends instead of failing', () => {
    expect(deriveEventId(new Date(-1), 's', 'c', 0).slice(0, 13)).to.equal('00000000-0000');
    expect(deriveEventId(new Date(2 ** 50), 's', 'c', 0).slice(0, 13)).to.equal('ffffffff-ffff');
    expect(deriveEventId(new Date(Number.NaN), 's', 'c', 0)).to.match(UUID_V7);
  });
});
