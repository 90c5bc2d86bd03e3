import { expect } from 'chai';
import { formatMoney, percentOf } from '@csp-onprem/domain';

describe('money shown to people', () => {
  it('groups thousands and always shows two decimals with the currency', () => {
    expect(formatMoney({ amount: 123_456_789, currency: 'USD' })).to.equal('1,234,567.89 USD');
    expect(formatMoney({ amount: 5, currency: 'EUR' })).to.equal('0.05 EUR');
    expect(formatMoney({ amount: 100, currency: 'GBP' })).to.equal('1.00 GBP');
  });

  it('takes a percentage rounded down to a whole minor unit, exact for every safe amount', () => {
    expect(percentOf({ amount: 199, currency: 'USD' }, 50)).to.deep.equal({ amount: 99, currency: 'USD' });
    expect(percentOf({ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' }, 100)).to.deep.equal({ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' });
  });
});
