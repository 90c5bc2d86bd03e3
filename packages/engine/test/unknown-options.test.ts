import { expect } from 'chai';
import { checkOptions, closestKey, createEngine, inMemoryStore, optionKeys, unknownOptions, type OptionsShape } from '@csp-onprem/engine';

const connection: OptionsShape = { name: "openThing's connection (first argument)", keys: ['connectionString', 'pool'] };
const settings: OptionsShape = { name: "openThing's options (second argument)", keys: ['schema', 'poolSize'] };

describe('checking options objects', () => {
  it('lets an object through whose every key is known, and leaves a non-object to the caller', () => {
    expect(() => checkOptions({ connectionString: 'x' }, connection, [settings])).to.not.throw();
    expect(() => checkOptions({}, connection)).to.not.throw();
    for (const notAnObject of [undefined, null, 'text', 3]) expect(() => checkOptions(notAnObject, connection)).to.not.throw();
  });

  it('refuses a key given to the wrong argument with a RangeError saying which argument takes it', () => {
    expect(() => checkOptions({ connectionString: 'x', schema: 'tenant_a' }, connection, [settings])).to.throw(
      RangeError,
      "openThing's connection (first argument): unknown key schema, which belongs in openThing's options (second argument). Known keys: connectionString, pool.",
    );
  });

  it('suggests the known key a typo most likely meant, and names every unknown key', () => {
    expect(() => checkOptions({ conectionString: 'x', colour: 'red' }, connection)).to.throw(
      RangeError,
      "openThing's connection (first argument): unknown keys conectionString (did you mean connectionString?); colour. Known keys: connectionString, pool.",
    );
  });

  it('refuses a key even when its value is undefined: a misspelt key is a mistake whatever it holds', () => {
    expect(() => checkOptions({ pool: undefined, poolSize: undefined }, connection, [settings])).to.throw(RangeError, /unknown key poolSize, which belongs in/);
  });

  it('gives the pieces to callers that word the message themselves, such as the CLI', () => {
    expect(unknownOptions(['pool', 'schema', 'pol', 'zzz'], connection, [settings])).to.deep.equal([
      { key: 'schema', belongsIn: ["openThing's options (second argument)"] },
      { key: 'pol', belongsIn: [], didYouMean: 'pool' },
      { key: 'zzz', belongsIn: [] },
    ]);
  });

  it('finds the closest key without regard to case, dashes or underscores, within a third of its length', () => {
    expect(closestKey('keyEncrpytionKey', ['store', 'keyEncryptionKey'])).to.equal('keyEncryptionKey');
    expect(closestKey('kek_file', ['kek-file', 'next-kek-file'])).to.equal('kek-file');
    expect(closestKey('STORE', ['store'])).to.equal('store');
    expect(closestKey('db', ['store', 'format'])).to.equal(undefined);
    expect(closestKey('anything', [])).to.equal(undefined);
  });

  it('lists an options type\'s keys once, as the compiler checks them', () => {
    interface Settings {
      readonly a: number;
      readonly b?: string;
    }
    expect(optionKeys<Settings>({ a: true, b: true })).to.deep.equal(['a', 'b']);
  });

  it('makes createEngine refuse a misspelt option instead of ignoring it', () => {
    expect(() => createEngine({ store: inMemoryStore(), maxRetrys: 3 } as never)).to.throw(RangeError, "createEngine's options: unknown key maxRetrys (did you mean maxRetries?)");
  });
});
