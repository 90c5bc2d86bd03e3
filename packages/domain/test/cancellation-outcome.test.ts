import { expect } from 'chai';
import { DAY_MS, evolveAll, initialState } from '@csp-onprem/domain';
import {
  aCancelCompleted,
  aCancellationRequest,
  aCancelRejected,
  aCancelRequested,
  aCompletion,
  aDownload,
  aFingerprint,
  aKeyIssued,
  aKeyRevoked,
  anotherVariant,
  aPaidAmount,
  aPurchase,
  aPurchased,
  aRejection,
  aVariant,
  DEFAULT_INSTANT,
  given,
  partnerAdmin,
  supportAgent,
  ticketIdAt,
} from '@csp-onprem/testing';

const day = (n: number): Date => new Date(DEFAULT_INSTANT.getTime() + n * DAY_MS);
const ticket = ticketIdAt(4);
/** Bought on day 0, two variants keyed, cancellation requested on day 59. */
const pending = [
  aPurchased(),
  { ...aKeyIssued(aVariant), occurredAt: day(1) },
  { ...aKeyIssued(anotherVariant), occurredAt: day(2) },
  { ...aCancelRequested(ticket), occurredAt: new Date(day(60).getTime() - 1) },
];

describe('completing a cancellation', () => {
  it('credits 100% of the requested amount and revokes every issued key, one KeyRevoked per key, in the same decision', () => {
    const decision = given(...pending)
      .when(aCompletion(ticket), { now: day(61) })
      .thenEmits(aCancelCompleted(ticket), aKeyRevoked(ticket, aVariant), aKeyRevoked(ticket, anotherVariant));
    expect(decision.actingRole).to.equal('Support');
  });

  it('credits 100% even when support completes long after day 60: the request date decides', () => {
    given(...pending).when(aCompletion(ticket), { now: day(365) }).thenEmits(aCancelCompleted(ticket), aKeyRevoked(ticket), aKeyRevoked(ticket, anotherVariant));
  });

  it('credits 100% of a partial request, not of what was paid', () => {
    const part = { amount: 50_000, currency: 'USD' };
    given(aPurchased(), aCancelRequested(ticketIdAt(2), { requestedAmount: part }))
      .when(aCompletion(ticketIdAt(2)))
      .thenEmits({ type: 'CancelCompleted', data: { ticketId: ticketIdAt(2), credit: part, creditPercent: 100 } });
  });

  it('applies the credit percent recorded in Purchased, rounding down to a minor unit', () => {
    const bought = aPurchased(aPurchase({ cancellationPolicy: { windowDays: 60, creditPercent: 50 } }));
    const odd = { amount: 12_345, currency: 'USD' };
    given(bought, aCancelRequested(ticketIdAt(2), { requestedAmount: odd }))
      .when(aCompletion(ticketIdAt(2)))
      .thenEmits({ type: 'CancelCompleted', data: { ticketId: ticketIdAt(2), credit: { amount: 6_172, currency: 'USD' }, creditPercent: 50 } });
  });

  it('revokes nothing when no key was issued', () => {
    given(aPurchased(), aCancelRequested(ticketIdAt(2))).when(aCompletion(ticketIdAt(2))).thenEmits(aCancelCompleted(ticketIdAt(2)));
  });

  it('leaves the purchase cancelled with its keys revoked', () => {
    const state = evolveAll(initialState, [
      ...given(...pending).events,
      ...[aCancelCompleted(ticket), aKeyRevoked(ticket), aKeyRevoked(ticket, anotherVariant)].map((e) => ({ ...e, meta: { occurredAt: day(61).toISOString() } })),
    ]);
    expect(state.status).to.equal('cancelled');
    expect(Object.values(state.keys).map((k) => [k.fingerprint, k.revoked])).to.deep.equal([
      [aFingerprint(aVariant), true],
      [aFingerprint(anotherVariant), true],
    ]);
  });

  it('refuses a ticket id that is not the open one with UnknownTicket', () => {
    given(...pending).when(aCompletion('TKT-SUB-1001-1-99')).thenFails('UnknownTicket');
  });

  it('refuses a ticket named with a subscription id that is not the purchase\'s with UnknownTicket, when decide is called on that purchase directly', () => {
    given(...pending).when(aCompletion(ticket, { subscriptionId: 'SUB-SOMEONE-ELSE' })).thenFails('UnknownTicket');
  });

  it('refuses to complete when no ticket is open with UnknownTicket', () => {
    given(aPurchased()).when(aCompletion(ticketIdAt(2))).thenFails('UnknownTicket');
  });

  it('refuses to complete a ticket twice with AlreadyCancelled', () => {
    given(...pending, aCancelCompleted(ticket), aKeyRevoked(ticket), aKeyRevoked(ticket, anotherVariant))
      .when(aCompletion(ticket))
      .thenFails('AlreadyCancelled');
  });

  it('refuses completion for a purchase that does not exist with UnknownPurchase', () => {
    given().when(aCompletion(ticket)).thenFails('UnknownPurchase');
  });

  it('refuses completion by the partner AdminAgent with Forbidden', () => {
    given(...pending).when(aCompletion(ticket, { actor: partnerAdmin() })).thenFails('Forbidden');
  });
});

describe('rejecting a cancellation', () => {
  it('records the rejection with its reason', () => {
    given(...pending).when(aRejection(ticket, { reason: 'Keys were activated' })).thenEmits(aCancelRejected(ticket, 'Keys were activated'));
  });

  it('leaves the purchase active with its keys', () => {
    const { state } = given(...pending, aCancelRejected(ticket));
    expect(state.status).to.equal('active');
    expect(state.openTicket).to.equal(null);
    expect(Object.values(state.keys).every((k) => !k.revoked)).to.equal(true);
  });

  it('lets the partner keep downloading after a rejection', () => {
    given(...pending, aCancelRejected(ticket)).when(aDownload()).thenEmits({ type: 'Downloaded', data: { variant: aVariant } });
  });

  it('lets a new request follow inside the window, and refuses one after it', () => {
    const history = given(...pending, { ...aCancelRejected(ticket), occurredAt: day(60) });
    history.when(aCancellationRequest(), { now: new Date(day(60).getTime() - 1) }).thenEmits(aCancelRequested(ticketIdAt(6)));
    history.when(aCancellationRequest(), { now: day(60) }).thenFails('CancellationWindowElapsed');
  });

  it('refuses to reject a ticket already rejected with UnknownTicket', () => {
    given(...pending, aCancelRejected(ticket)).when(aRejection(ticket)).thenFails('UnknownTicket');
  });

  it('refuses to reject on a cancelled purchase with AlreadyCancelled', () => {
    given(...pending, aCancelCompleted(ticket), aKeyRevoked(ticket), aKeyRevoked(ticket, anotherVariant))
      .when(aRejection(ticket))
      .thenFails('AlreadyCancelled');
  });

  it('refuses rejection by the partner AdminAgent with Forbidden, and accepts it from a Support agent', () => {
    given(...pending).when(aRejection(ticket, { actor: partnerAdmin() })).thenFails('Forbidden');
    given(...pending).when(aRejection(ticket, { actor: supportAgent() })).thenEmits(aCancelRejected(ticket));
  });

  it('refuses a new request on a cancelled purchase with AlreadyCancelled', () => {
    given(...pending, aCancelCompleted(ticket, aPaidAmount), aKeyRevoked(ticket), aKeyRevoked(ticket, anotherVariant))
      .when(aCancellationRequest(), { now: day(61) })
      .thenFails('AlreadyCancelled');
  });
});
