import { expect } from 'chai';
import * as E from 'fp-ts/lib/Either.js';
import { createEngine, decodeStoredEvent, inMemoryStore, manualClock, TicketQueueProjection, type Engine } from '@csp-onprem/engine';
import { executeAsActor } from '@csp-onprem/testing';
import { admin, CUSTOMER, PARTNER, purchase, right } from './support.js';

const OTHER_PARTNER = '33333333-3333-4333-8333-333333333333';
const OTHER_CUSTOMER = '44444444-4444-4444-8444-444444444444';
const support = { userId: 'desk@support.example', tenantId: '55555555-5555-4555-8555-555555555555', roles: ['Support'] };
const contact = { name: 'Alice', email: 'alice@partner.example', phone: '+1 425 555 0100' };

function requestFor(subscriptionId: string, actor = admin, customer = CUSTOMER) {
  return {
    type: 'RequestCancellation',
    commandId: `cancel-${subscriptionId}-${actor.tenantId}`,
    actor,
    customer: { tenantId: customer },
    subscriptionId,
    refundReason: 'Ordered the wrong edition',
    requestedAmount: { amount: 500, currency: 'USD' },
    impact: 'Moderate',
    title: `Cancel ${subscriptionId}`,
    contact,
    attachments: ['invoice.pdf'],
  };
}

/** Three purchases with a ticket each, requested a minute apart: s1 and s2 by the partner, o1 by another partner for another customer. */
async function threeTickets(): Promise<{ engine: Engine; ids: string[] }> {
  const clock = manualClock(new Date('2025-02-03T10:00:00.000Z'));
  const engine = createEngine({ store: inMemoryStore(), clock: clock.now });
  const other = { ...admin, userId: 'olga@other.example', tenantId: OTHER_PARTNER };
  right(await executeAsActor(engine, purchase('s1')));
  right(await executeAsActor(engine, purchase('s2')));
  right(await executeAsActor(engine, { ...purchase('o1'), actor: other, partnerId: OTHER_PARTNER, customer: { tenantId: OTHER_CUSTOMER, domain: 'fabrikam.onmicrosoft.com' } }));
  const ids: string[] = [];
  for (const [subscriptionId, actor, customer] of [['s2', admin, CUSTOMER], ['o1', other, OTHER_CUSTOMER], ['s1', admin, CUSTOMER]] as const) {
    clock.advance(60_000);
    const requested = right(await executeAsActor(engine, requestFor(subscriptionId, actor, customer)));
    ids.push((requested.events[0]?.data as { ticketId: string }).ticketId);
  }
  return { engine, ids };
}

