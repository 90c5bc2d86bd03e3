import { expect } from 'chai';
import { purchaseStreamId, subscriptionOfStream } from '@csp-onprem/engine';

const PARTNER = '11111111-1111-4111-8111-111111111111';

describe('purchase stream ids', () => {
  it('give back the subscription id a purchase stream was named with, a slash inside it included', () => {
    for (const subscriptionId of ['SUB-A1', 'SUB/1', `${PARTNER}/x`]) {
      expect(subscriptionOfStream(purchaseStreamId(PARTNER.toUpperCase(), subscriptionId))).to.equal(subscriptionId);
    }
  });

  it('read the older streams not keyed by partner whole, a slash inside the subscription id included', () => {
    expect(subscriptionOfStream('csp-software-SUB-OLD')).to.equal('SUB-OLD');
    expect(subscriptionOfStream('csp-software-SUB/1')).to.equal('SUB/1');
  });

  it('name no subscription for a stream of another kind or an empty one', () => {
    expect(subscriptionOfStream('other-stream')).to.equal(undefined);
    expect(subscriptionOfStream('csp-software-')).to.equal(undefined);
  });
});
