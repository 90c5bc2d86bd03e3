import { expect } from 'chai';
import fc from 'fast-check';
import { CommandIdSet } from '@csp-onprem/engine';

const anId = fc.string({ unit: fc.constantFrom('a', 'b', '\n'), maxLength: 4 });

describe('a command id set', () => {
  it('holds exactly the ids added, never an id that is only part of one', () => {
    const ids = CommandIdSet.EMPTY.with(['buy-1', 'key-12', 'cancel']);
    expect(['buy-1', 'key-12', 'cancel'].map((id) => ids.has(id))).to.deep.equal([true, true, true]);
    expect(['buy', 'buy-', 'uy-1', 'key-1', 'ey-12', 'cancel\n', '', '\n', 'buy-1\nkey-12'].map((id) => ids.has(id))).to.deep.equal(
      Array<boolean>(9).fill(false),
    );
  });

  it('keeps an id that contains a line feed apart, and still knows it', () => {
    const ids = CommandIdSet.EMPTY.with(['a', 'b\nc', 'd']);
    expect(ids.has('b\nc')).to.equal(true);
    expect(ids.has('b')).to.equal(false);
    expect(ids.has('c')).to.equal(false);
    expect(ids.size).to.equal(3);
    expect([...ids].sort()).to.deep.equal(['a', 'b\nc', 'd']);
  });

  it('adds an id once, and answers the same set when nothing is new', () => {
    const ids = CommandIdSet.EMPTY.with(['a', 'a', 'b\nc', 'b\nc']);
    expect(ids.size).to.equal(2);
    expect(ids.with(['a', 'b\nc'])).to.equal(ids);
  });

  it('leaves the set it was made from unchanged', () => {
    const before = CommandIdSet.EMPTY.with(['a']);
    const after = before.with(['b']);
    expect(before.has('b')).to.equal(false);
    expect([...before]).to.deep.equal(['a']);
    expect([...after]).to.deep.equal(['a', 'b']);
    expect(CommandIdSet.EMPTY.size).to.equal(0);
  });

  it('answers like a Set of the same ids for any ids added in any batches', () => {
    fc.assert(
      // A small alphabet with the line feed, so ids are often parts of one another or kept aside.
      fc.property(fc.array(fc.array(anId, { maxLength: 6 }), { maxLength: 6 }), fc.array(anId), (batches, probes) => {
        const ids = batches.reduce((set, batch) => set.with(batch), CommandIdSet.EMPTY);
        const expected = new Set(batches.flat());
        expect(ids.size).to.equal(expected.size);
        expect([...ids].sort()).to.deep.equal([...expected].sort());
        for (const probe of [...probes, ...expected]) expect(ids.has(probe)).to.equal(expected.has(probe), JSON.stringify(probe));
      }),
    );
  });

  it('can be walked like a set of ids, without claiming to be a ReadonlySet', () => {
    const ids = CommandIdSet.EMPTY.with(['a', 'b']);
    const seen: string[] = [];
    ids.forEach((value, key, set) => {
      expect(set).to.equal(ids);
      seen.push(`${key}=${value}`);
    });
    expect(seen).to.deep.equal(['a=a', 'b=b']);
    expect([...ids.entries()]).to.deep.equal([
      ['a', 'a'],
      ['b', 'b'],
    ]);
    expect([...ids.keys()]).to.deep.equal(['a', 'b']);
  });
});