describe('the ticket queue', () => {
  it('lists every open ticket to Support, oldest request first, with every field of the request', async () => {
    const { engine, ids } = await threeTickets();
    const queue = right(await engine.as(support).tickets({ status: 'open' }));
    expect(queue.map((ticket) => ticket.ticketId)).to.deep.equal(ids);
    expect(queue[0]).to.deep.include({
      status: 'open',
      issueType: 'CSP purchase/refund on behalf of customer',
      subscriptionId: 's2',
      orderId: 'order-s2',
      partnerId: PARTNER,
      customerTenantId: CUSTOMER,
      customer: { tenantId: CUSTOMER },
      reference: { subscriptionId: 's2' },
      refundReason: 'Ordered the wrong edition',
      requestedAmount: { amount: 500, currency: 'USD' },
      impact: 'Moderate',
      title: 'Cancel s2',
      contact,
      attachments: ['invoice.pdf'],
      requestedAt: '2025-02-03T10:01:00.000Z',
      requestedBy: { userId: admin.userId, tenantId: PARTNER },
      decidedAt: null,
    });
    expect(queue[0]?.description).to.include('Refund reason: Ordered the wrong edition');
  });

  it('lets Support complete and reject by ticket id alone, and then lists each ticket with how it ended', async () => {
    const { engine, ids } = await threeTickets();
    const [first, second] = ids as [string, string];
    const completed = right(await engine.as(support).execute({ type: 'CompleteCancellation', commandId: 'done-1', ticketId: first }));
    expect(completed.events.map((event) => event.type)).to.deep.equal(['CancelCompleted']);
    right(await engine.as(support).execute({ type: 'RejectCancellation', commandId: 'no-2', ticketId: second, reason: 'The key was activated' }));
    expect(right(await engine.as(support).tickets({ status: 'open' })).map((ticket) => ticket.ticketId)).to.deep.equal([ids[2]]);
    const all = right(await engine.as(support).tickets());
    expect(all.find((ticket) => ticket.ticketId === first)).to.deep.include({ status: 'completed', credit: { amount: 500, currency: 'USD' }, creditPercent: 100, decidedBy: { userId: support.userId, tenantId: support.tenantId } });
    expect(all.find((ticket) => ticket.ticketId === second)).to.deep.include({ status: 'rejected', rejectionReason: 'The key was activated' });
  });

  it('refuses a ticket id nobody opened, and a subscription id that is not the ticket\'s, with UnknownTicket', async () => {
    const { engine, ids } = await threeTickets();
    const unknown = await engine.as(support).execute({ type: 'CompleteCancellation', commandId: 'done-x', ticketId: 'TKT-nobody' });
    expect(E.isLeft(unknown) && unknown.left.code).to.equal('UnknownTicket');
    const mismatched = await engine.as(support).execute({ type: 'CompleteCancellation', commandId: 'done-y', ticketId: ids[0], subscriptionId: 's1' });
    expect(E.isLeft(mismatched) && mismatched.left.code).to.equal('UnknownTicket');
  });

  it("shows a partner's AdminAgent its own sales' tickets and a customer's GlobalAdmin its own tenant's, and refuses a role that reads nothing", async () => {
    const { engine } = await threeTickets();
    const partners = right(await engine.as(admin).tickets()).map((ticket) => ticket.subscriptionId);
    expect(partners).to.deep.equal(['s2', 's1']);
    const customers = right(await engine.as({ userId: 'gina@fabrikam', tenantId: OTHER_CUSTOMER, roles: ['GlobalAdmin'] }).tickets()).map((ticket) => ticket.subscriptionId);
    expect(customers).to.deep.equal(['o1']);
    expect(right(await engine.as(support).tickets({ customerTenantId: OTHER_CUSTOMER })).map((ticket) => ticket.subscriptionId)).to.deep.equal(['o1']);
    const refused = await engine.as({ userId: 'sam', tenantId: PARTNER, roles: ['SalesAgent'] }).tickets();
    expect(E.isLeft(refused) && refused.left.code).to.equal('Forbidden');
    const badStatus = await engine.as(support).tickets({ status: 'closed' as 'open' });
    expect(E.isLeft(badStatus) && badStatus.left.code).to.equal('InvalidCommand');
  });

  it('is saved with its checkpoint and restored by the next engine on the same store', async () => {
    const store = inMemoryStore();
    const first = createEngine({ store });
    right(await executeAsActor(first, purchase('s1')));
    right(await executeAsActor(first, requestFor('s1')));
    right(await first.catchUp());
    if (store.projections === undefined) return expect.fail('the in-memory store keeps projection state');
    expect(right(await store.projections.load('tickets')).position).to.equal(2);
    const second = createEngine({ store });
    expect(right(await second.as(support).tickets()).map((ticket) => ticket.subscriptionId)).to.deep.equal(['s1']);
  });
});

describe('a ticket queue reloaded after another process saved first', () => {
  it('keeps confirmed the tickets it folded from the log when the saved ones name the same parties, and not one whose partner was changed', async () => {
    const store = inMemoryStore();
    const engine = createEngine({ store });
    for (const subscriptionId of ['s1', 's2']) {
      right(await executeAsActor(engine, purchase(subscriptionId)));
      right(await executeAsActor(engine, requestFor(subscriptionId)));
    }
    const queue = new TicketQueueProjection();
    const keys = new Set<string>();
    for (const stored of right(await store.readAll({ after: 0, limit: 100 }))) {
      const decoded = decodeStoredEvent(stored);
      if (E.isLeft(decoded)) return expect.fail(decoded.left);
      const key = queue.apply(decoded.right);
      if (key !== undefined) keys.add(key);
    }
    const [first, second] = [...queue.tickets.values()].map((ticket) => ticket.ticketId);
    const saved = new Map([...keys].map((key) => [key, JSON.parse(JSON.stringify(queue.document(key))) as Record<string, unknown>]));
    const secondKey = [...keys].find((key) => key.endsWith(second as string)) as string;
    saved.set(secondKey, { ...(saved.get(secondKey) as Record<string, unknown>), partnerId: OTHER_PARTNER });
    expect(queue.restore(saved)).to.equal('restored');
    expect(queue.isConfirmed(first as string), 'the same parties as the ticket folded').to.equal(true);
    expect(queue.isConfirmed(second as string), 'a partner that is not the one folded').to.equal(false);
  });
});
