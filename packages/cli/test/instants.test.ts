import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { parseAsOf, parseInstant } from '@csp-onprem/cli';

function answer<A>(result: E.Either<string, A>): A | { error: string } {
  return E.isRight(result) ? result.right : { error: result.left };
}

describe('parsing instants and positions given on the command line', () => {
  it('reads a bare UTC day as its first millisecond, or its last for an end of range', () => {
    expect(answer(parseInstant('--from', '2025-03-01'))).to.deep.equal(new Date('2025-03-01T00:00:00.000Z'));
    expect(answer(parseInstant('--to', '2025-03-01', 'end'))).to.deep.equal(new Date('2025-03-01T23:59:59.999Z'));
  });

  it('reads an instant with Z or an offset, to the millisecond', () => {
    expect(answer(parseInstant('--from', '2025-03-01T09:30Z'))).to.deep.equal(new Date('2025-03-01T09:30:00.000Z'));
    expect(answer(parseInstant('--from', '2025-03-01T09:30:15.250+01:00'))).to.deep.equal(new Date('2025-03-01T08:30:15.250Z'));
  });

  it('refuses a time without a zone, a day not on the calendar and anything not ISO-8601, naming the option', () => {
    expect(answer(parseInstant('--to', '2025-03-01T09:30'))).to.deep.equal({ error: '--to 2025-03-01T09:30 has no time zone: add Z (UTC) or an offset such as +01:00' });
    expect(answer(parseInstant('--to', '2025-02-29'))).to.deep.equal({ error: '--to 2025-02-29 is not a date on the calendar' });
    for (const text of ['yesterday', '03/01/2025', '2025-03-01T25:00Z', '2025-3-1', '1740787200']) {
      expect(answer(parseInstant('--from', text))).to.deep.equal({ error: `--from ${text} is not an ISO-8601 instant such as 2025-03-01 or 2025-03-01T09:30:00Z` });
    }
  });

  it('reads --as-of as a global position when it is a whole number, else as an instant (a bare day: its end)', () => {
    expect(answer(parseAsOf('42'))).to.deep.equal({ kind: 'position', position: 42 });
    expect(answer(parseAsOf('2024-02-29'))).to.deep.equal({ kind: 'instant', instant: new Date('2024-02-29T23:59:59.999Z') });
    expect(answer(parseAsOf('-3'))).to.have.property('error');
  });
});
