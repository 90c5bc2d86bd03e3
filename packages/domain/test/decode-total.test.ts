import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { decodeCommand, type Command, type InvalidCommandError } from '@csp-onprem/domain';
import { aCancellationRequest, aGetKey, aProduct, aPurchase } from '@csp-onprem/testing';

function refusal(input: unknown): InvalidCommandError {
  let decoded: ReturnType<typeof decodeCommand>;
  try {
    decoded = decodeCommand(input);
  } catch (cause) {
    return expect.fail(`decodeCommand threw instead of answering a value: ${String(cause)}`);
  }
  if (E.isRight(decoded)) return expect.fail('expected the input to be refused');
  return decoded.left;
}

/** `command` with a getter at `key` that throws what `thrown` makes. */
function withThrowingGetter(command: object, key: string, thrown: () => unknown = () => new Error('secret token 1234 leaked')): object {
  const copy: Record<string, unknown> = { ...command };
  delete copy[key];
  return Object.defineProperty(copy, key, {
    enumerable: true,
    get() {
      throw thrown();
    },
  });
}

/** A Proxy around `target` whose every trap throws. */
function hostileProxy(target: object): object {
  const fail = (): never => {
    throw new TypeError('trap');
  };
  return new Proxy(target, { get: fail, has: fail, ownKeys: fail, getOwnPropertyDescriptor: fail, getPrototypeOf: fail });
}

describe('decoding never throws: whatever the input, the answer is a value', () => {
  it('refuses a field whose getter throws, naming its path and the kind of error, never its message', () => {
    const error = refusal(withThrowingGetter(aGetKey(), 'subscriptionId'));
    expect(error.errors).to.deep.equal([{ path: 'subscriptionId', expected: error.errors[0]?.expected, found: 'a value that threw Error when read' }]);
    expect(JSON.stringify(error)).to.not.include('secret');
  });

  it('refuses a type field whose getter throws, naming type', () => {
    expect(refusal(withThrowingGetter(aGetKey(), 'type')).errors.map((e) => e.path)).to.deep.equal(['type']);
  });

  it('refuses a getter that throws something other than an Error, deep in the command', () => {
    const actor = withThrowingGetter(aGetKey().actor, 'roles', () => 'a string, not an Error');
    const error = refusal({ ...aGetKey(), actor });
    expect(error.errors).to.deep.equal([{ path: 'actor.roles', expected: error.errors[0]?.expected, found: 'a value that threw string when read' }]);
  });

  it('refuses a list item whose getter throws, naming the item', () => {
    const versions = ['2019', '2016'];
    Object.defineProperty(versions, 1, {
      get() {
        throw new RangeError('no');
      },
    });
    const error = refusal(aPurchase({ product: { ...aProduct, versions } }));
    expect(error.errors.map((e) => [e.path, e.found])).to.deep.equal([['product.versions.1', 'a value that threw RangeError when read']]);
  });

  it('refuses a command, a nested object or a list that is a Proxy whose traps throw', () => {
    expect(refusal(hostileProxy(aGetKey())).errors.map((e) => e.path)).to.deep.equal(['type']);
    expect(refusal({ ...aGetKey(), variant: hostileProxy(aGetKey().variant) }).errors.map((e) => e.path)).to.deep.equal([
      'variant.version',
      'variant.language',
      'variant.bitness',
    ]);
    expect(refusal(aPurchase({ product: { ...aProduct, languages: hostileProxy(['en-us']) as string[] } })).errors.map((e) => e.path)).to.deep.equal([
      'product.languages',
    ]);
  });

  it('refuses a revoked Proxy, at the top or inside, without throwing', () => {
    const revoked = (): object => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    };
    expect(refusal(revoked()).errors.map((e) => e.path)).to.deep.equal(['']);
    expect(refusal({ ...aCancellationRequest(), contact: revoked() }).errors.map((e) => e.path)).to.deep.equal(['contact']);
    expect(refusal({ ...aCancellationRequest(), attachments: revoked() }).errors.map((e) => e.path)).to.deep.equal(['attachments']);
  });

  it('reads each field once and answers new plain data, so a getter cannot change the command after it was checked', () => {
    let reads = 0;
    const input = Object.defineProperty({ ...aGetKey() } as Record<string, unknown>, 'subscriptionId', {
      enumerable: true,
      get() {
        reads += 1;
        if (reads > 1) throw new Error('read twice');
        return 'SUB-1001-1';
      },
    });
    const decoded = decodeCommand(input);
    if (E.isLeft(decoded)) return expect.fail(decoded.left.message);
    const command: Command = decoded.right;
    expect(reads).to.equal(1);
    expect(command).to.not.equal(input);
    expect(Object.getOwnPropertyDescriptor(command, 'subscriptionId')).to.have.property('value', 'SUB-1001-1');
    expect(command.type === 'GetKey' && command.variant).to.not.equal(input['variant']);
  });

  it('takes no field from the prototype chain: an inherited field is a missing field', () => {
    const { subscriptionId, ...rest } = aGetKey();
    const input = Object.assign(Object.create({ subscriptionId }) as object, rest);
    expect(refusal(input).errors.map((e) => e.path)).to.deep.equal(['subscriptionId']);
  });
});
