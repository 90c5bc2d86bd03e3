import { expect } from 'chai';
import { CANCELLATION_ISSUE_TYPE, DAY_MS, type EventOf } from '@csp-onprem/domain';
import {
  aCancellationRequest,
  aCancelRejected,
  aCancelRequested,
  aPaidAmount,
  aPurchase,
  aPurchased,
  customerGlobalAdmin,
  DEFAULT_INSTANT,
  domains,
  given,
  ids,
  partnerAdmin,
  supportAgent,
  tenants,
  ticketIdAt,
} from '@csp-onprem/testing';

const purchasedAt = DEFAULT_INSTANT.getTime();
const at = (ms: number): Date => new Date(purchasedAt + ms);

/** The `CancelRequested` a request for the paid amount opens on day 1, naming the purchase by `reference`. */
function ticketOpened(request: ReturnType<typeof aCancellationRequest>, reference: { subscriptionId: string } | { orderId: string }): EventOf<'CancelRequested'> {
  const named = 'orderId' in reference ? `order ${reference.orderId}` : `subscription ${reference.subscriptionId}`;
  return {
    type: 'CancelRequested',
    data: {
      ticketId: ticketIdAt(2),
      issueType: CANCELLATION_ISSUE_TYPE,
      customer: { tenantId: tenants.customer },
      ...reference,
      refundReason: request.refundReason,
      requestedAmount: aPaidAmount,
      impact: request.impact,
      title: request.title,
      description: [`Customer: ${tenants.customer}`, `Reference: ${named}`, `Refund reason: ${request.refundReason}`, 'Requested amount: 1,944.00 USD'].join('\n'),
      contact: request.contact,
      attachments: request.attachments ?? [],
    },
  };
}

