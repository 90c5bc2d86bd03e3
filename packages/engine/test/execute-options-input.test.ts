import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { checkExecuteOptions } from '@csp-onprem/engine';

function pathsOf(input: unknown): string[] {
  const checked = checkExecuteOptions(input);
  return E.isLeft(checked) ? checked.left.errors.map((e) => e.path) : [];
}

describe('checking the options given to execute', () => {
  it('answers new plain options holding the ids given, and none when none are given', () => {
    const given = { correlationId: 'conv-1', causationId: 'cmd-0', other: 1 };
    expect(checkExecuteOptions(given)).to.deep.equal(E.right({ correlationId: 'conv-1', causationId: 'cmd-0' }));
    expect(checkExecuteOptions(undefined)).to.deep.equal(E.right({}));
  });

  it('refuses ids an identifier may not hold, naming the option and never echoing a long value', () => {
    expect(pathsOf({ correlationId: 'conv\u0000' })).to.deep.equal(['options.correlationId']);
    expect(pathsOf({ causationId: 'cmd\ud800' })).to.deep.equal(['options.causationId']);
    const huge = checkExecuteOptions({ correlationId: 'x'.repeat(10_000_000) });
    expect(E.isLeft(huge) && JSON.stringify(huge.left).length).to.be.below(1_000);
  });

  it('refuses options that are not an object, or whose getters or Proxy traps throw, without throwing', () => {
    expect(pathsOf('conv-1')).to.deep.equal(['options']);
    const throwing = Object.defineProperty({}, 'causationId', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(pathsOf(throwing)).to.deep.equal(['options.causationId']);
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(pathsOf(proxy)).to.deep.equal(['options']);
  });
});
