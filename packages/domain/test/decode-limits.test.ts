import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { decodeCommand, MAX_LISTED_ERRORS, type InvalidCommandError } from '@csp-onprem/domain';
import { aCancellationRequest, aGetKey, aProduct, aPurchase } from '@csp-onprem/testing';

function refusal(input: unknown): InvalidCommandError {
  const decoded = decodeCommand(input);
  if (E.isRight(decoded)) return expect.fail('expected the input to be refused');
  return decoded.left;
}

/** Decodes `input` and answers the error with the milliseconds it took. */
/** The refusal of an input, and the fastest of three decodings of it: one garbage collection must not fail the bound. */
function timedRefusal(input: unknown): { error: InvalidCommandError; ms: number } {
  let fastest = Number.POSITIVE_INFINITY;
  let error: InvalidCommandError | undefined;
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    error = refusal(input);
    fastest = Math.min(fastest, performance.now() - started);
  }
  return { error: error as InvalidCommandError, ms: fastest };
}

/** A list of a million items, every one of them wrong (numbers where names belong). */
const millionNumbers = (): number[] => Array.from({ length: 1_000_000 }, (_, i) => i);

/**
 * A bound no constant-time refusal comes near (they take microseconds) and that validating
 * a million items cannot meet (that took about 2.8 s before limits came first), even on a
 * loaded machine.
 */
const CONSTANT_TIME_MS = 100;

describe('limits apply before any work on the items', () => {
  const cases: readonly (readonly [string, () => unknown, string, string])[] = [
    ['product.versions of a million wrong items', () => aPurchase({ product: { ...aProduct, versions: millionNumbers() as unknown as string[] } }), 'product.versions', 'a list of 1000000'],
    ['product.languages of a million wrong items', () => aPurchase({ product: { ...aProduct, languages: millionNumbers() as unknown as string[] } }), 'product.languages', 'a list of 1000000'],
    ['actor.roles of a million wrong items', () => aGetKey({ actor: { userId: 'u', tenantId: 'aaaaaaaa-1111-4000-8000-000000000001', roles: millionNumbers() as unknown as string[] } }), 'actor.roles', 'a list of 1000000'],
    ['attachments of a million wrong items', () => aCancellationRequest({ attachments: millionNumbers() as unknown as string[] }), 'attachments', 'a list of 1000000'],
    ['a 10 MB title', () => aPurchase({ product: { ...aProduct, title: 'x'.repeat(10_000_000) } }), 'product.title', 'a string of 10000000 characters'],
    ['a 10 MB subscription id of white space', () => aGetKey({ subscriptionId: ' '.repeat(10_000_000) }), 'subscriptionId', 'a string of 10000000 characters'],
    ['a 10 MB e-mail address', () => aCancellationRequest({ contact: { name: 'n', email: `${'a'.repeat(10_000_000)}@x.com`, phone: '+1 425 555 0100' } }), 'contact.email', 'a string of 10000006 characters'],
  ];
  for (const [what, build, path, found] of cases) {
    it(`refuses ${what} at once, with one error, without looking at the items`, () => {
      const input = build();
      const { error, ms } = timedRefusal(input);
      expect(error.errors).to.deep.equal([{ path, expected: error.errors[0]?.expected, found }]);
      expect(JSON.stringify(error).length, 'the error value stays small').to.be.below(1_000);
      expect(ms, `decoding took ${ms.toFixed(1)} ms`).to.be.below(CONSTANT_TIME_MS);
    });
  }

  it('never reads the items of a list that is too long (a Proxy counts the reads)', () => {
    let reads = 0;
    const versions = new Proxy(millionNumbers(), {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    refusal(aPurchase({ product: { ...aProduct, versions: versions as unknown as string[] } }));
    expect(reads).to.equal(0);
  });

  it('ignores unknown fields without looking at them, however many there are', () => {
    const junk = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`junk${i}`, i]));
    const input = { ...junk, ...aGetKey() };
    let ms = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run += 1) {
      const started = performance.now();
      expect(E.isRight(decodeCommand(input))).to.equal(true);
      ms = Math.min(ms, performance.now() - started);
    }
    expect(ms, `decoding took ${ms.toFixed(1)} ms`).to.be.below(CONSTANT_TIME_MS);
  });

  it(`lists at most ${MAX_LISTED_ERRORS} failing paths and says how many more there were`, () => {
    const wrong = Array.from({ length: 100 }, (_, i) => i);
    const error = refusal(aPurchase({ product: { ...aProduct, versions: wrong as unknown as string[], languages: wrong as unknown as string[] } }));
    expect(error.errors).to.have.length(MAX_LISTED_ERRORS);
    expect(error.moreErrors).to.equal(200 - MAX_LISTED_ERRORS);
    expect(error.errors[0]?.path).to.equal('product.versions.0');
    expect(error.message).to.include('(and 192 more)');
  });

  it('says nothing of more errors when every failing path is listed', () => {
    const error = refusal(aGetKey({ subscriptionId: '' }));
    expect(error.errors).to.have.length(1);
    expect(error).to.not.have.property('moreErrors');
  });

  it('still refuses a list of the right length that holds the same value twice', () => {
    const error = refusal(aPurchase({ product: { ...aProduct, versions: ['2019', '2019'] } }));
    expect(error.errors).to.deep.equal([{ path: 'product.versions', expected: 'non-empty list of unique versions', found: 'a list holding the same value twice' }]);
  });
});
