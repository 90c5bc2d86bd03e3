import { expect } from 'chai';
import { MissingPeerDependencyError, requirePeer } from '@csp-onprem/engine';

describe('loading a peer dependency', () => {
  it('answers the package when it is installed', () => {
    const either = requirePeer<{ readonly right: (value: number) => unknown }>(import.meta.url, 'fp-ts/lib/Either.js', '@csp-onprem/example');
    expect(either.right(1)).to.deep.equal({ _tag: 'Right', right: 1 });
  });

  it('throws one error naming the missing package, who needs it and the command that installs it', () => {
    expect(() => requirePeer(import.meta.url, 'csp-onprem-no-such-package', '@csp-onprem/example'))
      .to.throw(
        MissingPeerDependencyError,
        '@csp-onprem/example needs the csp-onprem-no-such-package package, which is not installed (a peer dependency, so that your application and the store share one copy): npm install csp-onprem-no-such-package',
      )
      .that.deep.includes({ code: 'MissingPeerDependency', packageName: 'csp-onprem-no-such-package', requiredBy: '@csp-onprem/example' });
  });
});
