import { expect } from 'chai';
import { DEFAULT_CANCELLATION_POLICY } from '@csp-onprem/domain';
import {
  aProduct,
  aPurchase,
  aPurchased,
  customerGlobalAdmin,
  given,
  partnerAdmin,
  tenants,
} from '@csp-onprem/testing';

describe('buying software on behalf of a customer', () => {
  it('records the purchase with paid = quantity x unit price in integer minor units', () => {
    const command = aPurchase({ quantity: 3, unitPrice: { amount: 12_345, currency: 'USD' } });
    const decision = given().when(command).thenEmits(aPurchased(command));
    const event = decision.events[0];
    if (event?.type !== 'Purchased') return expect.fail('expected Purchased');
    expect(event.data.paid).to.deep.equal({ amount: 37_035, currency: 'USD' });
    expect(Number.isInteger(event.data.paid.amount)).to.equal(true);
  });

  it('accepts a free order line (unit price zero) and records zero paid', () => {
    const command = aPurchase({ unitPrice: { amount: 0, currency: 'USD' } });
    given().when(command).thenEmits(aPurchased(command));
  });

  it('refuses a paid amount beyond a safe integer as InvalidCommand naming quantity', () => {
    const error = given()
      .when(aPurchase({ quantity: 1_000_000, unitPrice: { amount: Number.MAX_SAFE_INTEGER - 1, currency: 'USD' } }))
      .thenFails('InvalidCommand');
    expect(error).to.have.property('errors').that.deep.includes.members([
      { path: 'quantity', expected: 'quantity x unitPrice.amount within a safe integer', found: '1000000' },
    ]);
  });

  it('records the default policy of the guide (60 days, 100% credit) when none is given', () => {
    const decision = given().when(aPurchase()).thenEmits(aPurchased(aPurchase()));
    const event = decision.events[0];
    expect(event?.type === 'Purchased' && event.data.cancellationPolicy).to.deep.equal({ windowDays: 60, creditPercent: 100 });
    expect(DEFAULT_CANCELLATION_POLICY).to.deep.equal({ windowDays: 60, creditPercent: 100 });
  });

  it('records another cancellation policy when the command carries one', () => {
    const command = aPurchase({ cancellationPolicy: { windowDays: 30, creditPercent: 100 } });
    const decision = given().when(command).thenEmits(aPurchased(command));
    const event = decision.events[0];
    expect(event?.type === 'Purchased' && event.data.cancellationPolicy).to.deep.equal({ windowDays: 30, creditPercent: 100 });
  });

  it('refuses a cancellation policy of zero days or more than 100% as InvalidCommand', () => {
    given().when({ ...aPurchase(), cancellationPolicy: { windowDays: 0, creditPercent: 100 } }).thenFails('InvalidCommand');
    given().when({ ...aPurchase(), cancellationPolicy: { windowDays: 30, creditPercent: 101 } }).thenFails('InvalidCommand');
  });

  it('acts as the AdminAgent of the buying partner', () => {
    expect(given().when(aPurchase()).thenEmits(aPurchased(aPurchase())).actingRole).to.equal('AdminAgent');
  });

  it('refuses a second purchase of the same subscription id with DuplicatePurchase', () => {
    given(aPurchased()).when(aPurchase({ orderId: 'ORD-2002' })).thenFails('DuplicatePurchase');
  });

  it('refuses a partner buying in the name of another partner with Forbidden', () => {
    given().when(aPurchase({ actor: partnerAdmin(tenants.otherPartner) })).thenFails('Forbidden');
  });

  it('refuses a customer GlobalAdmin buying with Forbidden', () => {
    given().when(aPurchase({ actor: customerGlobalAdmin() })).thenFails('Forbidden');
  });

  it('keeps the variants the product offers on the purchase', () => {
    const decision = given().when(aPurchase()).thenEmits(aPurchased(aPurchase()));
    const event = decision.events[0];
    expect(event?.type === 'Purchased' && event.data.product).to.deep.equal(aProduct);
  });
});
