import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'chai';
import fc from 'fast-check';
import { START } from '@kurrent/kurrentdb-client';
import { positionOfCommit, readPositionAfter } from '@csp-onprem/store-kurrentdb/mapping';

function failure(result: E.Either<{ readonly code: string; readonly message: string }, number>): { readonly code: string; readonly message: string } {
  if (E.isRight(result)) throw new Error(`expected a failure, got ${result.right}`);
  return result.left;
}

describe('mapping KurrentDB commit positions to positions', () => {
  it('takes a commit position as the position, exactly, up to Number.MAX_SAFE_INTEGER', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: BigInt(Number.MAX_SAFE_INTEGER) }), (commit) => {
        const position = positionOfCommit(commit, 'reading');
        expect(position).to.deep.equal(E.right(Number(commit)));
        if (E.isRight(position)) expect(BigInt(position.right)).to.equal(commit);
      }),
    );
  });

  it('answers StoreUnavailable for a commit position above Number.MAX_SAFE_INTEGER, saying why', () => {
    for (const commit of [BigInt(Number.MAX_SAFE_INTEGER) + 1n, 2n ** 63n, 2n ** 64n - 1n]) {
      const error = failure(positionOfCommit(commit, 'kurrentdb:db: reading the global order'));
      expect(error.code).to.equal('StoreUnavailable');
      expect(error.message).to.contain('kurrentdb:db: reading the global order').and.contain(String(commit)).and.contain('Number.MAX_SAFE_INTEGER');
    }
  });

  it('answers StoreUnavailable when the server gives no commit position, naming the server version that does', () => {
    const error = failure(positionOfCommit(undefined, 'reading csp-software-1'));
    expect(error.code).to.equal('StoreUnavailable');
    expect(error.message).to.contain('22.6');
  });

  it('answers StoreUnavailable for a commit position that is not positive', () => {
    expect(failure(positionOfCommit(0n, 'reading')).code).to.equal('StoreUnavailable');
    expect(failure(positionOfCommit(-1n, 'reading')).code).to.equal('StoreUnavailable');
  });

  it('reads the global order from the start when after is 0 or less', () => {
    expect(readPositionAfter(0)).to.equal(START);
    expect(readPositionAfter(-3)).to.equal(START);
    expect(readPositionAfter(Number.NaN)).to.equal(START);
  });

  it('reads the global order from the record at position after, as a commit and prepare position', () => {
    expect(readPositionAfter(1234)).to.deep.equal({ commit: 1234n, prepare: 1234n });
    expect(readPositionAfter(Number.MAX_SAFE_INTEGER)).to.deep.equal({ commit: BigInt(Number.MAX_SAFE_INTEGER), prepare: BigInt(Number.MAX_SAFE_INTEGER) });
    expect(readPositionAfter(12.7)).to.deep.equal({ commit: 12n, prepare: 12n });
  });
});
