import { expect } from 'chai';
import { isSupportedNodeVersion, requireSupportedNode, SUPPORTED_NODE_VERSIONS, UnsupportedNodeVersionError } from '@csp-onprem/engine';

describe('the Node.js versions the packages run on', () => {
  it('are those that require() ES modules without a flag: 20.19 and later on 20, 22.12 and later, and every later line', () => {
    for (const version of ['20.19.0', '20.20.2', '22.12.0', '22.20.1', '23.0.0', '24.9.0', '26.1.0']) expect(isSupportedNodeVersion(version), version).to.equal(true);
    for (const version of ['18.20.4', '20.0.0', '20.18.3', '21.7.3', '22.0.0', '22.11.0']) expect(isSupportedNodeVersion(version), version).to.equal(false);
  });

  it('include the one running these tests', () => {
    expect(() => requireSupportedNode()).to.not.throw();
  });

  it('refuse an older Node.js with one error naming the version found and what to install', () => {
    expect(() => requireSupportedNode('20.10.0'))
      .to.throw(UnsupportedNodeVersionError, `csp-onprem needs Node.js 20.19 or later on the 20 line, or 22.12 or later (${SUPPORTED_NODE_VERSIONS}); this is Node.js 20.10.0: upgrade Node.js`)
      .with.property('code', 'UnsupportedNodeVersion');
  });
});
