import { expect } from 'chai';
import fc from 'fast-check';
import { formatMoney, percentOf } from '@csp-onprem/domain';

describe('money shown to people', () => {
  it('groups thousands and shows two decimals for a currency with cents, with the currency', () => {
    expect(formatMoney({ amount: 123_456_789, currency: 'USD' })).to.equal('1,234,567.89 USD');
    expect(formatMoney({ amount: 5, currency: 'EUR' })).to.equal('0.05 EUR');
    expect(formatMoney({ amount: 100, currency: 'GBP' })).to.equal('1.00 GBP');
  });

  it('shows as many decimals as the currency\'s minor unit has: none for yen, three for Bahraini dinar', () => {
    expect(formatMoney({ amount: 1_234_567, currency: 'JPY' })).to.equal('1,234,567 JPY');
    expect(formatMoney({ amount: 1_234, currency: 'BHD' })).to.equal('1.234 BHD');
    expect(formatMoney({ amount: 5, currency: 'KWD' })).to.equal('0.005 KWD');
  });

  it('shows two decimals for a well-formed code it does not know', () => {
    expect(formatMoney({ amount: 12_345, currency: 'QQQ' })).to.equal('123.45 QQQ');
  });

  it('takes a percentage rounded down to a whole minor unit, exact for every safe amount', () => {
    expect(percentOf({ amount: 199, currency: 'USD' }, 50)).to.deep.equal({ amount: 99, currency: 'USD' });
    expect(percentOf({ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' }, 100)).to.deep.equal({ amount: Number.MAX_SAFE_INTEGER, currency: 'USD' });
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 100 }), (amount, percent) => {
        const exact = Number((BigInt(amount) * BigInt(percent)) / 100n);
        expect(percentOf({ amount, currency: 'USD' }, percent)).to.deep.equal({ amount: exact, currency: 'USD' });
      }),
    );
  });
});