describe('requesting a cancellation', () => {
  it('opens a ticket with the fixed issue type, the four items in the description, the contact and attachments', () => {
    const request = aCancellationRequest({ attachments: ['invoice-1001.pdf'] });
    const decision = given(aPurchased())
      .when(request, { now: at(DAY_MS) })
      .thenEmits(ticketOpened(request, { subscriptionId: ids.subscriptionId }));
    expect(decision.actingRole).to.equal('AdminAgent');
  });

  it('opens a ticket for a request by order id alone, recording the order id and "Reference: order <orderId>" in the description', () => {
    const { subscriptionId: _s, ...byOrder } = aCancellationRequest({ orderId: ids.orderId });
    const decision = given(aPurchased())
      .when(byOrder, { now: at(DAY_MS) })
      .thenEmits(ticketOpened(byOrder, { orderId: ids.orderId }));
    const [event] = decision.events;
    expect(event?.data).to.include({ orderId: ids.orderId }).and.not.to.have.property('subscriptionId');
    expect(event?.data).to.have.property('description').that.includes(`Reference: order ${ids.orderId}`);
  });

  it('accepts a request 1 ms before purchasedAt + 60 days', () => {
    given(aPurchased()).when(aCancellationRequest(), { now: at(60 * DAY_MS - 1) }).thenEmits(aCancelRequested(ticketIdAt(2)));
  });

  it('refuses a request at exactly purchasedAt + 60 days with CancellationWindowElapsed, naming the deadline', () => {
    const error = given(aPurchased()).when(aCancellationRequest(), { now: at(60 * DAY_MS) }).thenFails('CancellationWindowElapsed');
    expect(error.message).to.include(at(60 * DAY_MS).toISOString());
  });

  it('refuses a request 1 ms after purchasedAt + 60 days with CancellationWindowElapsed, as at exactly 60 days', () => {
    const history = given(aPurchased());
    history.when(aCancellationRequest(), { now: at(60 * DAY_MS) }).thenFails('CancellationWindowElapsed');
    history.when(aCancellationRequest(), { now: at(60 * DAY_MS + 1) }).thenFails('CancellationWindowElapsed');
  });

  it('refuses a request long after the window', () => {
    given(aPurchased()).when(aCancellationRequest(), { now: at(400 * DAY_MS) }).thenFails('CancellationWindowElapsed');
  });

  it('measures the window from when the purchase occurred, not from the default instant', () => {
    const later = new Date(purchasedAt + 10 * DAY_MS);
    const bought = { ...aPurchased(), occurredAt: later };
    given(bought).when(aCancellationRequest(), { now: new Date(later.getTime() + 60 * DAY_MS - 1) }).thenEmits(aCancelRequested(ticketIdAt(2)));
    given(bought).when(aCancellationRequest(), { now: new Date(later.getTime() + 60 * DAY_MS) }).thenFails('CancellationWindowElapsed');
  });

  it('decides by the clock reading it is given: the same history and command differ only by now', () => {
    const history = given(aPurchased());
    const command = aCancellationRequest();
    history.when(command, { now: at(59 * DAY_MS) }).thenEmits(aCancelRequested(ticketIdAt(2)));
    history.when(command, { now: at(61 * DAY_MS) }).thenFails('CancellationWindowElapsed');
  });

  it('applies a 30-day policy recorded in Purchased (29 d 23:59:59.999 accepted, 30 d refused)', () => {
    const bought = aPurchased(aPurchase({ cancellationPolicy: { windowDays: 30, creditPercent: 100 } }));
    given(bought).when(aCancellationRequest(), { now: at(30 * DAY_MS - 1) }).thenEmits(aCancelRequested(ticketIdAt(2)));
    const error = given(bought).when(aCancellationRequest(), { now: at(30 * DAY_MS) }).thenFails('CancellationWindowElapsed');
    expect(error.message).to.include('30-day');
  });

  it('accepts a refund of part of what was paid', () => {
    const part = { amount: 1, currency: 'USD' };
    given(aPurchased())
      .when(aCancellationRequest({ requestedAmount: part }))
      .thenEmits(aCancelRequested(ticketIdAt(2), { requestedAmount: part }));
  });

  it('accepts a refund of exactly what was paid', () => {
    given(aPurchased())
      .when(aCancellationRequest({ requestedAmount: aPaidAmount }))
      .thenEmits(aCancelRequested(ticketIdAt(2)));
  });

  it('refuses a refund of one minor unit more than was paid with AmountExceedsPaid', () => {
    const error = given(aPurchased())
      .when(aCancellationRequest({ requestedAmount: { amount: aPaidAmount.amount + 1, currency: 'USD' } }))
      .thenFails('AmountExceedsPaid');
    expect(error.message).to.include('1,944.01 USD').and.to.include('1,944.00 USD');
  });

  it('refuses a refund in another currency with CurrencyMismatch', () => {
    given(aPurchased()).when(aCancellationRequest({ requestedAmount: { amount: 100, currency: 'EUR' } })).thenFails('CurrencyMismatch');
  });

  it('accepts a refund in the currency of a purchase paid in EUR', () => {
    const bought = aPurchased(aPurchase({ unitPrice: { amount: 89_900, currency: 'EUR' } }));
    const paidInEur = { amount: 179_800, currency: 'EUR' };
    given(bought)
      .when(aCancellationRequest({ requestedAmount: paidInEur }))
      .thenEmits(aCancelRequested(ticketIdAt(2), { requestedAmount: paidInEur }));
  });

  it('refuses a refund in USD of a purchase paid in EUR with CurrencyMismatch', () => {
    const bought = aPurchased(aPurchase({ unitPrice: { amount: 89_900, currency: 'EUR' } }));
    given(bought).when(aCancellationRequest({ requestedAmount: { amount: 100, currency: 'USD' } })).thenFails('CurrencyMismatch');
  });

  it('refuses a refund of zero as InvalidCommand', () => {
    given(aPurchased()).when({ ...aCancellationRequest(), requestedAmount: { amount: 0, currency: 'USD' } }).thenFails('InvalidCommand');
  });

  it('matches the customer by domain as well as by tenant GUID, ignoring case', () => {
    given(aPurchased())
      .when(aCancellationRequest({ customer: { domain: domains.customer.toUpperCase() } }))
      .thenEmits(aCancelRequested(ticketIdAt(2), { customer: { domain: domains.customer.toUpperCase() } }));
  });

  it('refuses another tenant GUID with CustomerMismatch', () => {
    given(aPurchased()).when(aCancellationRequest({ customer: { tenantId: tenants.otherCustomer } })).thenFails('CustomerMismatch');
  });

  it('refuses another domain with CustomerMismatch', () => {
    given(aPurchased()).when(aCancellationRequest({ customer: { domain: domains.other } })).thenFails('CustomerMismatch');
  });

  it('refuses a right tenant GUID with a wrong domain with CustomerMismatch', () => {
    given(aPurchased())
      .when(aCancellationRequest({ customer: { tenantId: tenants.customer, domain: domains.other } }))
      .thenFails('CustomerMismatch');
  });

  it('refuses a subscription id that is not this purchase with UnknownPurchase', () => {
    given(aPurchased()).when(aCancellationRequest({ subscriptionId: 'SUB-9999-1' })).thenFails('UnknownPurchase');
  });

  it('refuses an order id that does not hold the purchase with UnknownPurchase', () => {
    given(aPurchased()).when(aCancellationRequest({ orderId: 'ORD-9999' })).thenFails('UnknownPurchase');
  });

  it('refuses a request for a purchase that does not exist with UnknownPurchase', () => {
    given().when(aCancellationRequest()).thenFails('UnknownPurchase');
  });

  it('allows one open request at a time: a second is refused with CancellationPending', () => {
    const error = given(aPurchased(), aCancelRequested(ticketIdAt(2)))
      .when(aCancellationRequest(), { now: at(DAY_MS) })
      .thenFails('CancellationPending');
    expect(error.message).to.include(ticketIdAt(2));
  });

  it('accepts a new request after a rejection, with a new ticket id', () => {
    given(aPurchased(), aCancelRequested(ticketIdAt(2)), aCancelRejected(ticketIdAt(2)))
      .when(aCancellationRequest(), { now: at(2 * DAY_MS) })
      .thenEmits(aCancelRequested(ticketIdAt(4)));
  });

  it('refuses the customer GlobalAdmin, another partner and Support with Forbidden', () => {
    for (const actor of [customerGlobalAdmin(), partnerAdmin(tenants.otherPartner), supportAgent()]) {
      given(aPurchased()).when(aCancellationRequest({ actor })).thenFails('Forbidden');
    }
  });
});
