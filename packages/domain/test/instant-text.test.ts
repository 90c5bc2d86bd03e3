import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { parseInstantText } from '@csp-onprem/domain';

const iso = (text: string, day?: 'start' | 'end') => E.map((date: Date) => date.toISOString())(parseInstantText(text, day));

describe('an instant typed as text', () => {
  it('reads ISO-8601 instants with Z or an offset, to the millisecond, however many fraction digits are sent', () => {
    expect(iso('2025-03-01T09:30Z')).to.deep.equal(E.right('2025-03-01T09:30:00.000Z'));
    expect(iso('2025-03-01T09:30:15+01:00')).to.deep.equal(E.right('2025-03-01T08:30:15.000Z'));
    expect(iso('2025-03-01T09:30:15.123456Z')).to.deep.equal(E.right('2025-03-01T09:30:15.123Z'));
  });

  it('reads a bare day only when told where in the day it falls', () => {
    expect(iso('2025-03-01')).to.deep.equal(E.left('not-an-instant'));
    expect(iso('2025-03-01', 'start')).to.deep.equal(E.right('2025-03-01T00:00:00.000Z'));
    expect(iso('2025-03-01', 'end')).to.deep.equal(E.right('2025-03-01T23:59:59.999Z'));
    expect(iso('2025-02-30', 'end')).to.deep.equal(E.left('not-a-calendar-day'));
  });

  it('refuses a time without a zone instead of reading it in the local zone, and days and times the calendar and clock lack', () => {
    expect(iso('2025-03-01T09:30:00')).to.deep.equal(E.left('no-time-zone'));
    for (const text of ['2025-02-30T00:00Z', '2025-03-01T24:00Z', '2025-03-01T09:60Z', '2025-03-01T09:30:60Z', 'yesterday', '']) {
      expect(iso(text), text).to.deep.equal(E.left('not-an-instant'));
    }
  });
});
